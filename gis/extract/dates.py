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
    r"(?P<rel>今年|本年|当年|去年|明年|次年|(?<![\d一二三四五六七八九十两几多半])年内)(?P<rest>底|上半年|下半年|年底|"
    r"(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])日)?(?:底|份|中旬|下旬|上旬)?)?"
)
_ORPHAN_YEAR_END = re.compile(r"(?<![今明去本当\d一二三四五六七八九十两几多半])年(?:底前|内)")
_THIS_MONTH = re.compile(r"(?P<which>本|下|当)月(?:底|中旬|下旬|内)?(?!以来|份以来)")
_MONTH_DAY = re.compile(
    r"(?<![\d年])(?P<m>1[0-2]|[1-9])月(?:(?P<d>3[01]|[12]\d|[1-9])日)?(?:底|份|中旬|下旬)?"
    r"(?=前|底|内|完成|完工|建成|竣工|投运|通水|投入|开工|启动|[，。；]|$"
    r"|[^，。；\d]{1,8}?(?:完成|完工|建成|竣工|实现))"
)
_DEADLINE_AFTER = re.compile(
    r"(?:底|份|中旬|下旬|上旬)?(?:之?前|即[^，。；\d]{1,6}?前|内|以前|全面|全部|基本|彻底|要|将|可|完成|完工|建成|竣工|投运|"
    r"通水|投入|实现|达到|到位|消除|整治|关闭|搬迁|拆除|清零)"
)
_DEADLINE_BEFORE = re.compile(r"(?:到|至|于|在|力争|确保|计划|预计|将于|争取|截至|前)$")
_STARTS = re.compile(r"(?:底|份|中旬|下旬|上旬)?(?:正式|全面)?(?:开工|动工|开建|启动|进场)")
_SELF_DEADLINE = re.compile(r"(?:年|月)(?:底前?|内)$")  # "2013年内，对…": the date is the deadline
_PLANNED = re.compile(r"按计划|计划|预计|将|拟")
_WORK_THEN_DONE = re.compile(r"[^，。；！？]{1,8}?(?:完成|完工|建成|竣工)")
_DOCUMENT_DATE = re.compile(
    r"(?P<y>20\d\d|19\d\d)(?:年|[-/.])(?P<m>1[0-2]|0?[1-9])(?:月|[-/.])(?P<d>3[01]|[12]\d|0?[1-9])"
)
_QUARTER_END = {"第一季度": 3, "第二季度": 6, "第三季度": 9, "第四季度": 12}


def dates_in(text: str, document_date: date | None) -> list[tuple[int, int, str]]:
    """Every date in a clause with where it starts and ends, as precise as the text gives it."""
    found: list[tuple[int, int, str]] = []
    for match in _FULL.finditer(text):
        found.append((match.start(), match.end(), _full(match)))
    if document_date is not None:
        taken = [(start, end) for start, end, _ in found]
        for pattern, reader in ((_RELATIVE, _relative), (_THIS_MONTH, _this_month)):
            for match in pattern.finditer(text):
                if not any(s <= match.start() < e for s, e in taken):
                    found.append((match.start(), match.end(), reader(match, document_date)))
                    taken.append(match.span())
        for match in _MONTH_DAY.finditer(text):  # "11月20日完成": the notice's own year
            if not any(s <= match.start() < e for s, e in taken):
                found.append((match.start(), match.end(), _month_day(match, document_date)))
                taken.append(match.span())
        for match in _ORPHAN_YEAR_END.finditer(text):
            if not any(s <= match.start() < e + 2 for s, e in taken):
                found.append((match.start(), match.end(), f"{document_date.year}-12"))
    return sorted(found)


def first_date(text: str, document_date: date | None) -> str | None:
    found = dates_in(text, document_date)
    return found[0][2] if found else None


def due_date(text: str, document_date: date | None) -> str | None:
    """The date a clause sets as a deadline: one a completion or deadline word follows, that
    到/力争/计划/预计/将于 leads to, or that is itself one (年内, 年底前); a planned start
    ("计划9月22日开工，11月20日完成") only when the clause gives no end. A year opening a
    clause of plans ("2018年，…将…") is their deadline only when the clause states none of its
    own ("…，计划于10月底前完成": October is). A past fact is none."""
    start_date = opening_year = None
    for start, end, when in dates_in(text, document_date):
        after, before = text[end : end + 8], text[max(0, start - 4) : start]
        if _STARTS.match(after):
            # "2010年开工" in a 2017 notice is history; a start still to come may stand in
            past = document_date is not None and when < document_date.isoformat()[: len(when)]
            start_date = start_date or (None if past else when)
        elif (
            _DEADLINE_AFTER.match(after)
            or _DEADLINE_BEFORE.search(before)
            or _SELF_DEADLINE.search(text[start:end])
            or (_WORK_THEN_DONE.match(after) and _PLANNED.search(text))
        ):
            if opening_year and len(opening_year) == 4 and "年" not in text[start:end]:
                return opening_year + when[4:]  # "2026年，…6月底前": June of that year
            return when
        elif opening_year is None and _opens_plans(text, start, end, when, document_date):
            opening_year = when
    return opening_year or start_date


# "今年，武汉市将对该段…重建", "今年，率先…实现截污": a date that opens a sentence of plans or
# targets is when they are due
_PLANS_AFTER = re.compile(
    r"[，,][^。；！？]{0,60}?(?:将|计划|预计|拟|力争|确保|争取|(?<![已均])实现)"
)


def _opens_plans(text: str, start: int, end: int, when: str, document_date: date | None) -> bool:
    """A year or month (a day opening a sentence is its dateline) that opens a clause."""
    opens = len(when) <= 7 and (not text[:start].strip() or text[start - 1] in "，。；：,")
    past = document_date is not None and when < document_date.isoformat()[: len(when)]
    return opens and not past and _PLANS_AFTER.match(text, end) is not None


def plan_opening(text: str, document_date: date | None) -> str | None:
    """The date opening a sentence of plans ("今年，武汉预计新开工…"), not past: the due date of
    what the sentence and one continuing it ("其中，…") plan."""
    for start, end, when in dates_in(text, document_date):
        if _opens_plans(text, start, end, when, document_date):
            return when
    return None


def _this_month(match: re.Match[str], document_date: date) -> str:
    month = document_date.month + (1 if match.group("which") == "下" else 0)
    year = document_date.year + (month - 1) // 12
    return f"{year}-{(month - 1) % 12 + 1:02d}"


def _month_day(match: re.Match[str], document_date: date) -> str:
    day = match.group("d")
    return _iso(document_date.year, int(match.group("m")), int(day) if day else None)


def _full(match: re.Match[str]) -> str:
    year = match.group("y") or match.group("y2") or match.group("y3")
    if year:
        month = match.group("m") or match.group("m2") or match.group("m3")
        day = match.group("d") or match.group("d2") or match.group("d3")
        return _iso(int(year), int(month), int(day) if day else None)
    whole_year: str = match.group("y4")  # the only alternative left
    half = match.group("half")
    if half == "上半年":
        return f"{whole_year}-06"
    if half in ("下半年", "年底", "底", "内"):
        return f"{whole_year}-12"
    if half in _QUARTER_END:
        return f"{whole_year}-{_QUARTER_END[half]:02d}"
    return whole_year


def _relative(match: re.Match[str], document_date: date) -> str:
    year = document_date.year + _RELATIVE_YEAR[match.group("rel")]
    rest = match.group("rest") or ""
    if match.group("m"):
        day = match.group("d")
        return _iso(year, int(match.group("m")), int(day) if day else None)
    if rest == "上半年":
        return f"{year}-06"
    if rest in ("底", "年底", "下半年") or match.group("rel") == "年内":
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
