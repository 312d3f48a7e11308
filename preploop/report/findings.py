"""The analysis of one candidate, as data: what `analyze` produces and `render` reads.

This is the `analysis.json` that staff review and correct before a report is
rendered again, so it is validated strictly when read back.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from preploop.report.documents import JobDescription, Resume, drop_empty
from preploop.report.method import METHOD_VERSION

# "live": no line shows it, and none is needed: the rounds judge it in the room.
Strength = Literal["proven", "material", "gap", "live"]
NOTE_LIMIT = 1500  # characters in staff's note to the candidate (the review app may ask fewer)


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Said(Finding):
    """A sentence the report will say, kept as facts: `code` names its wording in the
    report's wording file (`theme/report/wording/<language>.yaml`), `args` hold what
    it is made of (names, numbers, quoted lines). Templates put it into words, so the
    analysis holds no English and a second language is a second wording file."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_.-]*$", max_length=80)
    # A list of lists holds alternatives: [["Java", "C++"], ["SQL"]] is "Java or C++, SQL".
    args: dict[str, str | int | float | list[str] | list[list[str]]] = Field(default_factory=dict)


def staff_text(text: str) -> Said:
    """A sentence staff wrote in review, printed as they typed it (escaped)."""
    return Said(code="staff.text", args={"text": text})


def _earlier_sentence(value: Any) -> Any:
    """An analysis written before a field became a fact held the sentence itself: it
    reads back as that sentence, printed as it was."""
    if isinstance(value, str):
        return Said(code="earlier.text", args={"text": value})
    return value


# A fact that analyses written before it was one held as an English sentence.
SaidOrEarlier = Annotated[Said, BeforeValidator(_earlier_sentence)]


class Evidence(Finding):
    """One resume line quoted as evidence, and why it counts."""

    line_id: str  # see Resume.lines()
    text: str
    where: str = ""  # "Product Manager, Acme" or "Skills"
    strength: Strength = "material"
    matched: list[str] = Field(default_factory=list)  # the phrases or skills that matched
    shows: list[str] = Field(default_factory=list)  # intent ids: the kinds of story it tells


class Anatomy(Finding):
    """One resume line taken apart, in the candidate's own words (see `anatomy.py`)."""

    actions: list[str] = Field(default_factory=list)  # verb clauses: "Killed the carousel"
    trigger: str = ""  # what set it off: "after an A/B test showed ..."
    goal: str = ""  # what it was for: "ship kids' profiles before the holidays"
    method: list[str] = Field(default_factory=list)  # "using cohort retention data"
    scope: list[str] = Field(default_factory=list)  # "40M members", "two engineers"
    people: list[str] = Field(default_factory=list)  # "CMO", "VP of Content", "finance"
    results: list[str] = Field(default_factory=list)  # "saving $4.2M a year"
    owns: bool = False  # the first action is ownership ("Owned the billing funnel")
    weak: bool = False  # opens with someone else's work ("Helped launch ...")
    listy: bool = False  # a list of topics with no result or number
    lead_intents: list[str] = Field(default_factory=list)  # intents outside the trigger
    intents: list[str] = Field(default_factory=list)  # intent ids of the role family
    intent_phrases: dict[str, list[str]] = Field(default_factory=dict)  # id -> phrases found
    intent_strength: dict[str, float] = Field(default_factory=dict)  # id -> how likely, 0-1


class ScorePart(Finding):
    """One part of the fit score with the reasons behind it."""

    score: int = Field(ge=0, le=100)
    weight: float = Field(ge=0, le=1)  # share of the overall score
    reasons: list[Said]  # each a fact behind the number
    evidence: list[Evidence] = Field(default_factory=list)
    missing: list[Said] = Field(default_factory=list)  # what was looked for and not found


class Fit(Finding):
    overall: int = Field(ge=0, le=100)
    skill: ScorePart
    experience: ScorePart
    culture: ScorePart


class SkillMatch(Finding):
    name: str
    required: bool
    # shown in a bullet / listed only in the summary or a skills list / missing
    status: Literal["shown", "listed", "missing"]
    evidence: list[Evidence] = Field(default_factory=list)
    # The other skills the job accepts instead ("Java, C++, or C#"): one requirement,
    # reported under the one of them the resume shows best.
    alternatives: list[str] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _without_empty(self, handler: SerializerFunctionWrapHandler) -> Any:
        return drop_empty(handler(self), "alternatives")


class PrincipleFinding(Finding):
    id: str
    name: str
    strength: Strength
    importance: float  # how much this principle weighs in this company's interviews, 0-1
    rounds: list[str]  # names of rounds that score it
    evidence: list[Evidence] = Field(default_factory=list)  # strongest first
    missing: str  # what the candidate must add (from the catalog)
    advice: Said  # what to do before the interview


class Risk(Finding):
    title: Said
    kind: Literal["principle", "skill", "experience"]
    weight: float  # the share of the evaluation at stake, 0-1, used for ranking
    why: Said
    prepare_first: Said
    principle_id: str | None = None


class QuestionPlan(Finding):
    id: str  # catalog question id, or "principle-<id>" for a question built from a principle
    text: str
    round: str  # round name
    category: str
    frequency: str
    likelihood: float  # the ranking score
    reasons: list[Said]  # why it is likely for this candidate
    principles: list[str]  # principle names
    story: Evidence | None  # the resume line to build the answer on
    story_reason: str = ""  # why that line: "you owned a mistake"
    story_words: str = ""  # the words of the line that show it
    story_prompt: SaidOrEarlier  # what to add to that story, or where to find one if none
    angle: str
    testing: str
    follow_ups: list[str]


class Story(Finding):
    title: str
    principle_id: str | None = None  # None when the line evidences no principle
    principle: str = ""
    intents: list[str] = Field(default_factory=list)  # intent labels the line shows
    questions: list[str] = Field(default_factory=list)  # ids of the questions it answers
    source: Evidence
    anatomy: Anatomy
    situation: str
    task: str
    action: str
    result: str
    prompts: list[str]  # every "[add: ...]" the candidate must fill in
    edited: bool = False  # staff rewrote the draft: a new story pick no longer redrafts it

    @model_serializer(mode="wrap")
    def _without_unedited(self, handler: SerializerFunctionWrapHandler) -> Any:
        return drop_empty(handler(self), "edited")


class MiningPrompt(Finding):
    """Where to look for a story the resume does not tell yet."""

    where: str  # "Lumen Streaming" or a gap principle's name
    prompts: list[SaidOrEarlier]


class Script(Finding):
    topic: Said
    when: Said  # when to use it
    script: Said  # what to say, with [add: ...] prompts
    principle_id: str | None = None


class ChecklistStage(Finding):
    round_id: str
    name: str
    duration: str
    format: str
    emphasize: list[Said]
    stories: list[str]  # story titles to have ready
    watch_risks: list[int] = Field(default_factory=list)  # indexes of `risks` it may probe
    watch_out: list[Said] = Field(default_factory=list)  # other things it may probe


class PayLevel(Finding):
    level: str
    title: str
    total: int
    base: int | None = None
    stock: int | None = None
    bonus: int | None = None
    currency: str
    source: str | None  # "name, as of YYYY-MM-DD"; None when unsourced


class TargetLevel(Finding):
    code: str
    title: str
    seniority: str
    min_years: int
    reason: Said


class CandidateProfile(Finding):
    """The kind of candidate against this role (candidate.py) and what the report says
    about it up front."""

    kind: str  # "student", "switcher", "above" or "fits"
    notes: list[Said] = Field(default_factory=list)
    # A switcher's lines from other kinds of work that already tell a kind of story this
    # role asks about: what carries over, strongest first.
    transferable: list[Evidence] = Field(default_factory=list)


class CatalogUse(Finding):
    """Which catalog data the analysis used, so a re-render can check it still matches."""

    company: str
    role: str
    family: str
    files: dict[str, str]  # catalog-relative path -> sha256 of its content


class Analysis(Finding):
    method_version: str = METHOD_VERSION
    candidate: str
    as_of: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")  # the date "Present" means, YYYY-MM-DD
    catalog: CatalogUse
    resume: Resume
    job: JobDescription
    target_level: TargetLevel
    years_of_experience: float = Field(ge=0, le=100)  # a career, not a typo
    relevant_years: float = Field(ge=0, le=100)
    fit: Fit
    skills: list[SkillMatch]
    principles: list[PrincipleFinding]
    risks: list[Risk] = Field(max_length=3)
    questions: list[QuestionPlan] = Field(max_length=12)
    stories: list[Story] = Field(max_length=8)
    story_mining: list[MiningPrompt] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)  # e.g. a resume not in English
    scripts: list[Script]
    questions_to_ask: list[Said]
    checklist: list[ChecklistStage]
    pay: PayLevel | None
    note: str = Field(default="", max_length=NOTE_LIMIT)  # staff's note to the candidate
    # Who the candidate is against the role, and inputs that do not add up (a posting of
    # another company, resume dates that cannot be true): said before anything else.
    profile: CandidateProfile | None = None
    read_first: list[Said] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _without_empty_note(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict) and (data.get("profile") or {}).get("kind") == "fits":
            data.pop("profile")  # the usual case adds nothing: older analyses stay identical
        for key in ("note", "profile", "read_first"):
            data = drop_empty(data, key)
        return data


def broken_references(analysis: Analysis) -> list[str]:
    """Where one part of the analysis names another that is not there ("field: problem"):
    the schema cannot see these, and a hand edit that makes one must not crash a render."""
    problems = []
    question_ids = {q.id for q in analysis.questions}
    for i, story in enumerate(analysis.stories):
        for qid in story.questions:
            if qid not in question_ids:
                problems.append(f"stories.{i}.questions: '{qid}' is no question of this analysis")
    for i, stage in enumerate(analysis.checklist):
        for n in stage.watch_risks:
            if not 0 <= n < len(analysis.risks):
                count = len(analysis.risks)
                problems.append(
                    f"checklist.{i}.watch_risks: {n} is no risk (there are {count}, from 0)"
                )
    return problems
