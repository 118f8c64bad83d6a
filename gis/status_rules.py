"""The rules of tracking, written once: which event is a measure's latest, when a measure is
overdue, when a completion still waits for its close-out, and what closing out needs."""

from __future__ import annotations

import calendar
from datetime import date

from gis.model import Status

OVERDUE = "overdue"
COMPLETED_NOT_CLOSED = "completed_not_closed"
FLAG_WORDS = {OVERDUE: "逾期 overdue", COMPLETED_NOT_CLOSED: "已完成未销号 not closed out"}


def event_order(as_of: date, sequence: int, recorded_at: str) -> tuple[date, int, str]:
    """Events sort by the day they are true as of, then as recorded: the last one holds."""
    return (as_of, sequence, recorded_at)


def deadline(text: str | None) -> date | None:
    """The last day a due date allows: "2017" → 2017-12-31, "2018-06" → 2018-06-30."""
    if not text:
        return None
    parts = text.split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 12, 31)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            return date(year, month, calendar.monthrange(year, month)[1])
        return date.fromisoformat(text)
    except ValueError:
        return None


def flags(status: Status, target_date: str | None, today: date) -> frozenset[str]:
    """ "overdue": the due date has passed and the work is not done; "completed_not_closed":
    reported done, not yet accepted and closed out."""
    marks = set()
    due = deadline(target_date)
    if due is not None and due < today and status.rank < Status.COMPLETED.rank:
        marks.add(OVERDUE)
    if status is Status.COMPLETED:
        marks.add(COMPLETED_NOT_CLOSED)
    return frozenset(marks)


def closing_out_problem(status: str, evidence: str, attachment: str) -> str | None:
    """Closing out (已销号) is an acceptance: it needs its evidence or an attachment."""
    if status == Status.CLOSED_OUT.value and not (evidence.strip() or attachment.strip()):
        return "closing out (已销号) needs acceptance evidence or an attachment"
    return None
