"""The report's words: each `Said` fact put into a sentence by its entry in the wording
file of the report's language, a Jinja snippet that may read the method's numbers.

Numbers in sentences come from the method model (`method("fit.skill.required_weight")`),
never restated by hand, so changing a weight changes the prose with it.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from preploop.errors import UserError
from preploop.report.findings import Said
from preploop.report.method import value
from preploop.report.story_ranker import story_ranker
from preploop.templating import THEME_DIR
from preploop.yamlsource import safe_load

WORDING_DIR = THEME_DIR / "report" / "wording"
LANGUAGE = "en"


class WordingError(UserError):
    """A fact with no wording, or a wording file that does not load."""


@functools.cache
def wording(language: str = LANGUAGE) -> dict:
    """The wording file of `language`: fact code -> Jinja snippet (and the method chapter)."""
    path = WORDING_DIR / f"{language}.yaml"
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise WordingError(f"{path}: cannot read the report's wording ({err})") from None
    if not isinstance(data, dict):
        raise WordingError(f"{path}: the wording must be a mapping of codes to sentences")
    return data


def times(factor: float) -> str:
    """A weight as words: 2 -> 'double', 0.5 -> 'half', 3 -> '3 times'."""
    named = {0.5: "half", 1.0: "the same", 2.0: "double", 3.0: "triple"}
    return named.get(float(factor), f"{factor:g} times")


def years(count: float) -> str:
    """Years of work as a person says them: 0.2 -> 'less than a year', 4.0 -> '4 years'."""
    if count < 1:
        return "less than a year"
    rounded = round(float(count), 1)
    return f"{rounded:g} year{'s' if rounded != 1 else ''}"


def share(fraction: float) -> str:
    """0.55 -> '55%'."""
    return f"{round(float(fraction) * 100)}%"


def date_span(start: str, end: str) -> str:
    """'Jan 2021–Present'; one date when both ends are the same ('Summer 2022')."""
    if start and end and start.lower() != end.lower():
        return f"{start}–{end}"
    return start or end


def join_and(items: list[str] | str, word: str = "and") -> str:
    """['a', 'b', 'c'] -> 'a, b and c'; a single name stays as it is."""
    if isinstance(items, str):
        return items
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def in_sentence(name: str) -> str:
    """A skill's name as it reads inside a sentence: 'Written communication' ->
    'written communication'; names ('SQL', 'Python', 'Google Analytics', 'A/B testing')
    stay as they are."""
    first, *rest = name.split(" ") or [""]
    if rest and first.isalpha() and first[1:].islower() and all(w.islower() for w in rest):
        return name[0].lower() + name[1:]
    return name


def quoted(word: str) -> str:
    """A word as the reader's document wrote it, in curly quotes."""
    return f"\u201c{word}\u201d"


def add_words(env: jinja2.Environment) -> None:
    """Give a report environment `say` and what wording snippets use."""
    env.filters.update(
        say=say,
        times=times,
        share=share,
        join_and=join_and,
        years=years,
        in_sentence=in_sentence,
        quoted=quoted,
    )
    env.globals.update(method=method_number, words=words, story_bar=story_bar)


def story_bar() -> float:
    """The learned story ranker's bar: below this chance, a prompt instead of a story."""
    return story_ranker().threshold


def method_number(path: str) -> Any:
    """A method setting for a sentence: 2.0 reads as 2."""
    number = value(path)
    return int(number) if isinstance(number, float) and number.is_integer() else number


@jinja2.pass_environment
def say(env: jinja2.Environment, fact: Said) -> Markup:
    """The sentence for `fact`, escaped for HTML (quoted resume lines included)."""
    return Markup(_fill(_snippet(env, LANGUAGE, fact.code), fact.code, fact.args))


@jinja2.pass_environment
def words(env: jinja2.Environment, code: str, **args) -> Markup:
    """A template's own sentence by its code (a heading with no fact behind it)."""
    return Markup(_fill(_snippet(env, LANGUAGE, code), code, args))


def _fill(snippet: jinja2.Template, code: str, args: dict) -> str:
    """The sentence with its facts; facts its sentence cannot use (a number where it lists
    names, an argument missing: an analysis edited by hand) are a WordingError."""
    try:
        return snippet.render(**args).strip()
    except (jinja2.TemplateError, TypeError, ValueError, LookupError, ArithmeticError) as err:
        raise WordingError(
            f"the report cannot say '{code}': its facts do not fit its sentence ({err})"
        ) from None


def _snippet(env: jinja2.Environment, language: str, code: str) -> jinja2.Template:
    cache = env.globals.setdefault("_wording_cache", {})
    key = (language, code)
    if key not in cache:
        text = wording(language).get(code)
        if not isinstance(text, str):
            raise WordingError(f"the report has no wording for '{code}' in {language}.yaml")
        cache[key] = env.from_string(" ".join(text.split()))
    return cache[key]


def plain(fact: Said) -> str:
    """The sentence as plain text (tests, logs): the same wording, no HTML escaping."""
    env = _plain_environment()
    return _fill(_snippet(env, LANGUAGE, fact.code), fact.code, fact.args)


@functools.cache
def _plain_environment() -> jinja2.Environment:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    add_words(env)
    return env


def method_chapter(language: str = LANGUAGE) -> list[dict]:
    """The method chapter's sections, {heading, paragraphs}, with the method's numbers."""
    env = _plain_environment()
    return [
        {
            "heading": section["heading"],
            "paragraphs": [
                env.from_string(" ".join(p.split())).render() for p in section["paragraphs"]
            ],
        }
        for section in wording(language)["method_chapter"]
    ]


def codes(language: str = LANGUAGE) -> set[str]:
    return {code for code, text in wording(language).items() if isinstance(text, str)}
