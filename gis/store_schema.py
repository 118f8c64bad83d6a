"""The status store's tables, and how a database is opened under them: SQLite's settings for
a writer, what a database holds (judged before anything is written), and an engine that reads
an SQLite file without writing it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Date,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from gis import store_file, store_read, store_roles
from gis.shared_documents import SHARED_TABLES

if TYPE_CHECKING:
    from sqlalchemy.engine.interfaces import DBAPIConnection
    from sqlalchemy.pool import ConnectionPoolEntry

SCHEMA_VERSION = store_read.SCHEMA_VERSION
# A shared store's tables beyond the events: roles, and the documents its PCs share. They
# are made by `admin init` and shared_documents, not by this schema.
SHARED_STORE_TABLES = store_roles.ROLE_TABLES | SHARED_TABLES
metadata = MetaData()
meta_table = Table("envmap_meta", metadata, Column("key", String(40), primary_key=True),
                   Column("value", String(200), nullable=False))  # fmt: skip
events_table = Table(
    "status_events",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("kind", String(10), nullable=False),  # status | location
    Column("measure_id", String(200), index=True),
    Column("site_id", String(200), index=True),
    Column("status", String(20)),
    Column("as_of", Date, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("evidence", Text, nullable=False, default=""),
    Column("attachment", Text, nullable=False, default=""),
    Column("author", String(100), nullable=False),
    Column("recorded_at", String(40), nullable=False),
    Column("lon", Float),
    Column("lat", Float),
    Column("precision_m", Float),
    Column("sequence", Integer, nullable=False, default=0),
)

SCHEMA = {table.name: frozenset(table.columns.keys()) for table in metadata.sorted_tables}


def sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    dbapi_connection.isolation_level = None  # see sqlite_begin
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")  # another writer waits, never "locked"
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
    cursor.execute("PRAGMA synchronous=FULL")  # an acknowledged write survives a crash
    cursor.close()


def sqlite_begin(db: Connection) -> None:
    """SQLAlchemy's transaction as SQLite's own: Python's sqlite3 would commit each CREATE
    TABLE by itself. Creating takes the write lock first, so that concurrent creators queue."""
    immediate = db.get_execution_options().get("immediate")
    db.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def sqlite_file_problem(path: Path) -> str | None:
    """Why the file is not a status store we can read (None when it is, or is not there
    yet), found without writing anything."""
    store_file.recover(path)  # a creator killed mid-way: its file as it was before
    if not path.exists() or not path.stat().st_size:
        return None
    with path.open("rb") as fh:
        if fh.read(16) != store_file.SQLITE_MAGIC:
            return "not a status store (not an SQLite file)"
    try:
        with closing(sqlite3.connect(store_file.read_only_uri(path), uri=True)) as db:
            contents = store_file.read_sqlite(db)
    except sqlite3.DatabaseError as exc:
        return f"cannot read it as a status store ({exc})"
    return contents_problem(contents)


def contents_problem(contents: store_file.Contents) -> str | None:
    """Why a database holding `contents` is not a store this EnvMap opens, or None."""
    return store_file.problem(contents, SCHEMA, SCHEMA_VERSION)


def contents(db: Connection) -> store_file.Contents:
    """What the database holds (any dialect), read in the caller's transaction."""
    inspector = inspect(db)
    names = set(inspector.get_table_names())
    if db.dialect.name == "postgresql":
        names -= SHARED_STORE_TABLES
    tables = {n: frozenset(c["name"] for c in inspector.get_columns(n)) for n in names}
    version, events = None, 0
    if {"key", "value"} <= tables.get("envmap_meta", frozenset()):
        found = db.execute(
            select(meta_table.c.value).where(meta_table.c.key == "schema_version")
        ).scalar()
        version = None if found is None else str(found)
    if "status_events" in tables:
        events = db.execute(select(func.count()).select_from(events_table)).scalar() or 0
    return store_file.Contents(tables, version, events)


def read_only_engine(path: Path | None) -> Engine:
    """An engine that reads the SQLite file at `path` and cannot write it; for None (no
    store there yet), an empty store in memory."""
    if path is None or not path.exists() or not path.stat().st_size:
        engine = create_engine("sqlite://", poolclass=StaticPool)
        metadata.create_all(engine)
        return engine
    uri = store_file.read_only_uri(path)
    return create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
    )
