"""The catalog schema: what a company, role or role-family file may contain.

These pydantic models are the single source of truth for the YAML under
`companies/`. `prep schema` exports them as JSON Schema for editors. Cross-file
checks (a question naming a round that exists, pay levels that exist) live in
`preploop.catalog`, because they need more than one field to judge.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
# What no page, feed or PDF can carry: C0 and C1 controls (but tab and line ends), and
# lone surrogates. YAML refuses them typed raw, but "\v" or "\ud800" in double quotes
# makes them, and one made the Atom feed invalid XML.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _printable(value: str) -> str:
    # Most strings are printable through and through (no line ends even), which
    # str.isprintable tells faster than the search: 150,000 strings at 1,000 roles.
    if value.isprintable():
        return value
    if m := _UNPRINTABLE.search(value):
        raise PydanticCustomError(
            "control_character",
            "holds a control character (U+{code}) that no page can show: remove it",
            {"code": f"{ord(m.group()):04X}"},
        )
    return value


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_printable)
]
_WEB_URL = r"^https?://[^\s/?#@]+(?:[/?#]\S*)?$"


def _web_url(value: str) -> str:
    # The site links to it: no javascript: or data:, no user@host disguise.
    if not re.match(_WEB_URL, value):
        raise PydanticCustomError(
            "web_url", "must be an http(s) address such as https://example.com"
        )
    return value


WebUrl = Annotated[
    str, AfterValidator(_web_url), WithJsonSchema({"type": "string", "pattern": _WEB_URL})
]

FREQUENCIES = ("very-common", "common", "occasional", "rare")
Frequency = Literal["very-common", "common", "occasional", "rare"]
Seniority = Literal["intern", "junior", "mid", "senior", "staff", "principal", "director"]


class Strict(BaseModel):
    """Base for every catalog model: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def model_post_init(self, context: Any, /) -> None:
        # Each instance's set of the fields its file gave was 38% of a loaded catalog's
        # memory (200 MB at 10,000 roles), and models of a kind mostly give the same
        # fields. Frozen, a model never changes its set (a copy gets its own): alike
        # ones are shared.
        fields = self.__pydantic_fields_set__
        object.__setattr__(
            self, "__pydantic_fields_set__", _FIELD_SETS.setdefault(frozenset(fields), fields)
        )


_FIELD_SETS: dict[frozenset[str], set[str]] = {}


class Source(Strict):
    """Where a figure about a real company comes from, and when it was true."""

    name: Text = Field(description="Who published the figure, e.g. 'levels.fyi'.")
    url: WebUrl | None = Field(default=None, description="Where it can be checked.")
    as_of: dt.date = Field(description="When the figure was read, YYYY-MM-DD.")


class Range(Strict):
    """A range of numbers such as 40-50 (percent) or 45-60 (minutes)."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.max < self.min:
            raise ValueError(f"max ({self.max}) is smaller than min ({self.min})")
        return self

    def __str__(self) -> str:
        return str(self.min) if self.min == self.max else f"{self.min}-{self.max}"


class Signals(Strict):
    """Phrases the report's analysis looks for in a resume line, per principle."""

    proven: list[Text] = Field(
        default_factory=list,
        description="Phrases that show the principle outright in a resume line "
        "(e.g. 'without approval', 'overruled'). Keep these strict: a false proof "
        "is the worst error a report can make.",
    )
    material: list[Text] = Field(
        default_factory=list,
        description="Phrases that make a line raw material for a story about the "
        "principle once the candidate adds what is missing (e.g. 'retention', 'a/b test').",
    )
    missing: Text = Field(
        description="What a candidate must add to turn material into proof; "
        "shown as an [add: ...] prompt in drafted stories."
    )


class Principle(Strict):
    id: Slug
    name: Text
    summary: Text = Field(description="One or two sentences: what the principle means here.")
    look_for: Text = Field(description="What interviewers look for. Markdown allowed.")
    demonstrate: Text = Field(description="How a candidate demonstrates it. Markdown allowed.")
    red_flags: list[Text] = Field(min_length=1, description="Answers that count against you.")
    signals: Signals
    intents: list[Slug] = Field(
        default_factory=list,
        description="The story intents (from the role families' `intents`) that show this "
        "principle's nature. A line is proven for the principle only if it carries one of "
        "them; leave empty to accept any intent.",
    )
    judged_live: bool = Field(
        False,
        description="The rounds test it directly, on problems solved in the room, rather "
        "than by asking for a story: a resume line for it is a bonus, never a need. With no "
        "line, a report marks it 'in the room', leaves it out of the culture score, and "
        "gives it no risk and no script.",
    )


CultureForm = Literal["list", "short-list", "memo", "unpublished"]


class Culture(Strict):
    name: Text = Field(description="What the company calls its principles.")
    form: CultureForm = Field(
        default="list",
        description="How the company states its culture: `list` (a published list of "
        "values or principles), `short-list` (a few values, little more), `memo` (a long "
        "document whose themes the principles below summarise) or `unpublished` (no values "
        "published: the principles are what its interviewers are known to look for, from "
        "`principles_source`).",
    )
    weight: Range = Field(description="Share of the evaluation decided by culture, in percent.")
    weight_source: Source | None = Field(
        description="Where the weight comes from; null when it is our own estimate."
    )
    principles_source: Source = Field(
        description="The company's own statement of its culture or, when `form` is "
        "`unpublished`, the public source on what its interviewers look for."
    )


class Intent(Strict):
    """A kind of story a resume line can tell, found by the phrases it contains."""

    label: Text = Field(
        description="Why the line fits, said to the candidate: 'you owned a mistake'."
    )
    phrases: list[Text] = Field(
        min_length=1,
        description="Phrases that tag a line with this intent. Words match any verb form "
        "('lead' finds 'led'); '...' stands for up to six words in between "
        "('tell ... vp' finds 'Told the VP').",
    )
    unless: list[Text] = Field(
        default_factory=list,
        description="Phrases that cancel the intent in the same line "
        "('waited for approval' for a decision taken without it).",
    )
    prompt: Text = Field(
        description="What to look for in a job when no resume line fits, ending the "
        "sentence 'At <employer>, was there a time ...': 'you got a call wrong and said so?'; "
        "or a whole sentence of its own, starting with a capital letter."
    )


class IntentOverride(Strict):
    """Extra phrases for a family intent, for one company or role."""

    phrases: list[Text] = Field(default_factory=list)
    unless: list[Text] = Field(default_factory=list)


class Company(Strict):
    """`companies/<slug>/company.yaml`."""

    name: Text
    slug: Slug
    aliases: list[Text] = Field(
        default_factory=list,
        description="Other names people give the company in reports (e.g. Facebook for "
        "Meta); case, spacing and punctuation are ignored.",
    )
    about: Text = Field(description="A short description of the company. Markdown allowed.")
    founded: int | None = Field(
        default=None,
        ge=1600,
        le=2100,
        description="The year the company was founded; a resume job there before it is "
        "pointed out in the report.",
    )
    culture: Culture
    principles: list[Principle] = Field(min_length=1)
    intents: dict[Slug, IntentOverride] = Field(
        default_factory=dict,
        description="Extra phrases for the role families' intents at this company.",
    )


class Level(Strict):
    code: Text = Field(description="The company's level code, e.g. L5.")
    title: Text
    seniority: Seniority
    min_years: int = Field(ge=0, le=40, description="Typical years of experience at entry.")


class GenericLevel(Strict):
    """A step of a role family's generic ladder: no company's code, only a plain title."""

    title: Text = Field(description="A generic title, e.g. 'Senior Product Manager'.")
    seniority: Seniority
    min_years: int = Field(ge=0, le=40, description="Typical years of experience at entry.")


class GenericLadder(Strict):
    """The ladder a role of this family is aimed at when its company publishes none we
    could source. Never shown as a company's levels."""

    levels: list[GenericLevel] = Field(min_length=1)
    min_years_source: Source | None = Field(
        description="Where the years per step come from; null when they are our estimate."
    )


class Round(Strict):
    id: Slug
    name: Text
    duration: Range | None = Field(
        default=None, description="Minutes, e.g. {min: 45, max: 60}; leave out if no source says."
    )
    format: Text = Field(description="Phone, video, onsite, take-home presentation...")
    assesses: Text = Field(description="What the round assesses. Markdown allowed.")
    principles: list[Slug] = Field(default_factory=list)
    source: Source | None = Field(
        default=None,
        description="Where this round is described, when not in the role's `rounds_source`.",
    )


class Process(Strict):
    weeks: Range | None = Field(
        default=None,
        description="Typical weeks from application to offer; leave out if no source says.",
    )
    note: Annotated[str, AfterValidator(_printable)] = Field(
        default="", description="Caveats, e.g. that teams vary."
    )


QuestionCategory = Literal[
    "behavioral",
    "culture",
    "product-sense",
    "strategy",
    "execution",
    "metrics",
    "technical",
    "coding",
    "system-design",
    "leadership",
]


class Question(Strict):
    id: Slug = Field(description="Stable anchor: pages and reports link to it.")
    text: Text
    category: QuestionCategory
    round: Slug
    principles: list[Slug] = Field(default_factory=list)
    frequency: Frequency = Field(description="How often candidates report it.")
    testing: Text = Field(description="What the interviewer is really testing.")
    angle: Text = Field(description="The angle most likely to land.")
    follow_ups: list[Text] = Field(min_length=2, max_length=4)
    intents: list[Slug] = Field(
        default_factory=list,
        description="What kind of story answers it, as intent ids of the role family "
        "(e.g. mistake-owned): the report picks the resume line that carries them.",
    )
    reported_as: list[Text] = Field(
        default_factory=list,
        description="Other wordings candidates use when they report this question; "
        "imported reports that read like one of them count for it.",
    )


class FamilyQuestion(Strict):
    """A question asked of this kind of role at any company: the report draws on these
    when a role's own bank holds fewer questions than a report answers."""

    id: Slug = Field(description="Stable id, unique within the family.")
    text: Text
    category: QuestionCategory
    frequency: Frequency = Field(description="How often it comes up for this kind of role.")
    testing: Text = Field(description="What the interviewer is really testing.")
    angle: Text = Field(description="The angle most likely to land.")
    follow_ups: list[Text] = Field(min_length=2, max_length=4)
    intents: list[Slug] = Field(
        default_factory=list, description="What kind of story answers it, as intent ids."
    )


class PrepArea(Strict):
    focus: Text
    why: Text
    actions: list[Text] = Field(default_factory=list)


class PayRow(Strict):
    level: Text = Field(description="A level code from `levels`.")
    total: int = Field(gt=0, description="Average total yearly pay.")
    base: int | None = Field(default=None, gt=0)
    stock: int | None = Field(default=None, ge=0)
    bonus: int | None = Field(default=None, ge=0)


class Pay(Strict):
    currency: Literal["USD", "EUR", "GBP", "CAD", "INR"] = "USD"
    source: Source | None = Field(description="Where the figures come from; null if unsourced.")
    rows: list[PayRow] = Field(min_length=1)


class ReportedInterviews(Strict):
    count: int = Field(ge=0)
    source: Source | None


class FaqEntry(Strict):
    q: Text
    a: Text = Field(description="Markdown allowed.")


class Role(Strict):
    """`companies/<company>/<slug>.yaml`."""

    title: Text
    slug: Slug
    family: Slug = Field(description="A role family from `companies/_roles/`.")
    summary: Text = Field(description="What the job is at this company. Markdown allowed.")
    rewards: Text = Field(description="Headline: what the company rewards in this role.")
    levels: list[Level] = Field(
        default_factory=list,
        description="The company's own ladder for this role; leave empty when no source "
        "gives it: the page then says so and the report uses the family's generic ladder.",
    )
    levels_source: Source | None = Field(
        default=None,
        description="Where the level codes and titles come from (required with levels).",
    )
    process: Process
    rounds: list[Round] = Field(min_length=1)
    rounds_source: Source | None = Field(
        default=None,
        description="Where the loop (rounds, formats, durations, weeks) is described; "
        "required unless every round has its own `source`.",
    )
    questions: list[Question] = Field(min_length=1)
    prep_plan: list[PrepArea] = Field(
        default_factory=list, description="Leave empty to use the role family's prep areas."
    )
    pay: Pay | None = None
    faq: list[FaqEntry] = Field(default_factory=list)
    interviews_reported: ReportedInterviews | None = None
    intents: dict[Slug, IntentOverride] = Field(
        default_factory=dict,
        description="Extra phrases for the role family's intents in this role.",
    )


class Skill(Strict):
    name: Text
    synonyms: list[Text] = Field(
        default_factory=list,
        description="Other names for the skill: a resume line holding one shows the skill.",
    )
    hints: list[Text] = Field(
        default_factory=list,
        description=(
            "Words that point to the skill in a job description or a skills list, but do "
            "not show it in use in a line of work (a VP named in a bullet is not "
            "stakeholder management by itself)."
        ),
    )
    products: list[Text] = Field(
        default_factory=list,
        description=(
            "Named products and languages that point to the skill as hints do, but that a "
            'job description may ask for by name among alternatives ("streaming such as '
            'Kafka or Kinesis", "Java or Kotlin"): the product itself is then asked for, '
            "and a line of work that names it meets the requirement."
        ),
    )
    degrees: list[Text] = Field(
        default_factory=list,
        description=(
            "Degree subjects that teach the skill: a degree in one, in the resume's "
            "education, lists it (knowledge, with partial credit, as a skills list does), "
            'never shows it in use ("B.S. Computer Science" for algorithms and data '
            "structures)."
        ),
    )

    @property
    def posting_words(self) -> list[str]:
        """What names the skill in a job description: its synonyms, hints and products."""
        return [*self.synonyms, *self.hints, *self.products]

    @property
    def line_words(self) -> list[str]:
        """What shows the skill in a line of work: its name and its synonyms, but not a name
        its hints hold ("Security" names a team, a title or a course as often as the work)."""
        hinted = self.name.lower() in {hint.lower() for hint in self.hints}
        return [*([] if hinted else [self.name]), *self.synonyms]


class Competency(Strict):
    id: Slug
    name: Text
    description: Text


class RoleFamily(Strict):
    """`companies/_roles/<slug>.yaml`: what a kind of role shares across companies."""

    name: Text
    slug: Slug
    titles: list[Text] = Field(
        default_factory=list,
        description="Other job titles that count as this kind of role on a resume "
        "(e.g. 'product owner'); used to weigh relevant experience.",
    )
    competencies: list[Competency] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)
    prep_areas: list[PrepArea] = Field(min_length=1)
    questions_to_ask: list[Text] = Field(default_factory=list)
    questions: list[FamilyQuestion] = Field(
        default_factory=list,
        description="Questions this kind of role is asked anywhere: a report fills up to "
        "its question count from these when a role's own bank is short (and says so).",
    )
    intents: dict[Slug, Intent] = Field(
        default_factory=dict,
        description="The kinds of story the report looks for in resume lines, by id; "
        "questions and principles name them.",
    )
    off_role_terms: list[Text] = Field(
        default_factory=list,
        description="Terms that mark a resume line as another kind of role's work "
        "(for a product manager: 'code review', 'unit tests'). Such a line can be material "
        "for a principle but never proves it for this role.",
    )
    generic_ladder: GenericLadder | None = Field(
        default=None,
        description="Plain titles and years per step, used only for a role that lists no "
        "levels of its own (its company publishes no ladder we could source).",
    )


SCHEMAS: dict[str, type[Strict]] = {
    "company": Company,
    "role": Role,
    "role-family": RoleFamily,
}


def ladder(role: Role, family: RoleFamily) -> list[Level]:
    """The levels a report aims at: the role's own, or else the family's generic ladder,
    whose steps carry their title as code (there is no company code to show)."""
    if role.levels or family.generic_ladder is None:
        return role.levels
    return [
        Level(code=step.title, title=step.title, seniority=step.seniority, min_years=step.min_years)
        for step in family.generic_ladder.levels
    ]
