"""Schematic protection zones follow Wuhan's rule: 600 m upstream, 100 m downstream."""

from __future__ import annotations

import math

from shapely.geometry import Point

from gis.crs import to_metric
from gis.model import LocationBasis
from gis.zones import ZoneRule, schematic_zone

RULE = ZoneRule(
    upstream_m=600, downstream_m=100, water_m=400, land_m=100, water_side="left", flow_bearing_deg=0
)  # flowing due north


def test_rectangle_extents_along_and_across_the_flow():
    intake = Point(114.30, 30.55)
    zone = to_metric(schematic_zone(intake, RULE))
    centre = to_metric(intake)
    minx, miny, maxx, maxy = zone.bounds
    assert math.isclose(centre.y - miny, 600, abs_tol=2)  # upstream is south
    assert math.isclose(maxy - centre.y, 100, abs_tol=2)
    assert math.isclose(centre.x - minx, 400, abs_tol=2)  # facing north, left is west
    assert math.isclose(maxx - centre.x, 100, abs_tol=2)
    assert zone.contains(centre)


def test_clip_keeps_the_intake_side():
    intake = Point(114.30, 30.55)
    bank = schematic_zone(intake, RULE).buffer(-0.0005)
    clipped = schematic_zone(intake, RULE, clip=bank)
    assert clipped.area < schematic_zone(intake, RULE).area


def test_catalog_zones_contain_what_the_document_puts_in_them(catalog):
    for site in catalog.sites:
        for relation in site.relations:
            if relation.type.value in ("inside_zone", "discharged_into_zone"):
                zone = catalog.site(relation.target).location
                assert zone.basis is LocationBasis.SCHEMATIC
                assert zone.geometry.contains(site.location.geometry), site.id


def _sides(zone) -> list[float]:
    rectangle = to_metric(zone.location.geometry).minimum_rotated_rectangle
    xs, ys = rectangle.exterior.coords.xy
    return sorted(math.dist((xs[i], ys[i]), (xs[i + 1], ys[i + 1])) for i in range(2))


def test_primary_zones_span_seven_hundred_metres(catalog):
    """一级保护区: 600 m up and 100 m down of the intake (Wuhan's rule, domain.md)."""
    zones = [s for s in catalog.sites if s.kind.value == "protection_zone"]
    assert len(zones) == 4
    primary = [z for z in zones if "一级保护区" in z.name_zh]
    assert len(primary) == 2
    for zone in primary:
        assert any(650 < side < 720 for side in _sides(zone)), (zone.id, _sides(zone))


def test_downstream_zones_run_three_hundred_metres_below_the_intake(catalog):
    """下游水源保护区: 100 m of primary and 200 m of secondary zone below the intake only."""
    downstream = [s for s in catalog.sites if "下游水源保护区" in s.name_zh]
    assert {z.id for z in downstream} == {"zongguan-protection-zone", "yujiatou-protection-zone"}
    for zone in downstream:
        assert any(280 < side < 320 for side in _sides(zone)), (zone.id, _sides(zone))
