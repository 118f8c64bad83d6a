"""Status tracking: an append-only log of dated events per measure (and location corrections
per site), in SQLite by default or PostgreSQL for a shared office, through SQLAlchemy Core.

The documents' statuses are the first events. The current status of a measure is its latest
event by the date it is true as of (then by when it was recorded). Events are never changed
or deleted; importing the same events twice changes nothing (idempotent by event id).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import uuid
from collections.abc import Mapping
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    event,
    func,
    insert,
    inspect,
    select,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DatabaseError, OperationalError, ProgrammingError

from gis import status_rules as rules
from gis import store_roles
from gis.errors import EnvMapError
from gis.events import (
    DOCUMENT_AUTHOR,
    Event,
    LocationEvent,
    StatusEvent,
    event_from_row,
    event_to_row,
)
from gis.model import Catalog, Status
from gis.shared_documents import SHARED_TABLES

if TYPE_CHECKING:
    from sqlalchemy.engine.interfaces import DBAPIConnection
    from sqlalchemy.pool import ConnectionPoolEntry
    from sqlalchemy.sql.dml import Insert

SCHEMA_VERSION = 1
# A shared store's tables beyond the events: roles, and the documents its PCs share.
_STORE_TABLES = {"envmap_meta", "status_events", *store_roles.ROLE_TABLES, *SHARED_TABLES}
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


class StoreError(EnvMapError):
    """The status store cannot do what was asked; the message says why and where."""


class RefusedByServer(StoreError):
    """A shared store's server refused a write this login's role may not make."""


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # an acknowledged write survives a crash
    cursor.execute("PRAGMA busy_timeout=10000")  # another writer waits, never "locked"
    cursor.close()


class StatusStore:
    """Open (and create or migrate) the store at a SQLAlchemy URL or an SQLite file path."""

    def __init__(self, where: str | Path, catalog: Catalog) -> None:
        self.catalog = catalog
        self.url = where if isinstance(where, str) and "://" in where else f"sqlite:///{where}"
        self.label = str(where)
        self.identity: store_roles.Identity | None = None  # who is connected, with roles
        if self.url.startswith("sqlite:///"):
            path = Path(self.url.removeprefix("sqlite:///"))
            _check_sqlite_file(path)  # read-only, before WAL mode would touch the file
            path.parent.mkdir(parents=True, exist_ok=True)
        connect_args = {"connect_timeout": 5} if self.url.startswith("postgresql") else {}
        if self.url.startswith("postgresql"):  # never a password in a message
            self.label = make_url(self.url).render_as_string(hide_password=True)
        try:
            self.engine: Engine = create_engine(self.url, future=True, connect_args=connect_args)
        except Exception as exc:  # a bad URL or a missing driver
            raise StoreError(f"{self.label}: cannot open the status store: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._open()

    def _open(self, retried: bool = False) -> None:
        try:
            tables = set(inspect(self.engine).get_table_names())
            if "envmap_meta" in tables:
                with self.engine.connect() as db:
                    found = db.execute(
                        select(meta_table.c.value).where(meta_table.c.key == "schema_version")
                    ).scalar()
                if found is None or not str(found).isdigit() or int(found) > SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.label}: written by a newer EnvMap (schema {found}, this one "
                        f"reads up to {SCHEMA_VERSION}); left as it is"
                    )
            elif tables - _STORE_TABLES:
                raise StoreError(f"{self.label}: holds other tables; not a status store")
            with self.engine.begin() as db:
                metadata.create_all(db)
                if "envmap_meta" not in tables:
                    db.execute(
                        insert(meta_table).values(key="schema_version", value=str(SCHEMA_VERSION))
                    )
                if self.engine.dialect.name == "postgresql":
                    self.identity = store_roles.identity(db)
            if self.identity is None or self.identity.may_write_anything:
                self._seed()  # the others cannot: the administrator's `admin init` did
        except StoreError:
            raise
        except (OperationalError, DatabaseError) as exc:
            if "already exists" in str(exc) and not retried:  # another PC created it just now
                self._open(retried=True)
                return
            raise StoreError(f"{self.label}: cannot open the status store: {exc.orig}") from exc

    def _seed(self) -> None:
        """The documents' statuses as the first events, once."""
        rows = []
        for measure in self.catalog.measures():
            document = self.catalog.documents[measure.evidence[0].document]
            piece = measure.evidence[0]
            rows.append(
                {
                    "id": f"document:{measure.id}",
                    "kind": "status",
                    "measure_id": measure.id,
                    "site_id": measure.site_id,
                    "status": measure.status.value,
                    "as_of": document.date_to,
                    "note": f"as the document states: “{measure.status_words}”",
                    "evidence": f"{piece.document} ¶{piece.paragraph}: {piece.quote}",
                    "attachment": "",
                    "author": "document",
                    "recorded_at": "1970-01-01T00:00:00+00:00",
                    "sequence": 0,
                }
            )
        self._insert_new(rows)

    def _insert_new(self, rows: list[dict[str, Any]]) -> int:
        """Insert the rows whose id is not there yet, in one transaction; returns how many.
        A repeated id (an event imported twice, or two writers racing) is skipped, never an
        error that would lose the rest."""
        unique = list({r["id"]: r for r in rows}.values())
        if not unique:
            return 0
        dialect = self.engine.dialect.name
        statement: Insert
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as postgresql_insert

            statement = postgresql_insert(events_table).on_conflict_do_nothing(
                index_elements=["id"]
            )
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            statement = sqlite_insert(events_table).on_conflict_do_nothing(index_elements=["id"])
        added = 0
        try:
            with self.engine.begin() as db:
                for row in unique:  # one statement per row: rowcount says whether it was new
                    added += db.execute(statement, row).rowcount
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
                raise
            with self.engine.connect() as db:
                one = len(unique) == 1
                reason = store_roles.explain(db, self.identity, unique[0]) if one else None
            sentence = store_roles.refusal_sentence(str(exc.orig), self.identity, reason)
            raise RefusedByServer(sentence) from exc
        return added

    # -- writing ---------------------------------------------------------------------------

    def set_status(
        self,
        measure_id: str,
        status: str,
        as_of: str | date,
        note: str = "",
        author: str = "",
        evidence: str = "",
        attachment: str = "",
        event_id: str | None = None,
    ) -> StatusEvent:
        """Record a status; with `event_id` (an edit kept while offline) it is recorded once."""
        known = {m.id: m for m in self.catalog.measures()}
        if measure_id not in known:
            raise StoreError(f"unknown measure id {measure_id!r}")
        if status not in {s.value for s in Status}:
            scale = ", ".join(s.value for s in Status)
            raise StoreError(f"status {status!r} is not on the scale ({scale})")
        problem = rules.closing_out_problem(status, evidence, attachment)
        if problem:
            raise StoreError(problem)
        recorded = StatusEvent(
            id=event_id or str(uuid.uuid4()),
            measure_id=measure_id,
            site_id=known[measure_id].site_id,
            status=Status(status),
            as_of=_as_date(as_of),
            note=note,
            evidence=evidence,
            attachment=attachment,
            author=self._author(author),
            recorded_at=_now(),
            sequence=1,
        )
        self._insert_new([event_to_row(recorded)])
        return recorded

    def _author(self, given: str) -> str:
        """The author an event is recorded under: with roles, the server's login (the server
        stamps it anyway); otherwise as given."""
        return self.identity.login if self.identity else given or "unknown"

    def move_site(
        self,
        site_id: str,
        lon: float,
        lat: float,
        precision_m: float,
        as_of: str | date,
        note: str,
        author: str = "",
    ) -> LocationEvent:
        """A location correction by someone who knows the site better; data/ stays as it is."""
        try:
            self.catalog.site(site_id)
        except KeyError:
            raise StoreError(f"unknown site id {site_id!r}") from None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90) or precision_m <= 0:
            raise StoreError(f"{lon}, {lat} ±{precision_m} m is not a location")
        moved = LocationEvent(
            id=str(uuid.uuid4()),
            site_id=site_id,
            lon=lon,
            lat=lat,
            precision_m=precision_m,
            as_of=_as_date(as_of),
            note=note,
            author=self._author(author),
            recorded_at=_now(),
            sequence=1,
        )
        self._insert_new([event_to_row(moved)])
        return moved

    # -- reading ---------------------------------------------------------------------------

    def history(self, measure_id: str) -> list[StatusEvent]:
        with self.engine.connect() as db:
            rows = db.execute(
                select(events_table)
                .where(events_table.c.measure_id == measure_id)
                .order_by(events_table.c.as_of, events_table.c.sequence, events_table.c.recorded_at)
            ).mappings()
            found = [_event(dict(row)) for row in rows]
        return [e for e in found if isinstance(e, StatusEvent)]

    def events(self) -> list[Event]:
        """Every event, oldest first; the state (gis.state) decides what holds."""
        with self.engine.connect() as db:
            result = db.execute(
                select(events_table).order_by(events_table.c.as_of, events_table.c.recorded_at)
            )
            keys = tuple(result.keys())
            # Plain dicts from plain tuples: a window refresh reads every event, 10,000 or more.
            return [_event(dict(zip(keys, row, strict=True))) for row in result]

    def last_change(self) -> str:
        """A mark that changes whenever an event is added, here or on another PC."""
        with self.engine.connect() as db:
            count, newest = db.execute(
                select(func.count(), func.max(events_table.c.recorded_at)).select_from(events_table)
            ).one()
        return f"{count}:{newest or ''}"  # imported events keep their times: count them too

    # -- hand-over between PCs ---------------------------------------------------------------

    def export_events(self, path: Path) -> int:
        items = [e for e in self.events() if e.author != DOCUMENT_AUTHOR]
        lines = [
            json.dumps({**event_to_row(e), "as_of": e.as_of.isoformat()}, ensure_ascii=False)
            for e in items
        ]
        path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
        return len(items)

    def _check_imported(self, item: Event) -> None:
        if isinstance(item, StatusEvent):
            if item.measure_id not in _known_measures(self.catalog):
                raise StoreError(f"unknown measure id {item.measure_id!r}")
        elif item.site_id not in {s.id for s in self.catalog.sites}:
            raise StoreError(f"unknown site id {item.site_id!r}")

    def import_events(self, path: Path) -> int:
        """Add the events in `path` that are not here yet; returns how many were new."""
        rows = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError("not a JSON object")
                row["as_of"] = _as_date(row.get("as_of"))
                item = event_from_row(row)
                self._check_imported(item)
            except (ValueError, TypeError, StoreError) as exc:
                raise StoreError(f"{path}:{number}: not a status event ({exc})") from exc
            rows.append(event_to_row(item))
        return self._insert_new(rows)


def _known_measures(catalog: Catalog) -> set[str]:
    return {m.id for m in catalog.measures()}


def _event(row: Mapping[str, Any]) -> Event:
    """A stored row as its event; a row no event can be is the store's fault, said so."""
    try:
        return event_from_row(row)  # read as it is: a window refresh reads every event
    except ValueError as exc:
        raise StoreError(f"event {row.get('id')!r} in the store is damaged: {exc}") from exc


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _as_date(value: object) -> date:
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            raise StoreError(f"date {value!r} is not YYYY-MM-DD") from None
    if day > date.today():
        raise StoreError(f"date {day} is in the future: a status is recorded as of a day passed")
    return day


def _check_sqlite_file(path: Path) -> None:
    """Refuse, without writing anything, a file that is not a status store we can read."""
    if not path.exists() or not path.stat().st_size:
        return
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise StoreError(f"{path}: not a status store (not an SQLite file); left as it is")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            version = None
            if "envmap_meta" in tables:
                row = db.execute(
                    "SELECT value FROM envmap_meta WHERE key='schema_version'"
                ).fetchone()
                version = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path}: cannot read it as a status store ({exc}); left as it is"
        ) from exc
    if tables - {"envmap_meta", "status_events"}:
        raise StoreError(f"{path}: holds other tables; not a status store; left as it is")
    if "envmap_meta" in tables and (
        version is None or not str(version).isdigit() or int(version) > SCHEMA_VERSION
    ):
        raise StoreError(
            f"{path}: written by a newer EnvMap (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); left as it is"
        )


class Outbox:
    """Edits made while the shared store was unreachable, kept in a local file until sent.

    Each edit carries the event id it will be recorded under, so sending it twice (a crash
    between sending and forgetting it) records it once. The file is rewritten whole or not
    at all; an edit the store refuses is set aside in a second file, not retried forever."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.refused = path.with_name(path.stem + ".refused.jsonl")

    def add(self, **edit: Any) -> None:
        """Keep an edit (set_status's arguments), with the id it will be recorded under."""
        edit.setdefault("event_id", str(uuid.uuid4()))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(edit, ensure_ascii=False, default=str) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def pending(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        edits = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                edits.append(json.loads(line))
            except ValueError:
                continue  # a line torn by a crash while it was written: nothing was kept
        return edits

    def send(self, store: StatusStore) -> int:
        """Write the kept edits to the store; returns how many were recorded."""
        sent = 0
        for edit in self.pending():
            try:
                store.set_status(**edit)
                sent += 1
            except StoreError as exc:
                with self.refused.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps({**edit, "refused": str(exc)}, ensure_ascii=False) + "\n")
            self._forget(edit["event_id"])
        return sent

    def _forget(self, event_id: str) -> None:
        rest = [e for e in self.pending() if e.get("event_id") != event_id]
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=self.path.parent, delete=False, suffix=".tmp"
        ) as fh:
            fh.write("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in rest))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(fh.name, self.path)
