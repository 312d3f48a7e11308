"""The "What's new" page and its Atom feed, generated from the data.

Two sources: the git history of the catalog (companies and roles added, rounds,
questions and pay changed; one `git log` plus a look at each changed role file
among the newest changes) and the reported interviews themselves (how many new
reports each role got per month). Engine-free, like `pages.py`.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from preploop.catalog import Catalog, RoleEntry
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


def changes(
    catalog: Catalog, figures: Figures = NO_FIGURES, root: Path | None = None
) -> list[Change]:
    """The newest changes first, at most MAX_CHANGES."""
    root = root or catalog_root(catalog)
    if root is None:
        return []
    found = [*_catalog_changes(catalog, root), *_report_changes(catalog, figures)]
    found.sort(key=lambda c: (c.date, c.key), reverse=True)
    return found[:MAX_CHANGES]


def _role_url(entry: RoleEntry) -> str:
    return f"companies/{entry.company.slug}/{entry.role.slug}/"


def _report_changes(catalog: Catalog, figures: Figures) -> list[Change]:
    """Reports per role and month, as counted in `figures`: only the newest MAX_CHANGES
    become changes (a large catalog has thousands of role-months)."""
    months = [
        (latest, index, month, count)
        for index, entry in enumerate(catalog.roles)
        if (reported := figures.of(entry).summary) is not None
        for month, count, latest in reported.months
    ]
    out = []
    for latest, index, month, count in heapq.nlargest(MAX_CHANGES, months):
        entry = catalog.roles[index]
        name = f"{entry.company.name} {entry.role.title}"
        when = dt.date.fromisoformat(latest)
        out.append(
            Change(
                when,
                f"{count:,} new reports: {name}",
                f"{count:,} reported questions from {when.strftime('%B %Y')} now count "
                f"in the {name} figures.",
                _role_url(entry),
                f"reports-{entry.company.slug}-{entry.role.slug}-{month}",
            )
        )
    return out


def _git(root: Path, *args: str) -> str | None:
    try:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def _catalog_changes(catalog: Catalog, root: Path) -> list[Change]:
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
    commit = date = None
    for line in log.splitlines():
        if len(out) + len(edits) >= MAX_CHANGES:
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
                )
            )
        elif (slug, path.name) in roles:
            entry = roles[(slug, path.name)]
            if status == "A":
                title = f"{entry.company.name} {entry.role.title}"
                key = f"role-{entry.company.slug}-{entry.role.slug}"
                text = f"The {title} interview guide."
                out.append(Change(date, f"New guide: {title}", text, _role_url(entry), key))
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
                )
            )
    versions = _load_versions(
        top_path, [rev for _, _, c, n in edits for rev in (f"{c}^:{n}", f"{c}:{n}")]
    )
    for entry, date, commit, name in edits:
        before, after = versions.get(f"{commit}^:{name}"), versions.get(f"{commit}:{name}")
        change = _role_change(entry, date, commit, before, after)
        if change is not None:
            out.append(change)
    return out


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
    return Change(date, f"Updated: {title}", text, url, f"{key}-{commit[:12]}")


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
    """The changes as an Atom feed (RFC 4287)."""
    base = site_url or "/"
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
    items = [(change, relative_url(url, change.url)) for change in found]
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
