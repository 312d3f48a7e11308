"""A question's STAR draft and prompt follow the story staff pick for it, through the
pipeline's own builders, unless staff rewrote that draft or prompt by hand."""

from __future__ import annotations

from preploop.catalog import RoleEntry
from preploop.report import questions as question_plans
from preploop.report import stories as story_engine
from preploop.report.anatomy import IntentTagger, read_bullet
from preploop.report.bank import catalog_question
from preploop.report.findings import Analysis, Evidence, Said, Story
from preploop.report.method import value
from preploop.report.stories import Line, Match, build_stories, story_lines


def draft_story(analysis: Analysis, entry: RoleEntry, question_id: str, line_id: str) -> Story:
    """The story the pipeline would draft from `line_id` for this question."""
    company, role, family = entry.company, entry.role, entry.family
    tagger = IntentTagger(family.intents, company.intents, role.intents)
    question = catalog_question(company, role, question_id, family)
    if question is None:
        raise LookupError(question_id)
    bullets = {ln.line_id: ln for ln in story_lines(analysis.resume, analysis.principles, tagger)}
    line = bullets.get(line_id)
    if line is None:  # a summary or other line staff chose: no position, same anatomy
        text = next(t for lid, t, _ in analysis.resume.lines() if lid == line_id)
        line = Line(line_id, text, None, "", read_bullet(text, tagger))
    built = build_stories(
        [question], [Match(line)], [line], analysis.principles, analysis.resume, tagger
    )
    return built[0]


def prompt_for(
    analysis: Analysis, entry: RoleEntry, question_id: str, story: Evidence | None
) -> Said | None:
    """The prompt the pipeline gives a question with this story (how to tell it), or with
    none (where to find one); None for a question the catalog no longer has."""
    company, role, family = entry.company, entry.role, entry.family
    question = catalog_question(company, role, question_id, family)
    if question is None:
        return None
    tagger = IntentTagger(family.intents, company.intents, role.intents)
    if story is None:
        lines = story_lines(analysis.resume, analysis.principles, tagger)
        return story_engine._finding_prompt(question, lines, tagger)
    findings = {f.id: f for f in analysis.principles}
    return question_plans._story_prompt(story, question, findings)


def follow_pick(
    analysis: Analysis, entry: RoleEntry, question_id: str, old: str | None, new: str | None
) -> list[dict]:
    """Move `question_id` from the story on line `old` to one on line `new` (in place),
    drafting that story when none exists; log entries say what happened."""
    stories = analysis.stories
    by_line = {s.source.line_id: s for s in stories}
    before = by_line.get(old) if old else None
    if before and question_id in before.questions:
        before.questions.remove(question_id)
    if new is None:
        return []
    if new in by_line:
        by_line[new].questions.append(question_id)
        return []
    try:
        story = draft_story(analysis, entry, question_id, new)
    except LookupError:
        return [{"field": "stories", "machine": old, "staff": new, "kept": "no such question"}]
    # Where it goes: over the old draft if nothing else uses it and staff did not write it,
    # else a free slot, else over a spare draft no question uses.
    spare = [s for s in stories if not s.questions and not s.edited]
    if before in spare:
        slot = stories.index(before)
    elif len(stories) < value("counts.stories"):
        stories.append(story)
        return [{"field": "stories", "machine": None, "staff": f"drafted from {new}"}]
    elif spare:
        slot = stories.index(spare[-1])
    else:
        return [{"field": "stories", "machine": old, "staff": new, "kept": "no free story"}]
    replaced = stories[slot]
    stories[slot] = story
    for stage in analysis.checklist:  # stages name the stories to have ready by title
        stage.stories = [story.title if t == replaced.title else t for t in stage.stories]
    return [
        {
            "field": f"stories.{slot}",
            "machine": replaced.source.line_id,
            "staff": f"drafted from {new}",
        }
    ]
