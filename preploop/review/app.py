"""The review web app: a queue of orders, one page per report, save, approve and render."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Route

from preploop.report.consistency import check
from preploop.report.findings import Analysis, Evidence
from preploop.report.pipeline import ReportError, entry_for_analysis, load_analysis, run_order
from preploop.report.wording import add_words
from preploop.review.store import MAX_TEXT, ReviewError, digest, orders, save, set_state, state
from preploop.templating import THEME_DIR

STATES = ("to review", "approved", "rendered")


def candidates(analysis: Analysis, principles: list[str]) -> list[Evidence]:
    """Lines a question could rest on: its principles' evidence, then every story's line."""
    seen: dict[str, Evidence] = {}
    for finding in analysis.principles:
        if finding.name in principles:
            for ev in finding.evidence:
                seen.setdefault(ev.line_id, ev)
    for story in analysis.stories:
        seen.setdefault(story.source.line_id, story.source)
    return list(seen.values())[:6]


def apply_form(analysis: Analysis, form: dict) -> tuple[Analysis, list[dict]]:
    """Staff choices onto a copy of the analysis, with a log entry per change."""
    lines = {line_id: text for line_id, text, _kind in analysis.resume.lines()}
    for value in form.values():
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise ReviewError(f"a field of {len(value)} characters: the limit is {MAX_TEXT}")
    new = analysis.model_copy(deep=True)
    changes: list[dict] = []
    for i, q in enumerate(new.questions):
        pick = form.get(f"story-{i}")
        was = q.story.line_id if q.story else "none"
        if pick is None or pick == was:
            continue
        if pick != "none" and pick not in lines:
            raise ReviewError(f"question {i + 1}: unknown resume line '{pick[:40]}'")
        known = {ev.line_id: ev for ev in candidates(analysis, q.principles)}
        q.story = (
            None if pick == "none" else known.get(pick) or Evidence(line_id=pick, text=lines[pick])
        )
        q.story_reason = q.story_words = ""
        changes.append({"field": f"questions.{i}.story", "machine": was, "staff": pick})
    for i, p in enumerate(new.principles):
        pick = form.get(f"strength-{i}")
        if pick is None or pick == p.strength:
            continue
        if pick not in ("proven", "material", "gap"):
            raise ReviewError(f"principle {p.name}: unknown judgment '{pick[:20]}'")
        changes.append({"field": f"principles.{i}.strength", "machine": p.strength, "staff": pick})
        p.strength = pick
    dropped = [i for i in range(len(new.risks)) if form.get(f"drop-risk-{i}")]
    if dropped:
        changes.append({"field": "risks", "machine": len(new.risks), "staff": f"dropped {dropped}"})
        kept = [i for i in range(len(new.risks)) if i not in dropped]
        new.risks = [new.risks[i] for i in kept]
        for stage in new.checklist:  # stages point at risks by index: renumber them
            stage.watch_risks = [kept.index(i) for i in stage.watch_risks if i in kept]
    return new, changes


def create_app(path: Path, catalog, companies_dir: Path) -> Starlette:
    secret = secrets.token_urlsafe(32)  # per app: a form from another run is refused
    env = Environment(loader=FileSystemLoader(THEME_DIR / "review"), autoescape=select_autoescape())
    add_words(env)  # risks are facts: the report's wording turns them into sentences
    files = {p.stem: p for p in orders(path)}

    def page(name: str, status: int = 200, **context) -> HTMLResponse:
        html = env.get_template(name).render(csrf=secret, states=STATES, **context)
        return HTMLResponse(html, status_code=status)

    async def queue(request: Request) -> HTMLResponse:
        wanted = request.query_params.get("state", "")
        rows = []
        for key, file in files.items():
            try:
                a = load_analysis(file)
            except ReportError:
                continue
            if not wanted or state(file) == wanted:
                entry = entry_for_analysis(a, catalog)
                found = len(check(a, entry.company, entry.role))  # contradictions between chapters
                rows.append({"key": key, "a": a, "state": state(file), "warnings": found})
        return page("queue.html", rows=rows, wanted=wanted)

    async def report(request: Request, message: str = "", status: int = 200) -> HTMLResponse:
        file = files.get(request.path_params["key"])
        if file is None:
            return HTMLResponse("no such order", status_code=404)
        a = load_analysis(file)
        return page(
            "report.html",
            status,
            key=file.stem,
            a=a,
            hash=digest(file),
            state=state(file),
            candidates=candidates,
            message=message,
        )

    async def post(request: Request) -> HTMLResponse | RedirectResponse:
        file = files.get(request.path_params["key"])
        if file is None:
            return HTMLResponse("no such order", status_code=404)
        form = dict(await request.form())
        if not hmac.compare_digest(str(form.get("csrf", "")), secret):
            return HTMLResponse("refused: this form did not come from this app", status_code=403)
        try:
            new, changes = apply_form(load_analysis(file), form)
            save(file, new, str(form.get("hash", "")), changes)
            action = form.get("action")
            if action in ("approve", "render"):
                set_state(file, "approved")
            if action == "render":
                run_order(
                    file,
                    catalog,
                    companies_dir,
                    today=dt.date.today(),
                    pdf_out=file.with_suffix(".pdf"),
                )
                set_state(file, "rendered")
        except ReportError as err:
            return await report(request, message=str(err), status=409)
        return RedirectResponse(f"/order/{file.stem}", status_code=303)

    return Starlette(
        routes=[
            Route("/", queue),
            Route("/order/{key}", report, methods=["GET"]),
            Route("/order/{key}", post, methods=["POST"]),
        ]
    )
