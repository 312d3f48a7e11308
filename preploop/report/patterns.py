"""Patterns shared by cleaning and both parsers: contact details and dates.

One matcher for one idea: the cleaner, the resume parser and the job-description
parser all recognise an email, a phone number or a date range the same way.
"""

from __future__ import annotations

import re

from preploop.report.wordlists import DateWords, settings

# --- contact details -----------------------------------------------------------

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(
    r"(?:https?://|www\.)[^\s|,;()<>]+"
    r"|(?<![\w.@])(?:[\w-]+\.)*(?:linkedin|github|gitlab|twitter|x|medium|behance|dribbble|"
    r"stackoverflow|kaggle|bitbucket)\.com/[^\s|,;()<>]*"
    r"|(?<![\w.@/])[a-z0-9-]+\.(?:dev|io|me|site|page|app|codes)(?:/[^\s|,;()<>]*)?(?![\w.])",
    re.I,
)
PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d[\d\s.-]{6,}\d(?!\w)")
US_STATE = r"(?:[A-Z]{2})"
PLACE = r"[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3}"
LOCATION = re.compile(rf"{PLACE},\s*(?:{US_STATE}|{PLACE})|Remote|Hybrid")


def is_contact_line(text: str) -> bool:
    return bool(EMAIL.search(text) or URL.search(text) or phones(text))


def phones(text: str) -> list[str]:
    found = []
    for m in PHONE.finditer(EMAIL.sub(" ", text)):
        digits = re.sub(r"\D", "", m.group(0))
        if 9 <= len(digits) <= 15 and not DATE_RANGE.fullmatch(m.group(0).strip()):
            found.append(m.group(0).strip())
    return found


# --- dates ---------------------------------------------------------------------

_DATES = settings(DateWords)
_MONTH_WORDS = sorted({w for words in _DATES.months.values() for w in words}, key=len, reverse=True)
MONTH = rf"(?<![\w])(?:{'|'.join(re.escape(w) for w in _MONTH_WORDS)})\.?"
_SEASON = "|".join(re.escape(w) for w in _DATES.seasons)
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
DATE_SRC = (
    rf"(?:(?:{MONTH}|{_SEASON})\s*,?\s*'?{_YEAR}"
    rf"|{_MONTH_NUMBER}\s*/\s*{_YEAR}|{_MONTH_NUMBER}/\d{{2}}(?![\d/])"
    rf"|{_YEAR}[-/.](?:0[1-9]|1[0-2])(?!\d)"
    rf"|{_YEAR})"
)
PRESENT = (
    "(?:" + "|".join(re.escape(w) for w in sorted(_DATES.present, key=len, reverse=True)) + ")"
)
_RANGE_WORDS = "|".join(re.escape(w) for w in _DATES.range_words)
DATE = re.compile(rf"(?<![\w/]){DATE_SRC}(?![\w/])", re.I)
DATE_RANGE = re.compile(
    rf"(?<![\w/])(?P<start>{DATE_SRC})\s*(?:-|{_RANGE_WORDS}|→)\s*"
    rf"(?P<end>{DATE_SRC}|{PRESENT})(?![\w/])",
    re.I,
)
SINCE = re.compile(rf"\bsince\s+(?P<start>{DATE_SRC})(?![\w/])", re.I)
# "(2 yrs 3 mos)" after the dates, as LinkedIn exports write it.
DURATION = re.compile(
    r"\(?\b\d+\+?\s*(?:years?|yrs?)\b(?:,?\s*\d+\s*(?:months?|mos?)\b)?\)?"
    r"|\(?\b\d+\s*(?:months?|mos?)\b\)?",
    re.I,
)
