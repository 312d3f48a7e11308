"""The word lists and thresholds ingestion reads (preploop/report/data/*.yaml), loaded once.

Heuristic knowledge lives in those files, not in the parsers, so it can be
tuned and reviewed as data. `settings(Model)` loads a file into a small pydantic
model whose fields carry defaults and say what each value means, through the one
loader of every tunable file (`preploop.tunables.load_tunables`); `wordlist(name)`
reads the job-description and language files the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import ClassVar, TypeVar

from pydantic import Field

from preploop.tunables import Tunables, load_tunables

DATA = Path(__file__).parent / "data"


Settings = TypeVar("Settings", bound="DataFile")


class DataFile(Tunables):
    """A data file's contents; `file` names it (without .yaml)."""

    file: ClassVar[str]


def settings(model: type[Settings]) -> Settings:
    """The data file of `model`, validated: a misspelt key or a bad value fails loudly."""
    return load_tunables(DATA / f"{model.file}.yaml", model)


class Heading(Tunables):
    kind: str = Field(description="The section a heading opens: required, preferred...")
    phrases: list[str] = Field(description="The headings' words.")


class SeniorityWords(Tunables):
    level: str = Field(description="The seniority these words mean.")
    words: list[str] = Field(description="Words in a title or text that say it.")
    not_after: list[str] = Field(default_factory=list, description="Words that cancel it.")


class YearsLevel(Tunables):
    min_years: int = Field(description="From this many years asked...")
    level: str = Field(description="...the posting reads as this seniority.")


class JobDescriptionWords(DataFile):
    """`data/job_description.yaml`: the words a job description is read by."""

    file: ClassVar[str] = "job_description"
    headings: list[Heading]
    preferred_markers: list[str] = Field(description="Mark a requirement as preferred.")
    abbreviations: list[str] = Field(description="Abbreviations whose dot ends no sentence.")
    title_adjectives: list[str] = Field(description="Words around a title that are not it.")
    seniority: list[SeniorityWords] = Field(description="Seniority from the title.")
    body_seniority: list[SeniorityWords] = Field(description="Seniority from the text.")
    number_words: dict[str, int] = Field(description="Numbers written as words.")
    generic_titles: list[str] = Field(description="Lines that are no title.")
    title_headings: list[str] = Field(description="Headings a title follows.")
    year_words: list[str] = Field(description="'years', in the languages read.")
    title_labels: list[str] = Field(description="Labels a title follows: 'Job title:'.")
    company_labels: list[str] = Field(description="Labels a company follows: 'Company:'.")
    title_numerals: dict[str, str] = Field(description="'Engineer II' numeral -> seniority.")
    numeral_after: list[str] = Field(description="Title words a level numeral follows.")
    years_seniority: list[YearsLevel] = Field(description="Seniority from the years asked.")
    keep_hyphen_after: list[str] = Field(description="Line-end hyphens that stay.")
    experience_words: list[str] = Field(description="'experience', in the languages read.")
    choice_words: list[str] = Field(description="Words joining alternatives: 'or'.")
    choice_leads: list[str] = Field(description="Words leading into alternatives: 'such as'.")
    choice_not_items: list[str] = Field(description="Words after 'or' that are no skill.")
    eligibility_words: list[str] = Field(description="A line about the right to work.")
    duty_openers: list[str] = Field(description="Words before a duty's verb: 'You will'.")
    pitch_verbs: list[str] = Field(description="Verbs that open a pitch: 'Join'.")
    related_role_markers: list[str] = Field(description="'or a closely related role'.")
    related_role_leads: list[str] = Field(description="Words opening the related roles.")
    related_role_forms: dict[str, list[str]] = Field(
        description="A field a posting names -> the title words of its roles."
    )


class LanguageWords(DataFile):
    """`data/languages.yaml`: telling a document's language by its common words."""

    file: ClassVar[str] = "languages"
    min_words: int = Field(description="Words a text needs before its language is judged.")
    min_share: float = Field(description="Share of a language's stop words to count it.")
    margin: float = Field(description="How far the top language must lead the next.")
    names: dict[str, str] = Field(description="Language code -> name.")
    stop_words: dict[str, list[str]] = Field(description="Common words per language.")


WORDLISTS = {"job_description": JobDescriptionWords, "languages": LanguageWords}


@cache
def wordlist(name: str):
    """The data file `name`.yaml, validated by its model (read like a dict, or by field)."""
    return settings(WORDLISTS[name])


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of the words literally, tried in the order given."""
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


# --- the resume parser's words (data/resume.yaml) ------------------------------


class ResumeWords(DataFile):
    file: ClassVar[str] = "resume"

    headings: dict[str, list[str]] = Field(
        description="Section headings by the kind of section they open, lower case."
    )
    title_words: list[str] = Field(
        description="Words of a job title, abbreviations included (sr, vp, mgr)."
    )
    company_words: list[str] = Field(
        description="Words of an organisation's name; each counts twice against a title."
    )
    connectors: list[str] = Field(
        description="A bullet ending in one of these words carries on onto the next line."
    )
    document_titles: list[str] = Field(description="A line that is only the document's title.")
    employment_types: list[str] = Field(
        default_factory=list,
        description="Bracketed words after a title that say how the job was held, not where.",
    )
    institution_words: list[str] = Field(
        description="Words (and well-known short names) that make a piece a school."
    )
    degree_patterns: list[str] = Field(
        description="Regular expressions (any case) for a degree's name: bachelor, M.Sc., MBA."
    )
    graduation_words: list[str] = Field(
        description="Words before an education entry's date: graduated, expected, class of."
    )
    action_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs that open a duty or an achievement (besides any word in -ed).",
    )
    remote_words: list[str] = Field(
        default_factory=lambda: ["remote", "hybrid", "on-site"],
        description="Words that are a job's location on their own.",
    )
    field_labels: list[str] = Field(
        default_factory=list,
        description='Labels of a role\'s fields, dropped before reading ("Dates | 01/2022").',
    )
    place_labels: list[str] = Field(
        default_factory=list,
        description='Labels of a place in a role\'s heading ("City: Chicago | Country: US").',
    )
    short_line_words: int = Field(
        6, description="Most words in a heading, a name or a line of contact details."
    )
    name_within_lines: int = Field(5, description="The name is among the first lines.")
    headline_words: int = Field(
        8, description='Most words in the title under the name ("Senior Software Engineer").'
    )
    sentence_words: int = Field(10, description="A line this long is a sentence, not a heading.")
    short_sentence_words: int = Field(
        6, description="A line this long ending in a full stop is a sentence."
    )
    skill_max_words: int = Field(5, description="A longer item in Skills is a sentence.")
    skill_max_chars: int = Field(50, description="...and so is one with more characters.")
    summary_prose_words: int = Field(
        12, description="A header line this long, with no summary section, is the summary."
    )
    description_words: int = Field(
        15, description="A line under a role's heading longer than this is a bullet, not prose."
    )


class DateWords(DataFile):
    file: ClassVar[str] = "dates"

    months: dict[int, list[str]] = Field(
        description="Spellings of each month (1-12), English and other languages, lower case."
    )
    seasons: dict[str, int] = Field(description="Season words and the month they stand for.")
    present: list[str] = Field(description="Words for 'still in this job' in an end date.")
    range_words: list[str] = Field(description="Words between the two dates of a range.")


# --- the PDF reader's fonts, words and layout thresholds (data/pdf.yaml) -------


class PdfLayout(Tunables):
    """Layout thresholds; sizes are in font sizes (em), shares of a page or of its pieces."""

    wide_gap_em: float = Field(1.2, description="A gap wider than this splits a line in pieces.")
    font_change_gap_em: float = Field(
        0.8, description="...and one wider than this where the font changes (a margin's dates)."
    )
    name_size_ratio: float = Field(1.6, description="Type this much larger is a line of its own.")
    dated_side_share: float = Field(0.5, description="A side this often dated is a dates column.")
    short_dated_side_share: float = Field(
        0.3, description="...and one of short pieces this often dated."
    )
    short_piece_words: int = Field(6, description="A piece of at most this many words is short.")
    word_fragment_share: float = Field(
        0.7, description="Above this share of one-word pieces, words were drawn one by one."
    )
    letter_gap_tolerance_em: float = Field(
        0.08, description="Letter gaps within this of their median are uniform spacing."
    )
    letter_gap_uniform_share: float = Field(
        0.7, description="Share of uniform letter gaps that makes a letter-spaced line."
    )
    letter_gap_min_em: float = Field(0.06, description="Smaller letter gaps are ordinary type.")
    letter_gap_word_em: float = Field(
        0.15, description="A gap this much wider than the letter spacing is a word space."
    )
    fake_bold_shift: float = Field(
        0.3, description="A glyph redrawn within this share of its width is fake bold."
    )
    gutter_search_band: float = Field(
        0.2, description="A column gutter is looked for this far in from either side."
    )
    gutter_crossing_share: float = Field(
        0.12, description="A gutter crossed by more than this share of pieces is none."
    )
    gutter_min_pieces: int = Field(8, description="Pages with fewer pieces are one column.")
    side_min_text_share: float = Field(
        0.05, description="A column with less of the page's text is not a column."
    )
    glue_gap_em: float = Field(0.1, description="Pieces closer than this join without a space.")
    wrap_size_change: float = Field(
        0.15, description="A line whose type differs more from the line above does not wrap it."
    )
    wrap_gap_min_em: float = Field(-0.3, description="Least gap between a line and its wrap.")
    wrap_gap_max_em: float = Field(0.7, description="Largest gap between a line and its wrap.")
    wrap_align_points: float = Field(2.5, description="A wrap starts within this of the line.")
    cell_gap_em: float = Field(
        2.0, description="A left cell ending this close to the right cell was full."
    )
    wrap_right_slack_em: float = Field(
        0.5, description="A line ending this close to the column edge was full."
    )
    page_edge_share: float = Field(
        0.08, description="Top and bottom share of a page where headers and footers sit."
    )
    page_margin_share: float = Field(
        0.15, description="Top and bottom share where a page number may sit."
    )
    footer_max_words: int = Field(8, description="A page footer has at most this many words.")
    name_top_share: float = Field(0.3, description="The name sits in this top share of page 1.")
    name_size_over_body: float = Field(
        1.25, description="The name's type is at least this much larger than the body's."
    )
    heading_max_words: int = Field(4, description="An all-capitals heading has at most this.")
    name_max_words: int = Field(5, description="A name has at most this many words.")
    bold_share: float = Field(
        0.9, description="A line with at least this share of bold letters is a bold line."
    )


class PdfWords(DataFile):
    file: ClassVar[str] = "pdf"

    icon_fonts: list[str] = Field(description="Fonts whose glyphs are pictures, not letters.")
    bold_fonts: list[str] = Field(
        default_factory=list, description="Font name parts that mean bold type."
    )
    compound_prefixes: list[str] = Field(description="Word pieces that start a compound.")
    compound_suffixes: list[str] = Field(description="Word pieces that end a compound.")
    layout: PdfLayout = Field(default_factory=PdfLayout)
