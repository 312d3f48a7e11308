"""The learned layer: trained here from the labelled lines, reproducible, recorded in the
method, and adding what the phrase lists miss without undoing their traps."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from preploop.catalog import load_catalog
from preploop.report import method
from preploop.report.anatomy import IntentTagger
from preploop.report.learned import MODEL_FILE, learned

PM = load_catalog(ROOT / "companies").families["product-manager"]


def _retrain(script: str, shipped_file, timeout: int) -> str:
    """Run a training script with --write; its file must come out byte for byte as shipped,
    and method.yaml record it as it does (both put back whatever happens). Returns what the
    script printed."""
    shipped = shipped_file.read_bytes()
    recorded = method.METHOD_FILE.read_bytes()
    try:
        result = subprocess.run(
            [sys.executable, script, "--write"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stderr
        assert shipped_file.read_bytes() == shipped
        assert method.METHOD_FILE.read_bytes() == recorded
        return result.stdout
    finally:
        shipped_file.write_bytes(shipped)
        method.METHOD_FILE.write_bytes(recorded)


@pytest.mark.slow
def test_training_from_the_labels_gives_the_shipped_model():
    """Anyone can rebuild the model from the labelled lines, byte for byte."""
    printed = _retrain("scripts/train_intent_model.py", MODEL_FILE, timeout=300)
    # Scored on lines from files it never saw: it finds more than it gets wrong.
    model_test = next(line for line in printed.splitlines() if "model  test" in line)
    precision = float(model_test.split("precision")[1].split()[0])
    assert precision >= 0.75, model_test


def test_the_model_in_use_is_the_one_the_method_records():
    layer = learned()
    assert layer is not None and layer.digest == method.value("learned.intent_model_sha256")
    assert layer.intents.weights and layer.skills.weights


def test_a_paraphrase_the_phrase_lists_lack_is_found_with_its_own_words():
    line = "Called time on the loyalty pilot after eight weeks of flat redemptions"
    rules_only = IntentTagger(PM.intents, model=None)
    assert "stopped-something" not in rules_only.tag(line)
    found = IntentTagger(PM.intents).tag(line)
    assert "stopped-something" in found
    assert all(words in line for words in found["stopped-something"])


def test_a_trap_the_rules_cancel_stays_cancelled():
    line = "Received feedback from my director on the quarterly roadmap review"
    assert "feedback-given" not in IntentTagger(PM.intents).tag(line)


def test_an_ordinary_duty_tells_no_story():
    assert IntentTagger(PM.intents).tag("Organised the office book club") == {}


def test_the_consistency_check_catches_a_gap_with_a_story():
    """A principle called a gap while its question quotes a line is a contradiction."""
    from fixtures.golden import GOLDEN

    from preploop.report.consistency import check
    from preploop.report.findings import Analysis

    analysis = Analysis.model_validate_json(GOLDEN.read_bytes())
    entry = load_catalog(ROOT / "companies").role("netflix", "product-manager")
    assert check(analysis, entry.company, entry.role) == []
    told = next(q for q in analysis.questions if q.story and q.principles)
    broken = [
        p.model_copy(update={"strength": "gap"}) if p.name in told.principles else p
        for p in analysis.principles
    ]
    found = check(analysis.model_copy(update={"principles": broken}), entry.company, entry.role)
    assert any(v.code == "gap-with-story" and told.id in v.detail for v in found)


def test_the_consistency_check_catches_a_lone_story_risk_and_a_years_admission():
    """A risk saying a principle is proven once while two questions probing it tell
    stories, and a script admitting fewer years while no risk says years are short."""
    from fixtures.golden import GOLDEN

    from preploop.report.consistency import check
    from preploop.report.findings import Analysis, Risk, Said, Script

    analysis = Analysis.model_validate_json(GOLDEN.read_bytes())
    entry = load_catalog(ROOT / "companies").role("netflix", "product-manager")
    by_principle: dict[str, set] = {}
    for q in analysis.questions:
        for name in q.principles if q.story else ():
            by_principle.setdefault(name, set()).add(q.story.line_id)
    name = next(n for n, lines in by_principle.items() if len(lines) > 1)
    lone = Risk(
        title=Said(code="risk.one_story.title", args={"principle": name}),
        kind="principle",
        weight=0.1,
        why=Said(code="risk.one_story.why"),
        prepare_first=Said(code="risk.one_story.prepare"),
    )
    years = Script(
        topic=Said(code="script.topic.years"),
        when=Said(code="script.when.years"),
        script=Said(code="script.years", args={"code": "L5", "relevant": 8.0}),
    )
    risks = [r for r in analysis.risks if r.kind != "experience"] + [lone]
    broken = analysis.model_copy(update={"risks": risks, "scripts": [*analysis.scripts, years]})
    found = {v.code for v in check(broken, entry.company, entry.role)}
    assert found == {"one-story-with-more", "script-denies-met-years"}


def test_a_line_told_for_a_principles_question_is_material_for_it():
    """One reading: the principles map cannot call a gap what a question's story shows."""
    from fixtures.golden import GOLDEN

    from preploop.report.findings import Analysis, Evidence
    from preploop.report.fit import credit_told_stories

    analysis = Analysis.model_validate_json(GOLDEN.read_bytes())
    entry = load_catalog(ROOT / "companies").role("netflix", "product-manager")
    question = next(q for q in entry.role.questions if q.principles)
    gaps = [p.model_copy(update={"strength": "gap", "evidence": []}) for p in analysis.principles]
    line = Evidence(line_id="p0.b2", text="Cut the onboarding flow to three steps", shows=[])
    credited = {p.id: p for p in credit_told_stories(gaps, [(question, line)])}
    for principle in gaps:
        after = credited[principle.id]
        if principle.id in question.principles:
            assert after.strength == "material"
            assert [e.line_id for e in after.evidence] == ["p0.b2"]
            assert after.advice.code == "principle.advice.material"
        else:
            assert after.strength == "gap" and after.evidence == []


def test_writing_a_trained_file_records_its_hash_in_the_method(tmp_path, monkeypatch):
    import hashlib

    from preploop.tunables import TunablesError

    copy = tmp_path / "method.yaml"
    copy.write_bytes(method.METHOD_FILE.read_bytes())
    monkeypatch.setattr(method, "METHOD_FILE", copy)
    model = tmp_path / "ranker.json"
    digest = method.record_learned_file(model, '{"bias": 1}\n', "story_ranker_sha256")
    assert digest == hashlib.sha256(model.read_bytes()).hexdigest()
    before = (ROOT / "preploop/report/method.yaml").read_text()
    after = copy.read_text()
    pairs = zip(before.splitlines(), after.splitlines(), strict=True)
    changed = [new for old, new in pairs if old != new]
    assert changed == [f'  story_ranker_sha256: "{digest}"'], changed
    # A key the method does not hold: nothing is written, neither file.
    with pytest.raises(TunablesError, match="no learned.nothing_sha256 line"):
        method.record_learned_file(tmp_path / "other.json", "{}", "nothing_sha256")
    assert not (tmp_path / "other.json").exists() and copy.read_text() == after


def test_the_story_ranker_in_use_is_recorded_and_a_changed_file_is_refused(tmp_path):
    from preploop.report.story_ranker import RANKER_FILE, story_ranker
    from preploop.tunables import TunablesError

    assert story_ranker().weights
    changed = tmp_path / "story_ranker.json"
    changed.write_bytes(RANKER_FILE.read_bytes().replace(b'"bias": ', b'"bias": 1'))
    with pytest.raises(TunablesError, match="story_ranker_sha256"):
        story_ranker(changed)


def test_the_second_pass_reads_each_pair_beside_its_rivals():
    from preploop.report.story_ranker import Stage, StoryRanker, context_features

    # Question 0 may take lines a and b; line a may also answer question 1.
    pairs = [(0, "a"), (0, "b"), (1, "a")]
    first = [0.6, 0.2, 0.9]
    rows = context_features(pairs, first)
    assert rows[0]["pass_top"] == 1.0 and round(rows[0]["pass_lead"], 2) == 0.4
    assert rows[1]["pass_top"] == 0.0 and rows[1]["pass_best"] == 0.6
    assert rows[0]["use_top"] == 0.0 and round(rows[0]["use_lead"], 2) == -0.3
    assert rows[2]["pass_lead"] == 0.9 and rows[2]["use_top"] == 1.0  # no rival: 0
    assert all(-1.0 <= v <= 1.0 for row in rows for v in row.values())
    # Without a second pass the first decides; with one, the rivals count.
    alone = StoryRanker(0.0, {"x": 1.0}, 0.5)
    both = StoryRanker(0.0, {"x": 1.0}, 0.5, {"bias": 0.0, "weights": {"pass_top": 2.0}})
    features = [(0, "a", {"x": 1.0}), (0, "b", {"x": 0.0})]
    assert alone.chances(features) == [alone.chance({"x": 1.0}), 0.5]
    assert both.second == Stage(0.0, {"pass_top": 2.0})
    top, other = both.chances(features)
    assert top > 0.85 and other == 0.5


def test_a_story_outranks_a_duty_and_a_line_of_the_wrong_kind_is_never_offered():
    from preploop.report.anatomy import read_bullet
    from preploop.report.stories import Line, assign, story_pairs

    tagger = IntentTagger(PM.intents)
    texts = [
        "Owned the backlog for the loyalty programme",
        "Shut down the loyalty pilot after eight weeks of flat redemptions, freeing two "
        "engineers for checkout work that lifted conversion 3%",
        "Organised the office book club",
    ]
    lines = [
        Line(
            f"p0.b{i}",
            t,
            None,
            "",
            read_bullet(t, tagger),
            tagger.strengths(t, 0.0),
            tagger.story_chances(t),
        )  # fmt: skip
        for i, t in enumerate(texts)
    ]
    role = load_catalog(ROOT / "companies").role("netflix", "product-manager").role
    question = next(q for q in role.questions if q.intents == ["stopped-something"])
    offered = {line.line_id for _, line, _ in story_pairs([question], lines)}
    assert "p0.b2" not in offered  # the book club tells no kind of story asked for
    [match] = assign([question], lines, tagger)
    assert match.line is not None and match.line.line_id == "p0.b1"


@pytest.mark.slow
def test_training_from_the_labels_gives_the_shipped_skill_gate():
    """The skill gate too is rebuilt from the labelled lines byte for byte, and on files
    it never saw it makes "skill shown" more precise at the same recall."""
    from preploop.report.skill_gate import GATE_FILE

    printed = _retrain("scripts/train_skill_gate.py", GATE_FILE, timeout=1200)
    figures = {
        line.split(":")[0].rsplit(", ", 1)[1]: line.split("precision")[1].split()
        for line in printed.splitlines()
        if line.startswith("skills, one file unseen")
    }
    before, after = figures["head alone 0.95"], figures["gate 0.5"]
    assert float(after[0]) > float(before[0]), figures  # precision
    assert float(after[2]) >= float(before[2]) - 0.005, figures  # recall
