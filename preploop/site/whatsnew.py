"""The "What's new" page and its Atom feed, generated from the data.

One source: the git history of the catalog (companies and roles added, rounds,
questions and pay changed, interview reports imported; one `git log` plus a look
at each changed file among the newest changes). Reports are dated by the commit
that imported them, never by the interviews they tell of: an import of old
interviews is news on the day it lands. A day's changes make one entry, which
says what was added. Engine-free, like `pages.py`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from preploop.catalog import Catalog, RoleEntry
from preploop.figures import settings as figure_settings
from preploop.figures.index import NO_FIGURES, Figures
from preploop.site.page import Page, PageContext, PageParts, page_meta, page_url, relative_url

PAGE_SRC = "whats-new.md"
FEED_PATH = "feed.xml"
MAX_CHANGES = 60  # on the page and in the feed


@dataclass(frozen=True, order=True)
class Change:
    date: dt.date
    title: str
    text: str
    url: str  # site-relative page the change is about
    key: str  # stable id within the feed
    kind: str = "update"  # company, guide, update, pay, reports
    name: str = ""  # what the change is about, as a day's summary names it


@dataclass(frozen=True)
class Day:
    """One day's changes, as one entry of the page and the feed."""

    date: dt.date
    title: str
    text: str
    url: str  # the one change's page, or the What's new page's own entry
    key: str
    changes: tuple[Change, ...]


def changes(
    catalog: Catalog, figures: Figures = NO_FIGURES, root: Path | None = None
) -> list[Change]:
    """The newest changes first, at most MAX_CHANGES."""
    root = root or catalog_root(catalog)
    if root is None:
        return []
    found = _catalog_changes(catalog, root, figures)
    found.sort(key=lambda c: (c.date, c.key), reverse=True)
    return found[:MAX_CHANGES]


# How a day's summary names each kind of change: (one, several), then the list's lead.
_KINDS = {
    "company": ("a new company", "{n} new companies", "New companies"),
    "guide": ("a new guide", "{n} new guides", "New guides"),
    "update": ("a guide updated", "{n} guides updated", "Updated"),
    "reports": ("new interview reports", "new interview reports", "Interview reports for"),
    "pay": ("new pay reports", "new pay reports", "Pay reports for"),
}


def by_day(found: list[Change]) -> list[Day]:
    """The changes grouped by day, newest first: a lone change stays as it is, a day of
    several says what kinds were added and names each."""
    days: dict[dt.date, list[Change]] = {}
    for change in found:
        days.setdefault(change.date, []).append(change)
    out = []
    for date, changes in sorted(days.items(), reverse=True):
        if len(changes) == 1:
            one = changes[0]
            out.append(Day(date, one.title, one.text, one.url, one.key, (one,)))
            continue
        order = list(_KINDS)
        changes.sort(key=lambda c: (order.index(c.kind), c.name))
        kinds = Counter(c.kind for c in changes)  # in _KINDS order, as sorted
        parts = [(_KINDS[k][0] if n == 1 else _KINDS[k][1].format(n=n)) for k, n in kinds.items()]
        title = _join(parts)
        title = title[0].upper() + title[1:]
        lists = [
            f"{_KINDS[k][2]}: {_join([c.name for c in changes if c.kind == k])}." for k in kinds
        ]
        key = f"day-{date.isoformat()}"
        out.append(Day(date, title, " ".join(lists), f"whats-new/#{key}", key, tuple(changes)))
    return out


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _role_url(entry: RoleEntry) -> str:
    return f"companies/{entry.company.slug}/{entry.role.slug}/"


def _git(root: Path, *args: str) -> str | None:
    try:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def _catalog_changes(catalog: Catalog, root: Path, figures: Figures) -> list[Change]:
    root = root.resolve()
    top = _git(root, "rev-parse", "--show-toplevel")
    log = _git(root, "log", "--format=%x00%H %cs", "--name-status", "--", ".")
    if not top or not log:
        return []
    top_path = Path(top.strip())
    companies = {c.slug: c for c in catalog.companies}
    roles = {(e.company.slug, e.path.name): e for e in catalog.roles}
    out: list[Change] = []
    edits: list[tuple] = []  # role files changed: compared below, in one batch
    imports: list[tuple] = []  # reports files changed: their new rows counted below
    commit = date = None
    for line in log.splitlines():
        if len(out) + len(edits) + len(imports) >= MAX_CHANGES:
            break
        if line.startswith("\x00"):
            commit, day = line[1:].split()
            date = dt.date.fromisoformat(day)
            continue
        if not line or commit is None:
            continue
        status, _, name = line.partition("\t")
        path = (top_path / name).resolve()
        if path.parent.parent != root:
            continue
        slug = path.parent.name
        if path.name == "company.yaml" and status == "A" and slug in companies:
            company = companies[slug]
            out.append(
                Change(
                    date,
                    f"New company: {company.name}",
                    f"How {company.name} interviews, and what its interviewers look for.",
                    f"companies/{slug}/",
                    f"company-{slug}",
                    "company",
                    company.name,
                )
            )
        elif (slug, path.name) in roles:
            entry = roles[(slug, path.name)]
            if status == "A":
                title = f"{entry.company.name} {entry.role.title}"
                key = f"role-{entry.company.slug}-{entry.role.slug}"
                text = f"The {title} interview guide."
                url = _role_url(entry)
                out.append(Change(date, f"New guide: {title}", text, url, key, "guide", title))
            else:
                edits.append((entry, date, commit, name))
        elif path.name == "pay.csv" and slug in companies:
            out.append(
                Change(
                    date,
                    f"Reported pay updated: {companies[slug].name}",
                    f"New pay reports for {companies[slug].name} roles.",
                    f"companies/{slug}/",
                    f"pay-{slug}-{commit[:12]}",
                    "pay",
                    companies[slug].name,
                )
            )
        elif path.name == "reports.csv" and slug in companies:
            imports.append((slug, date, commit, name))
    versions = _load_versions(
        top_path,
        [rev for _, _, c, n in [*edits, *imports] for rev in (f"{c}^:{n}", f"{c}:{n}")],
    )
    for entry, date, commit, name in edits:
        before, after = versions.get(f"{commit}^:{name}"), versions.get(f"{commit}:{name}")
        change = _role_change(entry, date, commit, before, after)
        if change is not None:
            out.append(change)
    for slug, date, commit, name in imports:
        before, after = versions.get(f"{commit}^:{name}", ""), versions.get(f"{commit}:{name}")
        added, total = _new_reports(before, after)
        for role, count in added.items():
            entry = roles.get((slug, f"{role}.yaml"))
            if entry is not None:
                out.append(_reports_change(entry, date, commit, count, total[role]))
    return out


def _new_reports(before: str, after: str | None) -> tuple[Counter, Counter]:
    """Rows an import added to a reports file (ids in `after` not in `before`) and the
    rows the file then held, by role."""
    if not after:
        return Counter(), Counter()
    old = {row.get("id") for row in csv.DictReader(io.StringIO(before))}
    added, total = Counter(), Counter()
    for row in csv.DictReader(io.StringIO(after)):
        role = row.get("role", "")
        total[role] += 1
        if row.get("id") not in old:
            added[role] += 1
    return added, total


def _reports_change(entry: RoleEntry, date: dt.date, commit: str, count: int, held: int) -> Change:
    """New reports for a role, said as its page then used them: counted in its figures
    once the role held enough reports, else kept aside."""
    name = f"{entry.company.name} {entry.role.title}"
    reports = f"{count:,} new reported question{'s' if count != 1 else ''}"
    if held >= figure_settings()["frequency"]["min_reports"]:
        text = f"{reports}, now counted in the {name} figures."
    else:
        text = (
            f"{reports} for {name}: still too few to count, so its page keeps the editors' "
            "estimates."
        )
    key = f"reports-{entry.company.slug}-{entry.role.slug}-{commit[:12]}"
    title = f"{count:,} new reports: {name}"
    return Change(date, title, text, _role_url(entry), key, "reports", name)


def _role_change(entry: RoleEntry, date: dt.date, commit: str, before, after) -> Change | None:
    title = f"{entry.company.name} {entry.role.title}"
    url = _role_url(entry)
    key = f"role-{entry.company.slug}-{entry.role.slug}"
    if before is None or after is None:
        return None
    old, new = _sections(before), _sections(after)
    what = []
    if old.get("rounds") != new.get("rounds"):
        what.append("the interview rounds")
    old_ids = set(_QUESTION_ID.findall(old.get("questions", "")))
    added = len(set(_QUESTION_ID.findall(new.get("questions", ""))) - old_ids)
    if added:
        what.append(f"{added} new question{'s' if added != 1 else ''}")
    if old.get("pay") != new.get("pay"):
        what.append("pay")
    if not what:
        return None
    text = f"Updated: {', '.join(what)}."
    return Change(date, f"Updated: {title}", text, url, f"{key}-{commit[:12]}", "update", title)


_TOP_KEY = re.compile(r"^([a-z_]+):", re.MULTILINE)
_QUESTION_ID = re.compile(r"^\s*-\s+id:\s*(\S+)", re.MULTILINE)


def _sections(text: str) -> dict[str, str]:
    """A role file's top-level blocks as text, comments dropped: enough to tell what
    changed without parsing YAML (parsing old versions cost more than the rest)."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    text = "\n".join(line.rstrip() for line in lines)
    keys = list(_TOP_KEY.finditer(text))
    return {
        m.group(1): text[m.end() : keys[i + 1].start() if i + 1 < len(keys) else len(text)]
        for i, m in enumerate(keys)
    }


def _load_versions(top: Path, revs: list[str]) -> dict[str, str]:
    """Old versions of files ("<commit>:<path>") as text, from one `git cat-file`."""
    if not revs:
        return {}
    try:
        data = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=top,
            input="\n".join(revs).encode() + b"\n",
            capture_output=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    out: dict[str, str] = {}
    at = 0
    for rev in revs:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3:  # "<rev> missing"
            continue
        size = int(header[2])
        out[rev] = data[at : at + size].decode("utf-8", errors="replace")
        at += size + 1
    return out


def atom(changes: list[Change], site_name: str, site_url: str) -> str:
    """The changes as an Atom feed (RFC 4287), one entry a day."""
    base = site_url or "/"
    changes = by_day(changes)
    updated = changes[0].date if changes else dt.date(2000, 1, 1)

    def stamp(day: dt.date) -> str:
        return f"{day.isoformat()}T00:00:00Z"

    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(site_name)}: what's new</title>",
        f"<id>{escape(base + FEED_PATH)}</id>",
        f'<link rel="self" href="{escape(base + FEED_PATH)}"/>',
        f'<link rel="alternate" href="{escape(base + "whats-new/")}"/>',
        f"<updated>{stamp(updated)}</updated>",
        f"<author><name>{escape(site_name)}</name></author>",
    ]
    for change in changes:
        lines += [
            "<entry>",
            f"<title>{escape(change.title)}</title>",
            f"<id>{escape(base + 'whats-new/#' + change.key)}</id>",
            f'<link href="{escape(base + change.url)}"/>',
            f"<updated>{stamp(change.date)}</updated>",
            f"<summary>{escape(change.text)}</summary>",
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def whats_new_page(builder: PageContext, found: list[Change]) -> Page:
    """The public "What's new" page: the changes, newest first, and a link to the feed."""
    url = page_url(PAGE_SRC)
    parts = PageParts()
    items = [
        (day, relative_url(url, day.url), [(c, relative_url(url, c.url)) for c in day.changes])
        for day in by_day(found)
    ]
    body = builder.env.get_template("pages/whatsnew.md.j2").render(
        heading=parts.heading,
        stash=parts.stash,
        items=items,
        feed_href=relative_url(url, FEED_PATH),
        updated=builder.updated.site,
    )
    title = "What’s new"  # a typographic apostrophe: the same in every renderer
    description = (
        "New companies and roles, changed interview rounds, pay updates and newly "
        "counted interview reports, newest first."
    )
    crumbs = (("Home", ""),)
    card = (title, "New guides, changed rounds, pay and reports", "")
    meta = page_meta(builder.site_url, PAGE_SRC, crumbs, title, card, updated=builder.updated.site)
    return Page(
        PAGE_SRC,
        title,
        description,
        body,
        tuple(parts.headings),
        tuple(parts.blocks),
        breadcrumbs=crumbs,
        meta=meta,
    )


def catalog_root(catalog: Catalog) -> Path | None:
    """The catalog folder, from where its files are."""
    return catalog.files[0].parent.parent if catalog.files else None
