"""Commented skeletons for `prep new company` and `prep new role`.

The skeletons pass `prep check` as written, so an editor can build the site
straight away and then replace each TODO with real content.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from preploop.catalog import COMPANY_FILE
from preploop.site import drafts

_COMPANY = """\
# yaml-language-server: $schema=../../schema/company.schema.json
# A company: who it is and the culture principles its interviewers score.
# Run `prep check` after each edit; `prep serve` previews the pages live
# (http://127.0.0.1:8000/), drafts included, while `mkdocs build` leaves a draft out.
name: {name}
slug: {slug}
about: >-
  TODO: two or three sentences on what the company does and how it works.
culture:
  name: {culture_name}  # what the company calls its principles
  weight: {{min: 20, max: 30}}     # % of the evaluation culture decides
  weight_source: null            # null = our estimate; or name/url/as_of
  principles_source:             # the company's own statement of its values
    name: TODO name of the page or memo
    url: https://example.com/TODO
    as_of: {today}
principles:
  - id: first-principle          # short, lower-case, hyphens: used in links
    name: TODO principle name
    summary: TODO one sentence on what it means at this company.
    look_for: TODO what interviewers listen for.
    demonstrate: TODO how a candidate shows it.
    red_flags:
      - TODO an answer that counts against the candidate
    signals:                     # what the report looks for in a resume line
      proven: [TODO strict phrase that shows it outright]
      material: [TODO looser phrase that could become a story]
      missing: TODO what the candidate must add to make such a line a story
"""

_ROLE = """\
# yaml-language-server: $schema=../../schema/role.schema.json
# One role at {company}. Fields left empty fall back to the role family
# in companies/_roles/{family}.yaml. Run `prep check` after each edit; `prep serve`
# previews the page live. It stays a draft, left out of `mkdocs build`, while a TODO
# is left or it has fewer than {min_rounds} rounds or {min_questions} questions.
title: {title}
slug: {slug}
family: {family}
summary: TODO what the job is at {company}.
rewards: TODO the one-sentence headline of what {company} rewards in this role.
levels:
  - {{code: TODO-L1, title: {title}, seniority: mid, min_years: 3}}
levels_source:                  # where the level codes and titles come from
  name: TODO name of the page
  url: https://example.com/TODO
  as_of: {today}
process:
  weeks: {{min: 3, max: 6}}       # leave out when no source gives it
  note: TODO caveats, e.g. loops differ by team.
rounds_source:                  # where the loop is described (or a `source` per round)
  name: TODO name of the page
  url: https://example.com/TODO
  as_of: {today}
rounds:
  - id: recruiter-screen
    name: Recruiter screen
    duration: {{min: 30, max: 30}}  # minutes; leave out when no source gives it
    format: Phone or video call
    assesses: TODO what this round checks.
    principles: [{principle}]
questions:
  - id: first-question          # stable anchor: pages and reports link here
    text: TODO the question as candidates report it.
    category: behavioral
    round: recruiter-screen
    principles: [{principle}]
    frequency: common           # very-common | common | occasional | rare
    testing: TODO what the interviewer is really testing.
    angle: TODO the angle most likely to land.
    follow_ups:
      - TODO first follow-up
      - TODO second follow-up
prep_plan: []                   # empty: use the role family's prep areas
pay: null                       # or currency, source (required) and rows per level
faq:
  - q: TODO a question candidates ask
    a: TODO the answer.
"""


def new_company(root: Path, slug: str, name: str | None = None) -> Path:
    folder = root / slug
    path = folder / COMPANY_FILE
    if path.exists():
        raise FileExistsError(f"{path}: already exists")
    folder.mkdir(parents=True, exist_ok=True)
    name = name or slug.replace("-", " ").title()
    text = _COMPANY.format(
        name=_scalar(name), culture_name=_scalar(f"{name} values"), slug=slug, today=dt.date.today()
    )
    path.write_text(text, "utf-8")
    return path


def new_role(
    root: Path, company_slug: str, slug: str, *, family: str, principle: str, title: str
) -> Path:
    path = root / company_slug / f"{slug}.yaml"
    if path.exists():
        raise FileExistsError(f"{path}: already exists")
    needs = drafts.settings()
    text = _ROLE.format(
        company=company_slug,
        slug=slug,
        family=family,
        principle=principle,
        title=_scalar(title),
        today=dt.date.today(),
        min_rounds=needs.min_rounds,
        min_questions=needs.min_questions,
    )
    path.write_text(text, "utf-8")
    return path


def _scalar(text: str) -> str:
    """`text` as one YAML value, quoted: a name such as `Foo: Bar #1` stays the name."""
    return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=1_000_000).strip()
