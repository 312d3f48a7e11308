"""A resume line said aloud, clause by clause: the first person and the past tense where
they are sure ("Killed the carousel" -> "I killed the carousel"), a noun that opens a line
kept as written ("Digest won"), a passive said as one ("Promoted to ..." -> "I was
promoted to ..."), a verbless fragment said as what the line is about or joined to the
sentence before. `outcomes.py` says an outcome as what came of the work ("saving $4.2M a
year" -> "That saved $4.2M a year."); `star_drafts.py` puts the clauses into the STAR
slots; the word lists are in `lexicon/drafts.yaml`, the fixed words in the report's
wording file.
"""

from __future__ import annotations

import re

from preploop.report.draft_check import is_abbreviation, is_verb, noun_phrase_only, words
from preploop.report.findings import Said
from preploop.report.phrases import (
    can_be_verb,
    is_past_form,
    lexicon,
    past_tense,
    prefixed,
    verb_lemma,
)
from preploop.report.word_forms import getAllLemmas, getInflection
from preploop.report.wording import plain

ADD = re.compile(r"\[add:[^\]]*\]")


def say(code: str, **args: str) -> str:
    """A fixed sentence or prompt of a draft, from the wording file."""
    text = plain(Said(code=f"draft.{code}", args=args))
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)  # "at Hartwell & Co.."


def tidy(text: str) -> str:
    """The line's spacing as written text has it: 'faster , and cheaper .' -> 'faster, and
    cheaper.' (a space before a mark, often left by a PDF's text); doubled marks as one; a
    line wrapped whole in quotes without them (the candidate says it, not quotes it)."""
    text = text.strip().rstrip("…").rstrip()
    if re.fullmatch(r'"[^"]+"[.;]?|“[^”]+”[.;]?', text):
        text = text.strip('.;"“”')
    text = re.sub(r"\s+([,;:])(?=\s|$)", r"\1", text)
    text = re.sub(r"\s+\.(?=\s|$)", ".", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)


def mended(text: str) -> str:
    """The line without a bracket it opens and never closes (or closes and never opened):
    a typo of the resume, not something to say."""
    for left, right in ("()", "[]"):
        while text.count(left) != text.count(right):
            stray = left if text.count(left) > text.count(right) else right
            at = text.rfind(stray) if stray == left else text.find(stray)
            text = (text[:at] + text[at + 1 :]).replace("  ", " ")
    return text


def first_deed(sentences: list[str]) -> str:
    """The first thing the candidate says they did, as a resume clause ('Killed ...')."""
    for sentence in map(_abbreviations_kept, sentences):  # "chose Postgres vs. DynamoDB"
        m = re.search(r"(?:^|, |Then )I ([a-z][^.]*(?:\.\x01[^.]*)*)", sentence)
        if m and not m[1].startswith("was "):
            return m.group(1).replace(KEPT, " ")
    return ""


def is_compound(before: str) -> bool:
    """'Argued for X, then dropped the idea when ...': the trigger is of the last verb only."""
    toks = before.lower().replace(",", " ").split()
    return "then" in toks or any(
        t == "and" and nxt.isalpha() and past_tense(nxt) == nxt and can_be_verb(nxt)
        for t, nxt in zip(toks, toks[1:], strict=False)
    )


def is_finite(text: str) -> bool:
    """A clause of its own: a past or present verb form after its first word."""
    toks = [re.sub(r"[^A-Za-z'-]", "", t) for t in text.split()]
    # After an article or a preposition an -ed word describes ("with associated budgets",
    # "six months of missed commitments").
    before_noun = {*words()["determiners"], *words()["object_stops"], *words()["describing_after"]}
    return any(
        (w.lower() in words()["finite_verbs"] or (w.lower().endswith("ed") and is_verb(w)))
        and not (w.lower().endswith("ed") and toks[i - 1].lower() in before_noun)
        for i, w in enumerate(toks)
        if i > 0
    )


def balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def cut_out(text: str, part: str) -> str:
    """The line without one of its parts and the joining words before it; the line as it
    was when the part would leave a bracket open."""
    at = text.find(part)
    if not (balanced(part) and balanced(text[:at] + text[at + len(part) :])):
        return text
    before, after = text[:at].rstrip(" ,;—–-"), text[at + len(part) :].lstrip(" ,;")
    if before and after:
        return f"{before}; {after}"
    return before or after


def quote(text: str) -> list[str]:
    """The line as the candidate would say it: each clause opening with a verb gets "I"
    and the past tense; everything else is kept as written."""
    text = text.strip().rstrip(".;:, ")
    if not text:
        return []
    out: list[str] = []
    # Clauses: sentences of the line, its semicolons and dashes, "Owned X: did Y".
    text = _abbreviations_kept(text)
    clauses = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9~$£€]|[-+]\d)|\s*;\s*|\s+(?:--?|[—–])\s+", text)
    clauses = [c.strip(" ,.:").replace(KEPT, " ") for part in clauses for c in _colon_split(part)]
    clauses = _scenes_kept(clauses)
    if not all(map(balanced, clauses)):
        clauses = [text]  # a split inside brackets: keep the line whole
    for clause in filter(None, clauses):
        lead = clause.split(maxsplit=1)[0].lower()
        if re.match(r"(?:I|[Ww]e|[Mm]y|[Oo]ur)\b", clause):  # already in the first person
            out.append(as_sentence(clause))
        elif out and _done_by(clause):
            out[-1] = out[-1].rstrip(".") + f", {lowered(clause)}."  # "..., now used by 40 teams"
        elif lead in words()["after_i"] and is_past_form(second_word(clause)):
            out.append(as_sentence(f"I {lowered(clause)}"))  # "Personally wrote the joins"
        elif scene_first(clause, lead):
            head, _, rest = scene_split(clause)  # "Given only a goal, built ..."
            out.append(as_sentence(f"{head}, {first_person(rest.strip())}"))
        elif (
            lead in words()["passive_always"]
            or (_participle_only(lead) and second_word(clause) in _passive_next())
            or (
                lead in words()["passive_openers"]
                and second_word(clause) in words()["passive_after"]
            )
            or (
                lead in words()["assignments"]
                and second_word(clause) in words()["assignment_after"]
            )
            or _by_someone(clause)
        ):
            if out:  # "...; promoted to senior 14 months later": whoever it was, not "I"
                out[-1] = out[-1].rstrip(".") + f", {lowered(clause)}."
            else:
                out.append(as_sentence(f"I was {clause[0].lower()}{clause[1:]}"))  # "Promoted to"
        elif second_word(clause) in words()["the_openers"] and noun_phrase_only(clause):
            out.append(as_sentence(f"I was {lowered(clause)}"))  # "The only engineer who ..."
        elif lead in (*words()["the_openers"], *words()["a_openers"]) and not is_finite(clause):
            article = "the" if lead in words()["the_openers"] else with_article(lead).split()[0]
            out.append(as_sentence(f"I was {article} {clause[0].lower()}{clause[1:]}"))
        elif lead in words()["self_describers"] and not is_finite(clause):
            # "Fast learner": a description of oneself, not the verb "to fast".
            article = with_article(lead).split()[0] + " "
            if second_word(clause) in {*words()["object_stops"], *words()["title_complements"]}:
                article = ""  # "Open to feedback", "Curious about": no noun to take one
            out.append(as_sentence(f"I was {article}{lowered(clause)}"))
        elif out and lead in words()["passive_later"] and not _has_object(clause):
            out[-1] = out[-1].rstrip(".") + f", {lowered(clause)}."  # "..., adopted by ..."
        elif any(f"{clause.lower()} ".startswith(f"{w} ") for w in words()["be_openers"]):
            out.append(as_sentence(f"I was {clause[0].lower()}{clause[1:]}"))  # "Responsible"
        elif post := post_phrase(clause):
            out.append(as_sentence(f"I was {post}"))  # "Vice President, Finance Society"
        elif lead in words()["posts"] and re.match(r"\S+ of\b", clause) and not is_finite(clause):
            out.append(as_sentence(f"I was {clause}"))  # "President of the Debating Society"
        elif opens_with_verb(clause) and not _subject_first(clause) and went(clause) == clause:
            out.append(as_sentence(first_person(clause)))
        elif (said := went(clause)) != clause:
            out.append(as_sentence(said))  # "Returns -40%": "Returns went down 40%."
        elif lead in words()["subject_words"] and is_verb(second_word(clause)):
            out.append(as_sentence(clause))  # "both lead the rotation now": a subject of its own
        elif out and not (is_finite(clause) and has_verb(clause)):
            out[-1] = out[-1].rstrip(".") + f", {lowered(clause)}."  # "..., now 9% of orders"
        elif not has_verb(said := went(clause)):
            out.append(say("about", topic=_topic(clause)))  # "Video-ingest pipeline."
        else:
            out.append(as_sentence(said))
    return out


def _scenes_kept(clauses: list[str]) -> list[str]:
    """An opening phrase split off by a dash or a semicolon goes back before its deed:
    'Going through the recordings - identified ...' is one sentence with "I"."""
    out: list[str] = []
    for clause in clauses:
        joined = f"{out[-1]}, {clause}" if out else ""
        if joined and scene_first(joined, joined.split(maxsplit=1)[0].lower()):
            out[-1] = joined
        else:
            out.append(clause)
    return out


def _done_by(clause: str) -> bool:
    """'used by 40 teams', 'now used by 38% of groups': what others did with the work, said
    after it, not the candidate's deed."""
    toks = clause.lower().split()
    if toks[:1] and toks[0] in words()["after_i"]:
        toks = toks[1:]
    return len(toks) > 2 and toks[1] == "by" and is_past_form(toks[0])


def scene_first(clause: str, lead: str) -> bool:
    """'As the sole PM on a team of four, launched ...', 'Going through the recordings,
    identified ...': an opening phrase, then the candidate's verb after the comma."""
    head, comma, rest = scene_split(clause)
    if not comma or re.search(r"\b(?:I|we)\b", head) or not opens_with_verb(rest.strip()):
        return False
    participle = lead.endswith("ing") and can_be_verb(lead) and lead not in words()["not_verbs"]
    verb = re.sub(r"[^\w-]", "", rest.split()[0].lower())  # "pinned, audited and ..."
    # The candidate's deed after the comma is in the past: "Hired 11 engineers, including
    # two staff" and "Brought the pricing, content and sales teams" are one clause each.
    deed = past_tense(verb) == verb and verb not in words()["not_verbs"]
    return deed and (lead in words()["lead_words"] or participle)


def scene_split(clause: str) -> tuple[str, str, str]:
    """The opening phrase, its separator and the rest: a comma, or a colon or dash that
    a line uses as one ('Going through the recordings: identified ...')."""
    m = re.search(r",|:\s| [-–—] ", clause)
    return (clause[: m.start()], m.group(), clause[m.end() :]) if m else (clause, "", "")


def _passive_next() -> set[str]:
    """Words after a participle that make it passive: 'Known for', 'Written up'; not an
    object ('Driven the migration' is a past tense, misspelt)."""
    return {*words()["passive_after"], *words()["particles"]}


def _participle_only(word: str) -> bool:
    """'known', 'written', 'taken': a form that is never a past tense, so a line opening
    with it is something done to the candidate ('Known for ...': 'I was known for ...')."""
    verbs = getAllLemmas(word).get("VERB", ())
    return any(
        word in getInflection(v, tag="VBN") and word not in getInflection(v, tag="VBD")
        for v in verbs
    )


def _by_someone(clause: str) -> bool:
    """'Mentored by a senior engineer': a participle, then who did it ('Grew by 20%',
    'Reduced by half' are the candidate's own change)."""
    toks = clause.lower().split()
    if len(toks) < 3 or toks[1] != "by" or not is_past_form(toks[0]):
        return False
    verbs = lexicon("verbs")
    changes = {*verbs.rises, *verbs.falls}
    return (
        verb_lemma(toks[0]) not in changes
        and toks[0] not in changes
        and toks[2].isalpha()
        and (toks[2] in words()["determiners"] or toks[2] in words()["by_people"])
    )


def _has_object(clause: str) -> bool:
    """'adopted the RFC' has an object; 'adopted company-wide', 'used in 9 teams' none."""
    second = second_word(clause)
    return bool(second) and (
        second in words()["determiners"] or second in words()["pronouns"] or second == "them"
    )


def second_word(clause: str) -> str:
    toks = clause.lower().split()
    return toks[1] if len(toks) > 1 else ""


def has_verb(text: str) -> bool:
    """A word the draft checker reads as a verb: else the text is no sentence of its own."""
    return any(is_verb(w) for w in re.findall(r"[A-Za-z][A-Za-z'/-]*", ADD.sub(" ", text)))


def lowered(clause: str) -> str:
    """A clause going on from a sentence: 'Three of us' -> 'three of us'; a name, an
    acronym or a word no dictionary knows keeps its capital."""
    lead = re.sub(r"[^A-Za-z-]", "", clause.split(maxsplit=1)[0]) if clause.split() else ""
    head = lead.split("-")[0]
    known = getAllLemmas(head.lower()) or head.lower() in (
        *words()["number_words"],
        *words()["determiners"],
    )
    if head[:1].isupper() and head[1:].islower() and known:
        return clause[0].lower() + clause[1:]
    return clause


def _topic(clause: str) -> str:
    """'Video-ingest pipeline' -> 'the video-ingest pipeline'; 'Neighbourhood Events, 0 to
    1' keeps its capitals (a name)."""
    head = clause.split(",")[0].split()
    named = any(w[:1].isupper() for w in head[1:])
    if named or (small := lowered(clause)) == clause:
        return clause
    first = head[0].lower()
    bare = len(head) <= 4 and first not in words()["determiners"] and not first[:1].isdigit()
    return f"the {small}" if bare and not first.endswith("s") else small


KEPT = "\x01"  # the space after an abbreviation, while the line is cut into clauses


def _abbreviations_kept(text: str) -> str:
    """'Postgres vs. DynamoDB', 'AWS, i.e. 40 services', 'J.P. Morgan': the full stop of an
    abbreviation or initials ends no clause (its space is held apart until the clauses are
    cut)."""
    return re.sub(
        r"(?<!\S)(\S+\.)\s+",
        lambda m: m.group(1) + (KEPT if is_abbreviation(m.group(1)) else " "),
        text,
    )


def _colon_split(part: str) -> list[str]:
    """'Owned the returns flow: replaced the form' -> two clauses, each with its verb; so is
    'Vice President, Finance Society: ran 6 alumni panels'."""
    head, colon, rest = part.partition(": ")
    verb = rest.split(maxsplit=1)[0].lower() if rest else ""
    said = opens_with_verb(head) or bool(post_phrase(head))
    if colon and said and opens_with_verb(rest) and past_tense(verb) == verb:
        return [part] if _noun_list(rest) else [head, rest]
    return [part]


def _noun_list(text: str) -> bool:
    """'structured logs, traces, RED metrics': things listed after a colon, the first only
    looking like a deed; not 'replaced the form, the labels' (a verb, then its object)."""
    items = [item.strip() for item in re.split(r",|\band\b", text) if item.strip()]
    first = items[0].split() if items else []
    if len(items) < 3 or not 2 <= len(first) <= 3:
        return False
    if first[1].lower() in words()["determiners"] or re.match(r"[\d$£€]", first[1]):
        return False
    return not any(is_past_form(item.split()[0].lower()) for item in items[1:])


def post_phrase(clause: str) -> str:
    """'Vice President, Finance Society' -> 'Vice President of the Finance Society'; '' for
    a clause that names no post of a club or society."""
    m = re.fullmatch(
        r"(?P<role>[A-Z][\w-]*(?: [A-Z][\w-]*){0,2}),\s+(?P<org>[A-Z][\w&' -]+)", clause
    )
    if not m or m["role"].split()[0].lower() not in words()["posts"]:
        return ""
    if m["org"].split()[-1].lower() not in words()["organisations"]:
        return ""
    org = m["org"] if m["org"].lower().startswith("the ") else f"the {m['org']}"
    return f"{m['role']} of {org}"


def _changed_after(toks: list[str]) -> bool:
    """'missed appointments across 300 clinics fell 18%': a change verb with its number
    later in the clause, no joining word or comma before it (not '..., which fell 18%')."""
    stops = {*words()["clause_joins"], *words()["clause_openers"]}
    for i, tok in enumerate(toks[1:], start=1):
        if tok in stops or toks[i - 1].endswith((",", ";")):
            return False
        number_next = re.match(r"(?:by )?\$?\d", " ".join(toks[i + 1 : i + 3]))
        if i > 1 and tok in words()["moved"] and number_next:
            return True
    return False


def _subject_first(clause: str) -> bool:
    """'Return contacts to support fell 40%': a noun that looks like a verb, then the verb."""
    lead = re.sub(r"[^a-z'-]", "", clause.split(maxsplit=1)[0].lower())
    toks = clause.lower().split()
    if past_tense(lead) == lead or lead in words()["verbs"]:
        # "Killed ...", "Cut ...": the clause opens with its verb; but "Missed appointments
        # across 300 clinics fell 18%" opens with a noun its own change verb follows.
        return _changed_after(toks)

    if toks[1:] and _only_third_person(toks[1]):
        return True  # "Script generates CAN code": no verb is said so after "I"
    if "i" in toks[1:] or (lead.endswith("s") and toks[1:2] and toks[1] in words()["object_stops"]):
        return True  # "Design lead and I split ...", "Interviews with 200 merchants"
    after = words()["subject_after"]
    return any(
        (t in words()["finite_verbs"] and toks[i - 1] not in words()["clause_joins"])
        or (
            is_past_form(t)
            and not toks[i - 1].endswith(",")
            and toks[i - 1] not in after
            and (
                (toks[i + 1 : i + 2] or [""])[0] not in words()["participle_after"]
                or last_verb(toks, i)
            )
            and bool(getAllLemmas(prefixed(lead)[1]).get("NOUN"))
        )
        for i, t in enumerate(toks)
        if i > 0
    )


def _only_third_person(word: str) -> bool:
    """'generates', 'runs nightly': a verb form only a third person takes, and no noun."""
    forms = getAllLemmas(word)
    verbs = forms.get("VERB", ())
    return bool(verbs) and not forms.get("NOUN") and word in getInflection(verbs[0], tag="VBZ")


def last_verb(toks: list[str], i: int) -> bool:
    """No verb after the i-th word: 'Design moved to DMA' ends on its own verb ('Tickets
    routed to support fell 40%' goes on to one)."""
    return not any(is_past_form(t) or t in words()["finite_verbs"] for t in toks[i + 1 :])


def went(clause: str) -> str:
    """'Weekly active organisers up 21%' -> 'Weekly active organisers went up 21%' (and
    'down from 14 to 4')."""
    m = re.match(
        r"(?P<what>[A-Za-z][^,;]*?) (?P<way>up|down) (?P<by>(?:by |from )?\S*\d.*)$", clause
    )
    if m and not is_finite(m.group("what")):
        return f"{m.group('what')} went {m.group('way')} {m.group('by')}"
    # "Returns -40%", "Crash rate +12%": a short name and a signed change
    m = re.fullmatch(r"(?P<what>[A-Za-z][\w -]{0,30}?) (?P<sign>[-+−])(?P<by>\d[\d.,]*%)", clause)
    if m and not is_finite(m.group("what")):
        way = "up" if m.group("sign") == "+" else "down"
        return f"{m.group('what')} went {way} {m.group('by')}"
    return clause


def joined_actions(sentences: list[str]) -> str:
    """The action sentences as told: a second "I ..." deed follows on with "Then" ("I want
    to ..." is no next step)."""
    out = sentences[:1]
    for sentence in sentences[1:]:
        said = [w.lower() for w in sentence.split()[1:]]
        verb = next((w for w in said if w not in words()["after_i"]), "")
        told = said[:1] and said[0] in words()["then_words"]  # "I later ...": said already
        follows = sentence.startswith("I ") and out[-1].startswith("I ")
        follows = follows and is_past_form(verb) and not told
        out.append(say("then", clause=sentence) if follows else sentence)
    return " ".join(out)


def as_sentence(text: str) -> str:
    text = text.strip().rstrip(".;:, ")
    return f"{text[0].upper()}{text[1:]}." if text else ""


def opens_with_verb(clause: str) -> bool:
    first = clause.split(maxsplit=1)[0] if clause.split() else ""
    word = re.sub(r"^re-|[^A-Za-z-]", "", first)  # "re-planned" is a verb as "planned" is
    not_actions = lexicon("verbs").not_actions
    made = bool(re.fullmatch(r"[a-z]{4,}i[sz]ed", word.lower()))  # "productized", "-ised"
    known = word.lower() in words()["verbs"]  # "greenlit", "hotfixed"
    # A past form made from a known word, before "the", "a", "our" ..., is a deed even
    # when no dictionary knows the verb ("Mothballed the service", "Canaried the new
    # pool"): the draft checker reads it as a verb the same way (draft_check.is_verb).
    toks = clause.lower().split()
    after = re.sub(r"[^a-z]", "", toks[1]) if len(toks) > 1 else ""
    deed = word.lower().endswith("ed") and after in words()["determiners"] and is_verb(word)
    return (
        bool(word)
        and first[:1].isalpha()
        and (can_be_verb(word) or made or known or deed)
        and word.lower() not in not_actions
        and not _label(clause, word.lower())
    )


def _label(clause: str, lead: str) -> bool:
    """'Search relevance: 3 quarters', 'Pricing page v2': a noun phrase that names the work,
    though its first word can be a verb ('Leading a team of 5' and 'Owned the flow: ...'
    open with their verb)."""
    if is_past_form(lead):
        return False
    if re.match(r"\S+(?: \S+){0,2}:(?:\s|$)", clause):
        return True
    toks = clause.lower().split()
    nxt = re.sub(r"[^a-z0-9]", "", toks[1]) if len(toks) > 1 else ""
    object_start = nxt in words()["determiners"] or nxt in words()["pronouns"]
    # "Guest path first", "Root cause in 36 hrs", "Replies predict retention": in a terse
    # line, a noun that can be a verb but is not one of the verbs lines open with ("Lead",
    # "Own", "Ship") names the work, or is the subject, when no object follows its base
    # form or a verb follows its plural; it is no deed ("I guested path first").
    base = verb_lemma(lead)
    if getAllLemmas(lead).get("NOUN") and base not in lexicon("drafts").action_verbs:
        if base == lead and not object_start and not nxt[:1].isdigit():
            return True
        if lead == base + "s" or lead.endswith("ies"):
            return bool(nxt) and can_be_verb(nxt) and verb_lemma(nxt) == nxt
    # "Pricing page v2" (short, no object): a name; "Building trust with sales" a deed.
    named = bool(getAllLemmas(lead).get("NOUN")) or len(toks) <= 4
    gerund = lead.endswith("ing") and named
    return gerund and bool(nxt) and not object_start and not nxt[:1].isdigit()


def first_person(clause: str) -> str:
    """'Killed the carousel' -> 'I killed the carousel'; present tense becomes past, only
    where the past form is sure (else the verb stays as written: 'I own ...')."""
    parts = clause.split(maxsplit=1)
    if not parts:
        return ""
    word = re.sub(r"[^A-Za-z-]", "", parts[0]).lower()
    # Only a verb lemminflect or the verb table knows is re-inflected: a form made up by
    # rule ("mies" -> "miesed") is no word at all, so the verb stays as written.
    verb = past_tense(word) if word and can_be_verb(word) else ""
    if not verb or verb[0] != word[:1]:
        verb = word or parts[0].lower()
    if verb == word and any(c.isupper() for c in parts[0][1:]):
        verb = re.sub(r"[^A-Za-z/-]", "", parts[0])  # "A/B-tested" keeps its capitals
    rest = f" {parts[1]}" if len(parts) > 1 else ""
    trail = parts[0][len(parts[0].rstrip(",")) :]  # "Designed, built, ran": keep the comma
    return f"I {verb}{trail}{rest}"


def own_clause(text: str) -> bool:
    """An outcome that can stand as a sentence: 'the finding set the roadmap', '9 stayed
    open', 'it now gates every deploy'; not 'now 9% of orders'."""
    if noun_phrase_only(text):
        return False  # "a quarterly plan that brought back ...": no clause of its own
    toks = text.split()
    lead = toks[0].lower() if toks else ""
    subject = lead in words()["determiners"] or lead in words()["pronouns"]
    return is_finite(text) or (subject and any(is_verb(t) for t in toks[1:]))


def with_article(role: str) -> str:
    """'an Engineer', 'a UX designer', 'an SRE': an acronym by the sound of its letter."""
    if not role:
        return ""
    first = role.split()[0]
    if len(first) > 1 and first.isupper() and first.isalpha():
        vowel = first[0] in "AEFHILMNORSX"
    else:
        vowel = role[:1].lower() in "aeiou"
    return f"{'an' if vowel else 'a'} {role}"
