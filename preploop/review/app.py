"""The review web app: a queue of orders, one page per report, save, approve and render."""

from __future__ import annotations

import datetime as dt
import hmac
import html
import secrets
import urllib.parse
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from preploop.report.consistency import check
from preploop.report.pipeline import ReportError, entry_for_analysis, load_analysis, run_order
from preploop.report.wording import add_words, plain
from preploop.review.edits import RISK_TEXT, STAR, Flagged, apply_form, attempted, candidates
from preploop.review.merge import rebase
from preploop.review.previews import preview_paths, write_previews
from preploop.review.settings import settings
from preploop.review.store import (
    CONFLICT,
    MERGED,
    STALE,
    digest,
    log_changes,
    orders,
    save,
    set_state,
    state,
    version,
)
from preploop.templating import THEME_DIR

STATES = ("to review", "approved", "rendered")
# Host names a page on loopback is asked for by: any other name is a web page that
# pointed its own domain at 127.0.0.1 (DNS rebinding) to read resumes from here.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


class PostRefused(Exception):
    """A posted form too large or malformed to read."""


async def read_form(request: Request) -> dict[str, str]:
    """The posted form, read only up to the limits in settings.yaml: a flood is refused
    before it fills memory (Starlette's own form parser reads any size)."""
    limit = settings().max_post_bytes
    declared = request.headers.get("content-length", "")
    if declared and (not declared.isdigit() or int(declared) > limit):
        raise PostRefused(f"the form is larger than {limit:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise PostRefused(f"the form is larger than {limit:,} bytes")
    try:
        pairs = urllib.parse.parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            max_num_fields=settings().max_post_fields,
        )
    except UnicodeDecodeError:
        raise PostRefused("the form is not UTF-8 text") from None
    except ValueError:
        raise PostRefused(f"the form has more than {settings().max_post_fields:,} fields") from None
    return dict(pairs)


def create_app(
    path: Path, catalog, companies_dir: Path, hosts: tuple[str, ...] | None = LOOPBACK_HOSTS
) -> Starlette:
    """The app over the analyses at `path`. `hosts`: the names it answers to (None: any,
    for a non-loopback --host, which already warns)."""
    secret = secrets.token_urlsafe(32)  # per app: a form from another run is refused
    env = Environment(loader=FileSystemLoader(THEME_DIR / "review"), autoescape=select_autoescape())
    add_words(env)  # risks are facts: the report's wording turns them into sentences
    env.globals.update(
        candidates=candidates, plain=plain, STAR=STAR, RISK_TEXT=RISK_TEXT, limits=settings()
    )
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

    async def report(
        request: Request,
        message: str = "",
        status: int = 200,
        posted: dict | None = None,
        flagged: dict | None = None,
        unsaved: list | None = None,
    ) -> HTMLResponse:
        file = files.get(request.path_params["key"])
        if file is None:
            return HTMLResponse("no such order", status_code=404)
        merged = request.query_params.get("saved") == "merged" and not message
        pdf = file.with_suffix(".pdf")
        try:
            analysis = load_analysis(file)
        except ReportError as err:  # a file edited by hand: say what, do not crash
            problems = html.escape("; ".join([*err.details(), str(err)]))
            return HTMLResponse(f"cannot show this order: {problems}", status_code=409)
        return page(
            "report.html",
            status,
            key=file.stem,
            a=analysis,
            posted=posted or {},  # a form shown back keeps what staff typed and chose
            hash=digest(file),
            state=state(file),
            message=message,
            done=MERGED if merged else "",
            flagged=flagged or {},
            unsaved=unsaved or [],
            previews=[p.name for p in preview_paths(pdf)] if pdf.exists() else [],
        )

    async def post(request: Request) -> HTMLResponse | RedirectResponse:
        file = files.get(request.path_params["key"])
        if file is None:
            return HTMLResponse("no such order", status_code=404)
        try:
            form = await read_form(request)
        except PostRefused as err:
            return HTMLResponse(f"refused: {err}", status_code=413)
        if not hmac.compare_digest(str(form.get("csrf", "")), secret):
            return HTMLResponse("refused: this form did not come from this app", status_code=403)
        merged = False
        try:
            analysis = load_analysis(file)
            entry = entry_for_analysis(analysis, catalog)
            now = digest(file)
            if str(form.get("hash", "")) != now:  # another save came first: merge, or refuse
                base = version(file, str(form.get("hash", "")))
                if base is None:  # a page older than the versions kept: never echo it
                    return await report(
                        request, STALE, 409, unsaved=attempted(analysis, form, entry)
                    )
                mine, both = rebase(form, base, analysis)
                if both:
                    message = f"{CONFLICT} (changed by both: {', '.join(both)})"
                    unsaved = attempted(base, form, entry)
                    return await report(request, message, 409, unsaved=unsaved)
                form, merged = {**mine, "hash": now}, True
            new, changes = apply_form(analysis, form, entry)
            if merged:  # the log says which saves were made on a page another save outdated
                changes = [change | {"merged": True} for change in changes]
            save(file, new, now, changes)
            action = form.get("action")
            if action in ("approve", "render"):
                set_state(file, "approved")
            if action == "render":
                pdf = file.with_suffix(".pdf")
                run_order(file, catalog, companies_dir, today=dt.date.today(), pdf_out=pdf)
                set_state(file, "rendered")
                write_previews(pdf, settings().preview_pages, settings().preview_dpi)
        except Flagged as err:  # shown with staff's text kept in the form, and logged
            log_changes(
                file,
                [{"field": key, "flagged": t, "saved": False} for key, t in err.flagged.items()],
            )
            message = str(err) + (
                "; another save came first, and its changes are on this page" if merged else ""
            )
            return await report(request, message, 409, posted=form, flagged=err.flagged)
        except ReportError as err:
            return await report(request, message=str(err), status=409)
        return RedirectResponse(
            f"/order/{file.stem}" + ("?saved=merged" if merged else ""), status_code=303
        )

    async def preview(request: Request) -> Response:
        file = files.get(request.path_params["key"])
        name = request.path_params["name"]
        if file is None:
            return HTMLResponse("no such order", status_code=404)
        known = {p.name: p for p in preview_paths(file.with_suffix(".pdf"))}
        if name not in known:  # only files this app wrote: no path from the URL is opened
            return HTMLResponse("no such preview", status_code=404)
        return FileResponse(known[name], media_type="image/png")

    return Starlette(
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts or ["*"]))],
        routes=[
            Route("/", queue),
            Route("/order/{key}", report, methods=["GET"]),
            Route("/order/{key}", post, methods=["POST"]),
            Route("/order/{key}/preview/{name}", preview),
        ],
    )
