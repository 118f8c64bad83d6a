"""The rules of tracking, written once: how events are ordered, which event holds for a
measure, when a measure is overdue, when a completion still waits for its close-out, and what
closing out needs."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Protocol

from gis.events import DOCUMENT_AUTHOR, StatusEvent
from gis.model import Status

OVERDUE = "overdue"
NO_UPDATE = "no_update"
COMPLETED_NOT_CLOSED = "completed_not_closed"
FLAG_WORDS = {
    OVERDUE: "逾期 overdue",
    NO_UPDATE: "未见更新 no update",
    COMPLETED_NOT_CLOSED: "已完成未销号 not closed out",
}


# The event columns that order events, most significant first (SQL ORDER BY uses them too).
ORDER_COLUMNS = ("as_of", "sequence", "recorded_at")


class Dated(Protocol):
    """Anything ordered as an event is: a status or location event."""

    @property
    def as_of(self) -> date: ...
    @property
    def sequence(self) -> int: ...
    @property
    def recorded_at(self) -> str: ...


def event_key(item: Dated) -> tuple[date, int, str]:
    """The sort key wherever events are put in order: the day they are true as of, then as
    recorded (ORDER_COLUMNS); the last one holds."""
    return (item.as_of, item.sequence, item.recorded_at)


# A document's 已完成 after a close-out does not undo the acceptance (closed out is
# completed, and more); the close-out holds until someone records something else.
# gis.store_roles writes the same rule in SQL from these three names.
KEPT = Status.CLOSED_OUT
NOT_UNDONE_BY = Status.COMPLETED
NOT_UNDONE_BY_AUTHORS = DOCUMENT_AUTHOR  # a prefix: the catalog's and imported documents


def keeps_close_out(held: Status, later: StatusEvent) -> bool:
    """Whether `later` leaves the close-out `held` as it is: a document's completion."""
    return (
        held is KEPT
        and later.status is NOT_UNDONE_BY
        and later.author.startswith(NOT_UNDONE_BY_AUTHORS)
    )


def holding_event(items: Iterable[StatusEvent]) -> StatusEvent:
    """Of one measure's events (any order, at least one), the one that holds: the last in
    order, unless it would undo a close-out (`keeps_close_out`)."""
    held, *rest = sorted(items, key=event_key)
    for item in rest:
        if not keeps_close_out(held.status, item):
            held = item
    return held


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


def flags(
    status: Status, target_date: str | None, today: date, informed: date | None = None
) -> frozenset[str]:
    """The due date has passed and the work is not done: "overdue" when something recorded
    after the due date (`informed`: the day the latest information is true as of) still says
    so; "no_update" when nothing has been recorded since, so all we know is its silence.
    "completed_not_closed": reported done, not yet accepted and closed out."""
    marks = set()
    due = deadline(target_date)
    if due is not None and due < today and status.rank < Status.COMPLETED.rank:
        marks.add(OVERDUE if informed is not None and informed > due else NO_UPDATE)
    if status is Status.COMPLETED:
        marks.add(COMPLETED_NOT_CLOSED)
    return frozenset(marks)


def flag_words(flag: str, informed: date | None) -> str:
    """A flag as the views show it; "no update" says since when."""
    if flag == NO_UPDATE and informed is not None:
        return f"未见更新（{informed.isoformat()}后无记录） no update since {informed.isoformat()}"
    return FLAG_WORDS[flag]


def attachment_problem(attachment: str) -> str | None:
    """An attachment named as a status is recorded must be there: proof that is not would
    close out a measure on a mistyped path. (Events from other PCs keep their own paths, so
    the store does not ask this of what it receives.)"""
    if attachment.strip() and not Path(attachment).is_file():
        return f"{attachment}: no such file"
    return None


def closing_out_problem(status: str, evidence: str, attachment: str) -> str | None:
    """Closing out (已销号) is an acceptance: it needs its evidence or an attachment."""
    if status == Status.CLOSED_OUT.value and not (evidence.strip() or attachment.strip()):
        return "closing out (已销号) needs acceptance evidence or an attachment"
    return None
