"""Tile arithmetic against the textbook XYZ formula, the providers' terms, the GCJ-02 display
shift against PROJ plus the published offset."""

from __future__ import annotations

import math

import pytest
from shapely.geometry import Point

from gis import basemaps
from gis.basemaps import PROVIDERS, WUHAN_BBOX, plan_prefetch
from gis.crs import to_web_mercator, wgs84_to_gcj02
from gis.model import Kind


def _slippy(lon: float, lat: float, z: int) -> tuple[int, int]:
    """The OSM wiki's tile formula, written independently of gis.basemaps."""
    n = 2**z
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return int((lon + 180) / 360 * n), int(y)


def _expected_count(bbox, z: int) -> int:
    x0, y1 = _slippy(bbox[0], bbox[1], z)
    x1, y0 = _slippy(bbox[2], bbox[3], z)
    return (x1 - x0 + 1) * (y1 - y0 + 1)


@pytest.mark.parametrize("z", [0, 5, 10, 14, 18])
def test_tiles_of_a_point_match_the_textbook_formula(z):
    lon, lat = 114.30, 30.59  # Wuhan
    assert basemaps.bbox_tiles((lon, lat, lon + 1e-9, lat + 1e-9), z) == [_slippy(lon, lat, z)]


def test_tiles_cover_a_rectangle_and_nothing_more():
    west, south, east, north = 12_700_000.0, 3_560_000.0, 12_730_000.0, 3_590_000.0
    tiles = basemaps.tiles_in_rect(west, south, east, north, 12)
    for x, y in tiles:
        w, s, e, n = basemaps.tile_bounds(12, x, y)
        assert w < east and e > west and s < north and n > south
    xs, ys = {x for x, _ in tiles}, {y for _, y in tiles}
    assert len(tiles) == len(xs) * len(ys)  # a full block, no gaps
    w, _, e, _ = basemaps.tile_bounds(12, min(xs), min(ys))
    assert w <= west < e


def test_a_rectangle_on_tile_edges_takes_no_extra_row():
    w, s, e, n = basemaps.tile_bounds(10, 836, 420)
    assert basemaps.tiles_in_rect(w, s, e, n, 10) == [(836, 420)]


def test_zoom_matches_the_view_resolution_within_the_provider_range():
    for z in range(0, 19):
        assert basemaps.zoom_for(basemaps.tile_size_m(z) / 256, 18) == z
    assert basemaps.zoom_for(basemaps.tile_size_m(19) / 256 * 0.8, 18) == 18
    assert basemaps.zoom_for(1e9, 18) == 0


def test_wuhan_box_holds_every_district(catalog):
    west, south, east, north = WUHAN_BBOX
    districts = [s for s in catalog.sites if s.kind is Kind.DISTRICT]
    assert len(districts) == 13
    bounds = [site.location.geometry.bounds for site in districts]
    outer = (min(b[0] for b in bounds), min(b[1] for b in bounds))
    outer += (max(b[2] for b in bounds), max(b[3] for b in bounds))
    assert west <= outer[0] and south <= outer[1] and outer[2] <= east and outer[3] <= north
    assert max(abs(a - b) for a, b in zip(outer, WUHAN_BBOX, strict=True)) < 0.01  # and tight


def test_wuhan_tile_counts_per_zoom():
    assert [len(basemaps.bbox_tiles(WUHAN_BBOX, z)) for z in (8, 10, 12)] == [
        _expected_count(WUHAN_BBOX, z) for z in (8, 10, 12)
    ]
    plan = plan_prefetch(PROVIDERS["tianditu"], 10, 12)
    assert len(plan.tiles) == sum(_expected_count(WUHAN_BBOX, z) for z in (10, 11, 12))
    assert plan.requests == 2 * len(plan.tiles)  # base and labels
    assert {z for z, _, _ in plan.tiles} == {10, 11, 12}
    assert plan.allowed and plan.estimated_bytes == len(plan.tiles) * 23 * 1024


def test_prefetch_respects_each_providers_terms():
    osm = plan_prefetch(PROVIDERS["osm"], 10, 10)
    assert not osm.allowed and "bulk" in osm.reason and "osmfoundation.org" in osm.reason
    too_many = plan_prefetch(PROVIDERS["tianditu"], 10, 15)
    assert len(too_many.tiles) > PROVIDERS["tianditu"].prefetch_limit
    assert not too_many.allowed and "2,000" in too_many.reason
    assert not plan_prefetch(PROVIDERS["amap"], 10, 14).allowed
    small_cache = plan_prefetch(PROVIDERS["tianditu_img"], 10, 12, cache_bytes=1_000_000)
    assert not small_cache.allowed and "cache" in small_cache.reason
    capped = plan_prefetch(PROVIDERS["amap"], 17, 30, bbox=(114.3, 30.5, 114.301, 30.501))
    assert {z for z, _, _ in capped.tiles} == {17, 18}  # never past the provider's max zoom
    backwards = plan_prefetch(PROVIDERS["amap"], 20, 19, bbox=(114.3, 30.5, 114.301, 30.501))
    assert {z for z, _, _ in backwards.tiles} == {18}
    assert "不允许" in osm.reason  # Chinese first, like the rest of the interface


def test_amap_display_shift_puts_a_site_at_its_gcj02_position(catalog):
    site = catalog.site("liangjiu-dock").location.geometry
    here = to_web_mercator(site)
    x, y = basemaps.shift_xy([here.x], [here.y], "gcj02")
    glon, glat = wgs84_to_gcj02([site.x], [site.y])
    there = to_web_mercator(Point(glon[0], glat[0]))
    assert abs(x[0] - there.x) < 1e-3 and abs(y[0] - there.y) < 1e-3
    ground = math.hypot(x[0] - here.x, y[0] - here.y) * math.cos(math.radians(site.y))
    assert 400 < ground < 700  # metres: the offset is real in Wuhan
    assert basemaps.shift_xy([here.x], [here.y], "wgs84")[0][0] == here.x
    shifted = basemaps.shift_geometry(here.buffer(100), "gcj02")
    assert shifted.contains(Point(there.x, there.y)) and not shifted.contains(here)
    lon, lat = basemaps.true_lonlat(float(glon[0]), float(glat[0]), "gcj02")
    assert abs(lon - site.x) < 1e-8 and abs(lat - site.y) < 1e-8


def test_urls_keep_a_tile_on_one_subdomain_and_keys_are_redacted():
    layer = PROVIDERS["tianditu"].layers[0]
    url = layer.tile_url(12, 3345, 1690, "secret-key")
    assert url == layer.tile_url(12, 3345, 1690, "secret-key")
    assert "TILEMATRIX=12&TILEROW=1690&TILECOL=3345" in url and "tk=secret-key" in url
    assert "secret-key" not in basemaps.redact(f"Error transferring {url} - Not Found")
    assert (
        PROVIDERS["osm"].layers[0].tile_url(3, 4, 5) == "https://tile.openstreetmap.org/3/4/5.png"
    )


def test_html_export_uses_the_same_table():
    from gis.export.html import _BASEMAP_LAYERS

    assert _BASEMAP_LAYERS["amap"][0]["url"] == PROVIDERS["amap"].layers[0].url
    assert [layer["url"] for layer in _BASEMAP_LAYERS["tianditu"]] == [
        layer.url for layer in PROVIDERS["tianditu"].layers
    ]
