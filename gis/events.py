"""The dated events of the tracking log, typed: a measure's status, or a site's location
correction. Plain data, so that the state can be built from a store, a file or an imported
document without loading the database layer; rows convert both ways in one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from gis.model import Evidence, Status

# The author of the documents' own status events: the catalog's as "document", those of a
# document the user imported as "document:ID".
DOCUMENT_AUTHOR = "document"


@dataclass(frozen=True)
class StatusEvent:
    """A measure's status as of a day, with who says so and on what evidence."""

    kind: ClassVar[str] = "status"
    id: str
    measure_id: str
    site_id: str
    status: Status
    as_of: date
    note: str
    evidence: str
    attachment: str
    author: str
    recorded_at: str
    sequence: int = 0
    # An imported document's own words (its events are read from the user folder, never
    # stored): where the status is shown, the quote and its paragraph are shown with it.
    quoted: Evidence | None = None


@dataclass(frozen=True)
class LocationEvent:
    """A site's better location (WGS84) as of a day, by someone who knows the place."""

    kind: ClassVar[str] = "location"
    id: str
    site_id: str
    lon: float
    lat: float
    precision_m: float
    as_of: date
    note: str
    author: str
    recorded_at: str
    sequence: int = 0


Event = StatusEvent | LocationEvent
_STATUSES = {s.value: s for s in Status}
_LOCATION_FIELDS = ("id", "site_id", "note", "author")


def event_from_row(row: Mapping[str, Any]) -> Event:
    """The event a store row or an exported line holds; ValueError says what is wrong."""
    kind = row.get("kind")
    if kind == StatusEvent.kind:
        status = _STATUSES.get(row.get("status"))  # type: ignore[arg-type]
        if status is None:
            raise ValueError(f"status {row.get('status')!r} is not on the scale")
        return StatusEvent(
            id=_text(row, "id"),
            measure_id=_text(row, "measure_id"),
            site_id=_text(row, "site_id"),
            note=_text(row, "note"),
            evidence=_text(row, "evidence"),
            attachment=_text(row, "attachment"),
            author=_text(row, "author"),
            status=status,
            as_of=_day(row),
            recorded_at=str(row.get("recorded_at") or ""),
            sequence=int(row.get("sequence") or 0),
        )
    if kind == LocationEvent.kind:
        texts = {name: _text(row, name) for name in _LOCATION_FIELDS}
        lon, lat, precision = (row.get(k) for k in ("lon", "lat", "precision_m"))
        if not (
            isinstance(lon, int | float)
            and isinstance(lat, int | float)
            and isinstance(precision, int | float)
            and precision > 0
        ):
            raise ValueError("a location event needs lon, lat and precision_m")
        return LocationEvent(
            **texts,
            lon=float(lon),
            lat=float(lat),
            precision_m=float(precision),
            as_of=_day(row),
            recorded_at=str(row.get("recorded_at") or ""),
            sequence=int(row.get("sequence") or 0),
        )
    raise ValueError(f"unknown event kind {kind!r}")


def event_to_row(event: Event) -> dict[str, Any]:
    """The store's columns for an event (the other kind's columns empty)."""
    row: dict[str, Any] = {
        "id": event.id,
        "kind": event.kind,
        "measure_id": None,
        "site_id": event.site_id,
        "status": None,
        "as_of": event.as_of,
        "note": event.note,
        "evidence": "",
        "attachment": "",
        "author": event.author,
        "recorded_at": event.recorded_at,
        "lon": None,
        "lat": None,
        "precision_m": None,
        "sequence": event.sequence,
    }
    if isinstance(event, StatusEvent):
        row.update(
            measure_id=event.measure_id,
            status=event.status.value,
            evidence=event.evidence,
            attachment=event.attachment,
        )
    else:
        row.update(lon=event.lon, lat=event.lat, precision_m=event.precision_m)
    return row


def _text(row: Mapping[str, Any], name: str) -> str:
    value = row.get(name)
    if type(value) is str and value:  # the common case, quickly: a window reads them all
        return value
    if name in _REQUIRED and not value:
        raise ValueError(f"no {name}")
    return "" if value is None else str(value)


_REQUIRED = frozenset({"id", "site_id", "measure_id"})


def _day(row: Mapping[str, Any]) -> date:
    value = row.get("as_of")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"date {value!r} is not YYYY-MM-DD") from None
