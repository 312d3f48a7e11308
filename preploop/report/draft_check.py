"""The draft checker: what a candidate could not say aloud in a drafted STAR story.

Run on every analysis beside the consistency check (staff see `draft:` warnings) and by
the scoreboard, whose target is no finding at all. Word lists live in
`lexicon/drafts.yaml`; verbs are known from lemminflect.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from preploop.report.findings import Story
from preploop.report.phrases import DraftLexicon, can_be_verb, is_past_form, lexicon, prefixed
from preploop.report.terms import metrics_in
from preploop.report.word_forms import getAllLemmas, getInflection

ADD = re.compile(r"\[add:[^\]]*\]")


@dataclass(frozen=True)
class DraftFinding:
    code: str  # no-verb, i-non-verb, verb-form, no-subject, repeated, punctuation, bracket,
    # number-prompt, result-prompt, repeated-prompt, prompts, prompt-cut, title-cut
    detail: str  # the sentence or prompt, for staff


def words() -> DraftLexicon:
    """The draft word lists (`lexicon/drafts.yaml`), read once into their typed model."""
    return lexicon("drafts")


def is_verb(word: str) -> bool:
    if re.fullmatch(r"[A-Z]{2,}(?:-?ed|'d)", word):
        return True  # "DMed", "OKR-ed", "MC'd"
    word = prefixed(re.sub(r"^re-", "", word.lower()))[1]  # "re-planned", "relaunched"
    if re.search(r"[a-z]{3}i[sz](?:e|ed|es|ing)$", word):
        return True  # "containerised", "operationalize": a verb made from a word by -ise
    known = getAllLemmas(word, "VERB") or getAllLemmas(word, "AUX")
    return bool(known) or word in words()["verbs"] or can_be_verb(word) or _made_verb(word)


def _made_verb(word: str) -> bool:
    """A past form made from a word the dictionary knows as a noun: 'whiteboarded',
    'wireframed', 'trialled', 'canaried', 'ideated', 'OKR-ed', "MC'd", 'built-out'."""
    head = word.split("-")[0]
    if "-" in word and len(head) > 2 and (is_past_form(head) or word.endswith("-ed")):
        return True  # "built-out", "OKR-ed"; not "sign-off" or "video-ingest"
    if re.fullmatch(r"[a-z]{2,}'d", word):
        return True  # "MC'd", "re-org'd"
    if not re.fullmatch(r"[a-z]{3,}ed", word):
        return False
    stems = {
        word[:-2],
        word[:-1],
        word[:-3],
        word[:-3] + "y",
    }  # texted, wireframed, trialled, canaried
    return any(len(stem) > 2 and (getAllLemmas(stem) or _two_words(stem)) for stem in stems)


def _two_words(stem: str) -> bool:
    """'whiteboard', 'storyboard', 'wireframe': two words the dictionary knows, joined."""
    return any(getAllLemmas(stem[:i]) and getAllLemmas(stem[i:]) for i in range(4, len(stem) - 3))


def sentences(text: str) -> list[str]:
    """The drafted sentences of a field, prompts taken out. A full stop of an abbreviation
    ('vs.', 'Inc.', 'e.g.') or one followed by a lower-case word ends no sentence."""
    rest = ADD.sub(" ", text)
    out: list[str] = []
    for piece in re.split(r"(?<=[.!?])\s+", rest):
        last = out[-1].split()[-1] if out and out[-1].split() else ""  # "J.P.": case kept
        if out and (piece[:1].islower() or is_abbreviation(last)):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return [s.strip() for s in out if re.search(r"[A-Za-z]", s)]


def is_abbreviation(token: str) -> bool:
    """A word whose full stop ends no sentence: 'vs.', 'e.g.' (listed in drafts.yaml) and
    initials ('J.P.', 'U.S.'); not one capital ('a Series A. Hired ...' ends there)."""
    token = token.lstrip("(")
    initials = re.fullmatch(r"(?:[A-Z]\.){2,}", token)
    return token.lower() in words()["abbreviations"] or bool(initials)


def check_text(text: str) -> list[DraftFinding]:
    """Findings inside one field of a story."""
    found = []
    # A dot before a letter opens a name (".NET", ".csv exports"), not a second mark.
    if re.search(r"(?<!\.)\.\.(?!\.)|\s[.,;:](?:\s|$)|[,;:]\s*(?:[,;:]|\.(?!\w))", text):
        found.append(DraftFinding("punctuation", text))
    if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        found.append(DraftFinding("bracket", text))
    for sentence in sentences(text):
        said = re.findall(r"[A-Za-z][A-Za-z'/-]*", sentence)
        if not any(is_verb(w) for w in said) or noun_phrase_only(sentence):
            found.append(DraftFinding("no-verb", sentence))
        if lost_subject(sentence):
            found.append(DraftFinding("no-subject", sentence))
        for m in re.finditer(r"\bI\s+([A-Za-z'-]+)", sentence):
            word = m.group(1)
            before = sentence[: m.start()].split()
            if len(before) > 1 and before[-1][:1].isupper():
                continue  # a level in a title ("Software Engineer I at ..."), not the pronoun
            after = [w.strip(".,;:") for w in sentence[m.end() :].split()]
            if sentence[m.end() : m.end() + 1] == "/":  # "I A/B tested": the verb comes next
                word, after = (after[1] if len(after) > 1 else word), after[2:]
            adverb = word.lower().endswith("ly") and bool(after) and is_verb(after[0])
            if not is_verb(word) and word.lower() not in words()["after_i"] and not adverb:
                found.append(DraftFinding("i-non-verb", sentence))
            elif wrong_form(word) or two_verbs(word, after):
                found.append(DraftFinding("verb-form", sentence))
    return found


def noun_phrase_only(sentence: str) -> bool:
    """'A quarterly plan that brought back 1.2 million actives': an article, a noun and
    a relative clause, no verb of its own ('The team that I led shipped it' has one)."""
    m = re.match(r"(?:a|an|the)\s+(.*?)\b(?:that|which|who)\b(.*)", sentence, re.I)
    if not m or (m.group(1).split()[-1:] or [""])[0].lower() in words()["object_stops"]:
        return False  # "A fix in that code cost nothing": 'that' points, opens no clause
    return not _finite_verbs(m.group(1)) and _finite_verbs(m.group(2)) < 2


def _finite_verbs(text: str) -> int:
    said = re.findall(r"[a-z][a-z'-]*", text.lower())
    return sum(is_past_form(w) or w in words()["finite_verbs"] or _present(w) for w in said)


def _present(word: str) -> bool:
    """A present tense of the third person: 'gets', 'runs'."""
    return word.endswith("s") and any(
        word in getInflection(v, tag="VBZ") for v in getAllLemmas(word).get("VERB", ())
    )


def lost_subject(sentence: str) -> bool:
    """An opening phrase, then a past verb with nobody doing it: 'As the sole PM on a team
    of four, launched ...', 'Going through the recordings, identified ...'."""
    toks = [w.lower() for w in re.findall(r"[A-Za-z0-9$][\w'$.%-]*", sentence)]
    if toks[:1] and toks[0] in words()["after_i"] and toks[0] not in words()["subject_words"]:
        toks = toks[1:]  # "Later saw it cited ..." ("Both ran ..." has its subject)
    # "Greenlit a hotfix ...": a deed with no one doing it; "Handed a vague brief, I wrote
    # ...": a scene done to me, then my deed with its subject.
    scene = re.search(r",\s+I\s+[a-z]", sentence)
    if len(toks) > 1 and _past_deed(toks[0]) and _object_start(toks[1]) and not scene:
        return True
    m = re.match(r"([A-Za-z]+)\b([^,]*),\s+([a-z][a-z-]*)\b", sentence)
    if not m or re.search(r"\b(?:I|we|they|he|she)\b", m.group(2)):
        return False
    lead, verb = m.group(1).lower(), m.group(3)
    participle = lead.endswith("ing") and can_be_verb(lead)
    if not (lead in words()["lead_words"] or participle):
        return False
    forms = getAllLemmas(verb)
    return is_past_form(verb) and not forms.get("NOUN") and not forms.get("ADJ")


def _past_deed(word: str) -> bool:
    """A past tense: 'saw', 'led', 'greenlit'; not a noun or adjective spelt as one ('set',
    'used', 'cut')."""
    forms = getAllLemmas(word)
    if any(word != v and word in getInflection(v, tag="VBD") for v in forms.get("VERB", ())):
        return not forms.get("ADJ")
    if forms.get("NOUN") or forms.get("ADJ"):
        return False
    return is_past_form(word) or word in words()["verbs"] or _made_verb(word)


def _object_start(word: str) -> bool:
    return word in words()["determiners"] or word in words()["pronouns"] or word[:1].isdigit()


def two_verbs(word: str, after: list[str]) -> bool:
    """'I scripted generates ...': a verb after "I", then another that only a third person
    takes (a noun of the line read as a verb: 'Script generates ...'). A past form after
    one is no sign ('what I learned led me', 'I introduced verified profiles')."""
    nxt = after[0].lower() if after else ""
    if nxt in words()["relative_ends"]:
        return False  # "the middleware I wrote is now used by 48 services": a clause ends
    forms = getAllLemmas(nxt)
    if not nxt.endswith("s") or forms.get("NOUN") or not forms.get("VERB"):
        return False
    if word.lower() in getAllLemmas(word.lower(), "VERB").get("VERB", ()):
        return False  # "I cut sends 60%": a past the same as its base is the line's own verb
    return is_past_form(word) and nxt in getInflection(forms["VERB"][0], tag="VBZ")


def wrong_form(word: str) -> bool:
    """A verb after "I" in a form "I" never takes: 'I leads', 'I interviews', 'I leading'."""
    lower = word.lower()
    if lower in words()["after_i"] or lower in words()["i_forms"]:
        return False
    lemma = prefixed(lower)[1]
    verbs = getAllLemmas(lemma, "VERB").get("VERB", ())
    if not verbs:
        return False
    base = verbs[0]
    third = getInflection(base, tag="VBZ")
    past = getInflection(base, tag="VBD") + getInflection(base, tag="VBN")
    return (lemma in third and lemma != base and lemma not in past) or (
        lemma.endswith("ing") and lemma in getInflection(base, tag="VBG")
    )


def check_title(title: str) -> list[DraftFinding]:
    """A story title cut mid-phrase: an ellipsis, a bracket or quote left open, or a last
    word that opens a phrase ('Pushed back on the CMO's request to')."""
    last = title.rstrip(".").split()[-1].lower().strip(",;:") if title.split() else ""
    tails = {*words()["title_breaks"], *words()["title_tails"]}
    if (
        title.endswith(("…", "..."))
        or title.count("(") != title.count(")")
        or title.count('"') % 2
        or last in tails
    ):
        return [DraftFinding("title-cut", title)]
    return []


def has_number(line: str) -> bool:
    said = {w.lower() for w in re.findall(r"[A-Za-z]+", line)}
    return bool(re.search(r"\d", line)) or bool(said & set(words()["number_words"]))


def check_story(story: Story) -> list[DraftFinding]:
    found = check_title(story.title)
    for text in (story.situation, story.task, story.action, story.result):
        found += check_text(text)
    if len(story.prompts) > 2:  # more than two and the story reads as a form to fill
        found.append(DraftFinding("prompts", "; ".join(story.prompts)))
    found += [DraftFinding("prompt-cut", p) for p in story.prompts if prompt_cut(p)]
    if metrics_in(ADD.sub("", story.action)):  # the action measures its outcome: ask none
        asks = tuple(words()["result_asks"])
        found += [DraftFinding("result-prompt", p) for p in story.prompts if p.startswith(asks)]
    if has_number(story.source.text):
        line = " ".join(story.source.text.lower().split())
        found += [DraftFinding("number-prompt", p) for p in story.prompts if asks_number(p, line)]
    return found


def prompt_cut(prompt: str) -> bool:
    """A prompt quoting the line cut mid-phrase: 'why you noticed, while the rest of the
    team was, and ...'; or a deed with two verbs ('why you scripted generates ...')."""
    tails = {*words()["title_tails"], *words()["title_breaks"]}
    quoted = prompt.partition(" you ")[2]  # the deed; the prompt's own words are whole
    ends = re.findall(r"\b(\S+) (\S+?),", quoted)  # the words before each comma
    determiners, subjects = words()["determiners"], words()["clause_subjects"]
    if any(
        w.lower() in tails
        or w.endswith("'s")
        or (is_past_form(w) and p not in determiners and p.lower() not in subjects)
        for p, w in ends
    ):
        return True  # "... was,", "three weeks of,", "the organisation's,", "a model built,"
    m = re.search(r"\byou ([a-z]+) ([a-z]+)", prompt)
    return bool(m) and two_verbs(m.group(1), [m.group(2)])


def asks_number(prompt: str, line: str) -> bool:
    """The prompt asks for a number in its own words: 'the number of support tickets'
    quoted from the line ('why you cut the number of support tickets') asks for none."""
    text = prompt.lower()
    for ask in words()["number_asks"]:
        for m in re.finditer(rf"\b{ask}\b(?:\s+\S+)?", text):
            if m.group(0).strip(" ,.;") not in line:
                return True
    return False


def check_drafts(stories: list[Story]) -> list[DraftFinding]:
    """Every finding in the stories of one report, a sentence repeated across them too,
    and a prompt asked in more than two of them."""
    found = []
    seen: dict[str, int] = {}
    asked = Counter(p for story in stories for p in dict.fromkeys(story.prompts))
    found += [DraftFinding("repeated-prompt", p) for p, n in asked.items() if n > 2]
    for index, story in enumerate(stories):
        found += check_story(story)
        mine = set()
        for text in (story.situation, story.task, story.action, story.result):
            mine |= {s.lower() for s in sentences(text)}
        for sentence in sorted(mine):
            if sentence in seen and seen[sentence] != index:
                found.append(DraftFinding("repeated", sentence))
            seen.setdefault(sentence, index)
    return found
