"""GCJ-02 / BD-09 against published reference pairs and the independent `prcoords` package."""

from __future__ import annotations

import math

import numpy as np
import prcoords
import pytest
from shapely.geometry import Point, Polygon

from gis import crs

# Published pairs (the widely used `coordtransform` README, input 116.404, 39.915).
REFERENCE = [
    (crs.wgs84_to_gcj02, (116.404, 39.915), (116.41024449916938, 39.91640428150164)),
    (crs.gcj02_to_bd09, (116.404, 39.915), (116.41036949371029, 39.92133699351022)),
    # Its BD-09 -> GCJ-02 is a closed-form approximation; ours inverts exactly, within 5 cm.
    (crs.bd09_to_gcj02, (116.404, 39.915), (116.39762729119315, 39.90865673957631)),
]
METRES_PER_DEGREE = 111_320.0


def _metres(lon_a, lat_a, lon_b, lat_b) -> np.ndarray:
    dx = (np.asarray(lon_a) - lon_b) * METRES_PER_DEGREE * np.cos(np.radians(lat_b))
    dy = (np.asarray(lat_a) - lat_b) * METRES_PER_DEGREE
    return np.hypot(dx, dy)


def _wuhan_grid(n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = np.meshgrid(np.linspace(113.68, 115.08, n), np.linspace(29.97, 31.37, n))
    return lon.ravel(), lat.ravel()


@pytest.mark.parametrize(("convert", "given", "expected"), REFERENCE)
def test_reference_pairs(convert, given, expected):
    lon, lat = convert(*given)
    assert _metres(lon, lat, *expected) < 0.05


def test_gcj02_round_trip_is_below_a_centimetre():
    lon, lat = _wuhan_grid()
    back_lon, back_lat = crs.wgs84_to_gcj02(*crs.gcj02_to_wgs84(lon, lat))
    assert _metres(back_lon, back_lat, lon, lat).max() < 0.01


def test_bd09_round_trip_is_below_a_centimetre():
    lon, lat = _wuhan_grid()
    back_lon, back_lat = crs.wgs84_to_bd09(*crs.bd09_to_wgs84(lon, lat))
    assert _metres(back_lon, back_lat, lon, lat).max() < 0.01


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (crs.wgs84_to_gcj02, prcoords.wgs_gcj),
        (crs.gcj02_to_wgs84, prcoords.gcj_wgs_bored),
        (crs.gcj02_to_bd09, prcoords.gcj_bd),
        (crs.wgs84_to_bd09, prcoords.wgs_bd),
        (crs.bd09_to_wgs84, prcoords.bd_wgs_bored),
    ],
)
def test_agrees_with_independent_implementation(ours, theirs):
    lon, lat = _wuhan_grid(15)
    our_lon, our_lat = ours(lon, lat)
    for i in range(lon.size):
        other = theirs(prcoords.Coords(lat[i], lon[i]))
        assert _metres(our_lon[i], our_lat[i], other.lon, other.lat) < 0.5


def test_offset_in_wuhan_is_hundreds_of_metres():
    lon, lat = crs.wgs84_to_gcj02(114.30, 30.59)
    assert 300 < _metres(lon, lat, 114.30, 30.59) < 700


def test_no_offset_outside_china():
    lon, lat = crs.wgs84_to_gcj02([2.35, -74.0], [48.85, 40.7])
    assert lon.tolist() == [2.35, -74.0] and lat.tolist() == [48.85, 40.7]


def test_geometry_conversion_moves_every_vertex():
    square = Polygon([(114.3, 30.5), (114.31, 30.5), (114.31, 30.51), (114.3, 30.51)])
    shifted = crs.geometry_wgs84_to_gcj02(square)
    back = crs.geometry_gcj02_to_wgs84(shifted)
    assert shifted.bounds[0] > square.bounds[0] + 0.004
    assert np.allclose(np.array(back.exterior.coords), np.array(square.exterior.coords), atol=1e-9)


def test_metric_crs_is_lon_lat_ordered():
    east, north = crs.transformer(crs.WGS84, crs.METRIC).transform(114.0, 30.5)
    assert abs(east - 500_000) < 1 and 3_370_000 < north < 3_380_000


def test_mercator_matches_proj():
    lon, lat = 114.28399988704902, 30.544172641894136
    x, y = crs.lonlat_to_mercator(lon, lat)
    proj = crs.to_web_mercator(Point(lon, lat))
    assert abs(float(x) - proj.x) < 1e-6 and abs(float(y) - proj.y) < 1e-6
    back = crs.mercator_to_lonlat(x, y)
    assert abs(float(back[0]) - lon) < 1e-12 and abs(float(back[1]) - lat) < 1e-12


def test_many_geometries_project_as_each_would_alone():
    """The canvas projects its areas and water in one pass: to the same coordinates, shape
    for shape and in order, as one geometry at a time."""
    import shapely

    shapes = [
        Polygon(
            [(114.0, 30.5), (114.4, 30.5), (114.2, 30.8)],
            [[(114.1, 30.55), (114.2, 30.55), (114.15, 30.6)]],
        ),
        shapely.MultiPolygon([Polygon([(113.7, 30.1), (113.8, 30.1), (113.8, 30.2)])]),
        shapely.LineString([(114.3, 30.6), (114.35, 30.62), (114.4, 30.7)]),
        Point(114.305, 30.593),
    ]
    together = crs.geometries_to_mercator(shapes)
    assert [g.geom_type for g in together] == [g.geom_type for g in shapes]
    for alone, shape in zip(together, shapes, strict=True):
        assert shapely.to_wkb(alone) == shapely.to_wkb(crs.geometry_to_mercator(shape))
    radius = 6_378_137.0  # EPSG:3857's sphere
    assert together[3].x == pytest.approx(math.radians(114.305) * radius)
    assert together[3].y == pytest.approx(
        math.log(math.tan(math.pi / 4 + math.radians(30.593) / 2)) * radius
    )
