"""The report's wording file: every fact the analysis records has a sentence, and every
sentence belongs to a fact some code records."""

from __future__ import annotations

import ast
import re

from conftest import ROOT
from fixtures.golden import GOLDEN

from preploop.report.findings import Analysis, Said
from preploop.report.wording import codes, plain, wording

REPORT_CODE = ROOT / "preploop" / "report"
REPORT_TEMPLATES = ROOT / "preploop" / "theme" / "report"


def said_in(value) -> list[Said]:
    """Every Said inside an analysis (or any part of one)."""
    if isinstance(value, Said):
        return [value]
    if isinstance(value, list | tuple):
        return [s for item in value for s in said_in(item)]
    if hasattr(value, "__pydantic_fields__"):
        return [s for name in type(value).model_fields for s in said_in(getattr(value, name))]
    return []


def code_patterns() -> list[re.Pattern]:
    """The codes the analysis code can record: `Said(code="...")` literals, and f-strings
    such as f"risk.{kind}.title" read as patterns."""
    patterns = []
    for path in REPORT_CODE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Said"):
                continue
            for keyword in node.keywords:
                if keyword.arg != "code":
                    continue
                value = keyword.value
                if isinstance(value, ast.Constant):
                    patterns.append(re.compile(re.escape(value.value)))
                elif isinstance(value, ast.JoinedStr):
                    parts = [
                        re.escape(p.value) if isinstance(p, ast.Constant) else r"[a-z_-]+"
                        for p in value.values
                    ]
                    patterns.append(re.compile("".join(parts)))
                elif isinstance(value, ast.IfExp):
                    for branch in (value.body, value.orelse):
                        patterns.append(re.compile(re.escape(branch.value)))
                else:
                    raise AssertionError(
                        f"{path.name}:{node.lineno}: write a Said's code as a literal, an "
                        "f-string or a conditional of literals, so its wording can be checked"
                    )
    # Templates name their own sentences too: {{ words("note.heading") }}.
    for path in REPORT_TEMPLATES.glob("*.html"):
        for code in re.findall(r"""words\(["']([a-z][a-z0-9_.-]*)["']""", path.read_text()):
            patterns.append(re.compile(re.escape(code)))
    return patterns


def test_every_fact_of_a_real_analysis_has_its_sentence():
    analysis = Analysis.model_validate_json(GOLDEN.read_bytes())
    facts = said_in(analysis)
    assert len(facts) > 40
    for fact in facts:
        sentence = plain(fact)
        assert sentence and not re.search(r"[{}]", sentence) and "None" not in sentence, fact


def test_every_sentence_belongs_to_a_fact_the_code_records():
    patterns = code_patterns()
    unused = [code for code in codes() if not any(p.fullmatch(code) for p in patterns)]
    assert unused == []
    recorded = {p.pattern for p in patterns if not any(c in p.pattern for c in "[]")}
    assert recorded - {re.escape(code) for code in codes()} == set()


def test_the_wording_is_one_file_per_language_with_the_method_chapter():
    assert set(wording()) - codes() == {"method_chapter"}


def test_story_prompts_are_facts_and_their_sentences_are_in_the_wording_file():
    """A question's story prompt and the story-mining prompts hold codes and arguments (the
    lexicon's own prompt is one); the sentences around them are the wording file's."""
    analysis = Analysis.model_validate_json(GOLDEN.read_bytes())
    told = {q.story_prompt.code for q in analysis.questions}
    mined = {p.code for m in analysis.story_mining for p in m.prompts}
    # ("story.find.ask", a question's own prompt, left the example with "Why Netflix?" in
    # method 3.9: a posting's "stakeholders" no longer makes that question likely.)
    assert told == {"story.tell.proven", "story.tell.open", "story.find.at"}
    assert mined == {"mining.time"}
    raw = GOLDEN.read_text(encoding="utf-8")
    for sentence in ("Note what happened", "Tell it decision first", "Was there a time"):
        assert sentence not in raw, sentence
        assert any(sentence in text for text in wording().values() if isinstance(text, str))


def test_facts_that_do_not_fit_their_sentence_are_a_wording_error():
    """An analysis edited by hand: a number where a sentence lists names, an argument
    missing. One clear error, never a crash in the middle of a report."""
    import pytest

    from preploop.report.wording import WordingError

    for fact in (
        Said(code="risk.gap.why", args={"company": "Netflix", "rounds": 10**30}),
        Said(code="story.find.at", args={"employers": ["Lumen"]}),
    ):
        with pytest.raises(WordingError, match=f"cannot say '{fact.code}'"):
            plain(fact)


def test_years_read_as_a_person_says_them():
    from preploop.report.wording import years

    assert years(0.2) == "less than a year"
    assert years(1.0) == "1 year"
    assert years(4.46) == "4.5 years"


def test_a_skill_reads_in_lower_case_inside_a_sentence_unless_it_is_a_name():
    from preploop.report.wording import in_sentence

    assert in_sentence("Written communication") == "written communication"
    assert in_sentence("Machine learning") == "machine learning"
    for name in ("SQL", "Python", "A/B testing", "Google Analytics", "CI/CD", "iOS"):
        assert in_sentence(name) == name
