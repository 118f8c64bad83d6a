"""The events of a status store in an SQLite file, read with Python's own sqlite3 and nothing
written: what a command draws or exports (`envmap render`, the exports) needs only these, and
importing SQLAlchemy to read them would cost such a command a fifth of a second.

Only a complete store of this EnvMap's schema is read here; any other file (half-created,
another program's database, a newer schema, a damaged event) is left to `gis.store`, which
explains, finishes or refuses it as it always does."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gis import status_rules as rules
from gis import store_file
from gis.events import DOCUMENT_AUTHOR, Event, event_from_row

if TYPE_CHECKING:
    from gis.model import Catalog

# The store's tables and columns, as gis.store_schema declares them to SQLAlchemy (a test
# holds the two together), for the files read without it.
SCHEMA_VERSION = 1
EVENT_COLUMNS = (
    "id", "kind", "measure_id", "site_id", "status", "as_of", "note", "evidence",
    "attachment", "author", "recorded_at", "lon", "lat", "precision_m", "sequence",
)  # fmt: skip
SCHEMA: store_file.Schema = {
    "envmap_meta": frozenset({"key", "value"}),
    "status_events": frozenset(EVENT_COLUMNS),
}


def sqlite_events(path: Path, catalog: Catalog) -> list[Event] | None:
    """Every event of the store at `path` as a store opened to read gives them (the stored
    ones and the documents' statuses it lacks, oldest first); None when the file is not a
    complete store this reads, for `gis.store.StatusStore` to open."""
    store_file.recover(path)  # a writer killed mid-way: the file as it was before
    try:
        with path.open("rb") as fh:
            if fh.read(16) != store_file.SQLITE_MAGIC:
                return None
        with closing(sqlite3.connect(store_file.read_only_uri(path), uri=True)) as db:
            contents = store_file.read_sqlite(db)
            if store_file.problem(contents, SCHEMA, SCHEMA_VERSION) or not contents.complete(
                SCHEMA
            ):
                return None
            rows = db.execute(
                f"SELECT {', '.join(EVENT_COLUMNS)} FROM status_events"
                f" ORDER BY {', '.join(rules.ORDER_COLUMNS)}"
            ).fetchall()
    except (OSError, sqlite3.Error):
        return None
    try:
        stored = [event_from_row(dict(zip(EVENT_COLUMNS, row, strict=True))) for row in rows]
    except ValueError:
        return None  # a damaged event: gis.store names it
    ids = {event.id for event in stored}
    unseeded = [event_from_row(r) for r in document_rows(catalog) if r["id"] not in ids]
    return sorted(stored + unseeded, key=rules.event_key)


def document_rows(catalog: Catalog) -> list[dict[str, Any]]:
    """The documents' statuses, as a store's first events (a store opened to write is
    seeded with them; one read without writing gets those it lacks)."""
    rows = []
    for measure in catalog.measures():
        document = catalog.documents[measure.evidence[0].document]
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
                "author": DOCUMENT_AUTHOR,
                "recorded_at": "1970-01-01T00:00:00+00:00",
                "sequence": 0,
            }
        )
    return rows
