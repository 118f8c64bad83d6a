"""A dated event of the tracking log: a measure's status, or a site's location correction.
Plain data, so that the state can be built from a store, a file or an imported document
without loading the database layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The author of the documents' own status events: the catalog's as "document", those of a
# document the user imported as "document:ID".
DOCUMENT_AUTHOR = "document"


@dataclass(frozen=True)
class StatusEvent:
    id: str
    kind: str
    measure_id: str | None
    site_id: str | None
    status: str | None
    as_of: date
    note: str
    evidence: str
    attachment: str
    author: str
    recorded_at: str
    lon: float | None = None
    lat: float | None = None
    precision_m: float | None = None
    sequence: int = 0
