"""Dates a clause gives: when work is due or when it was done, to the day where the text
says so, relative years (今年/去年/明年) resolved from the document's date, and the damaged
forms mirror pages carry ("2023613日", "20253月25", "20237月").

A date is kept as the text gives it: "2019", "2019-04" or "2019-04-20"; never more precise.
"""

from __future__ import annotations

import re
from datetime import date

_RELATIVE_YEAR = {"今年": 0, "本年": 0, "当年": 0, "年内": 0, "去年": -1, "明年": 1, "次年": 1}
_FULL = re.compile(
    r"(?P<y>20\d\d)(?:年|[-/.])(?P<m>1[0-2]|0?[1-9])(?:月|[-/.])(?:(?P<d>3[01]|[12]\d|0?[1-9])日?)?"
    r"|(?P<y2>20\d\d)(?P<m2>1[0-2]|0?[1-9])月(?:(?P<d2>3[01]|[12]\d|0?[1-9])日?)?"
    r"|(?P<y3>20\d\d)(?P<m3>1[0-2]|0?[1-9])(?P<d3>3[01]|[12]\d|0?[1-9])日"
    r"|(?P<y4>20\d\d)年(?P<half>上半年|下半年|年底|底|内|第[一二三四]季度)?"
)
_RELATIVE = re.compile(
    r"(?P<rel>今年|本年|当年|去年|明年|次年|年内)(?P<rest>底|上半年|下半年|年底|"
    r"(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])日)?(?:底|份|中旬|下旬|上旬)?)?"
)
_ORPHAN_YEAR_END = re.compile(r"(?<![今明去本当])年底前")
_DOCUMENT_DATE = re.compile(
    r"(?P<y>20\d\d|19\d\d)(?:年|[-/.])(?P<m>1[0-2]|0?[1-9])(?:月|[-/.])(?P<d>3[01]|[12]\d|0?[1-9])"
)
_QUARTER_END = {"第一季度": 3, "第二季度": 6, "第三季度": 9, "第四季度": 12}


def dates_in(text: str, document_date: date | None) -> list[tuple[int, str]]:
    """Every date in a clause, with where it starts, as precise as the text gives it."""
    found: list[tuple[int, str]] = []
    for match in _FULL.finditer(text):
        found.append((match.start(), _full(match)))
    if document_date is not None:
        for match in _RELATIVE.finditer(text):
            if any(start <= match.start() < start + 4 for start, _ in found):
                continue
            found.append((match.start(), _relative(match, document_date)))
        for match in _ORPHAN_YEAR_END.finditer(text):
            if not any(start <= match.start() <= start + 8 for start, _ in found):
                found.append((match.start(), f"{document_date.year}-12"))
    return sorted(found)


def first_date(text: str, document_date: date | None) -> str | None:
    found = dates_in(text, document_date)
    return found[0][1] if found else None


def _full(match: re.Match) -> str:
    year = match.group("y") or match.group("y2") or match.group("y3")
    if year:
        month = match.group("m") or match.group("m2") or match.group("m3")
        day = match.group("d") or match.group("d2") or match.group("d3")
        return _iso(int(year), int(month), int(day) if day else None)
    year = match.group("y4")
    half = match.group("half")
    if half == "上半年":
        return f"{year}-06"
    if half in ("下半年", "年底", "底"):
        return f"{year}-12"
    if half in _QUARTER_END:
        return f"{year}-{_QUARTER_END[half]:02d}"
    return year


def _relative(match: re.Match, document_date: date) -> str:
    year = document_date.year + _RELATIVE_YEAR[match.group("rel")]
    rest = match.group("rest") or ""
    if match.group("m"):
        day = match.group("d")
        return _iso(year, int(match.group("m")), int(day) if day else None)
    if rest == "上半年":
        return f"{year}-06"
    if rest in ("底", "年底", "下半年"):
        return f"{year}-12"
    return str(year)


def _iso(year: int, month: int, day: int | None) -> str:
    if day is None:
        return f"{year}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return f"{year}-{month:02d}"


def document_date_in(paragraphs: tuple[str, ...] | list[str]) -> date | None:
    """The date a notice gives itself near its top (发布时间, a dateline), if any."""
    for paragraph in paragraphs[:6]:
        match = _DOCUMENT_DATE.search(paragraph)
        if match:
            try:
                return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            except ValueError:
                continue
    return None
