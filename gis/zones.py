"""Schematic drinking-water source protection zones drawn from an intake and a rule.

Wuhan's rule for its Yangtze and Han intakes: the primary zone's water area runs from 600 m
upstream to 100 m downstream of the intake, out to the main-channel line on the intake's side;
its land area reaches the levee. Without the legal survey this is a schematic rectangle along
the river's flow, clipped to the intake's district (Wuhan's river districts meet in mid-river),
and it is always labelled as schematic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from gis.crs import from_metric, to_metric


@dataclass(frozen=True)
class ZoneRule:
    """Extents in metres; `water_side` is the river's side seen facing downstream."""

    upstream_m: float
    downstream_m: float
    water_m: float
    land_m: float
    water_side: str  # "left" or "right"
    flow_bearing_deg: float  # compass bearing of the flow at the intake


def schematic_zone(intake: Point, rule: ZoneRule, clip: BaseGeometry | None = None) -> Polygon:
    """The zone as a WGS84 polygon: a rectangle along the flow, optionally clipped."""
    if rule.water_side not in ("left", "right"):
        raise ValueError(f"water_side must be 'left' or 'right', not {rule.water_side!r}")
    centre = to_metric(intake)
    theta = math.radians(rule.flow_bearing_deg)
    along = (math.sin(theta), math.cos(theta))  # unit vector downstream (east, north)
    left = (-along[1], along[0])
    water = left if rule.water_side == "left" else (-left[0], -left[1])

    def corner(a: float, w: float) -> tuple[float, float]:
        return (
            centre.x + a * along[0] + w * water[0],
            centre.y + a * along[1] + w * water[1],
        )

    ring = [
        corner(-rule.upstream_m, -rule.land_m),
        corner(rule.downstream_m, -rule.land_m),
        corner(rule.downstream_m, rule.water_m),
        corner(-rule.upstream_m, rule.water_m),
    ]
    zone = from_metric(Polygon(ring))
    if clip is None:
        return zone
    clipped = zone.intersection(clip)
    if isinstance(clipped, Polygon):
        return clipped
    # A MultiPolygon, or a collection where GEOS keeps the lines and points the clip only
    # touches: the zone is its largest area.
    parts = [part for part in shapely.get_parts(clipped) if isinstance(part, Polygon)]
    if not parts:
        raise ValueError("the clip leaves no area of the zone")
    return max(parts, key=lambda part: part.area)
