"""The report's method as data: every threshold, weight and word list of the analysis,
read from `method.yaml` into the typed `Method` model. The report's wording (its method
chapter included) reads these numbers, so prose and method cannot drift."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from pydantic import Field

from preploop.tunables import Tunables, TunablesError, load_tunables

METHOD_FILE = Path(__file__).with_name("method.yaml")

Strengths = dict[str, float]


class Counts(Tunables):
    questions: int = Field(12, description="Questions in a report.")
    stories: int = Field(8, description="Most STAR stories in a report.")
    story_uses: int = Field(2, description="Most questions one story may answer.")
    risks: int = Field(3, description="Risks in a report.")
    principle_scripts: int = Field(4, description="Scripts for unproven principles.")
    skill_scripts: int = Field(2, description="Scripts for required skills not shown.")
    catalog_asks: int = Field(3, description="Questions to ask from the family's list.")
    duty_questions: int = Field(2, description="Questions to ask quoting the job's duties.")
    stories_per_round: int = Field(4, description="Stories named per checklist stage.")


class Level(Tunables):
    seniority_alias: dict[str, str] = Field(
        description="A job description's seniority word read as a catalog level's seniority."
    )
    order: list[str] = Field(
        description="Seniorities from lowest to highest, to compare a title with a posting."
    )


class SkillFit(Tunables):
    required_weight: float = Field(description="A required skill's weight.")
    preferred_weight: float = Field(description="A preferred skill's weight.")
    credit: Strengths = Field(description="Credit by status: shown, listed, missing.")


class ExperienceFit(Tunables):
    years_share: float = Field(description="Share of the experience score from years.")
    other_roles_count: float = Field(description="What a year in another kind of role counts.")
    other_roles_cap: float = Field(description="Share of the years asked other roles can fill.")
    scope_lines_for_full: int = Field(description="Scope bullets for the full scope credit.")
    title_step_discount: float = Field(
        description="Years credit lost per level the current title is below the posting's."
    )


class CultureFit(Tunables):
    credit: Strengths = Field(description="Credit by strength: proven, material, gap.")
    rounds_share: float = Field(description="Share of a principle's weight from its rounds.")
    floor: float = Field(description="Added to every principle's weight, so none is zero.")


class Fit(Tunables):
    skill: SkillFit
    experience: ExperienceFit
    culture: CultureFit


class Risks(Tunables):
    second_story_share: float = Field(
        description="A principle proven once weighs this share of what a gap would."
    )
    experience_shortfall: float = Field(
        description="Experience is a risk when its score falls short of full by more."
    )


class Evidence(Tunables):
    achievement_min_words: int = Field(description="Words of a full achievement sentence.")
    likely_floor: float = Field(ge=0, le=1, description="Least probability of a likely intent.")
    told_floor: float = Field(ge=0, le=1, description="Least chance a proving line is told.")


class Questions(Tunables):
    frequency_weight: Strengths = Field(description="Likelihood by frequency label.")
    gap_boost: float = Field(description="For each gap principle a question probes.")
    material_boost: float = Field(description="For each material principle it probes.")
    focus_boost: float = Field(description="Per term the job description stresses (two).")
    focus_terms_shown: int = Field(3, description="Terms named in the reason.")


class Stories(Tunables):
    intent_weights: list[float] = Field(description="The question's intents, best first.")
    aside_factor: float = Field(description="An intent outside the line's main action.")
    extra_phrase: float = Field(description="Each further phrase of the same intent (two).")
    substance_bonus: float = Field(description="Each of result, number, trigger, goal (three).")
    people_bonus: float = Field(description="The line names the person the question asks of.")
    people_penalty: float = Field(description="The line names people, none of that kind.")
    topic_bonus: float = Field(description="Each word shared with the question (two).")
    list_penalty: float = Field(description="The line is a list of topics with no result.")
    principle_credit: Strengths = Field(description="The line's evidence for the principles.")
    metric_bonus: float = Field(description="The line holds a number.")
    min_fit: float = Field(description="Below this, a prompt instead of a story.")
    reuse_margin: float = Field(
        ge=0, description="Most chance a question gives up to get a story not told yet."
    )
    intent_floor: float = Field(ge=0, le=1, description="Least probability of a likely intent.")
    likely_factor: float = Field(ge=0, description="Weight share of a likely intent, per unit.")
    story_categories: list[str] = Field(description="Question kinds always told as a story.")


class Ask(Tunables):
    duty_words: tuple[int, int] = Field(description="Words of a duty quoted in a question.")


class Checklist(Tunables):
    technical_round_words: list[str] = Field(description="Round names that probe skills.")


class Words(Tunables):
    scope: list[str] = Field(description="Words that show scope in a line.")
    scale_nouns: list[str] = Field(description="What a count at scale is of: users, orders...")
    scale_min: float = Field(100, ge=1, description="The smallest such count that shows scale.")
    category_focus: dict[str, list[str]] = Field(
        description="Words tying a question's category to what a job description stresses."
    )


class Learned(Tunables):
    intent_model_sha256: str = Field(description="sha256 of data/intent_model.json.")
    story_ranker_sha256: str = Field(description="sha256 of data/story_ranker.json.")
    skill_gate_sha256: str = Field(description="sha256 of data/skill_gate.json.")


class Method(Tunables):
    """The whole method file."""

    version: str
    learned: Learned
    counts: Counts
    level: Level
    fit: Fit
    risks: Risks
    evidence: Evidence
    questions: Questions
    stories: Stories
    ask: Ask
    checklist: Checklist
    words: Words


def method() -> Method:
    return load_tunables(METHOD_FILE, Method)


def value(path: str) -> Any:
    """A setting by its dotted path: value('stories.min_fit'), value('stories.intent_weights.0')."""
    node: Any = method()
    for part in path.split("."):
        if isinstance(node, Tunables):
            node = getattr(node, part)
        elif isinstance(node, list | tuple):
            node = node[int(part)]
        else:
            node = node[part]
    return node


def learned_file(path: Path, key: str) -> bytes:
    """A trained model's file (`data/*.json`), refused unless its sha256 is the one
    method.yaml records as `learned.<key>`: the model in use is part of the method."""
    raw = path.read_bytes()
    if hashlib.sha256(raw).hexdigest() != value(f"learned.{key}"):
        raise TunablesError(
            f"{path}: not the file method.yaml records (learned.{key}); "
            "record a retrained model there and raise the method's version"
        )
    return raw


RECORDED_NOTE = "its sha256 is recorded in method.yaml: raise the method's version there"


def record_learned_file(path: Path, text: str, key: str) -> str:
    """Write a trained model's file and record its sha256 as `learned.<key>` in
    method.yaml (the training scripts' last step); the digest, for the script to print.
    The method's version is for a person to raise, with the figures that justify it."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    line = re.compile(rf'^(\s*{re.escape(key)}:\s*)"?[0-9a-f]{{64}}"?[ \t]*$', re.M)
    recorded = METHOD_FILE.read_text(encoding="utf-8")
    if not line.search(recorded):
        raise TunablesError(f"{METHOD_FILE}: no learned.{key} line to record the file's hash in")
    path.write_text(text, encoding="utf-8")
    METHOD_FILE.write_text(line.sub(rf'\g<1>"{digest}"', recorded), encoding="utf-8")
    return digest


METHOD_VERSION: str = method().version
