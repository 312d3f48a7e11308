"""Find, load, validate and cross-check the YAML catalog under `companies/`.

Every problem is collected, not just the first, and each one points at a file,
line and column, so an editor can fix a whole file in one pass.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import html.parser
import multiprocessing
import os
import re
import sys
import threading
import types
import typing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticUndefined

from preploop.messages import plain_message
from preploop.model import Company, Role, RoleFamily
from preploop.yamlsource import Loc, YamlDocument, YamlSyntaxError, format_loc, load_yaml

M = typing.TypeVar("M", bound=BaseModel)

FAMILIES_DIR = "_roles"
COMPANY_FILE = "company.yaml"

# Slugs name files and pages: a role slugged `index` would be its company's
# page (companies/<company>/index.md). The other names are kept for what the
# site serves at its root, so pages can move up a level without a clash.
RESERVED_SLUGS = frozenset({"index", "404", "assets", "search", "sitemap"})


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    where: str
    message: str

    def __str__(self) -> str:
        line = f"{self.path}:{self.line}:{self.column}: {self.where}: {self.message}"
        return _printable(line)


class CatalogError(Exception):
    """The catalog has problems; `problems` lists them all, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))  # a company's problem, once for all roles
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the catalog")

    def report(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


@dataclass(frozen=True)
class RoleEntry:
    """One role page's data: the role with its company and family."""

    company: Company
    role: Role
    family: RoleFamily
    path: Path

    @property
    def key(self) -> tuple[str, str]:
        return (self.company.slug, self.role.slug)


@dataclass(frozen=True)
class Catalog:
    companies: tuple[Company, ...]
    roles: tuple[RoleEntry, ...]
    families: types.MappingProxyType[str, RoleFamily]
    files: tuple[Path, ...]

    def company(self, slug: str) -> Company:
        for company in self.companies:
            if company.slug == slug:
                return company
        known = [company.slug for company in self.companies]
        raise KeyError(f"unknown company '{slug}'{did_you_mean(slug, known)}")

    def roles_of(self, company_slug: str) -> list[RoleEntry]:
        return [entry for entry in self.roles if entry.company.slug == company_slug]

    def role(self, company_slug: str, role_slug: str) -> RoleEntry:
        for entry in self.roles:
            if entry.key == (company_slug, role_slug):
                return entry
        self.company(company_slug)  # an unknown company is named as such
        known = [entry.role.slug for entry in self.roles_of(company_slug)]
        hint = did_you_mean(role_slug, known)
        raise KeyError(f"no role '{role_slug}' at '{company_slug}'{hint}")


def did_you_mean(name: str, known: list[str]) -> str:
    """' (did you mean 'x'?)' for a close match, else the names there are."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    shown = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
    return f" (known: {shown or 'none'})"


def load_catalog(root: Path) -> Catalog:
    """Load `root` (the `companies/` folder). Raises CatalogError listing every problem."""
    with _collector_paused():
        return _load_catalog(Path(root))


def _load_catalog(root: Path) -> Catalog:
    problems: list[Problem] = []
    if not root.is_dir():
        raise CatalogError([Problem(_display(root), 1, 1, "(folder)", "catalog folder not found")])

    family_paths = sorted((root / FAMILIES_DIR).glob("*.yaml"))
    for stray in sorted(root.glob("**/*.yml")):  # silently skipped otherwise
        problems.append(Problem(_display(stray), 1, 1, "(file)", "rename to .yaml to include it"))
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))
    role_paths = {
        folder: sorted(p for p in folder.glob("*.yaml") if p.name != COMPANY_FILE)
        for folder in folders
    }
    company_paths = {f: f / COMPANY_FILE for f in folders if (f / COMPANY_FILE).exists()}
    # Listed in the order they are checked below, so checking starts while
    # later files are still being parsed.
    in_order = [*family_paths]
    for folder in folders:
        if folder in company_paths:
            in_order.append(company_paths[folder])
        in_order += role_paths[folder]
    read = _Reads(_read_files(in_order))

    families: dict[str, RoleFamily] = {}
    family_docs: dict[str, YamlDocument] = {}
    unreadable: list[str] = []  # families with problems of their own
    for path in family_paths:
        doc, family = _load_model(read[path], RoleFamily, problems)
        if family is None:
            unreadable.append(path.stem)
            continue
        problems.extend(_check_slug(doc, family.slug, path.stem, "file name"))
        problems.extend(_check_links(doc, family))
        if family.slug in families:
            _duplicate(problems, doc, "role family", family.slug, family_docs[family.slug])
            continue
        families[family.slug] = family
        family_docs[family.slug] = doc

    # A role naming a family whose file has errors is not told the family is
    # unknown as well: those errors are reported already, and its intents unchecked.
    checkable: dict[str, RoleFamily | None] = {**dict.fromkeys(unreadable), **families}

    companies: list[Company] = []
    company_docs: dict[str, YamlDocument] = {}
    roles: list[RoleEntry] = []
    for folder in folders:
        if folder not in company_paths:
            problems.append(Problem(_display(folder), 1, 1, "(folder)", f"missing {COMPANY_FILE}"))
            continue
        doc, company = _load_model(read[company_paths[folder]], Company, problems)
        if company is not None and company.slug in company_docs:
            _duplicate(problems, doc, "company", company.slug, company_docs[company.slug])
            continue
        # A file with schema errors is still cross-checked as far as its data
        # allows, so editors see every problem at once, not in rounds.
        known_company = company or _salvage(doc.data, Company)
        if company is not None:
            problems.extend(_check_slug(doc, company.slug, folder.name, "folder name"))
            problems.extend(_check_links(doc, company))
            problems.extend(_check_company(company, doc))
            company_docs[company.slug] = doc
            companies.append(company)

        role_docs: dict[str, YamlDocument] = {}
        for role_path in role_paths[folder]:
            role_doc, role = _load_model(read[role_path], Role, problems)
            if role is None:
                salvaged = _salvage(role_doc.data, Role)
                if salvaged is not None:
                    problems.extend(_check_role(salvaged, role_doc, known_company, checkable))
                    problems.extend(
                        _check_intents(salvaged, role_doc, known_company, doc, checkable)
                    )
                continue
            if role.slug in role_docs:
                _duplicate(problems, role_doc, "role", role.slug, role_docs[role.slug])
                continue
            role_docs[role.slug] = role_doc
            problems.extend(_check_slug(role_doc, role.slug, role_path.stem, "file name"))
            problems.extend(_check_links(role_doc, role))
            family = families.get(role.family)
            problems.extend(_check_role(role, role_doc, known_company, checkable))
            problems.extend(_check_intents(role, role_doc, known_company, doc, checkable))
            if company is None:
                continue
            if family is not None:
                roles.append(RoleEntry(company, role, family, role_path))

    if problems:
        raise CatalogError(problems)
    companies.sort(key=lambda c: c.name.lower())
    roles.sort(key=lambda e: (e.company.name.lower(), e.role.title.lower()))
    # Imported here: the reports package reads catalog types (a cycle at import time).
    from preploop.figures.aggregate import attach_reports

    roles = attach_reports(root, roles)  # counts and shares from reported interviews
    files = tuple(d.path for d in [*family_docs.values(), *company_docs.values()])
    return Catalog(
        companies=tuple(companies),
        roles=tuple(roles),
        families=types.MappingProxyType(families),
        files=files + tuple(entry.path for entry in roles),
    )


# -- reading files -----------------------------------------------------------

# From this many files on, they are parsed in parallel: parsing is most of a
# large catalog's load time, and below this, starting processes costs more
# than it saves.
PARALLEL_FROM = 200
_CHUNKS_PER_WORKER = 4  # several chunks each, so a slow chunk does not leave a core idle


def _read_files(paths: list[Path]) -> Iterator[tuple[Path, YamlDocument | Problem]]:
    """Parse every file, in order: its document, or the problem that stopped it being read."""
    workers = _parallel_workers(len(paths))
    if workers < 2:
        yield from ((path, _read(path)) for path in paths)
        return
    # This process parses an equal share of the files itself, the first ones,
    # while worker processes parse the rest: its caller checks every file
    # meanwhile, but the workers also pickle what they parsed, and the two
    # about even out. fork: workers start at once with everything imported.
    share = len(paths) // workers
    mine, theirs = paths[:share], paths[share:]
    size = -(-len(theirs) // ((workers - 1) * _CHUNKS_PER_WORKER))
    chunks = [theirs[i : i + size] for i in range(0, len(theirs), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers - 1, mp_context=context) as pool:
        results = pool.map(_read_chunk, chunks)  # in the order of `chunks`
        yield from ((path, _read(path)) for path in mine)
        for chunk, read in zip(chunks, results, strict=True):
            yield from zip(chunk, read, strict=True)


class _Reads:
    """Parsed files by path, taken from `_read_files` as they are asked for."""

    def __init__(self, reads: Iterator[tuple[Path, YamlDocument | Problem]]):
        self._reads = reads
        self._waiting: dict[Path, YamlDocument | Problem] = {}

    def __getitem__(self, path: Path) -> YamlDocument | Problem:
        while path not in self._waiting:
            done, read = next(self._reads)
            self._waiting[done] = read
        return self._waiting.pop(path)


def _parallel_workers(files: int) -> int:
    # Workers are forked: safe on Linux (elsewhere Python prefers to spawn)
    # and only with no other thread running (`mkdocs serve` runs a server
    # thread). A catalog loaded inside a worker process (report batches) is
    # already one of many in parallel.
    if files < PARALLEL_FROM or not sys.platform.startswith("linux"):
        return 1
    if threading.active_count() > 1 or multiprocessing.parent_process() is not None:
        return 1
    return len(os.sched_getaffinity(0))  # the cores this process may use


def _read_chunk(paths: list[Path]) -> list[YamlDocument | Problem]:
    # Forked while load_catalog pauses the collector, so it stays paused here too.
    return [_read(path) for path in paths]


def _read(path: Path) -> YamlDocument | Problem:
    try:
        return load_yaml(path)
    except YamlSyntaxError as err:
        line, column = err.position.line, err.position.column
        return Problem(_display(path), line, column, "(file)", err.message)
    except (OSError, UnicodeDecodeError) as err:
        return Problem(_display(path), 1, 1, "(file)", f"cannot read: {err}")


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the catalog loads.

    Loading creates hundreds of thousands of objects, none in reference
    cycles, and keeps most of them; the collector would walk the growing heap
    again and again to free nothing, which doubled the load time of a large
    catalog. Plain reference counting still frees everything it can.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- validating one file -----------------------------------------------------


def _load_model(
    read: YamlDocument | Problem, model: type[M], problems: list[Problem]
) -> tuple[YamlDocument, M | None]:
    if isinstance(read, Problem):
        problems.append(read)
        return YamlDocument(Path(read.path), None), None
    doc = read
    for loc in doc.duplicate_keys:
        problems.append(_problem(doc, loc, f"duplicate key '{loc[-1]}'", key=True))
    if not isinstance(doc.data, dict):
        problems.append(_problem(doc, (), f"expected a mapping of keys for a {_noun(model)}"))
        return doc, None
    try:
        return doc, model.model_validate(doc.data)
    except ValidationError as err:
        problems.extend(_translate(err, doc, model))
        return doc, None


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
            problems.append(_problem(doc, loc, message, key=True))
    for error in errors:
        loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "extra_forbidden" or loc in guessed:
            continue
        if kind == "missing":
            problems.append(_problem(doc, loc[:-1], f"missing required key '{loc[-1]}'", at=loc))
        else:
            is_key = bool(loc) and loc[-1] == "[key]"  # a bad key of a dict, e.g. of intents
            where = loc[:-1] if is_key else loc
            problems.append(_problem(doc, where, plain_message(error), key=is_key))
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


def _salvage(data: object, model: type[BaseModel]) -> _Salvaged | None:
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
        return _salvage(value, inner)
    if isinstance(value, str):
        return value
    return None if default is PydanticUndefined else default


def _check_slug(doc: YamlDocument, slug: str, name: str, what: str) -> Iterator[Problem]:
    """The slug is the file or folder name (pages and reports find a file by
    its slug), and no name the site reserves."""
    if slug != name:
        message = f"slug '{slug}' must match the {what} '{name}'"
        yield _problem(doc, ("slug",), message)
    elif slug in RESERVED_SLUGS:
        reserved = ", ".join(sorted(RESERVED_SLUGS))
        yield _problem(doc, ("slug",), f"slug '{slug}' is reserved (reserved: {reserved})")


# Link schemes catalog Markdown may use; anything else (javascript:, data:,
# file:...) is refused, as are images from other sites: pages load nothing
# from other hosts.
LINK_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")  # browsers drop tabs and newlines in URLs


def _check_links(doc: YamlDocument, model: BaseModel) -> Iterator[Problem]:
    """Every link and image in any text of `model` is one the site may show."""
    if not doc.may_link:  # most files: walking every text costs more than the rest
        return
    for loc, text in _texts(model, ()):
        if "[" not in text:  # Markdown links and images all start with [
            continue
        for tag, url in _urls(text):
            message = _url_problem(url, image=tag == "img")
            if message:
                yield _problem(doc, loc, message)


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
    # Imported here, as only texts with links need it: `prep check` stays quick.
    from preploop.templating import render_markdown

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


def _check_company(company: Company, doc: YamlDocument) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, principle in enumerate(company.principles):
        if principle.id in seen:
            yield _problem(doc, ("principles", i, "id"), f"duplicate principle id '{principle.id}'")
        seen.add(principle.id)


def _check_role(
    role: Role,
    doc: YamlDocument,
    company: Company | None,
    families: dict[str, RoleFamily | None],
) -> Iterator[Problem]:
    # Also run on what could be salvaged of files that failed their schema
    # (`_salvage`), where an unreadable value is None: those are skipped, as
    # are principles when the company file cannot be read at all.
    principle_ids = [p.id for _, p in _items(company.principles)] if company else None
    if _unknown(role.family, families):
        known = [slug for slug, family in families.items() if family is not None]
        yield _dangling(doc, ("family",), "role family", role.family, known)

    round_ids: list[str] = []
    for i, round_ in _items(role.rounds):
        if round_.id is not None and round_.id in round_ids:
            yield _problem(doc, ("rounds", i, "id"), f"duplicate round id '{round_.id}'")
        round_ids.append(round_.id)
        for j, pid in enumerate(round_.principles):
            if _unknown(pid, principle_ids):
                loc = ("rounds", i, "principles", j)
                yield _dangling(doc, loc, "principle", pid, principle_ids)

    question_ids: set[str] = set()
    for i, question in _items(role.questions):
        if question.id is not None and question.id in question_ids:
            yield _problem(doc, ("questions", i, "id"), f"duplicate question id '{question.id}'")
        question_ids.add(question.id)
        if _unknown(question.round, round_ids):
            yield _dangling(doc, ("questions", i, "round"), "round", question.round, round_ids)
        for j, pid in enumerate(question.principles):
            if _unknown(pid, principle_ids):
                loc = ("questions", i, "principles", j)
                yield _dangling(doc, loc, "principle", pid, principle_ids)

    level_codes = [level.code for _, level in _items(role.levels) if level.code is not None]
    if len(set(level_codes)) != len(level_codes):
        yield _problem(doc, ("levels",), "level codes must be unique")
    if role.pay is not None:
        paid: set[str] = set()
        for i, row in _items(role.pay.rows):
            if _unknown(row.level, level_codes):
                yield _dangling(doc, ("pay", "rows", i, "level"), "level", row.level, level_codes)
            elif row.level is not None and row.level in paid:
                loc = ("pay", "rows", i, "level")
                yield _problem(doc, loc, f"level '{row.level}' listed twice")
            paid.add(row.level)


def _check_intents(
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
    return _problem(doc, loc, message)


def _duplicate(
    problems: list[Problem], doc: YamlDocument, kind: str, slug: str, first: YamlDocument
) -> None:
    message = f"duplicate {kind} slug '{slug}': already used by {_display(first.path)}"
    problems.append(_problem(doc, ("slug",), message))


# -- helpers -----------------------------------------------------------------


def _problem(
    doc: YamlDocument, loc: Loc, message: str, *, key: bool = False, at: Loc | None = None
) -> Problem:
    position = doc.position(loc, key=key)
    return Problem(
        _display(doc.path), position.line, position.column, format_loc(at or loc), message
    )


def _printable(text: str) -> str:
    """Control characters (a newline in a key, a terminal escape) shown as escapes,
    so each problem stays on one line and prints as it is."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _display(path: Path) -> str:
    """A path as the editor typed it: relative to the working folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)


def _noun(model: type[BaseModel]) -> str:
    return {"Company": "company", "Role": "role", "RoleFamily": "role family"}[model.__name__]
