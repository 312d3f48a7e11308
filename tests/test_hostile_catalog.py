"""Hostile catalogs: every odd or malicious input is one clear problem line, or safe output.

The table drives the real `prep check` in-process (click's CliRunner); the fuzz
test mutates the real catalog files; the site test builds pages from a
catalog full of markup and reads them back as HTML and in Chromium.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import random
import re
import resource
import shutil
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import MINI_CATALOG, ROOT, make_project, publishable, run

from preploop.cli import main

COMPANY = "companies/acme/company.yaml"
ROLE = "companies/acme/product-manager.yaml"
FAMILY = "companies/_roles/product-manager.yaml"

PROBLEM_LINE = re.compile(r"^companies/[^:\n]+:\d+:\d+: \S[^\n]*$")
SUMMARY_LINE = re.compile(r"^Error: \d+ problems? in the catalog$")

# Nine levels of ten aliases: 10**9 strings once expanded, from under 1 KB.
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n"
    for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


@dataclass(frozen=True)
class Case:
    id: str
    file: str  # relative to the catalog's parent folder
    text: str | bytes  # the whole new file, or with `old` the replacement for it
    expected: str | None  # regex for the one problem line after "file:line:col: "; None: ok
    old: str | None = None


def _q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted string


CASES = [
    # YAML oddities: one line naming the file and position, never a traceback.
    Case("alias-bomb", COMPANY, ALIAS_BOMB, r"1:4: \(file\): .*anchors and aliases .* not allowed"),
    Case("recursive-alias", COMPANY, "a: &r [*r]\n", r"1:4: \(file\): .*anchors and aliases"),
    Case("scalar-alias", COMPANY, "x: &n Acme\nname: *n\n", r"1:4: .*anchors and aliases"),
    Case("merge-key", COMPANY, "<<: {name: Acme}\n", r"1:1: .*merge keys \(<<\) are not supported"),
    Case("list-as-key", COMPANY, "? [a, b]\n: c\n", r"1:3: .*a key must be text, not a list"),
    Case("bool-key", COMPANY, "yes: 1\n", r"1:1: .*key 'yes' is read as bool, not text"),
    Case("int-key", COMPANY, "1: x\n", r"1:1: .*key '1' is read as int, not text"),
    Case(
        "impossible-date",
        COMPANY,
        "as_of: 2026-02-30",
        r"11:12: .*cannot read '2026-02-30' as timestamp: day is out of range",
        old="as_of: 2026-01-01",
    ),
    Case(
        "huge-int",
        COMPANY,
        "about: " + "9" * 5000,
        r"3:8: .*cannot read '9+' as int$",
        "about: Acme makes anvils.",
    ),
    Case(
        "bad-float-tag",
        COMPANY,
        "about: !!float anvils",
        r"3:8: .*cannot read 'anvils' as float",
        "about: Acme makes anvils.",
    ),
    Case(
        "python-tag",
        COMPANY,
        "about: !!python/name:os.system ''",
        r"3:8: .*could not determine a constructor",
        "about: Acme makes anvils.",
    ),
    Case(
        "nul-character",
        COMPANY,
        "about: Acme\x00",
        r"3:12: .*character U\+0000 is not allowed",
        "about: Acme makes anvils.",
    ),
    # Escaped in double quotes, YAML lets controls through: one made the feed invalid XML.
    Case(
        "escaped-control",
        COMPANY,
        'about: "Acme \\v makes anvils"',
        r"3:8: about: about holds a control character \(U\+000B\) that no page can show",
        "about: Acme makes anvils.",
    ),
    Case(
        "escaped-terminal-escape",
        COMPANY,
        'about: "\\e[2JAcme"',
        r"3:8: about: about holds a control character \(U\+001B\)",
        "about: Acme makes anvils.",
    ),
    Case(
        "not-utf8",
        COMPANY,
        b"name: Acme\xff\n",
        r"1:1: \(file\): cannot read: 'utf-8' codec can't decode",
    ),
    Case(
        "deep-nesting",
        COMPANY,
        "[" * 990 + "]" * 990,
        r"1:51: .*nested too deeply \(more than 50 levels\)",
    ),
    Case("two-documents", COMPANY, "a: 1\n---\nb: 2\n", r"2:1: .*expected a single document"),
    Case(
        "too-large", COMPANY, "# padding\n" * 110_000, r"1:1: \(file\): file is larger than 1000 KB"
    ),
    Case(
        "newline-in-key",
        COMPANY,
        '"ab\\ncd": 1\nslug: acme',
        r"\d+:1: ab\\ncd: unknown key 'ab\\ncd'",
        "slug: acme",
    ),
    Case(
        "escape-in-key",
        COMPANY,
        '"\\e[31mred": 1\nslug: acme',
        r"\d+:1: \\x1b\[31mred: unknown key",
        "slug: acme",
    ),
    # Links and images in catalog Markdown, and source URLs.
    Case(
        "javascript-link",
        COMPANY,
        "about: " + _q("[site](javascript:alert(1))"),
        r"3:8: about: link 'javascript:alert\(1\)' is not allowed",
        "about: Acme makes anvils.",
    ),
    Case(
        "javascript-mixed-case",
        COMPANY,
        "about: " + _q("[site]( JaVaScRiPt:alert(1))"),
        r"3:8: about: link 'JaVaScRiPt:alert\(1\)' is not allowed",
        "about: Acme makes anvils.",
    ),
    Case(
        "data-link",
        ROLE,
        "summary: " + _q("[x](data:text/html;base64,PHNjcmlwdD4=)"),
        r"4:10: summary: link 'data:text/html",
        "summary: Build anvils people love.",
    ),
    Case(
        "file-link",
        ROLE,
        "assesses: " + _q("[x](file:///etc/passwd)"),
        r"15:15: rounds\[0\].assesses: link 'file:///etc/passwd' is not allowed",
        "assesses: Background.",
    ),
    Case(
        "reference-link",
        ROLE,
        "summary: " + _q("Read [this][1].\n\n[1]: javascript:alert(1)"),
        r"4:10: summary: link 'javascript:alert\(1\)'",
        "summary: Build anvils people love.",
    ),
    Case(
        "escaped-link",
        COMPANY,
        'about: "[site]\\u0028javascript:alert(1))"',
        r"3:8: about: link 'javascript:alert\(1\)' is not allowed",
        "about: Acme makes anvils.",
    ),
    Case(
        "binary-link",  # !!binary is base64 for bytes, which the schema takes as text
        COMPANY,
        "about: !!binary " + base64.b64encode(b"[site](javascript:alert(1))").decode(),
        r"3:8: about: link 'javascript:alert\(1\)' is not allowed",
        "about: Acme makes anvils.",
    ),
    Case(
        "folded-reference-link",
        COMPANY,
        "about: >-\n  Read [this]\n  [1].\n\n  [1]: javascript:alert(1)",
        r"3:8: about: link 'javascript:alert\(1\)' is not allowed",
        "about: Acme makes anvils.",
    ),
    Case(
        "remote-image",
        COMPANY,
        "about: " + _q("![logo](https://evil.example/t.png)"),
        r"3:8: about: image 'https://evil.example/t.png' is on another site",
        "about: Acme makes anvils.",
    ),
    Case(
        "protocol-relative-image",
        ROLE,
        "a: " + _q("![x](//evil.example/t.png)") + "}",
        r"33:23: faq\[0\].a: image '//evil.example/t.png' is on another site",
        "a: Two to four weeks.}",
    ),
    Case(
        "javascript-source-url",
        COMPANY,
        "url: 'javascript:alert(1)'",
        r"10:10: culture.principles_source.url: url must be an http\(s\) address",
        "url: https://acme.example/values",
    ),
    Case(
        "userinfo-source-url",
        COMPANY,
        "url: https://acme.example@evil.example/",
        r"10:10: culture.principles_source.url: url must be an http\(s\) address",
        "url: https://acme.example/values",
    ),
    # Slugs against file and folder names, and names the site reserves.
    Case(
        "company-slug-not-folder",
        COMPANY,
        "slug: acme-inc",
        r"2:7: slug: slug 'acme-inc' must match the folder name 'acme'",
        "slug: acme",
    ),
    Case(
        "role-slug-not-file",
        ROLE,
        "slug: pm",
        r"2:7: slug: slug 'pm' must match the file name 'product-manager'",
        "slug: product-manager",
    ),
    Case(
        "stray-yml",
        "companies/acme/designer.yml",
        "title: Designer\n",
        r"1:1: \(file\): rename to .yaml to include it",
    ),
    # Accepted: ordinary links, prose with YAML-ish characters, markup in names.
    Case(
        "http-mailto-relative-links",
        COMPANY,
        "about: "
        + _q(
            "See [values](https://acme.example/values), [us](mailto:hi@acme.example), "
            "[Netflix](../netflix/) and ![chart](chart.png)."
        ),
        None,
        "about: Acme makes anvils.",
    ),
    Case(
        "prose-with-ampersands",
        COMPANY,
        "about: R&D at Acme is **fast** & *cheap*, 2 * 3",
        None,
        "about: Acme makes anvils.",
    ),
    Case(
        "markup-in-names",
        COMPANY,
        "name: " + _q('Ac"me </title><script>alert(1)</script>'),
        None,
        "name: Acme",
    ),
]


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of the project but the parse cache, which any load may rewrite."""
    return {
        str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.relative_to(folder).parts[0] != ".cache"
    }


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Fail instead of hanging: SIGALRM interrupts the check in this process."""

    def expire(signum, frame):
        raise TimeoutError(f"prep check ran over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def prep_check(project: Path, seconds: float = 5.0) -> tuple[int, list[str], str]:
    """`prep check` run in-process from `project`: exit code, stderr lines, stdout.

    Asserts what every run must show: no traceback, exit 0 or 1, one-line
    problems naming a file, no file written, within `seconds`.
    """
    before = _snapshot(project)
    cwd = Path.cwd()
    os.chdir(project)
    try:
        with _time_limit(seconds):
            result = CliRunner().invoke(main, ["check", "--companies", "companies"])
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 1), result.output
    lines = result.stderr.splitlines()
    if result.exit_code == 0:
        assert result.stdout.startswith("ok: ") and not lines
    else:
        assert lines and SUMMARY_LINE.match(lines[-1]), lines
        for line in lines[:-1]:
            assert PROBLEM_LINE.match(line), line
    assert _snapshot(project) == before, "prep check wrote or removed a file"
    return result.exit_code, lines[:-1], result.stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MINI_CATALOG, tmp_path / "companies")
    return tmp_path


def _apply(project: Path, case: Case) -> None:
    path = project / case.file
    if case.old is None:
        data = case.text if isinstance(case.text, bytes) else case.text.encode()
        path.write_bytes(data)
        return
    text = path.read_text()
    assert case.old in text, f"{case.old!r} not in {case.file}"
    path.write_text(text.replace(case.old, case.text, 1))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input_gives_one_clear_line(project: Path, case: Case):
    _apply(project, case)
    code, problems, _ = prep_check(project)
    if case.expected is None:
        assert code == 0, problems
        return
    assert code == 1
    assert len(problems) == 1, problems
    assert re.match(re.escape(case.file) + ":" + case.expected, problems[0]), problems[0]


def test_role_slugged_index_would_replace_its_company_page(project: Path):
    role = (project / ROLE).read_text().replace("slug: product-manager", "slug: index")
    (project / "companies/acme/index.yaml").write_text(role)
    code, problems, _ = prep_check(project)
    assert code == 1
    assert problems == [
        "companies/acme/index.yaml:2:7: slug: slug 'index' is reserved "
        "(reserved: 404, assets, index, search, sitemap)"
    ]


def test_family_slug_must_match_its_file_name(project: Path):
    (project / FAMILY).write_text(
        (project / FAMILY).read_text().replace("slug: product-", "slug: ")
    )
    code, problems, _ = prep_check(project)
    assert code == 1
    assert problems == [
        f"{FAMILY}:2:7: slug: slug 'manager' must match the file name 'product-manager'",
        f"{ROLE}:3:9: family: unknown role family 'product-manager' (did you mean 'manager'?)",
    ]


def test_a_fifo_named_yaml_is_refused_not_waited_on(project: Path):
    os.mkfifo(project / "companies/acme/pipe.yaml")
    code, problems, _ = prep_check(project)
    assert code == 1
    assert problems == ["companies/acme/pipe.yaml:1:1: (file): not a regular file"]


def _cap_memory():
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GB: OOM was the failure


def test_alias_bomb_in_a_real_process_stays_small_and_quick(project: Path):
    """The process boundary is the point: memory is capped, and time is measured."""
    (project / COMPANY).write_text(ALIAS_BOMB)
    started = time.monotonic()
    result = run("prep", "check", "--companies", "companies", cwd=project, preexec_fn=_cap_memory)
    assert time.monotonic() - started < 10
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"{COMPANY}:1:4: (file): YAML syntax error: anchors and aliases (&name, *name) "
        "are not allowed in catalog files",
        "Error: 1 problem in the catalog",
    ]


def test_alias_bomb_stops_mkdocs_build_before_it_writes(project: Path):
    (project / COMPANY).write_text(ALIAS_BOMB)
    site = project / "site"
    build = make_project(project, project / "companies")
    result = run("mkdocs", "build", "--site-dir", site, cwd=build, preexec_fn=_cap_memory)
    assert result.returncode == 1
    assert "companies/acme/company.yaml:1:4: (file): YAML syntax error: anchors" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()


def test_prep_new_quotes_names_as_yaml(project: Path):
    name, title = 'Glo: "bex" #1 {x}, [y]', "PM: x, {y} #z"
    companies = project / "companies"
    assert (
        run("prep", "new", "company", "globex", "--name", name, "--companies", companies).returncode
        == 0
    )
    new_role = ("new", "role", "globex", "product-manager", "--title", title)
    result = run("prep", *new_role, "--companies", companies)
    assert result.returncode == 0, result.stderr
    code, problems, _ = prep_check(project)
    assert code == 0, problems
    from preploop.catalog import load_catalog

    entry = load_catalog(companies).role("globex", "product-manager")
    assert (entry.company.name, entry.role.title) == (name, title)


# -- fuzzing ----------------------------------------------------------------------

FUZZ_FILES = [
    "companies/_roles/product-manager.yaml",
    "companies/_roles/software-engineer.yaml",
    "companies/netflix/company.yaml",
    "companies/netflix/product-manager.yaml",
    "companies/netflix/software-engineer.yaml",
]
FUZZ_CASES = 150
YAML_BITS = [
    b"&a ", b"*a", b"&a [*a]", b"? ", b": ", b"- ", b"[", b"]", b"{", b"}", b",", b"\"", b"'",
    b"#", b"|\n", b">-\n", b"---\n", b"...\n", b"%YAML 1.1\n", b"<<: ", b"!!binary ",
    b"!!python/object:os.system ", b"!<tag:x> ", b"!!set ", b"\t", b"\x00", b"\xff", b"\r",
    b"\n  ", b"\n", b"@", b"`", b"\\", b"\xef\xbb\xbf", b"yes: ", b"1: ", b"~",
]  # fmt: skip


def _mutate(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    kind = rng.choice(["truncate", "flip", "insert", "insert", "drop-line", "copy-line"])
    if kind == "truncate":
        return data[:at]
    if kind == "flip":
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(flipped))
            flipped[i] ^= rng.randrange(1, 256)
        return bytes(flipped)
    if kind == "insert":
        return data[:at] + rng.choice(YAML_BITS) + data[at:]
    lines = data.splitlines(keepends=True)
    i = rng.randrange(len(lines))
    if kind == "drop-line":
        return b"".join(lines[:i] + lines[i + 1 :])
    return b"".join(lines[:i] + [lines[rng.randrange(len(lines))]] + lines[i:])


def test_fuzzed_real_catalog_files_never_crash_hang_or_write(tmp_path: Path):
    """Seeded mutations of the real files: truncations, byte flips, YAML syntax
    inserted. Each run ends in time with `ok` or one-line problems."""
    for name in FUZZ_FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    assert prep_check(tmp_path)[0] == 0
    rng = random.Random(9)
    outcomes = {0: 0, 1: 0}
    started = time.monotonic()
    for _ in range(FUZZ_CASES):
        name = rng.choice(FUZZ_FILES)
        original = (ROOT / name).read_bytes()
        (tmp_path / name).write_bytes(_mutate(original, rng))
        try:
            code, problems, _ = prep_check(tmp_path, seconds=3.0)
        finally:
            (tmp_path / name).write_bytes(original)
        outcomes[code] += 1
    # The mutations do reach the checks: most break a file, some leave it valid.
    assert outcomes[1] > FUZZ_CASES // 2, outcomes
    assert time.monotonic() - started < 20


# -- markup in the catalog, on the built site -------------------------------------

XSS_NAME = 'Ac"me </title><script>window.__xss=1</script>'
XSS_TITLE = '<img src=x onerror="window.__xss=2"> PM'
XSS_TEXTS = {
    COMPANY: [
        ("name: Acme\n", f"name: {_q(XSS_NAME)}\n"),
        ("name: Ownership", "name: " + _q("<img src=x onerror=window.__xss=3>")),
        ("name: Acme values", "name: " + _q("</script><script>window.__xss=4</script>")),
        (
            "about: Acme makes anvils.",
            "about: " + _q("<script>window.__xss=7</script> [docs](https://acme.example/docs)"),
        ),
    ],
    ROLE: [
        ("title: Product Manager\n", f"title: {_q(XSS_TITLE)}\n"),
        ("q: How long?", "q: " + _q("</script><script>window.__xss=5</script>")),
        ("a: Two to four weeks.", "a: " + _q("<b onmouseover=window.__xss=6>Two</b>")),
        (
            "rewards: Acme rewards owners.",
            "rewards: " + _q("{{ 7*191 }} <!--prep-block-0--> rewards"),
        ),
    ],
}
XSS_PAGES = ["", "companies/", "companies/acme/", "companies/acme/product-manager/"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    companies = tmp / "companies"
    shutil.copytree(MINI_CATALOG, companies)
    publishable(companies)  # a draft would not be built at all
    for file, edits in XSS_TEXTS.items():
        path = tmp / file
        text = path.read_text()
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text)
    project = make_project(tmp, companies)
    result = run("mkdocs", "build", "--strict", "--site-dir", tmp / "site", cwd=project)
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def _page(site: Path, url: str) -> tuple[str, BeautifulSoup]:
    raw = (site / url / "index.html").read_text()
    return raw, BeautifulSoup(raw, "html.parser")


@pytest.mark.parametrize("url", XSS_PAGES)
def test_markup_in_catalog_text_adds_no_element_or_attribute(hostile_site: Path, url: str):
    raw, soup = _page(hostile_site, url)
    for element in soup.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert not handlers, element
    assert not soup.select("img[src=x], b"), "markup from the catalog became elements"
    for script in soup.find_all("script"):
        body = script.string or ""
        if script.get("type") == "application/ld+json":
            assert "</" not in body  # nothing in the JSON can end the script
            json.loads(body)
        else:
            assert "__xss" not in body, script
    assert "1337" not in soup.get_text()  # catalog text is never run as a template
    assert "<!--prep-block" not in raw


def test_markup_in_names_shows_as_text_everywhere(hostile_site: Path):
    raw, soup = _page(hostile_site, "companies/acme/product-manager/")
    subject = f"{XSS_NAME} {XSS_TITLE}"
    assert soup.title.get_text() == f"{subject} interview guide - PrepLoop"
    assert soup.select_one('meta[property="og:title"]')["content"] == f"{subject} interview guide"
    assert soup.select_one('meta[name="twitter:title"]')["content"] == f"{subject} interview guide"
    assert soup.select_one('meta[name="description"]')["content"].startswith(
        f"{subject} interview:"
    )
    assert soup.h1.get_text().startswith(f"{subject} interview")
    crumbs = [a.get_text() for a in soup.select("nav.prep-breadcrumbs a")]
    assert crumbs == ["Home", "Companies", XSS_NAME]
    topic = soup.select_one('.md-header__topic[data-md-component="header-topic"]')
    assert topic.get_text().strip() == f"{subject} interview guide"
    data = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    trail = next(d for d in data if d["@type"] == "BreadcrumbList")["itemListElement"]
    assert [item["name"] for item in trail][2:] == [XSS_NAME, f"{subject} interview"]
    faq = next(d for d in data if d["@type"] == "FAQPage")["mainEntity"]
    assert faq[0]["name"] == "</script><script>window.__xss=5</script>"
    assert (
        "{{ 7*191 }} <!--prep-block-0--> rewards" in soup.select_one(".prep-hero__lede").get_text()
    )
    about = BeautifulSoup((hostile_site / "companies/acme/index.html").read_text(), "html.parser")
    assert about.select_one('.prep-hero a[href="https://acme.example/docs"]').get_text() == "docs"


def test_no_script_from_the_catalog_runs_in_chromium(hostile_site: Path):
    pytest.importorskip("playwright.sync_api")
    from browser import chromium, serve

    with serve(hostile_site) as base, chromium() as browser:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for url in XSS_PAGES:
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            page.hover("body")
            assert page.evaluate("window.__xss") is None, url
        # Search results render titles and text as HTML: find the hostile headings.
        page.click("label.md-search__icon, .md-search__input", timeout=5000)
        page.click("input.md-search__input")
        page.keyboard.type("rewards")
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=10_000)
        assert any("</title><script>" in text for text in results.all_inner_texts())
        assert page.evaluate("window.__xss") is None
        assert not dialogs
