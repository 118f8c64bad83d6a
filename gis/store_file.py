"""What is in a status store's database, judged before anything is written to it, and the
SQLite file beneath a store opened to read without writing (a read-only file or folder too).

A database is a store this EnvMap may open when it holds no tables (a new store), or exactly
the store's tables with the store's columns and a schema version it reads. A store whose
creation an older EnvMap left half-done (its tables but no version and no event) is finished
on open, not refused."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
Schema = Mapping[str, frozenset[str]]  # each table of the store -> its columns


@dataclass(frozen=True)
class Contents:
    """What a database holds, as far as deciding whether it is a store goes."""

    tables: dict[str, frozenset[str]]  # table name -> its column names
    version: str | None = None  # envmap_meta's schema_version, when there is one
    events: int = 0  # rows in status_events
    others: tuple[str, ...] = field(default=())  # views and triggers: never a store's

    def complete(self, schema: Schema) -> bool:
        """The store's tables, their columns and its version row are all there."""
        return dict(self.tables) == dict(schema) and self.version is not None


def problem(contents: Contents, schema: Schema, newest: int) -> str | None:
    """Why these contents are not a store this EnvMap opens; None when they are (or can be
    made one: an empty database, or a creation cut short). A table of the store's name may
    lack columns (an older schema, for a migration to add) but has none the store lacks."""
    if set(contents.tables) - set(schema) or contents.others:
        return "holds other tables; not a status store"
    for name, columns in sorted(contents.tables.items()):
        if not columns <= schema[name]:
            return f"its {name} table has columns a status store has not; not a status store"
    version = contents.version
    if "envmap_meta" not in contents.tables or (version is None and not contents.events):
        return None
    if version is None or not version.isdigit() or int(version) > newest:
        return f"written by a newer EnvMap (schema {version}, this one reads up to {newest})"
    return None


def read_sqlite(db: sqlite3.Connection) -> Contents:
    """The contents of an SQLite database, read with plain SELECTs and PRAGMA table_info."""
    objects = db.execute("SELECT type, name FROM sqlite_master").fetchall()
    tables = {
        name: frozenset(row[1] for row in db.execute(f"PRAGMA table_info({_quoted(name)})"))
        for kind, name in objects
        if kind == "table" and not name.startswith("sqlite_")
    }
    others = tuple(name for kind, name in objects if kind in ("view", "trigger"))
    version = events = None
    if {"key", "value"} <= tables.get("envmap_meta", frozenset()):
        row = db.execute("SELECT value FROM envmap_meta WHERE key='schema_version'").fetchone()
        version = None if row is None else str(row[0])
    if "status_events" in tables:
        events = db.execute("SELECT count(*) FROM status_events").fetchone()[0]
    return Contents(tables, version, events or 0, others)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens `path` to read and never writes it. SQLite needs a `-shm`
    file beside a WAL database to read it; where none can be made (a read-only folder, so
    nobody writes there either) the file is opened as immutable. A file whose writer was
    killed mid-transaction (a hot journal) is first recovered by SQLite itself."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        _probe(uri)
    except sqlite3.OperationalError as exc:
        error = getattr(exc, "sqlite_errorname", "")
        if error == "SQLITE_CANTOPEN":
            return f"{uri}&immutable=1"
        if not error.startswith("SQLITE_READONLY"):
            raise
        recover(path)
        _probe(uri)
    return uri


def recover(path: Path) -> None:
    """Let SQLite roll back the transaction of a writer killed mid-way (a hot journal beside
    the file): it puts back what the file held before; a file that is no database stays."""
    if Path(f"{path}-journal").exists():
        with contextlib.suppress(sqlite3.DatabaseError):
            _probe(path.resolve().as_uri())


def _probe(uri: str) -> None:
    with closing(sqlite3.connect(uri, uri=True)) as db:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
