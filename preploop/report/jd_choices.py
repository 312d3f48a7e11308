"""Alternatives in a job posting's skills: "such as Java, C++, or C#" is one requirement,
met by any of its skills; "AWS (ECS or EKS)" names examples of AWS, not skills asked for.

Pure and deterministic; the words are data (data/job_description.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from preploop.report.terms import pattern_in
from preploop.report.wordlists import alternation, wordlist

_JD_WORDS = wordlist("job_description")

_CHOICE_WORD = re.compile(rf"\b{alternation(_JD_WORDS['choice_words'])}\b", re.I)
_CHOICE_LEAD = re.compile(rf"\b{alternation(_JD_WORDS['choice_leads'])}\W*$", re.I)
# What may stand between two items of one list: commas, slashes, "or", "and".
_LIST_GAP = re.compile(r"[\s,/]*(?:\b(?:and/or|or|and)\b|&)?[\s,/]*")
# An item the vocabulary does not know, inside a list: "Python, PHP, Java or C++". It is
# set off by separators on both sides, so "Python Django or Go" joins nothing.
_SEP = r"(?:\s*[,/]\s*|\s+(?:or|and/or|and)\s+|\s*,\s*(?:or|and/or|and)\s+|\s*&\s*)"
_ITEM = r"[A-Z][\w+#.]*"
# One unknown item between two known ones, or a pair written with a slash ("Hack/PHP"):
# a longer run of unknown names is a bracket of examples, not a list ("AWS (EC2, ECS or
# EKS, DynamoDB, SQS, Lambda)").
_GAP_ITEMS = re.compile(rf"{_SEP}{_ITEM}(?:/{_ITEM})*{_SEP}")
# Unknown items between a choice lead and the first known one ("such as Ruby, Java"), or
# before "or another" and the known one ("WebGL, WebGPU or another graphics API").
_LEADING_ITEMS = re.compile(
    rf"\b(?i:{alternation(_JD_WORDS['choice_leads'])})\W*?\s+((?:{_ITEM}{_SEP})+)$"
    rf"|\b((?:{_ITEM}{_SEP})*{_ITEM}),?\s+(?:or|and/or)\s+(?i:another|any other|other|a similar)"
    r"\s+(?:[a-z][\w-]*\s+){0,2}$"
)
# An item the vocabulary does not know, right after a list: ", or C#".
_TRAILING_ITEM = re.compile(r"[\s,]*\b(?:or|and/or)\s+([A-Z][\w+#.]*(?:\s[A-Z][\w+#.]*)?)(?![\w-])")
_NOT_ITEMS = frozenset(word.lower() for word in _JD_WORDS["choice_not_items"])


@dataclass
class Mentions:
    """How one line of a posting names skills."""

    # Groups of skills of which any one meets the requirement, in the order written.
    groups: list[list[str]] = field(default_factory=list)
    examples: list[tuple[int, int]] = field(default_factory=list)  # spans of another's examples
    written: list[tuple[int, int, str]] = field(default_factory=list)  # products as written


def read_mentions(
    line: str, vocabulary: Mapping[str, Sequence[str]], products: Mapping[str, Sequence[str]]
) -> Mentions:
    """The line's alternatives, the examples it gives of a skill, and the products it asks
    for as written.

    A group is a run of listed skills joined by "or" (or led into by "such as", "one
    of"...); a skill the vocabulary lacks that ends such a list ("or C#") joins it as
    written, so a resume naming it meets the requirement too. So does a product that
    points to a broader skill without showing it ("Kafka" of data pipelines): the posting
    asks for the product, and a line of work that names it meets the requirement. Skills in
    brackets after another skill are examples of it, not skills asked for ("AWS (EC2, ECS or
    EKS, DynamoDB)" asks for a cloud, not Kubernetes).
    """
    mentions = Mentions()
    spans = _skill_spans(line, vocabulary, products)
    examples = _example_spans(line, spans)
    mentions.examples = [(start, end) for start, end, _, _ in examples]
    spans = [span for span in spans if span not in examples]
    for run, gaps, end in _skill_runs(line, spans):
        extra = _TRAILING_ITEM.match(line, end)
        if extra and extra.group(1).split()[0].lower() in _NOT_ITEMS:
            extra = None
        before = line[: run[0][0]]
        leading = _LEADING_ITEMS.search(before)
        lead = leading or _CHOICE_LEAD.search(before)
        joined_by_or = any(_CHOICE_WORD.search(gap) or "/" in gap for gap in gaps)
        # Skills the vocabulary lacks stand in the list as written.
        names = _list_items(leading.group(1) or leading.group(2)) if leading else []
        for i, (start, stop, name, product) in enumerate(run):
            names.append(line[start:stop] if product else name)
            if i < len(gaps):
                names += _gap_items(gaps[i])
        if extra and extra.group(1).strip(".") not in names:
            names.append(extra.group(1).rstrip("."))
            joined_by_or = True
        names = list(dict.fromkeys(names))
        if len(names) >= 2 and (joined_by_or or lead):
            mentions.groups.append(names)
            mentions.written += [(a, b, line[a:b]) for a, b, _, product in run if product]
    return mentions


_Span = tuple[int, int, str, bool]  # start, end, skill, named by a product


def _skill_runs(line: str, spans: list[_Span]) -> list[tuple[list[_Span], list[str], int]]:
    """Runs of skill mentions that only list separators stand between: for each, its
    items, the gaps between them and where the run ends. "and" between items of a run
    joined by "or" ends it ("Python or Go, and SQL": SQL stands alone)."""
    runs: list[tuple[list[_Span], list[str], int]] = []
    for span in spans:
        start, end = span[0], span[1]
        if runs:
            items, gaps, last_end = runs[-1]
            gap = line[last_end:start]
            plain_and = re.search(r"\band\b(?!/)", gap) and not _CHOICE_WORD.search(gap)
            has_or = any(_CHOICE_WORD.search(g) for g in gaps)
            if (_LIST_GAP.fullmatch(gap) or _gap_items(gap)) and not (plain_and and has_or):
                items.append(span)
                gaps.append(gap)
                runs[-1] = (items, gaps, end)
                continue
        runs.append(([span], [], end))
    return runs


def _gap_items(gap: str) -> list[str]:
    """The unknown items a list gap holds ("PHP" in ", PHP, ", "Hack", "PHP" in
    ", Hack/PHP, "), or none."""
    return _list_items(gap) if _GAP_ITEMS.fullmatch(gap) else []


def _list_items(text: str) -> list[str]:
    """The items of a piece of a list ("Ruby, " or "WebGL, WebGPU"); none when one of
    them is no skill ("Equivalent")."""
    items = [item for item in re.split(_SEP, text) if item]
    return [] if any(item.lower() in _NOT_ITEMS for item in items) else items


def _skill_spans(
    line: str, vocabulary: Mapping[str, Sequence[str]], products: Mapping[str, Sequence[str]]
) -> list[_Span]:
    """Every mention of a vocabulary skill, left to right, the longest where two overlap
    (and, of two alike, one by a skill's own words before one by a product's name)."""
    found = []
    lowered = line.lower()
    for name, synonyms in vocabulary.items():
        named = {word.lower() for word in products.get(name, ())}
        for term in (name, *synonyms):
            pattern = pattern_in(lowered, term)
            if pattern is not None:
                product = term.lower() in named
                found += [(m.start(), m.end(), name, product) for m in pattern.finditer(line)]
    spans: list[_Span] = []
    for span in sorted(found, key=lambda f: (f[0], -f[1], f[3])):
        if spans and span[0] < spans[-1][1]:
            continue
        spans.append(span)
    return spans


# Between a skill and the bracket of its examples: at most two words ("AWS services (").
_BEFORE_EXAMPLES = re.compile(r"\s*(?:[\w-]+\s+){0,2}")
_EXAMPLES_OPEN = re.compile(rf"\(\s*(?!(?:{alternation(_JD_WORDS['choice_words'])})\b)", re.I)


def _example_spans(line: str, spans: list[_Span]) -> list[_Span]:
    """Mentions of other skills in a bracket right after a skill: its examples. A bracket
    that opens with "or" holds an alternative ("Python (or Go)"), not an example."""
    examples: list[_Span] = []
    for bracket in _EXAMPLES_OPEN.finditer(line):
        before = [span for span in spans if span[1] <= bracket.start()]
        if not before or not _BEFORE_EXAMPLES.fullmatch(line[before[-1][1] : bracket.start()]):
            continue
        close = line.find(")", bracket.end())
        close = len(line) if close < 0 else close
        head = before[-1][2]
        examples += [
            span
            for span in spans
            if bracket.end() <= span[0] < close and span[2] != head and span not in examples
        ]
    return examples
