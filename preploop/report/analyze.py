"""The analysis: pure, deterministic functions from a resume, a job description and
the catalog to an `Analysis`. No I/O, no clock: the caller passes the date.

Rules (see DESIGN.md, "The analysis, honestly"):
- every number comes with the resume lines and reasons behind it;
- a principle is "proven" only by a bullet that contains one of the company's
  strict phrases for it; looser phrases make a line "material";
- drafted stories only repeat what the resume says; anything else is an
  "[add: ...]" prompt for the candidate.
"""

from __future__ import annotations

import datetime as dt

from preploop.catalog import RoleEntry
from preploop.figures.index import NOTHING_REPORTED, ReportedRole
from preploop.model import ladder
from preploop.report import stories as story_engine
from preploop.report.advice import (
    build_checklist,
    closest_examples,
    pay_for_level,
    questions_to_ask,
    rank_risks,
    write_scripts,
)
from preploop.report.anatomy import IntentTagger
from preploop.report.candidate import (
    ask_why_now,
    impossible_dates,
    other_company,
    profile_candidate,
    stated_years,
    stated_years_differ,
    stated_years_scope,
    with_activities,
    with_transferable,
)
from preploop.report.documents import JobDescription, Resume
from preploop.report.experience import (
    choose_target_level,
    in_family,
    relevant_years,
    score_parts,
)
from preploop.report.findings import (
    Analysis,
    CatalogUse,
    Fit,
)
from preploop.report.fit import (
    credit_told_stories,
    culture_share,
    score_culture,
    score_principles,
)
from preploop.report.questions import plan_questions, rank_questions
from preploop.report.skills import match_skills

# -- entry point -------------------------------------------------------------


def analyze(
    resume: Resume,
    job: JobDescription,
    entry: RoleEntry,
    *,
    candidate: str,
    today: dt.date,
    catalog: CatalogUse,
    reported: ReportedRole = NOTHING_REPORTED,
) -> Analysis:
    """Everything the report says about one candidate, with its evidence; `reported` is
    what candidates reported of this role (question shares, frequency labels)."""
    company, role, family = entry.company, entry.role, entry.family
    work_resume = resume  # years count jobs only, never a student's activities
    years = resume.years_of_experience(today)
    levels = ladder(role, family)
    relevant = relevant_years(resume, family, today)
    stated = stated_years(resume)  # the years the summary itself claims, if any
    profile, level = profile_candidate(
        resume,
        levels,
        choose_target_level(job, levels),
        years,
        relevant,
        generic=not role.levels,
        stated=stated,
    )
    resume = with_activities(resume, years)
    skills = match_skills(resume, job, family)
    tagger = IntentTagger(family.intents, company.intents, role.intents)
    principles = score_principles(resume, company, role, family, tagger, reported)
    culture_weight = culture_share(company)
    skill_part, experience_part, years, relevant = score_parts(
        work_resume, job, family, level, skills, culture_weight, today, read=resume
    )
    ranked = rank_questions(job, company, role, principles, reported, family)
    bank = [question for question, _, _ in ranked]
    lines = story_engine.story_lines(resume, principles, tagger)
    profile = with_transferable(profile, lines, lambda title: in_family(title, family))
    matches = story_engine.assign(bank, lines, tagger)
    told = story_engine.told(bank, matches)
    principles = credit_told_stories(principles, told)
    culture_part = score_culture(principles, culture_weight, company)
    overall = round(
        skill_part.score * skill_part.weight
        + experience_part.score * experience_part.weight
        + culture_part.score * culture_part.weight
    )
    closest = closest_examples(principles, told)  # one line per principle, risk and script
    risks = rank_risks(
        principles, skills, experience_part, company, role, level, years, relevant, told, closest
    )
    why_now = [e.line_id for e in profile.transferable[:1]]  # drafted: it answers why now
    stories = story_engine.build_stories(
        bank, matches, lines, principles, resume, tagger, first=why_now
    )
    questions = plan_questions(ranked, matches, company, role, principles, reported)
    questions, stories = ask_why_now(profile, role, questions, stories)
    return Analysis(
        candidate=candidate,
        as_of=today.isoformat(),
        catalog=catalog,
        resume=resume,
        job=job,
        target_level=level,
        years_of_experience=years,
        relevant_years=relevant,
        fit=Fit(
            overall=overall, skill=skill_part, experience=experience_part, culture=culture_part
        ),
        skills=skills,
        principles=principles,
        risks=risks,
        questions=questions,
        stories=stories,
        scripts=write_scripts(risks, principles, skills, company, resume, relevant, level, closest),
        questions_to_ask=questions_to_ask(family, company, principles, job, role),
        checklist=build_checklist(role, principles, stories, skills, risks),
        pay=pay_for_level(role, level),
        story_mining=story_engine.mining_prompts(resume, bank, matches, principles, tagger),
        warnings=[*resume.warnings, *job.warnings],
        profile=profile,
        read_first=[
            *other_company(job, company),
            *impossible_dates(work_resume, today, company),
            *stated_years_differ(stated, years, stated_years_scope(resume)),
        ],
    )
