"""Text cleaning: the one place that normalises glyphs, ligatures, dashes,
quotes, soft hyphens, bullets and icon-font glyphs. Later stages trust it.

Cleaned text marks list items with a leading "• " and pieces of one line that
were far apart on the page (a title and its dates) with " | ".
"""

from __future__ import annotations

import re
import unicodedata

from preploop.report.patterns import is_contact_line

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"})
_DASHES_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    }
)
# Glyphs that open a list item. "-" and "*" only count when a space follows.
_LEAD_BULLETS = "•◦▪‣●○■□►▶➢➤✓✔❖◆◇·∙⁃➔→"
_MID_BULLETS = re.compile(r"\s*[◦▪‣●○■□►▶➢➤❖◆◇∙⁃]\s*")
# Arrows and triangles carry meaning inside a line ("from 40% → 55%", "▲ 12% revenue"):
# they are written one way and kept, while other symbols below are dropped.
_ARROWS = str.maketrans(
    {
        **dict.fromkeys("⇒⇨⟶⟹➔➙➛➜➝➞➟➠➡⮕⭢", "→"),
        **dict.fromkeys("⇐⟵⬅⭠", "←"),
        **dict.fromkeys("▲⬆⭡", "↑"),
        **dict.fromkeys("▼⬇⭣", "↓"),
    }
)
# Icon fonts (private use area), emoji, dingbats, box drawing: junk in text.
_ICONS = re.compile(
    "[\ue000-\uf8ff\U000f0000-\U0010fffd\u2300-\u23ff\u2500-\u27bf"
    "\u2b00-\u2bff\U0001f000-\U0001faff\ufe0e\ufe0f]"
)
_CID = re.compile(r"\(cid:\d+\)")
# Leaders a tab stop draws between two pieces of a line (dots, a rule, middle dots),
# with text on both sides: the pieces are set apart, as by a tab.
_LEADERS = re.compile(r"(?<=\S)\s*(?:\.{4,}|_{4,}|(?:·\s*){4,})\s*(?=\S)")


def clean_line(line: str) -> str:
    """One line, normalized; a list item comes back as "• text"."""
    s = line.replace("\u00ad", "").translate(_LIGATURES)
    s = unicodedata.normalize("NFKC", s).translate(_DASHES_QUOTES)
    s = _LEADERS.sub("\t", s)  # "Senior PM ........ Jan 2022": a tab stop's leader dots
    s = re.sub(r"\s*\t[\s\t]*", "\t", s.strip())
    bullet, s = _strip_lead_bullets(s)
    s = _CID.sub(" ", s).translate(_ARROWS)
    s = _MID_BULLETS.sub(" • ", s)
    s = _ICONS.sub(" ", s)
    s = "".join(ch for ch in s if ch == "\t" or unicodedata.category(ch) not in ("Cc", "Cf"))
    s = s.strip().replace("\t", " | ")
    s = re.sub(r"\|(?:\s*\|)+", "|", s)  # leaders between pieces already set apart: one gap
    s = re.sub(r"\s+", " ", s).strip(" |•")
    if bullet == "icon" and is_contact_line(s):
        bullet = ""  # an envelope or phone icon before contact details, not a list
    return f"• {s}" if bullet and s else s


def _strip_lead_bullets(s: str) -> tuple[str, str]:
    """("glyph" | "icon" | "", rest): icon means only icon-font glyphs were stripped."""
    kind = ""
    while s:
        m = _CID.match(s) or re.match(r"(?:[-*]|\d{1,2}[.)])(?=\s)|o(?=\s+[A-Z])", s)
        if m:
            s, kind = s[m.end() :].lstrip(), "glyph"
        elif 0xE000 <= ord(s[0]) <= 0xF8FF:
            s, kind = s[1:].lstrip(), kind or "icon"
        elif s[0] in _LEAD_BULLETS:
            s, kind = s[1:].lstrip(), "glyph"
        else:
            break
    return kind, s


def clean_text(text: str) -> str:
    """Whole text cleaned line by line; runs of blank lines become one."""
    text = re.sub(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", "\n", text)
    out: list[str] = []
    for line in text.split("\n"):
        cleaned = clean_line(line)
        if cleaned or (out and out[-1]):
            out.append(cleaned)
    return "\n".join(out).strip()


def split_bullet(line: str) -> tuple[bool, str]:
    """(is a list item, text without the bullet) of a line."""
    cleaned = clean_line(line)
    if cleaned.startswith("• "):
        return True, cleaned[2:]
    return False, cleaned


# --- plain text laid out with spaces (resumes: read_text with marks) -----------

# A run of spaces inside a line that sets a piece apart (text aligned with spaces: a
# plain-text export of a PDF, a Word line padded to the right margin).
_GAP = re.compile(r"(?<=\S)[ \u00a0]{3,}(?=\S)")


def gaps_as_tabs(text: str) -> str:
    """ "Northwind Labs      Seattle" -> "Northwind Labs\tSeattle", as a tab stop would be."""
    return _GAP.sub("\t", text)


_LIST_ITEM = re.compile(r"^\s*(?:[-*+•◦▪‣●○■□►▶➢➤✓✔❖◆◇·∙⁃]|\d{1,2}[.)])\s+(?=\S)")


def join_hanging_lines(text: str) -> str:
    """A list item's wrapped lines, indented under its text (Markdown, pdftotext -layout),
    joined back onto it: "  • Negotiated freight contracts worth" over "    £2.1M"."""
    out: list[str] = []
    hang = 0  # where the open list item's text starts; 0 when none is open
    for line in text.splitlines():
        line = line.expandtabs(4) if line.startswith("\t") else line
        indent = len(line) - len(line.lstrip(" "))
        item = _LIST_ITEM.match(line)
        if hang and line.strip() and not item and indent >= hang:
            prev, tail = out[-1].rstrip(), line.strip()
            glue = "" if prev.endswith("-") and prev[-2:-1].isalpha() else " "
            out[-1] = f"{prev}{glue}{tail}"
            continue
        hang = item.end() if item else 0
        out.append(line)
    return "\n".join(out)
