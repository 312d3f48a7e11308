"""The draft checker fires on each kind of sentence a candidate could not say aloud."""

from __future__ import annotations

import pytest

from preploop.report.draft_check import check_drafts, check_text
from preploop.report.findings import Anatomy, Evidence, Story


def story(line: str, action: str, prompts: list[str] | None = None, task: str = "") -> Story:
    return Story(
        title="t",
        principle_id=None,
        principle="",
        intents=[],
        questions=[],
        source=Evidence(line_id="p0.b0", text=line, where="PM, Acme"),
        anatomy=Anatomy(),
        situation="At Acme, as PM.",
        task=task,
        action=action,
        result="Sign-ups rose.",
        prompts=prompts or [],
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The carousel without any sign-off.", "no-verb"),
        ("I mied the launch plan.", "i-non-verb"),
        ("I ran two.. tests.", "punctuation"),
        ("I ran the tests . .", "punctuation"),
        ("I ran the tests (with the data team.", "bracket"),
        ("I leads the weekly review.", "verb-form"),
        ("Then I interviews 200 merchants.", "verb-form"),
        ("I leading the launch.", "verb-form"),
        ("I scripted generates the signal code from DBC files.", "verb-form"),
        ("As the sole PM on a team of four, launched a trivia format.", "no-subject"),
        ("Going through the session recordings, identified the drop-off.", "no-subject"),
        ("Greenlit a small hotfix on a Saturday night.", "no-subject"),
        ("Later saw it cited as the top reason for our ratings.", "no-subject"),
        ("A quarterly plan that brought back 1.2 million actives.", "no-verb"),
    ],
)
def test_each_kind_fires_on_a_bad_sentence(text, code):
    assert code in {f.code for f in check_text(text)}


@pytest.mark.parametrize(
    "title",
    [
        "Pushed back on the CMO's request to",
        "Ran a 48-hour startup weekend for 90 students with…",
        "Killed the carousel (after an A/B",
        "Talked our design lead out of a",
    ],
)
def test_a_title_cut_mid_phrase_is_found(title):
    assert "title-cut" in {f.code for f in check_drafts([titled(title)])}


def titled(title: str) -> Story:
    return story("Ran tests", "I ran the tests.").model_copy(update={"title": title})


def test_a_whole_title_and_past_verbs_have_no_finding():
    whole = titled("Pushed back on the CMO's request to auto-play trailers")
    assert "title-cut" not in {f.code for f in check_drafts([whole])}
    assert check_text("I relaunched the site. Then I co-designed the API and led the review.") == []


def test_a_good_sentence_has_no_finding():
    assert check_text("I killed the carousel after an A/B test showed it cost plays.") == []
    # a negated helper after "I", and a verb with "over" before it
    assert check_text("I broke staging with a migration I hadn't run locally.") == []
    assert check_text("Coming from consulting, I overbuilt my first spec.") == []


def test_a_level_in_a_title_is_not_the_pronoun():
    assert check_text("It happened while I was a Software Engineer I at Plumline Health.") == []
    assert check_text("Then I mied the launch plan.") != []  # the pronoun is still read


def test_a_sentence_repeated_across_stories_is_found():
    one = story("Ran tests", "I ran the tests.", task="I owned the funnel.")
    two = story("Cut costs", "I cut the costs.", task="I owned the funnel.")
    assert "repeated" in {f.code for f in check_drafts([one, two])}


def test_a_prompt_for_a_number_the_line_has_is_found():
    bad = story("Cut review time from 22 to 9 minutes", "I cut review time.", ["a number"])
    assert "number-prompt" in {f.code for f in check_drafts([bad])}
    fine = story("Cut review time", "I cut review time.", ["a number"])
    assert "number-prompt" not in {f.code for f in check_drafts([fine])}


def test_more_than_two_prompts_is_found():
    many = story("Ran tests", "I ran the tests.", ["why", "what changed", "how"])
    assert "prompts" in {f.code for f in check_drafts([many])}


def test_the_lines_own_words_in_a_prompt_ask_for_no_number():
    line = "Reduced the number of support tickets by 30%"
    quoted = story(line, "I reduced it.", ["why you reduced the number of support tickets"])
    assert "number-prompt" not in {f.code for f in check_drafts([quoted])}
    asking = story(line, "I reduced it.", ["a number for how much it changed"])
    assert "number-prompt" in {f.code for f in check_drafts([asking])}


def test_an_adverb_before_the_verb_is_not_a_non_verb_after_i():
    assert check_text("I successfully led the migration of 40 services.") == []
    assert "i-non-verb" in {f.code for f in check_text("I successfully the migration.")}


def test_an_abbreviation_ends_no_sentence():
    assert check_text("I moved 40 services to AWS, i.e. all of prod.") == []
    assert check_text("I joined Brightfield Outdoor Co. as its first PM.") == []


@pytest.mark.parametrize(
    "text",
    [
        "I whiteboarded the flow with the team.",
        "I A/B tested 3 variants.",
        "I trialled two options and wireframed both.",
        "I initially refused the scope.",
        "I DMed the two leads and MC'd the event.",
        "I once shipped a bug that cost a day.",
    ],
)
def test_a_candidate_saying_a_made_up_but_real_verb_is_fine(text):
    assert check_text(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "At Acme, the publisher bailed two months before launch.",
        "Going through the recordings, I identified the drop-off.",
        "The team that I led shipped the app in May.",
        "Adopted by 40 teams within a year.",
        "Both ran their own areas by month six.",  # 'both' is the subject, not an adverb
        "A batching fix in that code cost nothing.",  # 'that' points; it opens no clause
        "A marketplace that gets homes a plumber is personal for me.",  # 'gets', then 'is'
        "Handed a vague brief, I wrote a threat model the CISO adopted.",  # done to me, then I
        "The Go middleware I wrote is now imported by 48 services.",  # a clause ends at 'is'
        "I ported the billing jobs to Go (Rust, .NET, Kafka).",  # a name opens with a dot
        "I cut sends 60%.",  # 'cut' is its own past: 'sends' is the thing cut
        "I was an analyst at J.P. Morgan.",  # initials end no sentence
    ],
)
def test_a_sentence_with_its_subject_has_no_finding(text):
    assert check_text(text) == []


@pytest.mark.parametrize(
    "prompt",
    [
        "why you noticed, while the rest of the team was, and what was riding on it",
        "why you provided three weeks of, and what was riding on it",
        "why you assumed ownership of the organisation's, and what was riding on it",
        "why you used a rough demand model built, and what was riding on it",
        "why you scripted generates CAN signal code, and what was riding on it",
    ],
)
def test_a_prompt_quoting_the_line_cut_mid_phrase_is_found(prompt):
    found = check_drafts([story("Ran tests", "I ran the tests.", prompts=[prompt])])
    assert "prompt-cut" in {f.code for f in found}


def test_a_prompt_with_a_whole_deed_has_no_finding():
    prompts = [
        "why you made the bet, and what was riding on it",
        "what was going on, and why",
        "why you stopped the live blog we ran, and what was riding on it",  # 'we ran' is whole
    ]
    found = check_drafts([story("Ran tests", "I ran the tests.", prompts=prompts)])
    assert "prompt-cut" not in {f.code for f in found}


def test_a_prompt_for_an_outcome_the_action_measures_is_found():
    line = "Rebuilt the returns form, cutting support contacts by 40%"
    action = "I rebuilt the returns form, cutting support contacts by 40%."
    prompts = ["what changed after you rebuilt the returns form, and for whom"]
    found = check_drafts([story(line, action, prompts=prompts)])
    assert "result-prompt" in {f.code for f in found}
    # A figure that set the work off is no outcome: asking what changed is right then.
    found = check_drafts([story(line, "I rebuilt the returns form.", prompts=prompts)])
    assert "result-prompt" not in {f.code for f in found}


def test_a_prompt_asked_in_more_than_two_stories_of_a_report_is_found():
    prompt = ["what was going on, and what you had to achieve"]
    stories = [story(f"Ran test {n}", f"I ran test {n}.", prompts=prompt) for n in range(3)]
    assert "repeated-prompt" in {f.code for f in check_drafts(stories)}
    assert "repeated-prompt" not in {f.code for f in check_drafts(stories[:2])}
