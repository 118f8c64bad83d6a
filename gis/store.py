"""Status tracking: an append-only log of dated events per measure (and location corrections
per site), in SQLite by default or PostgreSQL for a shared office, through SQLAlchemy Core.

The documents' statuses are the first events. The current status of a measure is its latest
event by the date it is true as of (then by when it was recorded). Events are never changed
or deleted; importing the same events twice changes nothing (idempotent by event id).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, func, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError, ProgrammingError

from gis import atomic, store_file, store_roles
from gis import status_rules as rules
from gis import store_schema as schema
from gis.errors import EnvMapError
from gis.events import (
    DOCUMENT_AUTHOR,
    Event,
    LocationEvent,
    StatusEvent,
    event_from_row,
    event_to_row,
)
from gis.failures import mask_passwords
from gis.model import Catalog, Status
from gis.store_read import document_rows
from gis.store_schema import SCHEMA_VERSION as SCHEMA_VERSION
from gis.store_schema import events_table as events_table

if TYPE_CHECKING:
    from sqlalchemy.sql.dml import Insert


# The events' order (gis.status_rules) as the database sorts them.
_IN_ORDER = [events_table.c[column] for column in rules.ORDER_COLUMNS]


class StoreError(EnvMapError):
    """The status store cannot do what was asked; the message says why and where."""


class RefusedByServer(StoreError):
    """A shared store's server refused a write this login's role may not make."""


class StatusStore:
    """Open (and create or migrate) the store at a SQLAlchemy URL or an SQLite file path.
    `read_only` opens it to read and writes nothing, anywhere: a read-only file or folder,
    or one whose writer holds the lock, can be read; a store not there yet reads as empty."""

    def __init__(self, where: str | Path, catalog: Catalog, read_only: bool = False) -> None:
        self.catalog = catalog
        self.read_only = read_only
        self.url = where if isinstance(where, str) and "://" in where else f"sqlite:///{where}"
        self.label = mask_passwords(str(where))
        self.identity: store_roles.Identity | None = None  # who is connected, with roles
        path = None
        if self.url.startswith("sqlite:///"):
            path = Path(self.url.removeprefix("sqlite:///"))
            problem = schema.sqlite_file_problem(path)  # read-only, before WAL mode touches it
            if problem:
                raise StoreError(f"{path}: {problem}; left as it is")
            if not read_only:
                path.parent.mkdir(parents=True, exist_ok=True)
        connect_args = {"connect_timeout": 5} if self.url.startswith("postgresql") else {}
        try:
            if read_only and path is not None:
                self.engine: Engine = schema.read_only_engine(path)
            else:
                self.engine = create_engine(self.url, future=True, connect_args=connect_args)
        except Exception as exc:  # a bad URL or a missing driver
            raise StoreError(f"{self.label}: cannot open the status store: {exc}") from exc
        if self.engine.dialect.name == "sqlite" and not read_only:
            event.listen(self.engine, "connect", schema.sqlite_pragmas)
            event.listen(self.engine, "begin", schema.sqlite_begin)
        try:
            self._open_waiting()
        except (OperationalError, DatabaseError) as exc:
            raise StoreError(f"{self.label}: cannot open the status store: {exc.orig}") from exc

    def _open_waiting(self) -> None:
        """Open, waiting out another process that is creating the same SQLite file: switching
        a new file to WAL can be refused at once ("database is locked") without SQLite's busy
        wait, so the open is tried again for up to about ten seconds."""
        for pause in (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 3.2):
            try:
                self._open()
                return
            except OperationalError as exc:
                if self.engine.dialect.name != "sqlite" or "locked" not in str(exc.orig):
                    raise
                self.engine.dispose()  # the pragmas run again on a new connection
                time.sleep(pause)
        self._open()

    def _open(self) -> None:
        """Check what the database holds and, unless reading, create what is missing in the
        same transaction (schema and version row come together or not at all)."""
        if self.read_only:
            with self.engine.connect() as db:
                contents = schema.contents(db)
            self._refuse(contents)
            if contents.version is None:  # nothing stored yet: read as an empty store
                self.engine = schema.read_only_engine(None)
            return
        with self.engine.connect().execution_options(immediate=True) as db, db.begin():
            if db.dialect.name == "postgresql":  # concurrent creators queue here
                db.execute(text("SELECT pg_advisory_xact_lock(7201016)"))
            contents = schema.contents(db)
            self._refuse(contents)
            if not contents.complete(schema.SCHEMA):
                schema.metadata.create_all(db)
                if contents.version is None:
                    db.execute(
                        insert(schema.meta_table).values(
                            key="schema_version", value=str(SCHEMA_VERSION)
                        )
                    )
            if db.dialect.name == "postgresql":
                self.identity = store_roles.identity(db)
        if self.identity is None or self.identity.may_write_anything:
            self._seed()  # the others cannot: the administrator's `admin init` did

    def _refuse(self, contents: store_file.Contents) -> None:
        problem = schema.contents_problem(contents)
        if problem:
            raise StoreError(f"{self.label}: {problem}; left as it is")

    def _document_rows(self) -> list[dict[str, Any]]:
        """The documents' statuses, as the first events."""
        return document_rows(self.catalog)

    def _seed(self) -> None:
        """The documents' statuses as the first events, once."""
        self._insert_new(self._document_rows())

    def _insert_new(self, rows: list[dict[str, Any]]) -> int:
        """Insert the rows whose id is not there yet, in one transaction; returns how many.
        A repeated id (an event imported twice, or two writers racing) is skipped, never an
        error that would lose the rest."""
        unique = list({r["id"]: r for r in rows}.values())
        if not unique:
            return 0
        if self.read_only:
            raise StoreError(f"{self.label}: opened to read only; nothing was recorded")
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
                .order_by(*_IN_ORDER)
            ).mappings()
            found = [_event(dict(row)) for row in rows]
        found += [e for e in self._unseeded() if getattr(e, "measure_id", None) == measure_id]
        found.sort(key=rules.event_key)
        return [e for e in found if isinstance(e, StatusEvent)]

    def events(self) -> list[Event]:
        """Every event, oldest first; the state (gis.state) decides what holds."""
        with self.engine.connect() as db:
            result = db.execute(select(events_table).order_by(*_IN_ORDER))
            keys = tuple(result.keys())
            # Plain dicts from plain tuples: a window refresh reads every event, 10,000 or more.
            found = [_event(dict(zip(keys, row, strict=True))) for row in result]
        if not self.read_only:
            return found
        return sorted(found + self._unseeded(), key=rules.event_key)

    def _unseeded(self) -> list[Event]:
        """A store opened to read is not seeded: the documents' statuses it lacks, as events."""
        if not self.read_only:
            return []
        with self.engine.connect() as db:
            stored = set(db.execute(select(events_table.c.id)).scalars())
        return [event_from_row(r) for r in self._document_rows() if r["id"] not in stored]

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
        atomic.write_text(path, "\n".join(lines) + ("\n" if lines else ""))
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
