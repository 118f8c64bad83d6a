"""Roles on a shared PostgreSQL store, enforced by the server: a district editor writes only
their districts' measures (even by hand through psycopg), events are stamped with the login
and cannot be changed, a reviewer closes out or sends a completion back with its reason."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from sqlalchemy.engine import make_url

from gis.state import state_from_store
from gis.store import RefusedByServer, StatusStore
from gis.store_roles import rejection_note, rejection_reason

INSERT = (
    "INSERT INTO status_events (id, kind, measure_id, site_id, status, as_of, note, evidence, "
    "attachment, author, recorded_at, sequence) VALUES (%s, 'status', %s, %s, %s, "
    "'2020-01-01', '', '', '', %s, 'whenever', 1)"
)


def _psql(url: str) -> psycopg.Connection:
    """A hand-made connection, as psql would be: no EnvMap code in between."""
    return psycopg.connect(
        make_url(url).set(drivername="postgresql").render_as_string(hide_password=False),
        autocommit=True,
    )


def test_a_district_editor_typing_an_insert_for_another_district_is_refused(shared_store):
    wuchang = shared_store.login("district-editor", "武昌区")
    with _psql(wuchang) as db:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            db.execute(INSERT, ("hand-1", "jiangxia-1", "jiangxia", "completed", "x"))
        db.execute(INSERT, ("hand-2", "wuchang-1", "wuchang", "in_progress", "somebody_else"))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # closing out is a review
            db.execute(INSERT, ("hand-3", "wuchang-1", "wuchang", "closed_out", "x"))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no jumping the queue
            db.execute(INSERT.replace("'whenever', 1)", "'whenever', 99)"),
                       ("hand-4", "wuchang-1", "wuchang", "in_progress", "x"))  # fmt: skip
        author, recorded = db.execute(
            "SELECT author, recorded_at FROM status_events WHERE id = 'hand-2'"
        ).fetchone()
        ids = {r[0] for r in db.execute("SELECT id FROM status_events WHERE id LIKE 'hand-%'")}
    assert author == make_url(wuchang).username  # the server's stamp, not the typed name
    assert recorded != "whenever"
    assert ids == {"hand-2"}


def test_an_editor_of_several_districts_writes_in_each(shared_store, catalog):
    url = shared_store.login("district-editor", "武昌区", "江夏区")
    store = StatusStore(url, catalog)
    assert store.identity.role == "district-editor"
    assert set(store.identity.districts) == {"武昌区", "江夏区"}
    store.set_status("wuchang-2", "in_progress", "2020-02-01", "开工")
    store.set_status("jiangxia-2", "in_progress", "2020-02-01", "开工")
    with pytest.raises(RefusedByServer) as refused:
        store._insert_new(  # past the program's own checks: the server alone decides
            [{**_row("hongshan-1", "hongshan"), "id": "past-the-program"}]
        )
    message = str(refused.value)
    assert "服务器拒绝" in message and "The server refused" in message
    assert "psycopg" not in message and "row-level" not in message


def _row(measure: str, site: str) -> dict:
    return {
        "kind": "status",
        "measure_id": measure,
        "site_id": site,
        "status": "completed",
        "as_of": date(2020, 1, 1),
        "note": "",
        "evidence": "",
        "attachment": "",
        "author": "anyone",
        "recorded_at": "2020-01-01T00:00:00+00:00",
        "sequence": 1,
        "lon": None,
        "lat": None,
        "precision_m": None,
    }


def test_events_cannot_be_changed_or_deleted_by_anyone(shared_store):
    editor = shared_store.login("district-editor", "武昌区")
    admin = shared_store.login("admin")
    with _psql(editor) as db:
        db.execute(INSERT, ("keep-1", "wuchang-3", "wuchang", "in_progress", "x"))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute("UPDATE status_events SET note = 'changed' WHERE id = 'keep-1'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute("DELETE FROM status_events WHERE id = 'keep-1'")
    # The administrator has no such privilege; the owner has, and the trigger refuses.
    for url, why in ((admin, "permission denied"), (shared_store.url, "append-only")):
        with _psql(url) as db:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=why):
                db.execute("DELETE FROM status_events WHERE id = 'keep-1'")
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=why):
                db.execute("UPDATE status_events SET note = 'changed' WHERE id = 'keep-1'")
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=why):
                db.execute("TRUNCATE status_events")
    with _psql(shared_store.url) as db:
        assert db.execute("SELECT note FROM status_events WHERE id = 'keep-1'").fetchone() == ("",)


def test_a_reported_completion_waits_for_the_reviewer_who_closes_it_out(shared_store, catalog):
    editor = StatusStore(shared_store.login("district-editor", "武昌区"), catalog)
    reviewer = StatusStore(shared_store.login("reviewer"), catalog)
    done = editor.set_status("wuchang-4", "completed", "2020-03-01", "完工", author="forged")
    assert done.author == editor.identity.login
    seen = state_from_store(reviewer).measures["wuchang-4"]
    assert seen.status == "completed" and "completed_not_closed" in seen.flags
    assert seen.tracked.author == editor.identity.login
    with pytest.raises(RefusedByServer):  # a reviewer does not report progress
        reviewer.set_status("wuchang-4", "planned", "2020-03-02")
    reviewer.set_status("wuchang-4", "closed_out", "2020-03-05", evidence="验收意见 2020-03-04")
    now = state_from_store(editor).measures["wuchang-4"]
    assert now.status == "closed_out" and "completed_not_closed" not in now.flags
    assert now.tracked.author == reviewer.identity.login


def test_a_reviewer_sends_a_completion_back_with_its_reason(shared_store, catalog):
    editor = StatusStore(shared_store.login("district-editor", "武昌区"), catalog)
    reviewer = StatusStore(shared_store.login("reviewer"), catalog)
    with pytest.raises(RefusedByServer):  # nothing to send back: not reported completed
        reviewer.set_status("east-lake-scenic-area-1", "in_progress", "2020-04-01",
                            rejection_note("照片不全"))  # fmt: skip
    editor.set_status("east-lake-scenic-area-1", "completed", "2020-04-01", "完工")
    reviewer.set_status(
        "east-lake-scenic-area-1", "in_progress", "2020-04-02", rejection_note("验收照片不全")
    )
    now = state_from_store(editor).measures["east-lake-scenic-area-1"]
    assert now.status == "in_progress"
    assert rejection_reason(now.tracked.note) == "验收照片不全"
    with pytest.raises(ValueError, match="reason"):
        rejection_note("  ")


def test_a_viewer_reads_and_writes_nothing(shared_store, catalog):
    viewer = StatusStore(shared_store.login("viewer"), catalog)
    assert viewer.identity.role == "viewer"
    before = len(viewer.events())
    assert before >= len(catalog.measures())  # the documents' events, seeded by init
    with pytest.raises(RefusedByServer, match=r"服务器拒绝.*A viewer may look but not record"):
        viewer.set_status("wuchang-1", "in_progress", "2020-01-01")
    assert len(viewer.events()) == before


def test_a_location_correction_only_in_ones_districts(shared_store, catalog):
    editor = StatusStore(shared_store.login("district-editor", "武昌区"), catalog)
    editor.move_site("liangjiu-dock", 114.30, 30.56, 50, "2020-05-01", "现场核实")
    with pytest.raises(RefusedByServer, match="not in your districts"):
        editor.move_site("jiangxia", 114.30, 30.36, 50, "2020-05-01", "现场核实")
    state = state_from_store(editor)
    assert state.corrections["liangjiu-dock"].author == editor.identity.login
    assert "jiangxia" not in state.corrections
