"""A command reads an SQLite status store without SQLAlchemy (gis/store_read.py): it sees the
same events as the store opened to read, and leaves every other file to gis.store, whose
messages the user gets as before."""

from __future__ import annotations

import sqlite3

from gis import store_schema
from gis.store import StatusStore
from gis.store_read import SCHEMA, SCHEMA_VERSION, sqlite_events


def test_the_plain_schema_is_the_one_the_store_creates():
    assert SCHEMA == store_schema.SCHEMA
    assert SCHEMA_VERSION == store_schema.SCHEMA_VERSION


def test_the_same_events_as_the_store_opened_to_read(catalog, tmp_path):
    path = tmp_path / "status.sqlite"
    writer = StatusStore(path, catalog)
    writer.set_status("jiangxia-7", "in_progress", "2018-01-10", "开工", "甲")
    writer.set_status("jiangxia-7", "completed", "2019-03-01", "完工", "乙")
    writer.move_site("liangjiu-dock", 114.2801, 30.5449, 30.0, "2024-05-01", "现场核实", "张工")
    writer.engine.dispose()
    with sqlite3.connect(path) as db:  # a store written before the documents were all there
        db.execute("DELETE FROM status_events WHERE id = 'document:jiangxia-1'")
    read = sqlite_events(path, catalog)
    assert read is not None
    assert sorted(read, key=repr) == sorted(StatusStore(path, catalog, True).events(), key=repr)
    assert any(e.id == "document:jiangxia-1" for e in read)  # the document's, unseeded


def test_other_files_are_left_to_the_store(catalog, tmp_path):
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database", encoding="utf-8")
    damaged = tmp_path / "damaged.sqlite"
    StatusStore(damaged, catalog).engine.dispose()
    with sqlite3.connect(damaged) as db:
        db.execute("UPDATE status_events SET status = 'finished' WHERE id = 'document:jiangxia-7'")
    for path in (foreign, text, damaged, tmp_path / "absent.sqlite"):
        assert sqlite_events(path, catalog) is None, path


def test_a_command_names_a_damaged_event_as_before(catalog, tmp_path, user_folder, envmap_cli):
    damaged = tmp_path / "damaged.sqlite"
    StatusStore(damaged, catalog).engine.dispose()
    with sqlite3.connect(damaged) as db:
        db.execute("UPDATE status_events SET status = 'finished' WHERE id = 'document:jiangxia-7'")
    said = envmap_cli("--store", str(damaged), "export", "csv", str(tmp_path / "out.csv"))
    assert said.returncode == 1
    assert "document:jiangxia-7" in said.stderr and "damaged" in said.stderr
    assert not (tmp_path / "out.csv").exists()
