"""Tagged PDF: what WeasyPrint's PDF/UA-1 output leaves to us.

WeasyPrint tags every piece of text, running headers and footers included: their text is
marked content whose structure elements are left out of the tree (PDF 1.7 has no way to
put an artifact in the tree). A screen reader skips them, but the content is then neither
real content nor an artifact, which PDF/UA forbids. `running_artifacts` is a `finisher`
for `write_pdf`: it turns that content into `/Artifact` sequences of type `/Pagination`
and drops it from the parent tree, so the margins are plainly out of the reading order.
It also drops the empty elements that decorative marks leave in the tree (a badge's dot,
a box to tick): what they draw is already an artifact.
"""

from __future__ import annotations

import pydyf

# What `write_pdf` needs for a tagged, accessible file: PDF 1.7, a structure tree,
# the language (`<html lang>`), the title (`<title>`) shown as the window's title.
PDF_OPTIONS: dict[str, object] = {"pdf_variant": "pdf/ua-1"}
_PAGINATION = pydyf.Dictionary({"Type": "/Pagination"})
# Grouping elements that may go when empty; table parts and figures always stay.
_PRUNABLE = {"/Span", "/Div", "/NonStruct"}


def running_artifacts(document, pdf: pydyf.PDF) -> None:
    """Mark content that no structure element of the tree holds as a pagination artifact."""
    root_ref = pdf.catalog.get("StructTreeRoot")
    if root_ref is None:
        return
    root = _object(pdf, root_ref)
    reachable: set[int] = set()
    _reach(pdf, root, reachable)
    _prune(pdf, root)
    nums = _object(pdf, root["ParentTree"])["Nums"]
    for key, value in zip(nums[::2], nums[1::2], strict=True):
        if not isinstance(value, pydyf.Array):  # an annotation's entry, not a page's
            continue
        orphans = {mcid for mcid, ref in enumerate(value) if _number(ref) not in reachable}
        if not orphans:
            continue
        page = _object(pdf, pdf.page_references[key])
        stream = _object(pdf, page["Contents"])
        for mcid in _to_artifacts(stream.stream, orphans):
            value[mcid] = b"null"


def _prune(pdf: pydyf.PDF, element) -> bool:
    """Drop structure elements that hold nothing (the empty spans of decorative marks,
    whose drawing is already an artifact); True when `element` itself is left empty."""
    kids = element.get("K")
    if not isinstance(kids, list):
        return kids is None
    kept = []
    for kid in kids:
        number = _number(kid)
        target = pdf.objects[number] if number is not None else None
        element_kid = isinstance(target, pydyf.Dictionary) and "S" in target
        # Each element is pruned once; an empty one of a prunable kind is dropped.
        if element_kid and _prune(pdf, target) and target.get("S") in _PRUNABLE:
            continue
        kept.append(kid)
    kids[:] = kept
    return not kept


def _to_artifacts(items: list, orphans: set[int]) -> list[int]:
    """Rewrite `/Span <</MCID n>> BDC` into `/Artifact <</Type /Pagination>> BDC`."""
    done = []
    for i, item in enumerate(items):
        if (
            isinstance(item, pydyf.Dictionary)
            and item.get("MCID") in orphans
            and i + 1 < len(items)
            and items[i + 1] == b"BDC"
        ):
            done.append(item["MCID"])
            items[i - 1] = "/Artifact"
            items[i] = _PAGINATION
    return done


def _reach(pdf: pydyf.PDF, element, reachable: set[int]) -> None:
    stack = [element]
    while stack:
        kids = stack.pop().get("K")
        if not isinstance(kids, list):
            kids = [kids] if kids is not None else []
        for kid in kids:
            number = _number(kid)
            if number is None or number in reachable:
                continue
            reachable.add(number)
            target = pdf.objects[number]
            if isinstance(target, pydyf.Dictionary):
                stack.append(target)


def _number(ref) -> int | None:
    """The object number of a reference such as b'12 0 R'; None for anything else."""
    if isinstance(ref, bytes | str):
        parts = ref.split()
        if len(parts) == 3 and parts[2] in (b"R", "R"):
            return int(parts[0])
    return None


def _object(pdf: pydyf.PDF, ref):
    return pdf.objects[_number(ref)]
