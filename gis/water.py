"""Wuhan's water (the Yangtze, the Han, the large lakes) from GSHHG, cut into data/water/.

The map draws it beneath every layer; the schematic protection zones take the direction of
the flow from it: WDBII centre lines run from upstream to downstream, and the Yangtze's
river-lake polygon runs on downstream from where the upstream centre line ends.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from shapely.geometry import LineString, Point, shape
from shapely.geometry.base import BaseGeometry

from gis.crs import to_metric
from gis.errors import CatalogSyntaxError

log = logging.getLogger(__name__)

WATER_FILE = Path("water") / "water.geojson"
WATER_ATTRIBUTION = "水系 Water: GSHHG (Wessel & Smith), LGPL-3.0"
KINDS = ("lake", "river", "river_line")
_TANGENT_M = 300.0  # half the stretch of bank or centre line a flow direction is read over
_NEAREST_M = 3000.0  # a river further than this from an intake says nothing about its flow


@dataclass(frozen=True, slots=True)
class WaterShape:
    """One water feature in WGS84, with copies simplified for small scales (finest first)."""

    kind: str  # lake | river (a polygon) | river_line (a centre line, no width in the source)
    source_id: str
    shape: BaseGeometry
    simplified: tuple[tuple[float, BaseGeometry], ...] = ()


def load_water(root: Path) -> tuple[WaterShape, ...]:
    """The water under `root` (a data folder), unsimplified; none when the file is absent."""
    path = root / WATER_FILE
    if not path.is_file():
        log.info("no water data at %s: the map is drawn without water", path)
        return ()
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        shapes = tuple(
            WaterShape(
                str(f["properties"]["kind"]),
                str(f["properties"]["source_id"]),
                shape(f["geometry"]),
            )
            for f in features
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CatalogSyntaxError(path, None, f"not a water GeoJSON file: {exc}") from exc
    for item in shapes:
        if item.kind not in KINDS:
            raise CatalogSyntaxError(path, None, f"unknown water kind {item.kind!r}")
    return shapes


@cache
def _metric_water(root: Path) -> tuple[tuple[str, BaseGeometry], ...]:
    return tuple((w.kind, to_metric(w.shape)) for w in load_water(root))


def flow_bearing(intake: Point, root: Path) -> float | None:
    """Compass bearing (degrees) of the flow beside `intake`, read off the nearest river in
    the water data; None when no river is within _NEAREST_M."""
    water = _metric_water(root)
    at = to_metric(intake)
    rivers = [(g.distance(at), kind, g) for kind, g in water if kind in ("river", "river_line")]
    if not rivers:
        return None
    distance, kind, river = min(rivers, key=lambda hit: hit[0])
    if distance > _NEAREST_M:
        return None
    if kind == "river_line":
        return _tangent(_longest_part(river), at)
    lines = [g for k, g in water if k == "river_line"]
    return _bank_bearing(river, at, lines)


def _longest_part(geometry: BaseGeometry) -> LineString:
    parts = list(getattr(geometry, "geoms", [geometry]))
    return max(parts, key=lambda part: part.length)  # type: ignore[no-any-return]


def _tangent(line: LineString, at: Point) -> float:
    """Bearing along `line` (in its digitised direction) at the point nearest `at`."""
    here = line.project(at)
    start = line.interpolate(max(here - _TANGENT_M, 0.0))
    end = line.interpolate(min(here + _TANGENT_M, line.length))
    return _bearing(start, end)


def _bank_bearing(river: BaseGeometry, at: Point, lines: list[BaseGeometry]) -> float:
    """Along the nearest bank of a river polygon, pointing away from where the upstream centre
    line flows into it (its end nearest the polygon)."""
    polygon = max(getattr(river, "geoms", [river]), key=lambda part: part.area)
    bank = LineString(polygon.exterior.coords)
    bearing = _tangent(bank, at)
    ends = [Point(line.coords[-1]) for part in lines for line in getattr(part, "geoms", [part])]
    mouth = min(ends, key=polygon.distance)  # where the river enters the polygon
    ahead = Point(at.x + math.sin(math.radians(bearing)), at.y + math.cos(math.radians(bearing)))
    if ahead.distance(mouth) < at.distance(mouth):
        bearing = (bearing + 180.0) % 360.0
    return bearing


def _bearing(start: Point, end: Point) -> float:
    return math.degrees(math.atan2(end.x - start.x, end.y - start.y)) % 360.0
