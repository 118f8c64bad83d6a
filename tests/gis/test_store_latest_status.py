"""The server's idea of a measure's current status (envmap_latest_status, which decides
whether a reviewer may send a completion back) agrees with gis.state's on the same events:
a document's 已完成 after a close-out does not undo the close-out."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from sqlalchemy.engine import make_url

from gis.events import DOCUMENT_AUTHOR
from gis.state import state_from_store
from gis.store import RefusedByServer, StatusStore
from gis.store_roles import rejection_note

PERSON, DOCUMENT = "clerk", DOCUMENT_AUTHOR + ":2022-notice"
# Each history on a measure of its own, after the documents' own events; one a month.
HISTORIES = {
    "closed out, then a document says completed": [
        ("closed_out", PERSON), ("completed", DOCUMENT)],
    "closed out, then two documents say completed": [
        ("closed_out", PERSON), ("completed", DOCUMENT), ("completed", DOCUMENT)],
    "closed out, then a person says completed": [
        ("closed_out", PERSON), ("completed", PERSON)],
    "closed out, a document's completed, then in progress": [
        ("closed_out", PERSON), ("completed", DOCUMENT), ("in_progress", PERSON)],
    "closed out, then a document says in progress": [
        ("closed_out", PERSON), ("in_progress", DOCUMENT)],
    "closed out, in progress, then a document says completed": [
        ("closed_out", PERSON), ("in_progress", PERSON), ("completed", DOCUMENT)],
    "in progress, then a document says completed": [
        ("in_progress", PERSON), ("completed", DOCUMENT)],
    "a document's completed, then closed out": [
        ("completed", DOCUMENT), ("closed_out", PERSON)],
    "a document closes out, then another says completed": [
        ("closed_out", DOCUMENT), ("completed", DOCUMENT)],
}  # fmt: skip


def _psql(url: str) -> psycopg.Connection:
    return psycopg.connect(
        make_url(url).set(drivername="postgresql").render_as_string(hide_password=False),
        autocommit=True,
    )


@pytest.fixture(scope="module")
def histories(shared_store, catalog) -> dict[str, str]:
    """The histories written into the shared store by its owner (as an administrator's
    import would); the measure each went to."""
    measures = {name: m for name, m in zip(HISTORIES, catalog.measures(), strict=False)}
    with _psql(shared_store.url) as db:
        for name, events in HISTORIES.items():
            measure = measures[name]
            for month, (status, author) in enumerate(events, start=1):
                db.execute(
                    "INSERT INTO status_events (id, kind, measure_id, site_id, status, as_of,"
                    " note, evidence, attachment, author, recorded_at, sequence) VALUES"
                    " (%s, 'status', %s, %s, %s, %s, '', 'acceptance report', '', %s, %s, 1)",
                    (str(uuid.uuid4()), measure.id, measure.site_id, status,
                     f"2022-{month:02d}-01", author, f"2022-{month:02d}-01T00:00:00+00:00"),
                )  # fmt: skip
    return {name: m.id for name, m in measures.items()}


def test_the_server_and_the_program_agree_on_the_status_that_holds(
    shared_store, catalog, histories
):
    program = state_from_store(StatusStore(shared_store.url, catalog)).measures
    with _psql(shared_store.url) as db:
        server = {
            name: db.execute("SELECT envmap_latest_status(%s)", (measure,)).fetchone()[0]
            for name, measure in histories.items()
        }
    assert server == {name: program[m].status.value for name, m in histories.items()}
    assert server["closed out, then two documents say completed"] == "closed_out"


def test_a_close_out_a_document_calls_completed_cannot_be_sent_back(
    shared_store, catalog, histories
):
    reviewer = StatusStore(shared_store.login("reviewer"), catalog)
    with pytest.raises(RefusedByServer):  # closed out: there is no completion to send back
        reviewer.set_status(histories["closed out, then a document says completed"],
                            "in_progress", "2022-06-01", rejection_note("照片不全"))  # fmt: skip
    reviewer.set_status(histories["in progress, then a document says completed"],
                        "in_progress", "2022-06-01", rejection_note("照片不全"))  # fmt: skip
