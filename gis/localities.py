"""Localities: lakes, rivers, plants, ports, industrial areas, 街道 and villages that notices
name but the curated catalog does not hold as sites (data/gazetteer/localities.yaml).

Each entry is a point with its datum, an honest radius and the source it was read from; the
loader converts GCJ-02 to WGS84, reports every bad entry with file:line and keeps the rest.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from gis.crs import gcj02_to_wgs84
from gis.errors import EnvMapError, Problem
from gis.model import LocationBasis
from gis.paths import data_root
from gis.yamlfile import line_of, load_yaml

log = logging.getLogger(__name__)

KINDS = (
    "water_plant", "lake", "river", "port", "sewage_plant", "industrial_area",
    "subdistrict", "village", "water_body", "contaminated_parcel",
)  # fmt: skip
DATUMS = ("WGS84", "CGCS2000", "GCJ-02", "unknown")
# An unstated datum may be GCJ-02 (up to ~700 m off in Wuhan): the radius must absorb that.
UNKNOWN_DATUM_MIN_PRECISION_M = 1000.0
WUHAN_BBOX = (113.68, 29.97, 115.08, 31.37)  # lon_min, lat_min, lon_max, lat_max
_REQUIRED = ("id", "name_zh", "kind", "point", "datum", "precision_m", "basis", "source")


@dataclass(frozen=True)
class Locality:
    id: str
    name_zh: str
    aliases: tuple[str, ...]
    kind: str
    district: str | None
    lon: float  # WGS84
    lat: float
    datum: str  # as the source gave it
    precision_m: float
    basis: LocationBasis
    source: str
    note: str | None = None


class Localities(NamedTuple):
    places: list[Locality]
    problems: list[Problem]


class _Fault(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def default_path() -> Path:
    return data_root() / "gazetteer" / "localities.yaml"


def load_localities(path: Path | None = None) -> Localities:
    """Every sound entry of the localities file, in WGS84, and a Problem for each bad one."""
    path = path or default_path()
    data = load_yaml(path)
    entries = data.get("localities") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        problem = Problem(path, line_of(data), "file", "bad-file", "needs a 'localities:' list")
        return Localities([], [problem])
    places: list[Locality] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        label = entry.get("id", "?") if isinstance(entry, dict) else "?"
        place = f"localities[{index}] ({label})"
        try:
            locality = _read(entry)
            if locality.id in seen:
                raise _Fault("duplicate-id", f"id {locality.id!r} is used twice")
        except _Fault as fault:
            problems.append(Problem(path, line_of(entry), place, fault.code, str(fault)))
            continue
        except (TypeError, ValueError) as exc:
            problems.append(
                Problem(path, line_of(entry), place, "bad-locality", f"malformed: {exc}")
            )
            continue
        seen.add(locality.id)
        places.append(locality)
    return Localities(places, problems)


def load_default() -> list[Locality]:
    """The shipped localities; a broken file is logged and gives none, never stops the app."""
    try:
        found = load_localities()
    except (OSError, EnvMapError) as exc:
        log.warning("localities not loaded: %s", exc)
        return []
    for problem in found.problems:
        log.warning("%s", problem)
    return found.places


def _read(entry: Any) -> Locality:
    if not isinstance(entry, dict):
        raise _Fault("bad-locality", "each locality is a mapping")
    missing = [key for key in _REQUIRED if entry.get(key) in (None, "")]
    if missing:
        raise _Fault("missing-field", f"missing {', '.join(missing)}")
    kind = str(entry["kind"])
    if kind not in KINDS:
        raise _Fault("unknown-kind", f"kind {kind!r} is not one of: {', '.join(KINDS)}")
    datum = str(entry["datum"])
    if datum not in DATUMS:
        raise _Fault("unknown-datum", f"datum {datum!r} is not one of {', '.join(DATUMS)}")
    try:
        basis = LocationBasis(str(entry["basis"]))
    except ValueError as exc:
        allowed = ", ".join(b.value for b in LocationBasis)
        raise _Fault("unknown-basis", f"basis {entry['basis']!r} is not one of: {allowed}") from exc
    point = entry["point"]
    if not isinstance(point, list) or len(point) != 2:
        raise _Fault("bad-point", "point is [longitude, latitude]")
    if not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in point
    ):
        raise _Fault("bad-point", f"point {point!r} is not two finite numbers")
    lon, lat = float(point[0]), float(point[1])
    precision = float(entry["precision_m"])
    if not math.isfinite(precision) or precision <= 0:
        raise _Fault("bad-precision", f"precision_m must be positive, not {precision:g}")
    if datum == "unknown" and precision < UNKNOWN_DATUM_MIN_PRECISION_M:
        raise _Fault(
            "precision-below-datum",
            f"datum unknown: precision_m must be >= {UNKNOWN_DATUM_MIN_PRECISION_M:g}",
        )
    if datum == "GCJ-02":
        lons, lats = gcj02_to_wgs84([lon], [lat])
        lon, lat = float(lons[0]), float(lats[0])
    lon_min, lat_min, lon_max, lat_max = WUHAN_BBOX
    if not (lon_min <= lon <= lon_max and lat_min <= lat <= lat_max):
        raise _Fault(
            "outside-wuhan",
            f"({lon:.5f}, {lat:.5f}) is outside Wuhan's bounding box: check the order "
            "(longitude, latitude) and the datum",
        )
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list):
        raise _Fault("bad-aliases", "aliases is a list of names")
    return Locality(
        id=str(entry["id"]),
        name_zh=str(entry["name_zh"]),
        aliases=tuple(str(a) for a in aliases),
        kind=kind,
        district=str(entry["district"]) if entry.get("district") else None,
        lon=lon,
        lat=lat,
        datum=datum,
        precision_m=precision,
        basis=basis,
        source=str(entry["source"]),
        note=str(entry["note"]) if entry.get("note") else None,
    )
