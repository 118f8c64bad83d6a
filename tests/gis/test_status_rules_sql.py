"""The close-out rule and the event order are written once, in gis.status_rules; the shared
store's server runs them as SQL generated from it (gis.store_roles.latest_status_query). The
two must pick the same status for every history of two or three events, on SQLite and, when
a server is given, PostgreSQL; and the store lists events in the rules' order."""

from __future__ import annotations

import itertools
import os
from datetime import date

import pytest
from sqlalchemy import insert, text

from gis import status_rules as rules
from gis.events import DOCUMENT_AUTHOR, StatusEvent, event_to_row
from gis.model import Status
from gis.store import StatusStore, events_table
from gis.store_roles import latest_status_query

AUTHORS = ("clerk", DOCUMENT_AUTHOR, DOCUMENT_AUTHOR + ":2022-notice")
STEPS = list(itertools.product(Status, AUTHORS))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, catalog, tmp_path):
    if request.param == "sqlite":
        yield StatusStore(tmp_path / "status.sqlite", catalog)
        return
    url = os.environ.get("ENVMAP_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("no PostgreSQL server for this run: set ENVMAP_TEST_POSTGRES_URL")
    opened = StatusStore(url, catalog)
    # Only the documents' own events stay (this file's histories include "document" authors).
    keep_seeded = text("DELETE FROM status_events WHERE id NOT LIKE 'document:%'")
    with opened.engine.begin() as db:
        db.execute(keep_seeded)
    yield opened
    with opened.engine.begin() as db:
        db.execute(keep_seeded)
    opened.engine.dispose()


def _event(measure: str, number: int, step: tuple[Status, str], same_day: bool) -> StatusEvent:
    """The `number`th event of a history: a month apart, or all on one day and one recorded
    time, so that only the sequence orders them."""
    status, author = step
    month = 1 if same_day else number
    return StatusEvent(
        id=f"{measure}-{number}",
        measure_id=measure,
        site_id="nowhere",
        status=status,
        as_of=date(2022, month, 1),
        note="",
        evidence="acceptance report",
        attachment="",
        author=author,
        recorded_at=f"2022-{month:02d}-01T00:00:00+00:00",
        sequence=number,
    )


def test_the_server_s_sql_and_the_rule_agree_on_every_history(store):
    # Each history a month apart, and on one day (the sequence decides) written both oldest
    # and newest first: a tie broken by the order of insertion would disagree in one of them.
    variants = {"apart": (False, -1), "same-day-old-first": (True, 1), "same-day": (True, -1)}
    histories, rows = {}, []
    every = [*itertools.product(STEPS, repeat=2), *itertools.product(STEPS, repeat=3)]
    for variant, (same_day, written) in variants.items():
        for n, steps in enumerate(every):
            measure = f"{variant}-{n}"
            events = [_event(measure, i, step, same_day) for i, step in enumerate(steps, start=1)]
            histories[measure] = events
            rows += [event_to_row(e) for e in events[::written]]
    with store.engine.begin() as db:
        db.execute(insert(events_table), rows)
    query = text(latest_status_query(":measure"))
    with store.engine.connect() as db:
        sql = {m: db.execute(query, {"measure": m}).scalar() for m in histories}
    stored: dict[str, list[StatusEvent]] = {}
    for item in store.events():
        if isinstance(item, StatusEvent) and item.measure_id in histories:
            stored.setdefault(item.measure_id, []).append(item)
    assert stored.keys() == histories.keys()
    rule = {m: rules.holding_event(events).status.value for m, events in stored.items()}
    assert sql == rule
    closed_then_documents = [
        m
        for m, events in histories.items()
        if [(e.status, e.author) for e in events]
        == [(Status.CLOSED_OUT, "clerk"), *[(Status.COMPLETED, DOCUMENT_AUTHOR)] * 2]
    ]
    assert [rule[m] for m in closed_then_documents] == ["closed_out"] * 3


@pytest.mark.parametrize("read_only", [False, True])
def test_events_on_one_day_recorded_at_once_are_listed_in_sequence(store, catalog, read_only):
    """Two events of one measure true as of the same day with the same recorded time (two
    statuses of one import line): the store lists them in sequence, as its history and the
    state order them."""
    measure = catalog.measures()[0]
    first, second = (
        _event(measure.id, number, (status, "clerk"), same_day=True)
        for number, status in ((1, Status.COMPLETED), (2, Status.IN_PROGRESS))
    )
    with store.engine.begin() as db:
        db.execute(insert(events_table), [event_to_row(second), event_to_row(first)])
    if read_only and store.engine.dialect.name == "sqlite":
        store = StatusStore(store.url.removeprefix("sqlite:///"), catalog, read_only=True)
    listed = [e.id for e in store.events() if getattr(e, "measure_id", None) == measure.id]
    assert listed[-2:] == [first.id, second.id]
    assert [e.id for e in store.history(measure.id)][-2:] == [first.id, second.id]
