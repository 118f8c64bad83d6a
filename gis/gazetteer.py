"""Named places with geometry, datum, precision and source: where every site is drawn.

A place is given in exactly one way: a point or a line (with its datum), a district or the
whole city from the boundary data, a district's interior point when nothing better is known,
a schematic protection zone built from an intake, or a point inside another place.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, NamedTuple

import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from gis import boundaries
from gis.crs import gcj02_to_wgs84, to_metric
from gis.errors import Problem
from gis.model import Location, LocationBasis
from gis.paths import data_root
from gis.water import flow_bearing
from gis.yamlfile import line_of, load_yaml
from gis.zones import ZoneRule, schematic_zone

DATUMS = ("WGS84", "CGCS2000", "GCJ-02")
Entry = dict[str, Any]  # one place as the YAML file gives it
_WAYS = ("point", "line", "district", "city", "district_centroid", "schematic_zone", "within")


class _Fault(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class _BrokenDependency(Exception):
    """A place built on another place that is itself faulty: only the root fault is reported."""


class Gazetteer(NamedTuple):
    locations: dict[str, Location]
    problems: list[Problem]
    declared: frozenset[str]  # every id in the file, resolved or not


def load_places(path: Path) -> Gazetteer:
    """Every place in the gazetteer file, resolved to WGS84, and the problems found."""
    data = load_yaml(path)
    entries = data.get("places") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        problem = Problem(path, line_of(data), "file", "bad-file", "needs a 'places:' list")
        return Gazetteer({}, [problem], frozenset())
    by_id = {str(e.get("id")): e for e in entries if isinstance(e, dict)}
    resolved: dict[str, Location] = {}
    problems: list[Problem] = []
    for index, entry in enumerate(entries):
        place = f"places[{index}] ({entry.get('id', '?') if isinstance(entry, dict) else '?'})"
        try:
            location = _resolve(entry, by_id, resolved, set())
        except _BrokenDependency:
            continue
        except _Fault as fault:
            problems.append(Problem(path, line_of(entry), place, fault.code, str(fault)))
            continue
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(Problem(path, line_of(entry), place, "bad-place", f"malformed: {exc}"))
            continue
        resolved[location.place_id] = location
    return Gazetteer(resolved, problems, frozenset(by_id))


def _resolve(
    entry: Any, by_id: dict[str, Entry], done: dict[str, Location], seen: set[str]
) -> Location:
    if not isinstance(entry, dict) or "id" not in entry:
        raise _Fault("bad-place", "each place needs an 'id'")
    place_id = str(entry["id"])
    if place_id in done:
        return done[place_id]
    if place_id in seen:
        raise _Fault("place-cycle", f"place {place_id!r} is defined in terms of itself")
    ways = [w for w in _WAYS if w in entry]
    if len(ways) != 1:
        raise _Fault("bad-place", f"give exactly one of {', '.join(_WAYS)}; found {ways or 'none'}")
    way = ways[0]
    geometry, precision, basis = _geometry(way, entry, by_id, done, seen | {place_id})
    _check_inside_wuhan(geometry, way)
    given = entry.get("basis", basis)
    try:
        if given is None:
            raise ValueError("a point or line needs a basis")
        basis = LocationBasis(given)
    except ValueError as exc:
        allowed = ", ".join(b.value for b in LocationBasis)
        raise _Fault(
            "unknown-basis", f"basis {entry.get('basis')!r} is not one of: {allowed}"
        ) from exc
    return Location(
        place_id=place_id,
        geometry=geometry,
        precision_m=float(precision),
        basis=basis,
        datum=str(entry.get("datum", "WGS84")),
        source=str(entry["source"]),
        estimated_from=entry.get("estimated_from"),
    )


def _geometry(
    way: str, entry: Entry, by_id: dict[str, Entry], done: dict[str, Location], seen: set[str]
) -> tuple[BaseGeometry, float, LocationBasis | None]:
    """The geometry, its precision in metres, and the basis unless the entry must give one."""
    if way in ("point", "line"):
        datum = entry.get("datum")
        if datum not in DATUMS:
            raise _Fault("unknown-datum", f"datum {datum!r} is not one of {', '.join(DATUMS)}")
        coords = _coordinates(way, entry[way])
        if datum == "GCJ-02":
            lons, lats = gcj02_to_wgs84([c[0] for c in coords], [c[1] for c in coords])
            coords = list(zip(lons.tolist(), lats.tolist(), strict=True))
        geometry = Point(coords[0]) if way == "point" else LineString(coords)
        return geometry, _precision(entry), None
    if way == "district":
        return _district(entry["district"]), 0.0, LocationBasis.BOUNDARY
    if way == "city":
        return boundaries.city_outline(), 0.0, LocationBasis.BOUNDARY
    if way == "district_centroid":
        area = _district(entry["district_centroid"])
        point = area.representative_point()
        # The site may be anywhere in the district: the radius reaches its farthest corner.
        reach = to_metric(area).hausdorff_distance(to_metric(point))
        return point, math.ceil(reach / 100.0) * 100.0, LocationBasis.DISTRICT_CENTROID
    if way == "schematic_zone":
        spec = entry["schematic_zone"]
        intake = _other(spec["intake"], by_id, done, seen)
        if not isinstance(intake.geometry, Point):
            raise _Fault(
                "bad-intake",
                f"a schematic zone's intake must be a point; {spec['intake']!r} is a "
                f"{intake.geometry.geom_type}",
            )
        rule = ZoneRule(
            upstream_m=float(spec["upstream_m"]),
            downstream_m=float(spec["downstream_m"]),
            water_m=float(spec["water_m"]),
            land_m=float(spec["land_m"]),
            water_side=str(spec["water_side"]),
            flow_bearing_deg=_flow(spec, intake.geometry),
        )
        clip = _district_containing(intake.geometry)
        return (
            schematic_zone(intake.geometry, rule, clip),
            intake.precision_m,
            LocationBasis.SCHEMATIC,
        )
    container = _other(entry["within"], by_id, done, seen)
    point = container.geometry.representative_point()
    reach = to_metric(container.geometry).hausdorff_distance(to_metric(point))
    default = math.ceil((container.precision_m + reach) / 100.0) * 100.0
    return point, _precision(entry, default=default), LocationBasis.SCHEMATIC


def _coordinates(way: str, value: Any) -> list[tuple[float, float]]:
    """A point's one or a line's (at least two) [longitude, latitude] pairs, finite numbers."""
    pairs = [value] if way == "point" else value
    if not isinstance(pairs, list) or (way == "line" and len(pairs) < 2):
        raise _Fault("bad-line", "a line is a list of at least two [longitude, latitude] points")
    coords = []
    for pair in pairs:
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(_is_number(v) and math.isfinite(v) for v in pair)
        ):
            raise _Fault(
                "bad-point", f"{pair!r} is not a point [longitude, latitude] of two finite numbers"
            )
        coords.append((float(pair[0]), float(pair[1])))
    return coords


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _flow(spec: Entry, intake: Point) -> float:
    """The flow's bearing as given, or read off the river in the water data (gis/water.py)."""
    if "flow_bearing_deg" in spec:
        return float(spec["flow_bearing_deg"])
    bearing = flow_bearing(intake, data_root())
    if bearing is None:
        raise _Fault(
            "no-river",
            "no river in the water data near the intake: give flow_bearing_deg and its source",
        )
    return bearing


def _precision(entry: Entry, default: float | None = None) -> float:
    value = entry.get("precision_m", default)
    if value is None:
        raise _Fault("missing-precision", "a point or line needs precision_m (metres)")
    if not _is_number(value) or not math.isfinite(value):
        raise _Fault("bad-precision", f"precision_m {value!r} is not a number of metres")
    if float(value) <= 0:
        raise _Fault("bad-precision", f"precision_m must be positive, not {value}")
    return float(value)


def _other(
    place_id: str, by_id: dict[str, Entry], done: dict[str, Location], seen: set[str]
) -> Location:
    if place_id not in by_id:
        raise _Fault("unknown-place", f"refers to unknown place {place_id!r}")
    try:
        return _resolve(by_id[place_id], by_id, done, seen)
    except (_Fault, KeyError, TypeError, ValueError) as exc:
        raise _BrokenDependency(place_id) from exc


def _district(name: str) -> BaseGeometry:
    for district in boundaries.load_districts():
        if district.name_zh == name:
            return district.geometry
    raise _Fault("unknown-district", f"{name!r} is not one of Wuhan's 13 districts")


def _district_containing(point: BaseGeometry) -> BaseGeometry | None:
    hits = (d.geometry for d in boundaries.load_districts() if shapely.contains(d.geometry, point))
    return next(hits, None)


def _check_inside_wuhan(geometry: BaseGeometry, way: str) -> None:
    if way in ("district", "city"):
        return
    if not shapely.contains(boundaries.city_outline(), geometry):
        lon, lat = geometry.representative_point().coords[0]
        raise _Fault(
            "outside-wuhan",
            f"location ({lon:.5f}, {lat:.5f}) lies outside Wuhan's boundary: "
            "check the order (longitude, latitude) and the datum",
        )
