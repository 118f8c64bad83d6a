"""Map data: what the map draws, projected and simplified once, cached between starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import shapely

from gis import CatalogInvalid, Kind, build_map_data, load_map_data
from gis.crs import to_web_mercator
from gis.mapdata import CACHE_NAME, SIMPLIFY_TOLERANCES_M

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def map_data(catalog):
    return build_map_data(catalog)


def test_every_drawn_site_is_in_web_mercator(map_data, catalog):
    drawn = {f.id: f for f in map_data.features}
    assert set(drawn) == {s.id for s in catalog.sites if s.kind is not Kind.CITYWIDE}
    for site in catalog.sites:
        if site.id in drawn:
            expected = to_web_mercator(site.location.geometry)
            assert shapely.equals_exact(drawn[site.id].shape, expected, tolerance=1e-6)


def test_simplified_districts_still_share_their_borders(map_data):
    districts = map_data.layer("districts")
    assert len(districts) == 13
    full_area = sum(d.shape.area for d in districts)
    for level, tolerance in enumerate(SIMPLIFY_TOLERANCES_M):
        shapes = [d.simplified[level][1] for d in districts]
        assert all(d.simplified[level][0] == tolerance for d in districts)
        assert sum(shapely.get_num_coordinates(shapes)) < sum(
            shapely.get_num_coordinates([d.shape for d in districts])
        )
        union = shapely.union_all(shapes)
        # No slivers between neighbours and no overlaps: the parts add up to the whole.
        assert abs(sum(s.area for s in shapes) - union.area) < 1e-6 * union.area
        assert abs(union.area - full_area) < 0.01 * full_area


def test_points_carry_no_simplified_copies(map_data):
    points = [f for f in map_data.features if f.shape.geom_type == "Point"]
    assert points and all(f.simplified == () for f in points)


def test_cache_is_written_then_used_and_follows_the_data(data_copy, tmp_path):
    cache = tmp_path / "cache"
    first = load_map_data(data_copy, cache)
    assert (cache / CACHE_NAME).exists()
    stamp = (cache / CACHE_NAME).stat().st_mtime_ns
    again = load_map_data(data_copy, cache)
    assert (cache / CACHE_NAME).stat().st_mtime_ns == stamp  # served, not rebuilt
    assert [f.id for f in again.features] == [f.id for f in first.features]
    water = data_copy / "catalog" / "water.yaml"
    water.write_text(
        water.read_text(encoding="utf-8").replace("良久商贸码头", "良久码头", 1), encoding="utf-8"
    )
    edited = load_map_data(data_copy, cache)
    assert edited.catalog.site("liangjiu-dock").name_zh == "良久码头"


def test_unreadable_cache_is_rebuilt(data_copy, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_NAME).write_bytes(b"not a pickle at all")
    data = load_map_data(data_copy, cache)
    assert len(data.features) == 39
    assert load_map_data(data_copy, cache).catalog.site("hannan").name_zh == "汉南区"


def test_broken_catalog_is_reported_and_never_cached(data_copy, tmp_path):
    cache = tmp_path / "cache"
    water = data_copy / "catalog" / "water.yaml"
    water.write_text(
        water.read_text(encoding="utf-8").replace("kind: dock", "kind: dockyard", 1),
        encoding="utf-8",
    )
    with pytest.raises(CatalogInvalid, match=r"water\.yaml"):
        load_map_data(data_copy, cache)
    assert not (cache / CACHE_NAME).exists()


def test_a_warm_start_loads_no_export_libraries(tmp_path):
    """The desktop's start path: with the cache in place, geopandas, pandas, pyproj and GDAL
    stay unloaded."""
    cache = tmp_path / "cache"
    load_map_data(None, cache)
    code = (
        "import sys; from pathlib import Path; from gis import load_map_data; "
        f"load_map_data(None, Path({str(cache)!r})); "
        "print(sorted(m for m in ('geopandas', 'pandas', 'pyproj', 'pyogrio', 'yaml') "
        "if m in sys.modules))"
    )
    env = {k: v for k, v in os.environ.items() if k != "ENVMAP_DATA"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
