"""Job-description text to a `JobDescription`: title, company, seniority, years, skills.

Parsing is pure and deterministic; its word lists are data (data/job_description.yaml).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from preploop.report.cleaning import clean_text, split_bullet
from preploop.report.documents import JobDescription
from preploop.report.jd_choices import Mentions, read_mentions
from preploop.report.language import detect_language, language_warnings
from preploop.report.phrases import can_be_verb
from preploop.report.positions import title_score
from preploop.report.readers import markdown_to_text
from preploop.report.related_roles import read_related_roles
from preploop.report.terms import first_position
from preploop.report.wordlists import SeniorityWords, alternation, wordlist

NO_VOCABULARY: Mapping[str, Sequence[str]] = MappingProxyType({})


_JD_WORDS = wordlist("job_description")
_JD_HEADINGS = tuple((entry.kind, entry.phrases) for entry in _JD_WORDS.headings)
_PREFERRED_MARKERS = re.compile(rf"\b{alternation(_JD_WORDS['preferred_markers'])}\b", re.I)
_ABBREVIATION_END = re.compile(
    rf"(?:\b{alternation(_JD_WORDS['abbreviations'])}|\b[A-Z])\.$",
    re.I,
)


def _jd_heading(text: str) -> str | None:
    norm = re.sub(r"[*_#:]", "", text.lower()).replace("-", " ")
    norm = re.sub(r"\s+", " ", norm.replace("&", "and")).strip(" .")
    if not norm or len(norm.split()) > 8:
        return None
    for kind, phrases in _JD_HEADINGS:
        for phrase in phrases:
            if norm == phrase or (norm.startswith(phrase + " ") and len(phrase.split()) > 1):
                return kind
    return None


def parse_job_description(
    text: str,
    vocabulary: Mapping[str, Sequence[str]] = NO_VOCABULARY,
    products: Mapping[str, Sequence[str]] = NO_VOCABULARY,
) -> JobDescription:
    """Sections, seniority, years and skills of a job posting.

    `vocabulary` holds each skill's posting words, `products` those of them that name a
    product ("Kafka"): one named among alternatives is asked for as written."""
    cleaned = clean_text(markdown_to_text(_repair(text)))
    parts = _jd_parts(cleaned)
    sentences = [s for part in parts.values() for s in part]
    required = [s for s in parts["required"] if not _PREFERRED_MARKERS.search(s)]
    preferred = [s for s in parts["required"] if _PREFERRED_MARKERS.search(s)]
    preferred += parts["preferred"]
    title, company, title_line = _jd_title_company(cleaned)
    years = _years_required(required, cleaned)
    said_level = _seniority(title_line, cleaned)
    language = detect_language(cleaned)
    # Each line's mentions of skills (alternatives, examples, products), read once.
    mentions = {
        line: read_mentions(line, vocabulary, products) for line in dict.fromkeys(sentences)
    }
    if vocabulary:
        scope = required or [s for s in sentences if s not in preferred]
        required_skills = _vocabulary_matches(_of_skills(scope), vocabulary, mentions)
        preferred_skills = _vocabulary_matches(_of_skills(preferred), vocabulary, mentions)
        preferred_skills = [s for s in preferred_skills if s not in required_skills]
    else:
        required_skills = _listed_skills(required)
        preferred_skills = [s for s in _listed_skills(preferred) if s not in required_skills]
    choices = [
        group for line in _of_skills([*required, *preferred]) for group in mentions[line].groups
    ]
    # A nice-to-have list ("Python, Tableau or Looker") that names a skill asked for
    # elsewhere as required is no choice: the required one stays required on its own.
    choices = [
        g for g in choices if not (set(g) & set(required_skills) and set(g) & set(preferred_skills))
    ]
    return JobDescription(
        title=title,
        company=company,
        seniority=said_level or _years_seniority(years),
        seniority_from_years=not said_level and bool(_years_seniority(years)),
        years_required=years,
        related_roles=read_related_roles([*required, *sentences]),
        required_lines=required,
        preferred_lines=preferred,
        responsibility_lines=[line for line in parts["responsibilities"] if is_duty(line)],
        required_skills=required_skills,
        preferred_skills=preferred_skills,
        skill_choices=choices,
        text=cleaned,
        language=language,
        warnings=language_warnings(language, "job description"),
    )


_KEEP_HYPHEN = frozenset(_JD_WORDS["keep_hyphen_after"])
_BROKEN_WORD = re.compile(r"\b([A-Za-z]+)-[ \t]*\n[ \t]*([a-z]+)")


def _repair(text: str) -> str:
    """What exports leave in a posting: HTML entities ("&amp;", "&#8217;"), Word's doubled
    hyphens for a dash, and LaTeX's hyphenation across lines ("manage-\nment")."""
    text = html.unescape(text) if re.search(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", text, re.I) else text
    text = re.sub(r"(?<=\S) ?-{2,3} ?(?=\S)", " - ", text)  # "fast--careful", "fast -- careful"

    def join(m: re.Match[str]) -> str:
        if m.group(1).lower() in _KEEP_HYPHEN:
            return f"{m.group(1)}-{m.group(2)}"
        return m.group(1) + m.group(2)

    return _BROKEN_WORD.sub(join, text)


def _jd_parts(cleaned: str) -> dict[str, list[str]]:
    """Items per section: each bullet is one, prose is split into sentences."""
    parts: dict[str, list[str]] = {"intro": [], "required": [], "preferred": []}
    parts.update(responsibilities=[], other=[])
    section, paragraph = "intro", []
    open_bullet: list[str] | None = None

    def flush() -> None:
        if paragraph:
            parts[section].extend(_sentences(" ".join(paragraph)))
            paragraph.clear()

    for raw in cleaned.split("\n"):
        bullet, line = split_bullet(raw)
        kind = None if bullet else _jd_heading(line)
        inline = None if bullet or kind else re.match(r"([^:]{3,40}):\s+(.+)", line)
        inline_kind = _jd_heading(inline.group(1)) if inline else None
        if not line or kind or inline_kind:
            flush()
            open_bullet = None
            section = kind or inline_kind or section
            if inline and inline_kind:
                paragraph.append(inline.group(2))
        elif bullet:
            flush()
            parts[section].append(line.rstrip(".;"))
            open_bullet = parts[section]
        elif open_bullet is not None and line[:1].islower():
            open_bullet[-1] = f"{open_bullet[-1]} {line}".rstrip(".;")
        else:
            open_bullet = None
            paragraph.append(line)
    flush()
    return parts


def _sentences(paragraph: str) -> list[str]:
    pieces = re.split(r";\s+|(?<=[.!?])\s+(?=[A-Z0-9(\"'])", paragraph)
    out: list[str] = []
    for piece in pieces:
        if out and _ABBREVIATION_END.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return [s.strip().rstrip(".;").strip() for s in out if s.strip(" .;")]


def _all_sentences(cleaned: str) -> list[str]:
    return [s for part in _jd_parts(cleaned).values() for s in part]


_TITLE_FIELD = re.compile(
    rf"(?im)^[*_\s]*{alternation(_JD_WORDS['title_labels'])}[*_\s]*[:：][*_\s]*(.+)$"
)
_COMPANY_FIELD = re.compile(
    rf"(?im)^[*_\s]*{alternation(_JD_WORDS['company_labels'])}[*_\s]*[:：][*_\s]*(.+)$"
)
# What a browser prints in a page's margins: "12/3/26, 10:14 AM" before the page
# title, the page's URL and a "1/2" page counter.
_PRINTED_AT = re.compile(
    r"^\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\s+", re.I
)
_MARGIN_LINE = re.compile(
    r"^\s*(?:https?://|www\.)\S*(?:\s+\d+\s*/\s*\d+)?\s*$|^\s*\d+\s*/\s*\d+\s*$"
)
_LOOKING_FOR = re.compile(
    r"(?:looking for|seeking|hiring|searching for|recruiting)\s+(?:an?\s+|our\s+(?:next|first)\s+)?"
    rf"(?:{alternation(_JD_WORDS['title_adjectives'])}\s+)*"
    r"((?:[A-Z][\w/&+.-]*|of|and)(?:\s+(?:[A-Z][\w/&+.-]*|of|and|&|-))*)"
)


_ABOUT_COMPANY = re.compile(r"(?m)^About ([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})$")
_NOT_COMPANIES = ("The", "You", "Us", "Our", "This")


_GENERIC_TITLE = re.compile(rf"(?i){alternation(_JD_WORDS['generic_titles'])}[\s!.:]*")
_TITLE_HEADING = re.compile(
    rf"(?i)(?:\d+(?:\.\d+)*\.?\s+)?{alternation(_JD_WORDS['title_headings'])}\s*:?"
)
_BREADCRUMB = re.compile(r"\s(?:›|»|>|/)\s")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_PARENTHESES = re.compile(r"\s*\(([^)]*)(?:\)|$)")
_TITLE_SEARCH_LINES = 15


def _jd_title_company(cleaned: str) -> tuple[str, str, str]:
    """(title, company, the whole line the title was read from)."""
    lines = [
        _PRINTED_AT.sub("", line).strip()
        for line in cleaned.split("\n")
        if line.strip() and not _MARGIN_LINE.match(line)
    ]
    title = company = ""
    if m := _TITLE_FIELD.search(cleaned):
        line = m.group(1).strip()
    else:
        line = _title_after_heading(lines) or _title_line(lines)
    if line:
        title, company = _split_title_line(_PARENTHESES.sub(_drop_level_note, line))
    elif m := _LOOKING_FOR.search(cleaned[:800]):
        title = line = re.sub(r"\s+(?:of|and|&|-)$", "", m.group(1))
    if m := _COMPANY_FIELD.search(cleaned):
        company = m.group(1).strip()
    elif not company and (m := _ABOUT_COMPANY.search(cleaned)):
        company = m.group(1) if m.group(1).split()[0] not in _NOT_COMPANIES else ""
    return title.strip(" .,:"), company.strip(" .,:"), line


def _drop_level_note(m: re.Match[str]) -> str:
    """ "(Mid-Level)", "(m/f/d)", "(Summer 2025)" and an unclosed "(" go; "(Payments)" stays."""
    note = m.group(1)
    unclosed = not m.group(0).endswith(")")
    level = any(pattern.search(note) for _, pattern in _SENIORITY_RULES)
    return "" if unclosed or level or re.search(r"\d|\w/\w", note) else m.group(0)


def _title_after_heading(lines: list[str]) -> str:
    """The line under a "Position" heading (numbered LaTeX sections: "1 Position")."""
    for line, following in zip(lines[:_TITLE_SEARCH_LINES], lines[1:], strict=False):
        if _TITLE_HEADING.fullmatch(line) and _looks_like_title_line(following):
            return following
    return ""


def _title_line(lines: list[str]) -> str:
    """The first line near the top that names a job; else the first line if title-like.

    Site menus, breadcrumbs, generic headings ("Job Posting") and lines with a
    time of day are passed over.
    """
    candidates = [
        line
        for line in lines[:_TITLE_SEARCH_LINES]
        if _looks_like_title_line(line)
        and not _GENERIC_TITLE.fullmatch(line)
        and not _BREADCRUMB.search(line)
        and not _CLOCK.search(line)
    ]
    with_title_words = [line for line in candidates if title_score(line) > 0]
    if with_title_words:
        return with_title_words[0]
    return lines[0] if lines and lines[0] in candidates else ""


def _split_title_line(line: str) -> tuple[str, str]:
    """("Senior PM, Personalization", "Netflix") from "Senior PM, Personalization at Netflix".

    The company comes after " at ", "@" or "|" (or before "|" when the other side
    is the title); a comma part stays in the title then, being the team. Without
    a company, "Staff Engineer, Platform" and "Engineer - Payments" keep the role only.
    """
    title, company = line, ""
    if m := re.search(r"\s+(?:at|@|\|)\s+", line):  # "Senior PM at Acme"
        title, company = line[: m.start()], line[m.end() :]
        if "|" in m.group(0) and title_score(company) > max(title_score(title), 0):
            title, company = company, title  # "Netflix | Senior PM"
        company = re.split(r"\s+(?:\||-)\s+", company)[0]  # "Acme | Remote"
        return re.split(r"\s+-\s+", title)[0], company
    return re.split(r"\s+-\s+|,\s+", title)[0], company  # "Engineer - Payments": a team


def _looks_like_title_line(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= 10
        and not line.rstrip().endswith((".", ":", "!"))
        and _jd_heading(line) is None
        and not line.startswith("•")
    )


def _level_rules(rules: list[SeniorityWords]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(level, pattern) per rule: any of its words, not right after a `not_after` word."""
    compiled = []
    for rule in rules:
        guards = "".join(f"(?<!{re.escape(word)} )" for word in rule.not_after)
        pattern = re.compile(rf"{guards}\b{alternation(rule.words)}\b", re.I)
        compiled.append((rule.level, pattern))
    return tuple(compiled)


_SENIORITY_RULES = _level_rules(_JD_WORDS["seniority"])
_BODY_SENIORITY_RULES = _level_rules(_JD_WORDS["body_seniority"])


_NUMERALS: dict[str, str] = _JD_WORDS["title_numerals"]
_TITLE_NUMERAL = re.compile(
    rf"\b{alternation(_JD_WORDS['numeral_after'])}\s+({alternation(_NUMERALS)})(?![\w+])", re.I
)


def title_seniority(title: str) -> str:
    """The level a job title names ("Software Engineer II": mid, "Senior PM": senior), or
    "" when it names none; read the same way for a posting's title and a resume's."""
    if m := _TITLE_NUMERAL.search(title):  # "Software Engineer II"
        return _NUMERALS[m.group(1).lower()]
    return next((level for level, pattern in _SENIORITY_RULES if pattern.search(title)), "")


def _seniority(title: str, cleaned: str) -> str:
    if level := title_seniority(title):
        return level
    return next((level for level, pattern in _BODY_SENIORITY_RULES if pattern.search(cleaned)), "")


def _years_seniority(years: int | None) -> str:
    """ "2+ years" reads as mid, "10 years" as senior: only when no word says the level."""
    if years is None:
        return ""
    return next((row.level for row in _JD_WORDS["years_seniority"] if years >= row.min_years), "")


_NUMBER_WORDS: dict[str, int] = _JD_WORDS["number_words"]
_NUM = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS = alternation(_JD_WORDS["year_words"])
_YEARS_PATTERNS = (
    re.compile(rf"\b{_NUM}\s*\+?\s*(?:-|to)\s*{_NUM}\s*\+?\s*{_YEARS}\b", re.I),
    re.compile(
        rf"\b(?:at least|minimum(?: of)?|min\.?|over|more than)\s+{_NUM}\s*\+?\s*{_YEARS}\b",
        re.I,
    ),
    re.compile(rf"\b{_NUM}\s*\+?\s*{_YEARS}\b(?!\s+old)", re.I),
)
_EXPERIENCE = re.compile(alternation(_JD_WORDS["experience_words"]), re.I)


def _years_required(required: list[str], cleaned: str) -> int | None:
    """Lower bound of the experience asked for ("3-5 years" -> 3), required lines first."""
    experience_sentences = [s for s in _all_sentences(cleaned) if _EXPERIENCE.search(s)]
    for sentences in (required, experience_sentences):
        for sentence in sentences:
            for pattern in _YEARS_PATTERNS:
                if m := pattern.search(sentence):
                    word = m.group(1).lower()
                    years = _NUMBER_WORDS.get(word) or int(word)
                    if 0 < years <= 30:
                        return years
    return None


def _vocabulary_matches(
    lines: list[str], vocabulary: Mapping[str, Sequence[str]], mentions: Mapping[str, Mentions]
) -> list[str]:
    """Skill names found in the lines, in order of first mention, by the same term matcher
    the analysis uses on the resume. Examples in brackets after a skill ("AWS (ECS or EKS,
    DynamoDB)") are that skill's, not skills asked for; a product that stands as written
    among alternatives ("such as Kafka or Kinesis") is asked for as written."""
    found: dict[str, tuple[int, int]] = {}
    offset = 0
    for line in lines:
        reading = mentions[line]
        text = line
        for start, end in reading.examples + [(s, e) for s, e, _ in reading.written]:
            text = text[:start] + " " * (end - start) + text[end:]
        spots = [
            (position, order, name)
            for order, (name, synonyms) in enumerate(vocabulary.items())
            if (position := first_position(text, (name, *synonyms))) is not None
        ]
        spots += [(start, -1, name) for start, _, name in reading.written]
        for position, order, name in spots:
            key = (offset + position, order)
            found[name] = min(found.get(name, key), key)
        offset += len(line) + 1
    return sorted(found, key=lambda name: found[name])


# A line about the right to work ("must obtain work authorization") asks for no skill.
_ELIGIBILITY = re.compile(rf"\b{alternation(_JD_WORDS['eligibility_words'])}\b", re.I)


def _of_skills(lines: list[str]) -> list[str]:
    """The lines that may ask for skills: not those about the right to work."""
    return [line for line in lines if not _ELIGIBILITY.search(line)]


def _listed_skills(lines: list[str]) -> list[str]:
    """Without a vocabulary: items of obvious lists ("Amplitude, Mixpanel, or Looker")."""
    skills: list[str] = []
    for line in lines:
        groups = re.findall(r"\(([^)]*,[^)]*)\)", line)
        if line.count(",") >= 2:
            groups.append(re.sub(r"\([^)]*\)", "", line))
        for group in groups:
            for item in re.split(r",\s*|\s+(?:and|or)\s+", group):
                item = re.sub(r"^(?:and|or)\s+", "", item.strip(" .;"))
                item = re.split(r"\b(?:with|in|of|using|like|including|such as)\s+", item)[-1]
                words = item.split()
                if 1 <= len(words) <= 3 and re.search(r"[A-Z+#/]", item) and item not in skills:
                    skills.append(item)
    return skills


# -- duties: the responsibilities a question to ask may quote -------------------------

# "As Principal Engineer you set ...": the role named before "you" opens a duty too.
# "Closely partner with ...": an adverb before the verb is passed over.
_DUTY_OPENER = re.compile(
    r"^(?:as (?:an? |the )?[\w -]{1,40}?,? (?=you\b))?"
    rf"(?:{alternation(_JD_WORDS['duty_openers'])}\s+)?(?:\w{{2,}}ly\s+)?(\w+)",
    re.I,
)


_PITCH_VERBS = frozenset(_JD_WORDS["pitch_verbs"])


def is_duty(line: str) -> bool:
    """True when the line reads as something the hire will do ("Design services ...",
    "You will own ..."), not as a description of the company ("Acme builds ...",
    "We are looking for ...")."""
    m = _DUTY_OPENER.match(line.strip())
    if not m or not can_be_verb(m.group(1).lower()):
        return False
    return m.start(1) > 0 or m.group(1).lower() not in _PITCH_VERBS  # "You will join" is one
