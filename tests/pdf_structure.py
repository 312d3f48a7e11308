"""Read a tagged PDF back: its structure tree (pypdf), the text of each element
(`pdfinfo -struct-text`, poppler-utils) and each page's marked-content sequences."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


@dataclass
class Element:
    """One structure element: its type, alternative text, text and children."""

    kind: str
    alt: str | None
    page: int | None
    children: list[Element] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def struct_text(path: Path) -> list[tuple[str, str]]:
    """Each structure element as (type, its text and its descendants' text), in tree order."""
    out = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows: list[tuple[int, str, list[str]]] = []  # (indent, type, texts)
    open_rows: list[tuple[int, list[str]]] = []
    for line in out.splitlines():
        indent = len(line) - len(line.lstrip())
        body = line.strip()
        if not body:
            continue
        while open_rows and open_rows[-1][0] >= indent:
            open_rows.pop()
        if body.startswith('"'):
            for _, texts in open_rows:
                texts.append(body.strip('"'))
        elif re.fullmatch(r"[A-Za-z0-9]+( \(\w+\))?:?", body):
            texts: list[str] = []
            rows.append((indent, body.split()[0].rstrip(":"), texts))
            open_rows.append((indent, texts))
    return [(kind, " ".join(" ".join(texts).split())) for _, kind, texts in rows]


def structure(path: Path) -> tuple[PdfReader, Element | None]:
    """The document's structure tree, or None when the file is not tagged."""
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    if "/StructTreeRoot" not in root:
        return reader, None
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    tree = root["/StructTreeRoot"].get_object()
    top = Element("StructTreeRoot", None, None)
    _kids(tree, top, pages, None, set())
    return reader, top


def _kids(node: DictionaryObject, into: Element, pages, page, seen) -> None:
    kids = node.get("/K")
    if kids is None:
        return
    kids = kids.get_object()
    if not isinstance(kids, ArrayObject):
        kids = [kids]
    for kid in kids:
        if isinstance(kid, IndirectObject):
            if kid.idnum in seen:
                continue
            seen.add(kid.idnum)
        obj = kid.get_object()
        if isinstance(obj, int):
            into.mcids.append((page, int(obj)))
        elif isinstance(obj, DictionaryObject) and obj.get("/Type") == "/MCR":
            into.mcids.append((pages.get(obj["/Pg"].idnum, page), int(obj["/MCID"])))
        elif isinstance(obj, DictionaryObject) and "/S" in obj:
            kid_page = pages.get(obj.raw_get("/Pg").idnum, page) if "/Pg" in obj else page
            alt = obj.get("/Alt")
            element = Element(str(obj["/S"])[1:], str(alt) if alt is not None else None, kid_page)
            into.children.append(element)
            _kids(obj, element, pages, kid_page, seen)


_MARK = re.compile(rb"/(\w+)\s*(<<.*?>>)?\s*B[DM]C|EMC", re.S)
_MCID = re.compile(rb"/MCID\s+(\d+)")


def marked_content(reader: PdfReader, index: int) -> list[tuple[str, int | None, bytes]]:
    """A page's outermost marked-content sequences: (tag, MCID, the operators inside)."""
    data = reader.pages[index].get_contents().get_data()
    found, depth, start, current = [], 0, 0, None
    for match in _MARK.finditer(data):
        if match.group(0) == b"EMC":
            depth -= 1
            if depth == 0 and current:
                found.append((*current, data[start : match.start()]))
            continue
        if depth == 0:
            mcid = _MCID.search(match.group(2) or b"")
            current = (match.group(1).decode(), int(mcid.group(1)) if mcid else None)
            start = match.end()
        depth += 1
    return found
