"""`prep review`: the real app on a real analysis, driven with Starlette's TestClient."""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, prep
from starlette.testclient import TestClient

from preploop.catalog import load_catalog
from preploop.cli import main
from preploop.report.pipeline import entry_for_analysis, load_analysis
from preploop.report.wording import plain
from preploop.review.app import create_app
from preploop.review.redraft import draft_story

EXAMPLES = ROOT / "examples"
COMPANIES = ROOT / "companies"
LOCAL = "http://127.0.0.1"  # the app answers only to loopback names


def _analysis(out, company: str, folder: str, job: str, name: str):
    """`prep report` on an example, with its analysis written beside the PDF."""
    args = [
        "report",
        "--company",
        company,
        "--role",
        "product-manager",
        "--resume",
        EXAMPLES / folder / "resume.md",
        "--jd",
        EXAMPLES / folder / job,
        "--name",
        name,
        "--out",
        out / "r.pdf",
        "--analysis-out",
        out / "a.json",
        "--as-of",
        "2026-11-26",
        "--companies",
        COMPANIES,
    ]
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return out / "a.json"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("made")
    return _analysis(out, "netflix", "strong-pm", "job.txt", "Jordan Rivera")


@pytest.fixture(scope="module")
def made_switcher(tmp_path_factory):
    """The career switcher, whose report has three risks (the strong example's stories
    answer all but one of its own)."""
    out = tmp_path_factory.mktemp("switcher")
    return _analysis(out, "stripe", "career-switcher", "job.md", "Priya Nair")


@pytest.fixture
def switcher_client(made_switcher, tmp_path):
    shutil.copy(made_switcher, tmp_path / "a.json")
    app = create_app(tmp_path, load_catalog(COMPANIES), COMPANIES)
    return TestClient(app, base_url=LOCAL), tmp_path / "a.json"


@pytest.fixture
def client(made, tmp_path):
    shutil.copy(made, tmp_path / "a.json")
    app = create_app(tmp_path, load_catalog(COMPANIES), COMPANIES)
    return TestClient(app, base_url=LOCAL), tmp_path / "a.json"


def form_of(client) -> dict:
    html = client.get("/order/a").text
    return {
        "csrf": re.search(r'name="csrf" value="([^"]+)"', html)[1],
        "hash": re.search(r'name="hash" value="([^"]+)"', html)[1],
    }


def test_queue_lists_the_order(client):
    app, _ = client
    page = app.get("/")
    assert "Jordan Rivera" in page.text and "to review" in page.text


def test_a_post_without_the_token_is_refused(client):
    app, file = client
    before = file.read_bytes()
    form = form_of(app) | {"csrf": "forged", "story-0": "none"}
    assert app.post("/order/a", data=form).status_code == 403
    assert file.read_bytes() == before


def test_stale_hash_and_unknown_line_change_nothing(client):
    app, file = client
    before = file.read_bytes()
    stale = form_of(app) | {"hash": "0" * 64, "story-0": "none"}
    page = app.post("/order/a", data=stale)
    assert page.status_code == 409 and "changed since this page was loaded" in page.text
    unknown = form_of(app) | {"story-0": "p99.b99"}
    page = app.post("/order/a", data=unknown)
    assert page.status_code == 409 and "unknown resume line" in page.text
    assert file.read_bytes() == before


@pytest.mark.slow
def test_another_story_then_render_shows_it(client):
    app, file = client
    analysis = load_analysis(file)
    lines = {q.story.line_id for q in analysis.questions if q.story}
    other = next(
        lid
        for lid, text, kind in analysis.resume.lines()
        if kind == "bullet" and lid not in lines and len(text) > 40
    )
    text = dict((lid, t) for lid, t, _ in analysis.resume.lines())[other]
    original = file.read_bytes()
    page = app.post("/order/a", data=form_of(app) | {"story-0": other, "action": "render"})
    assert page.status_code == 200, page.text[:500]
    assert load_analysis(file).questions[0].story.line_id == other
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert (file.parent / "a.original.json").read_bytes() == original
    assert f'"staff": "{other}"' in (file.parent / "a.review.jsonl").read_text()
    assert (file.parent / "a.state").read_text() == "rendered"
    from pdfminer.high_level import extract_text

    shown = " ".join(extract_text(file.with_suffix(".pdf")).split())
    assert " ".join(text.split())[:40] in shown


def test_cli_help_and_no_silent_public_host():
    result = CliRunner().invoke(main, ["review", "--help"])
    assert result.exit_code == 0 and "--host" in result.output
    assert "127.0.0.1" in result.output  # the default bind is loopback


def test_a_field_too_long_changes_nothing(client):
    app, file = client
    before = file.read_bytes()
    page = app.post("/order/a", data=form_of(app) | {"story-0": "x" * 20_001})
    assert page.status_code == 409 and "the limit is 20000" in page.text
    assert file.read_bytes() == before


def test_queue_filters_by_state(client):
    app, _ = client
    assert "Jordan Rivera" not in app.get("/?state=rendered").text


def test_dropping_a_risk_keeps_the_checklist_valid(client):
    app, file = client
    count = len(load_analysis(file).risks)
    assert count, "the example has risks"
    page = app.post("/order/a", data=form_of(app) | {"drop-risk-0": "1"})
    assert page.status_code == 200, page.text[:300]
    after = load_analysis(file)
    assert len(after.risks) == count - 1
    assert all(i < len(after.risks) for s in after.checklist for i in s.watch_risks)


def post(app, **fields):
    return app.post("/order/a", data=form_of(app) | fields)


def pdf_text(pdf) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_a_note_is_saved_escaped_and_older_analyses_load(client):
    app, file = client
    page = post(app, note="Lead with the <b>carousel</b> story.\r\nGood luck!")
    assert page.status_code == 200
    assert load_analysis(file).note == "Lead with the <b>carousel</b> story.\nGood luck!"
    assert "&lt;b&gt;carousel" in page.text and "<b>carousel" not in page.text
    assert '"field": "note"' in (file.parent / "a.review.jsonl").read_text()
    older = json.loads(file.read_text())
    del older["note"]
    file.write_text(json.dumps(older))
    assert load_analysis(file).note == ""
    before = file.read_bytes()
    page = post(app, note="x" * 1501)
    assert page.status_code == 409 and "note" in page.text and file.read_bytes() == before
    # Eight lines at most (blank lines apart): the note stays on the contents page.
    assert post(app, note="\n\n".join(["A line."] * 8)).status_code == 200
    page = post(app, note="\n".join(["A line."] * 9))
    assert page.status_code == 409 and "the note: 9 lines, limit 8" in page.text


def test_a_star_edit_with_invented_words_is_flagged_until_confirmed(client):
    app, file = client
    story = load_analysis(file).stories[0]
    edited = story.action + " It cut costs by 97% at Initech."
    before = file.read_bytes()
    page = post(app, **{"star-0-action": edited})
    assert page.status_code == 409 and file.read_bytes() == before
    assert "Not in the resume: 97, Initech" in page.text
    assert "It cut costs by 97% at Initech." in page.text  # staff's text is kept in the form
    log = [json.loads(line) for line in (file.parent / "a.review.jsonl").read_text().splitlines()]
    assert log[-1] == {"field": "stories.0", "flagged": ["97", "Initech"], "saved": False}
    page = post(app, **{"star-0-action": edited, "confirm-star-0": "1"})
    assert page.status_code == 200, page.text[:300]
    saved = load_analysis(file).stories[0]
    assert saved.action == edited and saved.edited
    log = [json.loads(line) for line in (file.parent / "a.review.jsonl").read_text().splitlines()]
    assert log[-1]["flagged"] == ["97", "Initech"] and log[-1]["confirmed"] is True


def test_prompts_are_edited_one_a_line(client):
    app, file = client
    page = post(app, **{"star-1-prompts": "who asked for it\r\n\r\nwhat it cost"})
    assert page.status_code == 200
    assert load_analysis(file).stories[1].prompts == ["who asked for it", "what it cost"]


def test_risks_move_and_take_staff_text(switcher_client):
    app, file = switcher_client
    first, second = load_analysis(file).risks[:2]
    page = post(app, move="down-0", **{"risk-0-why": "Staff <i>know</i> better."})
    assert page.status_code == 200, page.text[:300]
    after = load_analysis(file)
    assert after.risks[0].title == second.title and after.risks[1].title == first.title
    assert plain(after.risks[1].why) == "Staff <i>know</i> better."
    assert "Staff &lt;i&gt;know&lt;/i&gt; better." in app.get("/order/a").text
    before = file.read_bytes()
    assert post(app, **{"risk-0-title": "y" * 601}).status_code == 409
    assert post(app, **{"risk-0-title": "  "}).status_code == 409
    assert file.read_bytes() == before


def test_a_new_pick_redrafts_its_story_unless_staff_wrote_it(client, made):
    app, file = client
    a = load_analysis(file)
    drafted = {s.source.line_id for s in a.stories}
    i, q = next(
        (i, q)
        for i, q in enumerate(a.questions)
        if q.story
        and [s.questions for s in a.stories if s.source.line_id == q.story.line_id] == [[q.id]]
    )
    slot = next(j for j, s in enumerate(a.stories) if s.source.line_id == q.story.line_id)
    new = next(lid for lid, _, kind in a.resume.lines() if kind == "bullet" and lid not in drafted)
    entry = entry_for_analysis(a, load_catalog(COMPANIES))
    expected = draft_story(a, entry, q.id, new)
    assert post(app, **{f"story-{i}": new}).status_code == 200
    story = load_analysis(file).stories[slot]
    assert story.source.line_id == new and story.questions == [q.id]
    assert story.action == expected.action and not story.edited
    # Staff rewrite that draft; a pick back does not overwrite it.
    assert post(app, **{f"star-{slot}-task": "My own task."}).status_code == 200
    assert post(app, **{f"story-{i}": q.story.line_id}).status_code == 200
    kept = load_analysis(file).stories[slot]
    assert kept.task == "My own task." and kept.edited and kept.source.line_id == new


def test_any_resume_line_is_shown_and_can_be_picked(client):
    app, file = client
    a = load_analysis(file)
    page = app.get("/order/a").text
    for lid, _text, _ in a.resume.lines()[:5]:
        assert f"<code>{lid}</code>" in page
    skill = next(lid for lid, _, kind in a.resume.lines() if kind == "skills")
    assert post(app, **{"story-line-0": skill}).status_code == 200
    assert load_analysis(file).questions[0].story.line_id == skill
    assert post(app, **{"story-line-1": "p99.b0"}).status_code == 409


@pytest.mark.slow
def test_render_prints_the_corrections_and_shows_previews(client):
    app, file = client
    star = load_analysis(file).stories[0].result + " The Lumen board cheered."
    fields = {
        "note": "Practise the carousel story <b>twice</b>.",
        "risk-0-why": "A reviewer's reason, <i>kept</i> as typed.",
        "star-0-result": star,
        "confirm-star-0": "1",
        "action": "render",
    }
    page = post(app, **fields)
    assert page.status_code == 200, page.text[:500]
    shown = pdf_text(file.with_suffix(".pdf"))
    assert "A NOTE FROM YOUR REVIEWER" in shown.upper()
    assert "Practise the carousel story <b>twice</b>." in shown  # escaped: shown as typed
    assert "A reviewer's reason, <i>kept</i> as typed." in shown
    assert "The Lumen board cheered." in shown
    pngs = sorted(file.parent.glob("a.page-*.png"))
    assert len(pngs) == 2
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in pngs)
    assert 'src="/order/a/preview/a.page-1.png"' in page.text
    image = app.get("/order/a/preview/a.page-1.png")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    assert app.get("/order/a/preview/..%2Fa.json").status_code == 404


def test_export_labels_keeps_corrections_and_replaces_what_identifies(client, tmp_path):
    app, file = client
    a = load_analysis(file)
    employer = a.resume.positions[0].employer
    star = (
        f"I told Jordan at {employer} (jordan@example.com, +1 (415) 555-0134, "
        "linkedin.com/in/jrivera) we saved $4.2M."
    )
    i = untold(a)
    told = next(k for k, q in enumerate(a.questions) if q.story)  # a story staff take away
    fields = {
        f"story-{told}": "none",
        "strength-0": "gap" if a.principles[0].strength != "gap" else "material",
        "star-0-action": star,
        "confirm-star-0": "1",
        f"prompt-{i}": f"At {employer}, which launch of 2023 had no plan until you made one?",
    }
    assert post(app, **fields).status_code == 200
    out = tmp_path / "labels"
    args = ["review", "export-labels", str(file.parent), str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "0 corrections from 0 approved orders" in result.output
    assert post(app, action="approve").status_code == 200
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "4 corrections from 1 approved orders" in result.output
    (written,) = out.glob("review-*.yaml")
    text = written.read_text()
    for private in ("Jordan", "Rivera", employer, "example.com", "415", "jrivera", "4.2"):
        assert private not in text, private
    case = yaml.safe_load(text)
    assert case["company"] == "netflix" and case["stories"][0]["staff"] is None
    assert case["stories"][0]["machine"]["kind"] == "bullet"
    assert case["judgments"][0]["principle"] == a.principles[0].id
    drafted = case["drafts"][0]
    assert drafted["field"] == "action"
    assert (
        drafted["staff"]
        == "I told [name] at [employer] ([email], [phone], [link]) we saved $[number]M."
    )
    (prompt,) = case["prompts"]
    assert prompt["question"] == a.questions[i].id
    assert (
        prompt["staff"] == "At [employer], which launch of [number] had no plan until you made one?"
    )


def test_export_labels_replaces_the_employer_and_keeps_the_product(client):
    """Only what identifies the candidate is replaced: a product, a team or a tool a line
    names is what the story is about."""
    from preploop.review.labels import scrubber

    _, file = client
    a = load_analysis(file)
    employer = a.resume.positions[0].employer  # "Lumen Streaming"
    school = a.resume.education[0].institution
    scrub = scrubber(a)
    line = (
        f"Moved Continue Watching above the fold at {employer} ({employer.split()[0]} for short), "
        f"after a Looker dashboard and an Amplitude funnel showed 3.1% fewer play starts on Android"
    )
    assert scrub(line) == (
        "Moved Continue Watching above the fold at [employer] ([employer] for short), after a "
        "Looker dashboard and an Amplitude funnel showed [number]% fewer play starts on Android"
    )
    assert scrub(f"Jordan Rivera studied at {school}") == "[name] studied at [school]"
    assert scrub("JORDAN RIVERA, call 020 7946 0958") == "[name], call [phone]"
    assert scrub("Will Jordan mark the Q3 launch?") == "Will [name] mark the Q[number] launch?"


def test_export_labels_refuses_a_file_as_its_folder(client, tmp_path):
    _, file = client
    (tmp_path / "taken").write_text("")
    args = ["review", "export-labels", str(file), str(tmp_path / "taken")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "not a folder" in result.output
    assert "Traceback" not in result.output


def test_a_flagged_edit_shows_every_other_edit_of_the_form_back(client):
    app, file = client
    before = file.read_bytes()
    story = load_analysis(file).stories[0]
    fields = {"star-0-action": story.action + " Won 3 awards.", "note": "Keep this note."}
    page = post(app, **fields)
    assert page.status_code == 409 and file.read_bytes() == before
    assert "Keep this note." in page.text and "Won 3 awards." in page.text


def test_a_flagged_save_shows_the_form_back_in_the_files_order(switcher_client):
    app, file = switcher_client
    a = load_analysis(file)
    fields = {
        "move": "down-0",
        "drop-risk-1": "1",
        "risk-0-why": "Typed by staff.",
        "strength-0": "gap",
        "star-0-action": a.stories[0].action + " Won 3 awards.",
    }
    page = post(app, **fields)
    assert page.status_code == 409
    first = re.search(r'name="risk-0-title"[^>]*>([^<]*)<', page.text)[1]
    assert first == plain(a.risks[0].title)  # the file's order: the indexes stay true
    assert re.search(r'name="risk-0-why"[^>]*>Typed by staff.<', page.text)
    assert re.search(r'name="drop-risk-1" value="1" checked', page.text)
    assert re.search(r'name="strength-0" value="gap" checked', page.text)
    assert not re.search(r'name="confirm-star-0" value="1" checked', page.text)


@pytest.mark.slow
def test_batch_review_queues_analyses_without_rendering(tmp_path):
    orders = tmp_path / "orders.csv"
    resume, job = EXAMPLES / "junior-pm/resume.md", EXAMPLES / "junior-pm/job.txt"
    orders.write_text(
        "order_id,name,company,role,resume,jd\n"
        f"EX-004,Taylor Brooks,airbnb,product-manager,{resume},{job}\n"
    )
    out = tmp_path / "reports"
    args = ["batch", orders, "--out-dir", out, "--jobs", "1", "--review", "--as-of", "2026-11-26"]
    result = prep(*args)
    assert result.returncode == 0, result.stderr
    assert (out / "EX-004.json").exists() and not (out / "EX-004.pdf").exists()
    app = TestClient(create_app(out, load_catalog(COMPANIES), COMPANIES), base_url=LOCAL)
    assert "Taylor Brooks" in app.get("/?state=to+review").text
    # Once staff save a correction, a batch never analyses the order again.
    page = app.get("/order/EX-004").text
    form = {k: re.search(rf'name="{k}" value="([^"]+)"', page)[1] for k in ("csrf", "hash")}
    assert app.post("/order/EX-004", data=form | {"note": "Checked."}).status_code == 200
    again = prep(*args[:-3], "--as-of", "2026-11-26")  # without --review: would render
    assert again.returncode == 0 and "1 skipped" in again.stdout
    assert load_analysis(out / "EX-004.json").note == "Checked."


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"note": "x" * 1_000_000}, "the limit is 20000"),
        ({"strength-0": "certain"}, "unknown judgment"),
        ({"story-line-2": "p0.b999"}, "unknown resume line"),
        ({"star-0-task": "y" * 2001}, "limit 2000"),
    ],
    ids=["1 MB", "broken judgment", "unknown line", "long STAR field"],
)
def test_a_bad_edit_says_what_and_changes_nothing(client, fields, said):
    app, file = client
    before = file.read_bytes()
    page = post(app, **fields)
    assert page.status_code == 409 and said in page.text
    assert file.read_bytes() == before


def untold(analysis) -> int:
    """The first question the analysis leaves without a story whose prompt is about a job."""
    return next(
        i
        for i, q in enumerate(analysis.questions)
        if q.story is None and q.story_prompt.code == "story.find.at"
    )


def test_the_prompt_of_a_question_without_a_story_is_edited_through_the_guard(client):
    app, file = client
    a = load_analysis(file)
    i = untold(a)
    machine = plain(a.questions[i].story_prompt)
    shown = app.get("/order/a").text
    assert f'name="prompt-{i}"' in shown  # only questions without a story show theirs
    assert not any(f'name="prompt-{n}"' in shown for n, q in enumerate(a.questions) if q.story)
    edited = "At Initech, which of your 97 launches had no plan until you made one?"
    before = file.read_bytes()
    page = post(app, **{f"prompt-{i}": edited})
    assert page.status_code == 409 and file.read_bytes() == before
    assert "Not in the resume: 97, Initech" in page.text and edited in page.text
    assert f'name="confirm-prompt-{i}"' in page.text
    log = [json.loads(line) for line in (file.parent / "a.review.jsonl").read_text().splitlines()]
    assert log[-1] == {"field": f"questions.{i}", "flagged": ["Initech", "97"], "saved": False}
    page = post(app, **{f"prompt-{i}": edited, f"confirm-prompt-{i}": "1"})
    assert page.status_code == 200, page.text[:300]
    saved = load_analysis(file).questions[i].story_prompt
    assert saved.code == "staff.text" and plain(saved) == edited
    log = [json.loads(line) for line in (file.parent / "a.review.jsonl").read_text().splitlines()]
    assert log[-1] == {
        "field": f"questions.{i}.story_prompt",
        "machine": machine,
        "staff": edited,
        "flagged": ["Initech", "97"],
        "confirmed": True,
    }
    # Words from the resume need no confirmation; an empty prompt is refused.
    employer = a.resume.positions[0].employer
    assert (
        post(app, **{f"prompt-{i}": f"At {employer}, when did you plan alone?"}).status_code == 200
    )
    assert post(app, **{f"prompt-{i}": "  "}).status_code == 409


def test_a_question_given_no_story_gets_the_pipelines_prompt_to_find_one(client):
    app, file = client
    a = load_analysis(file)
    i = next(i for i, q in enumerate(a.questions) if q.story)
    assert a.questions[i].story_prompt.code.startswith("story.tell.")
    assert post(app, **{f"story-{i}": "none"}).status_code == 200
    after = load_analysis(file).questions[i]
    assert after.story is None and after.story_prompt.code == "story.find.at"
    assert f'name="prompt-{i}"' in app.get("/order/a").text  # now editable
    j = untold(a)
    line = a.questions[i].story.line_id
    assert post(app, **{f"story-{j}": line}).status_code == 200
    assert load_analysis(file).questions[j].story_prompt.code.startswith("story.tell.")


@pytest.mark.slow
def test_an_edited_prompt_is_printed_in_the_report(client):
    app, file = client
    i = untold(load_analysis(file))
    text = "At Lumen, look at the <b>carousel</b> year first: [add: what you planned]"
    page = post(app, **{f"prompt-{i}": text, "action": "render"})
    assert page.status_code == 200, page.text[:300]
    shown = pdf_text(file.with_suffix(".pdf"))
    assert "At Lumen, look at the <b>carousel</b> year first:" in shown  # escaped, as typed
    assert "ADD WHAT YOU PLANNED" in shown.upper()  # a fill-in box, as the machine's have


def page_form(html: str) -> dict:
    """Every field a browser would send from the page's form, as the page shows it."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").select_one("form")
    fields = {}
    for node in form.select("input[name], textarea[name]"):
        kind = node.get("type", "text")
        if kind in ("radio", "checkbox") and not node.has_attr("checked"):
            continue
        fields[node["name"]] = node.text if node.name == "textarea" else node.get("value", "")
    return fields


def tab(app) -> dict:
    """A second browser tab: the page's form as loaded now."""
    return page_form(app.get("/order/a").text)


def test_the_merge_reads_the_form_as_the_page_shows_it(client):
    """What a merge takes for "unchanged" is what the page's form holds, field by field."""
    from preploop.review.merge import form_values

    app, file = client
    shown = tab(app)
    for key, value in form_values(load_analysis(file)).items():
        assert " ".join(shown[key].split()) == " ".join(value.split()), key


def test_a_stale_page_that_changed_another_field_is_merged(client):
    app, file = client
    a = load_analysis(file)
    first, second, third = tab(app), tab(app), tab(app)
    assert app.post("/order/a", data=first | {"note": "From the first tab."}).status_code == 200
    i = next(i for i, q in enumerate(a.questions) if q.story)
    page = app.post(
        "/order/a", data=second | {"risk-0-why": "From the second tab.", f"story-{i}": "none"}
    )
    assert page.status_code == 200, page.text[:400]
    assert "the changes of both are kept" in page.text
    after = load_analysis(file)
    assert after.note == "From the first tab."  # the first tab's change, not undone
    assert plain(after.risks[0].why) == "From the second tab."
    assert after.questions[i].story is None
    log = [json.loads(line) for line in (file.parent / "a.review.jsonl").read_text().splitlines()]
    fields = [(entry["field"], entry.get("merged", False)) for entry in log]
    assert fields == [("note", False), (f"questions.{i}.story", True), ("risks.0.why", True)]
    # A third tab, loaded before both saves, still merges a change of its own.
    judgment = "gap" if a.principles[0].strength != "gap" else "material"
    page = app.post("/order/a", data=third | {"strength-0": judgment})
    assert page.status_code == 200, page.text[:400]
    after = load_analysis(file)
    assert after.principles[0].strength == judgment and after.note == "From the first tab."
    assert plain(after.risks[0].why) == "From the second tab."
    # The versions a stale page is merged from: owner-only, beside the order.
    versions = file.parent / "a.versions"
    assert stat.S_IMODE(versions.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(v.stat().st_mode) == 0o600 for v in versions.iterdir())


def test_a_stale_page_that_changed_the_same_field_is_refused_with_its_changes(client):
    app, file = client
    first, second = tab(app), tab(app)
    assert app.post("/order/a", data=first | {"note": "First."}).status_code == 200
    saved = file.read_bytes()
    page = app.post("/order/a", data=second | {"note": "Second.", "strength-0": "gap"})
    assert page.status_code == 409
    assert "changed by both: the note" in page.text
    unsaved = page.text[page.text.index("Your changes, not saved") :]
    assert "Second." in unsaved and "gap" in unsaved  # every change of the page is listed
    assert file.read_bytes() == saved


def test_risks_moved_in_one_tab_and_edited_in_another_are_refused(switcher_client):
    app, file = switcher_client
    first, second = tab(app), tab(app)
    assert app.post("/order/a", data=first | {"move": "down-0"}).status_code == 200
    page = app.post("/order/a", data=second | {"risk-1-why": "Edited on an older page."})
    assert page.status_code == 409 and "changed by both: risk 1" in page.text
    # Different risks are different fields: a rename in one tab, a drop in another, merged.
    third, fourth = tab(app), tab(app)
    assert app.post("/order/a", data=third | {"risk-0-title": "Renamed."}).status_code == 200
    count = len(load_analysis(file).risks)
    assert count == 3, "the example has three risks"
    page = app.post("/order/a", data=fourth | {"drop-risk-2": "1"})
    assert page.status_code == 200, page.text[:300]
    after = load_analysis(file)
    assert len(after.risks) == 2 and plain(after.risks[0].title) == "Renamed."


def test_a_merged_edit_with_invented_words_waits_for_confirmation(client):
    app, file = client
    a = load_analysis(file)
    first, second = tab(app), tab(app)
    assert app.post("/order/a", data=first | {"note": "Kept."}).status_code == 200
    saved = file.read_bytes()
    edited = a.stories[1].action + " It won 97 awards at Initech."
    page = app.post("/order/a", data=second | {"star-1-action": edited})
    assert page.status_code == 409 and file.read_bytes() == saved
    assert "Not in the resume: 97, Initech" in page.text
    assert "another save came first, and its changes are on this page" in page.text
    shown = page_form(page.text)  # the page as it is now, with this tab's edit on it
    assert shown["note"] == "Kept." and shown["star-1-action"] == edited
    page = app.post("/order/a", data=shown | {"confirm-star-1": "1"})
    assert page.status_code == 200, page.text[:300]
    after = load_analysis(file)
    assert after.note == "Kept." and after.stories[1].action == edited


def test_a_page_older_than_the_versions_kept_is_refused(client, monkeypatch):
    from preploop.review import store

    app, file = client
    first = tab(app)
    monkeypatch.setattr(store, "settings", lambda: type("S", (), {"keep_versions": 1})())
    for n in range(2):
        assert app.post("/order/a", data=tab(app) | {"note": f"Save {n}."}).status_code == 200
    assert len(list((file.parent / "a.versions").glob("*.json"))) == 1
    page = app.post("/order/a", data=first | {"strength-0": "gap"})
    assert page.status_code == 409 and "reload it; nothing saved" in page.text
    assert load_analysis(file).note == "Save 1."


# -- hostile requests (issue 19) ----------------------------------------------------------


def test_a_page_asked_for_by_another_host_name_is_refused(client):
    """DNS rebinding: a web page that points its own name at 127.0.0.1 gets nothing."""
    app, _ = client
    assert app.get("/", headers={"host": "evil.example:8000"}).status_code == 400
    page = app.get("/order/a", headers={"host": "attacker.test"})
    assert page.status_code == 400 and "Jordan" not in page.text
    for name in ("127.0.0.1:5000", "localhost:5000", "[::1]:5000"):
        assert app.get("/", headers={"host": name}).status_code == 200, name


def test_oversized_or_flooding_posts_are_refused_unread(client):
    app, file = client
    before = file.read_bytes()
    form = form_of(app)
    huge = app.post("/order/a", data=form | {"note": "x" * 3_000_000})
    assert huge.status_code == 413 and "larger than 2,000,000 bytes" in huge.text

    def chunks():  # no Content-Length: the stream itself is cut off at the limit
        yield b"csrf=" + form["csrf"].encode() + b"&note="
        for _ in range(100):
            yield b"y" * 100_000

    streamed = app.post(
        "/order/a",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert streamed.status_code == 413
    fields = "&".join(f"f{i}=1" for i in range(5_000))
    flood = app.post(
        "/order/a",
        content=f"csrf={form['csrf']}&{fields}",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert flood.status_code == 413 and "more than 2,000 fields" in flood.text
    assert file.read_bytes() == before


def test_a_real_page_posts_far_below_the_limits(client):
    """The limits leave room: the whole form of a real report page, every field filled."""
    app, _ = client
    html = app.get("/order/a").text
    names = set(re.findall(r'name="([^"]+)"', html))
    body = "&".join(f"{name}={'z' * 200}" for name in names)
    assert len(names) < 400 and len(body.encode()) < 200_000


@pytest.mark.parametrize(
    "path",
    [
        "/order/..%2F..%2Fetc%2Fpasswd",
        "/order/a.original",
        "/order/a/preview/..%2F..%2Fa.json",
        "/order/a/preview/%2Fetc%2Fpasswd",
    ],
)
def test_path_like_keys_open_no_file(client, path):
    app, _ = client
    page = app.get(path)
    assert page.status_code == 404 and "root:" not in page.text and "candidate" not in page.text


def test_path_like_field_values_change_nothing(client):
    app, file = client
    before = file.read_bytes()
    for value in ("../../etc/passwd", "/etc/passwd", "p0.b0/../../x", "\x00"):
        page = app.post("/order/a", data=form_of(app) | {"story-0": value})
        assert page.status_code == 409 and "unknown resume line" in page.text, value
    assert file.read_bytes() == before
    assert sorted(p.name for p in file.parent.iterdir()) == ["a.json"]


def test_an_order_file_broken_by_hand_is_named_not_a_crash(client):
    app, file = client
    data = json.loads(file.read_text())
    data["checklist"][0]["watch_risks"] = [99]
    data["stories"][0]["questions"] = ["<b>nope</b>"]
    file.write_text(json.dumps(data))
    page = app.get("/order/a")
    assert page.status_code == 409 and "2 problems in the analysis" in page.text
    assert "checklist.0.watch_risks: 99 is no risk" in page.text
    assert "&lt;b&gt;nope&lt;/b&gt;" in page.text and "<b>" not in page.text
