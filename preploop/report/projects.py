"""The lines of a Projects section to projects, as a reader takes them in: a project's
name ("DevFlow", "Transit App | 2022"), perhaps a line of the candidate's role on it and
its dates ("Creator & Maintainer"), then the bullets, or sentences, that tell the work.

A project's bullets are the candidate's own work, read as a job's are (skills shown,
stories); a bullet under no name is a project of its own ("Built a bus-arrival SMS bot
in 24 hours at HackRiver 2024"), and so is "Shelfie: a grocery price tracker for my
campus co-op" written on one line.
"""

from __future__ import annotations

import re

from preploop.report.documents import Project
from preploop.report.positions import (
    CONNECTORS,
    Line,
    heading_pieces,
    join_words,
    role_date,
    starts_with_verb,
    take_dates,
    title_score,
)
from preploop.report.wordlists import ResumeWords, settings

_WORDS = settings(ResumeWords)
# "Shelfie: a grocery price tracker for my campus co-op": a name, then the work.
_NAMED = re.compile(r"(?P<name>[^:]{2,60}?):\s+(?P<work>\S.*)")


def read_projects(items: list[Line]) -> list[Project]:
    """Projects from the lines of a Projects section; every line lands in one."""
    projects: list[Project] = []
    named = False  # whether the last project was opened by a line of its own (its name)
    last: Line | None = None  # the last bullet read, which a wrapped line may carry on
    for item in items:
        current = projects[-1] if projects else None
        wrapped = current and current.bullets and last and not item.bullet
        if wrapped and _carries_on(current.bullets[-1], item.text):
            current.bullets[-1] = join_words(current.bullets[-1], item.text)
            item.into = last
            continue
        label = _named_work(item.text)
        if item.bullet or label or _is_work(item.text):
            if current is None or not named or (label and not item.bullet):
                # A project on one line ("Shelfie: a grocery price tracker ..."), or a bullet
                # under no project's name: a project of its own.
                current = Project(title="", employer=label.group("name").strip() if label else "")
                projects.append(current)
                named = False
            current.bullets.append(item.text)
            item.land("bullet")
            last = item
        elif named and current is not None and not current.bullets and _adds_to(current, item.text):
            item.land("project")
        else:
            projects.append(_project(item.text))
            item.land("project")
            named, last = True, None
    return projects


def _named_work(text: str) -> re.Match[str] | None:
    """ "Shelfie: a grocery price tracker for my campus co-op": a name, then the work."""
    m = _NAMED.fullmatch(text)
    return m if m and _is_work(m.group("work")) and not role_date(m.group("name")) else None


def _is_work(text: str) -> bool:
    """A sentence, or a line that opens with a verb: the work, not a name."""
    words = len(text.split())
    full_stop = words >= _WORDS.short_sentence_words and text.rstrip().endswith(".")
    return words >= _WORDS.sentence_words or full_stop or (words > 2 and starts_with_verb(text))


def _carries_on(bullet: str, line: str) -> bool:
    """A plain line right after a bullet that stopped mid-sentence is its wrapped tail."""
    words = bullet.rstrip().split()
    ends_open = bullet.rstrip().endswith((",", "-", "/", "(", "&")) or (
        bool(words) and words[-1].lower() in CONNECTORS
    )
    return ends_open and not role_date(line)


def _adds_to(project: Project, text: str) -> bool:
    """The line under a project's name: the candidate's role and the dates, or a short
    note ("Team of four | 2025", "Go, Cobra, GitHub API"). False when it is the next
    project's name."""
    start, end, rest = take_dates(text)
    if start and (project.start or project.end):
        return False
    pieces = heading_pieces(rest)
    role = next((p for p in pieces if title_score(p) > 0), "") if not project.title else ""
    note = " | ".join(p for p in pieces if p != role)
    if note and project.description:
        return False
    if len(note.split()) > _WORDS.description_words:
        return False
    project.title = role or project.title
    project.description = note or project.description
    _set_dates(project, start, end)
    return bool(role or note or start)


def _project(text: str) -> Project:
    """A project from its name line: "Transit App | 2022", "DevFlow | Creator", "Creator
    at DevFlow"."""
    start, end, rest = take_dates(text)
    pieces = heading_pieces(rest) or [rest]
    names = [p for p in pieces if title_score(p) <= 0]
    name = names[0] if names else pieces[0]
    role = next((p for p in pieces if p != name and title_score(p) > 0), "")
    notes = [p for p in pieces if p not in (name, role)]
    project = Project(title=role, employer=name, description=" | ".join(notes))
    _set_dates(project, start, end)
    return project


def _set_dates(project: Project, start: str, end: str) -> None:
    if start:  # a lone year is when the project was done
        project.start, project.end = ("", end) if start == end else (start, end)
