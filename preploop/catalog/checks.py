"""Validating one catalog file against its schema, and the checks across files:
slugs, links, and names that must refer to something that exists."""

from __future__ import annotations

import difflib
import html.parser
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticUndefined

from preploop.catalog.model_memo import ModelMemo
from preploop.catalog.problems import Problem, display_path, problem_at
from preploop.messages import plain_message
from preploop.model import Company, Role, RoleFamily
from preploop.yamlsource import Loc, YamlDocument

M = typing.TypeVar("M", bound=BaseModel)

# Slugs name files and pages: a role slugged `index` would be its company's
# page (companies/<company>/index.md). The other names are kept for what the
# site serves at its root, so pages can move up a level without a clash.
RESERVED_SLUGS = frozenset({"index", "404", "assets", "search", "sitemap"})


def load_model(
    read: YamlDocument | Problem,
    model: type[M],
    problems: list[Problem],
    memo: ModelMemo | None = None,
) -> tuple[YamlDocument, M | None]:
    """The file's model, validated, or None with its problems added to `problems`.

    With a `memo`, a file whose bytes were validated before gives the same model."""
    if isinstance(read, Problem):
        problems.append(read)
        return YamlDocument(Path(read.path), None), None
    doc = read
    for loc in doc.duplicate_keys:
        problems.append(problem_at(doc, loc, f"duplicate key '{loc[-1]}'", key=True))
    if not isinstance(doc.data, dict):
        problems.append(problem_at(doc, (), f"expected a mapping of keys for a {_noun(model)}"))
        return doc, None
    known = memo.get(model, doc.digest) if memo is not None and doc.digest else None
    if known is not None:
        return doc, known
    try:
        validated = model.model_validate(doc.data)
    except ValidationError as err:
        problems.extend(_translate(err, doc, model))
        return doc, None
    if memo is not None and doc.digest:
        memo.put(model, doc.digest, validated)
    return doc, validated


def _translate(err: ValidationError, doc: YamlDocument, model: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's errors into editor-friendly problems with positions."""
    problems = []
    errors = err.errors(include_url=False)
    # A misspelt key shows up twice (unknown 'duraton', missing 'duration');
    # the "did you mean" line says it all, so the missing one is dropped.
    guessed: set[Loc] = set()
    for error in errors:
        loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "extra_forbidden":
            message = f"unknown key '{loc[-1]}'"
            allowed = _fields_at(model, loc[:-1])
            guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            if guess:
                message += f" (did you mean '{guess[0]}'?)"
                guessed.add((*loc[:-1], guess[0]))
            elif allowed:
                message += f" (allowed: {', '.join(allowed)})"
            problems.append(problem_at(doc, loc, message, key=True))
    for error in errors:
        loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "extra_forbidden" or loc in guessed:
            continue
        if kind == "missing":
            problems.append(problem_at(doc, loc[:-1], f"missing required key '{loc[-1]}'", at=loc))
        else:
            is_key = bool(loc) and loc[-1] == "[key]"  # a bad key of a dict, e.g. of intents
            where = loc[:-1] if is_key else loc
            problems.append(problem_at(doc, where, plain_message(error), key=is_key))
    return problems


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at `loc` inside `model`, for 'did you mean'."""
    current: typing.Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: typing.Any) -> typing.Any:
    """`list[Round]` or `Source | None` -> the model class inside."""
    for arg in (*typing.get_args(annotation), annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        nested = typing.get_args(arg)
        for inner in nested:
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


# -- cross-checks ------------------------------------------------------------


class _Salvaged(types.SimpleNamespace):
    """What could be read of a file that failed its schema, shaped like its model."""


def salvage(data: object, model: type[BaseModel]) -> _Salvaged | None:
    """The parts of `data` the cross-checks read, with every value of the wrong
    type left out (its schema error is reported already), or None.

    List positions are kept (an unreadable item becomes None), so problems
    still point at the right item.
    """
    if not isinstance(data, dict):
        return None
    fields = {}
    for name, field in model.model_fields.items():
        fields[name] = _salvage_value(data.get(name), field.annotation, field.get_default())
    return _Salvaged(**fields)


def _salvage_value(value: object, annotation: typing.Any, default: object) -> object:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    inner = _inner_model(annotation)
    if origin is list:
        if not isinstance(value, list):
            return []
        item = args[0] if args else typing.Any
        return [_salvage_value(v, item, None) for v in value]
    if origin is dict:
        return (
            {k: v for k, v in value.items() if isinstance(k, str)}
            if isinstance(value, dict)
            else {}
        )
    if inner is not None and origin is not list:
        return salvage(value, inner)
    if isinstance(value, str):
        return value
    return None if default is PydanticUndefined else default


def check_slug(doc: YamlDocument, slug: str, name: str, what: str) -> Iterator[Problem]:
    """The slug is the file or folder name (pages and reports find a file by
    its slug), and no name the site reserves."""
    if slug != name:
        message = f"slug '{slug}' must match the {what} '{name}'"
        yield problem_at(doc, ("slug",), message)
    elif slug in RESERVED_SLUGS:
        reserved = ", ".join(sorted(RESERVED_SLUGS))
        yield problem_at(doc, ("slug",), f"slug '{slug}' is reserved (reserved: {reserved})")


# Link schemes catalog Markdown may use; anything else (javascript:, data:,
# file:...) is refused, as are images from other sites: pages load nothing
# from other hosts.
LINK_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")  # browsers drop tabs and newlines in URLs


def check_links(doc: YamlDocument, model: BaseModel) -> Iterator[Problem]:
    """Every link and image in any text of `model` is one the site may show."""
    if not doc.may_link:  # most files: walking every text costs more than the rest
        return
    for loc, text in _texts(model, ()):
        if "[" not in text:  # Markdown links and images all start with [
            continue
        for tag, url in _urls(text):
            message = _url_problem(url, image=tag == "img")
            if message:
                yield problem_at(doc, loc, message)


def _texts(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*loc, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts(item, (*loc, i))


def _url_problem(url: str, *, image: bool) -> str | None:
    cleaned = _IGNORED_IN_URLS.sub("", url).replace("\\", "/")
    scheme = _SCHEME.match(cleaned)
    if image and (scheme or cleaned.startswith("//")):
        return f"image {url!r} is on another site: images must be files of this site"
    if scheme and scheme.group(1).lower() not in LINK_SCHEMES:
        return f"link {url!r} is not allowed: use http(s), mailto or a relative link"
    return None


def _urls(text: str) -> list[tuple[str, str]]:
    """(tag, URL) of each link and image in `text`, rendered as the site and the
    report render it, and read back as a browser reads it."""
    # Imported here: Markdown takes a while to load, and most catalogs hold no link
    # (`prep check` must stay quick).
    from preploop.richtext import render_markdown

    found = _UrlCollector()
    found.feed(str(render_markdown(text)))
    found.close()
    return found.urls


class _UrlCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append((tag, value))


def check_company(company: Company, doc: YamlDocument) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, principle in enumerate(company.principles):
        if principle.id in seen:
            yield problem_at(
                doc, ("principles", i, "id"), f"duplicate principle id '{principle.id}'"
            )
        seen.add(principle.id)


def check_role(
    role: Role,
    doc: YamlDocument,
    company: Company | None,
    families: dict[str, RoleFamily | None],
) -> Iterator[Problem]:
    # Also run on what could be salvaged of files that failed their schema
    # (`salvage`), where an unreadable value is None: those are skipped, as
    # are principles when the company file cannot be read at all.
    principle_ids = [p.id for _, p in _items(company.principles)] if company else None
    if _unknown(role.family, families):
        known = [slug for slug, family in families.items() if family is not None]
        yield _dangling(doc, ("family",), "role family", role.family, known)
    family = families.get(role.family) if isinstance(role.family, str) else None
    if role.levels == [] and family is not None and family.generic_ladder is None:
        yield problem_at(
            doc,
            ("levels",),
            f"no levels, and the role family '{role.family}' has no `generic_ladder` to aim "
            "reports at: list the company's levels or add the family's generic ladder",
        )

    round_ids: list[str] = []
    for i, round_ in _items(role.rounds):
        if round_.id is not None and round_.id in round_ids:
            yield problem_at(doc, ("rounds", i, "id"), f"duplicate round id '{round_.id}'")
        round_ids.append(round_.id)
        for j, pid in enumerate(round_.principles):
            if _unknown(pid, principle_ids):
                loc = ("rounds", i, "principles", j)
                yield _dangling(doc, loc, "principle", pid, principle_ids)

    question_ids: set[str] = set()
    for i, question in _items(role.questions):
        if question.id is not None and question.id in question_ids:
            yield problem_at(doc, ("questions", i, "id"), f"duplicate question id '{question.id}'")
        question_ids.add(question.id)
        if _unknown(question.round, round_ids):
            yield _dangling(doc, ("questions", i, "round"), "round", question.round, round_ids)
        for j, pid in enumerate(question.principles):
            if _unknown(pid, principle_ids):
                loc = ("questions", i, "principles", j)
                yield _dangling(doc, loc, "principle", pid, principle_ids)

    yield from _unsourced(role, doc)

    level_codes = [level.code for _, level in _items(role.levels) if level.code is not None]
    if len(set(level_codes)) != len(level_codes):
        yield problem_at(doc, ("levels",), "level codes must be unique")
    if role.pay is not None:
        paid: set[str] = set()
        for i, row in _items(role.pay.rows):
            if _unknown(row.level, level_codes):
                yield _dangling(doc, ("pay", "rows", i, "level"), "level", row.level, level_codes)
            elif row.level is not None and row.level in paid:
                loc = ("pay", "rows", i, "level")
                yield problem_at(doc, loc, f"level '{row.level}' listed twice")
            paid.add(row.level)


def _unsourced(role: Role, doc: YamlDocument) -> Iterator[Problem]:
    """The parts of a role that state facts about a real company must name a source."""
    if role.levels and role.levels_source is None:
        yield problem_at(doc, ("levels",), "no source: add `levels_source` (name, url, as_of)")
    if role.rounds_source is None:
        unsourced = [i for i, round_ in _items(role.rounds) if round_.source is None]
        if unsourced and len(unsourced) == len(role.rounds):
            yield problem_at(doc, ("rounds",), "no source: add `rounds_source` (name, url, as_of)")
        for i in unsourced if len(unsourced) < len(role.rounds) else []:
            message = "no source: add the role's `rounds_source` or this round's `source`"
            yield problem_at(doc, ("rounds", i), message)
    if role.pay is not None and role.pay.source is None:
        yield problem_at(doc, ("pay", "source"), "pay figures need a source; or write `pay: null`")


def check_intents(
    role: Role,
    role_doc: YamlDocument,
    company: Company | None,
    company_doc: YamlDocument,
    families: dict[str, RoleFamily | None],
) -> Iterator[Problem]:
    """Every intent a question, principle or override names exists in the role's family."""
    family = families.get(role.family) if isinstance(role.family, str) else None
    if family is None:
        return
    known = list(family.intents)
    for i, question in _items(role.questions):
        for j, intent in enumerate(question.intents):
            if _unknown(intent, family.intents):
                yield _dangling(role_doc, ("questions", i, "intents", j), "intent", intent, known)
    for intent in role.intents:
        if intent not in family.intents:
            yield _dangling(role_doc, ("intents", intent), "intent", intent, known)
    if company is None:
        return
    for intent in company.intents:
        if intent not in family.intents:
            yield _dangling(company_doc, ("intents", intent), "intent", intent, known)
    for i, principle in _items(company.principles):
        for j, intent in enumerate(principle.intents):
            if _unknown(intent, family.intents):
                loc = ("principles", i, "intents", j)
                yield _dangling(company_doc, loc, "intent", intent, known)


def check_family_questions(family: RoleFamily, doc: YamlDocument) -> Iterator[Problem]:
    """A family question's ids are unique and its intents are the family's own."""
    known, seen = list(family.intents), set()
    for i, question in _items(family.questions):
        if question.id in seen:
            yield problem_at(doc, ("questions", i, "id"), f"question id '{question.id}' used twice")
        seen.add(question.id)
        for j, intent in enumerate(question.intents):
            if _unknown(intent, family.intents):
                yield _dangling(doc, ("questions", i, "intents", j), "intent", intent, known)


def _items(items: list) -> Iterator[tuple[int, typing.Any]]:
    """(position, item) of each readable item: salvaged lists hold None for the others."""
    return ((i, item) for i, item in enumerate(items) if item is not None)


def _unknown(name: object, known: typing.Collection[str] | None) -> bool:
    """A reference that names nothing known (an unreadable one was reported already;
    with `known` None, what it could name is unknown)."""
    return known is not None and isinstance(name, str) and name not in known


def _dangling(doc: YamlDocument, loc: Loc, kind: str, name: str, known: list[str]) -> Problem:
    message = f"unknown {kind} '{name}'"
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    if guess:
        message += f" (did you mean '{guess[0]}'?)"
    elif known:
        message += f" (known: {', '.join(known)})"
    return problem_at(doc, loc, message)


def duplicate(
    problems: list[Problem], doc: YamlDocument, kind: str, slug: str, first: YamlDocument
) -> None:
    message = f"duplicate {kind} slug '{slug}': already used by {display_path(first.path)}"
    problems.append(problem_at(doc, ("slug",), message))


def _noun(model: type[BaseModel]) -> str:
    return {"Company": "company", "Role": "role", "RoleFamily": "role family"}[model.__name__]
