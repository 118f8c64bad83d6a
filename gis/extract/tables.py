"""Tables that reached us as one cell per line (a web page's table copied as text): a header
row with a site column gives one candidate per row, with that row's district, coordinates
and completion time. Rows are told apart by their running number (序号 or 编号); a cell
copied with its column rule ("原长沙铬盐厂 |") is read without it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gis.boundaries import DISTRICT_NAMES_EN
from gis.extract import dates
from gis.extract.status import Reading, read_status
from gis.extract.vocabulary import ENDINGS
from gis.model import Kind, Status

_CELL_MAX = 24
_LONG_CELL_MAX = 48  # a status cell may run on ("完成整治…；正在推进…，年底前全面完成")
_NUMBER_HEADER = ("序号", "编号")
# a long cell still in the table: a status that goes on after its semicolon
_NOTE_CELL = re.compile(r"[^，,。]*完成[^。]*[；;]")
_NAME_COLUMN = re.compile(
    r"(?:水体|地块|码头|排口|排污口|项目|河湖|湖泊|河流|点位|工程|水源地|场地|企业|站点)?名称$"
)
_NOT_NAME_COLUMN = re.compile(r"起点|终点|村|街道|乡镇|单位|区划|业主|建设单位")
_DISTRICT_COLUMN = re.compile(r"区划|区县|行政区|所在区|辖区|县级")
_DONE_COLUMN = re.compile(r"完成时间|完成情况|进展|状态|整改情况|完成时限|时限|达标期限")
_LON_COLUMN = re.compile(r"经度")
_LAT_COLUMN = re.compile(r"纬度")
_KIND_OF_COLUMN = {"水体": Kind.RIVER_LAKE, "地块": Kind.CONTAMINATED_PARCEL, "码头": Kind.DOCK}
_QUARTER = re.compile(r"(20\d\d)年第([一二三四])季度")


@dataclass(frozen=True)
class Row:
    paragraphs: tuple[int, int]  # first and last paragraph of the row (0-based)
    name: str
    kind: Kind
    district: str | None
    point: tuple[float, float] | None
    status: tuple[Reading, str] | None  # the reading and the cell that says so
    due: str | None
    done: str | None


def rows(paragraphs: tuple[str, ...], document_date: date | None = None) -> dict[int, Row | None]:
    """Each paragraph that belongs to a table: its row, or None for a header cell."""
    out: dict[int, Row | None] = {}
    paragraphs = tuple(_cell(p) for p in paragraphs)
    i = 0
    while i < len(paragraphs):
        if paragraphs[i].strip() not in _NUMBER_HEADER:
            i += 1
            continue
        header_end = i + 1
        while header_end < len(paragraphs) and paragraphs[header_end].strip() != "1":
            header_end += 1
        header = [p.strip() for p in paragraphs[i:header_end]]
        name_col = _column(header, _NAME_COLUMN, _NOT_NAME_COLUMN)
        if header_end >= len(paragraphs) or name_col is None or len(header) < 3:
            i += 1
            continue
        for j in range(i, header_end):
            out[j] = None
        starts = _row_starts(paragraphs, header_end)
        for number, start in enumerate(starts):
            stop = starts[number + 1] if number + 1 < len(starts) else _table_end(paragraphs, start)
            cells = [p.strip() for p in paragraphs[start:stop]]
            row = _row(header, cells, name_col, (start, stop - 1), document_date)
            for j in range(start, stop):
                out[j] = row
        i = stop if starts else header_end
    return {k: v for k, v in out.items()}


def _cell(paragraph: str) -> str:
    """ "地块名称 |": the rule a page drew after each cell is no part of it."""
    return paragraph.rstrip()[:-1] if paragraph.rstrip().endswith("|") else paragraph


def _column(
    header: list[str], wanted: re.Pattern[str], unwanted: re.Pattern[str] | None = None
) -> int | None:
    for j, cell in enumerate(header):
        if wanted.search(cell) and not (unwanted and unwanted.search(cell)):
            return j
    return None


def _row_starts(paragraphs: tuple[str, ...], first: int) -> list[int]:
    starts, expected, j = [first], 2, first + 1
    end = _table_end(paragraphs, first)
    while j < end:
        if (
            paragraphs[j].strip() == str(expected)
            and j + 1 < end
            and not paragraphs[j + 1].strip().isdigit()
        ):
            starts.append(j)
            expected += 1
        j += 1
    return starts


def _table_end(paragraphs: tuple[str, ...], start: int) -> int:
    j = start
    while j < len(paragraphs):
        cell = paragraphs[j].strip()
        if (
            len(cell) > _LONG_CELL_MAX
            or (len(cell) > _CELL_MAX and not _NOTE_CELL.match(cell))
            or "。" in cell
            or cell.startswith("注")
        ):
            break
        j += 1
    return j


def _row(
    header: list[str],
    cells: list[str],
    name_col: int,
    span: tuple[int, int],
    document_date: date | None,
) -> Row | None:
    if len(cells) <= name_col:
        return None
    name = cells[name_col]
    kind = next((k for w, k in _KIND_OF_COLUMN.items() if w in header[name_col]), None)
    kind = kind or next((k for e, k in ENDINGS.items() if name.endswith(e)), Kind.LOCALITY)
    district_col = _column(header, _DISTRICT_COLUMN)
    district = (
        cells[district_col] if district_col is not None and district_col < len(cells) else None
    )
    if district not in DISTRICT_NAMES_EN:
        district = next((c for c in cells if c in DISTRICT_NAMES_EN), None)
    status, due, done = None, None, None
    done_col = _column(header, _DONE_COLUMN)
    if done_col is not None:
        status, due, done = _completion(cells, min(done_col, len(cells) - 1), document_date)
    if due is None and done is None:  # "…；正在推进涉铁部分管道建设，年底前全面完成"
        due = next((d for c in cells if (d := dates.due_date(c, document_date))), None)
    return Row(span, name, kind, district, _point(header, cells), status, due, done)


def _completion(
    cells: list[str], col: int, document_date: date | None
) -> tuple[tuple[Reading, str] | None, str | None, str | None]:
    """A completion-time column (found from its place on; a page that dropped empty cells
    shifts it left): a period ended before the notice's date reads as done, one that holds the
    notice's date as under way, a later one as a due date; the table, not a sentence, says so,
    and the candidate is marked for review."""
    value = next(
        (c for c in cells[max(0, col - 4) :] if _QUARTER.search(c) or dates.first_date(c, None)),
        None,
    )
    if value is None:
        reading = read_status(cells[col])
        return ((reading, cells[col]) if reading else None), None, None
    start: str | None
    when: str | None
    quarter = _QUARTER.search(value)
    if quarter:
        last = "一二三四".index(quarter.group(2)) * 3 + 3
        start, when = f"{quarter.group(1)}-{last - 2:02d}", f"{quarter.group(1)}-{last:02d}"
    else:
        start, when = None, dates.first_date(value, None)
    note = "据表格完成时间 / from the table's completion column"
    if document_date is None or not when:
        return (Reading(Status.PLANNED, slice(0, len(value)), note), value), when, None
    first = start or when  # a quarter's first month; a date is its own start
    today = document_date.isoformat()[: len(when)]
    if when < today:
        return (Reading(Status.COMPLETED, slice(0, len(value)), note), value), None, when
    if first[:7] <= document_date.isoformat()[:7]:
        return (Reading(Status.IN_PROGRESS, slice(0, len(value)), note), value), when, None
    return (Reading(Status.PLANNED, slice(0, len(value)), note), value), when, None


def _point(header: list[str], cells: list[str]) -> tuple[float, float] | None:
    """The row's first longitude/latitude pair that falls in Wuhan (cells shift where a page
    left a cell empty, so the pair is checked, not trusted by position)."""
    for j in range(len(cells) - 1):
        lon, lat = _number(cells[j]), _number(cells[j + 1])
        if lon is not None and lat is not None and 113.6 < lon < 115.1 and 29.9 < lat < 31.4:
            return lon, lat
    return None


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None
