"""What a map draws, ready to paint: the catalog, its district join and every site's shape in
Web Mercator with simplified copies for small scales; cached on disk so a desktop start needs
neither YAML parsing nor the boundary conversion nor geopandas.

The cache (gis/cachefile.py) is plain JSON and WKB, keyed on the app's version, FORMAT and a
digest of the data it was built from; code is not part of the key, so a bundle needs no
sources, and a developer who changes how map data is built or stored bumps FORMAT.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gis.boundaries import package_version
from gis.cachefile import CacheDamaged, read_cache_file, write_cache_file
from gis.catalog_codec import (
    SITE_COLUMNS,
    STATUSES,
    CatalogDecoder,
    CatalogEncoder,
    coded,
    uncoded,
)
from gis.data_signature import map_sources, source_files
from gis.map_points import STATUS_CODES, FeatureList
from gis.map_points import MapFeature as MapFeature  # its home before map_points
from gis.model import LAYER_KINDS, Catalog, Kind, Site
from gis.paths import data_root
from gis.site_rows_codec import ROW_LINES, decode_rows, encode_rows
from gis.site_table import COLUMNS_FROM, PointRows, SiteList, is_plain, runs_of, slots_from_runs
from gis.version import VERSION
from gis.water import WaterShape, load_water

log = logging.getLogger(__name__)

FORMAT = 8  # bump when MapData, its encoding or how it is built changes
# Simplified in Web Mercator metres (so a tolerance means the same on screen everywhere),
# stored back in WGS84: the map data has one CRS, and the canvas projects it for drawing.
SIMPLIFY_TOLERANCES_M = (15.0, 60.0, 240.0)  # finest first
CACHE_NAME = "mapdata.cache"
_PICKLED_CACHE = "mapdata.pickle"  # what versions before FORMAT 3 wrote; never read
_FEATURE_COLUMNS = 6  # site, layer, status, latitude, shape, simplified levels
# what reading a damaged or crafted cache can raise; RecursionError: JSON nested deeper than
# the parser goes
_UNREADABLE = (CacheDamaged, OSError, KeyError, TypeError, IndexError, ValueError, RecursionError)


@dataclass(frozen=True, slots=True)
class MapData:
    catalog: Catalog
    districts: dict[str, tuple[str, ...]]
    # a tuple, or a FeatureList when the catalog holds many point sites as rows
    features: Sequence[MapFeature]
    water: tuple[WaterShape, ...] = ()  # drawn beneath every layer (gis/water.py)

    def layer(self, name: str) -> list[MapFeature]:
        return [f for f in self.features if f.layer == name]


def build_map_data(
    catalog: Catalog,
    districts: dict[str, tuple[str, ...]] | None = None,
    water: tuple[WaterShape, ...] | None = None,
) -> MapData:
    """Simplify every site and the water (by default the shipped data's) once; district
    borders are simplified as one coverage so that neighbours keep sharing their edges (the
    same vertices map back to the same WGS84)."""
    from gis.crs import from_web_mercator_geometries, to_web_mercator
    from gis.layers import site_districts

    joined = site_districts(catalog) if districts is None else districts
    layer_of = {kind: layer for layer, kinds in LAYER_KINDS.items() for kind in kinds}
    sites = [s for s in catalog.sites if layer_of[s.kind] != "city"]
    shapes = [s.location.geometry for s in sites]
    in_metres = [to_web_mercator(g) if g.geom_type != "Point" else g for g in shapes]
    levels = [
        (tolerance, from_web_mercator_geometries(level))
        for tolerance, level in _simplified_levels(sites, in_metres)
    ]
    features = []
    for i, site in enumerate(sites):
        anchor = site.location.geometry.representative_point()
        features.append(
            MapFeature(
                id=site.id,
                layer=layer_of[site.kind],
                name_zh=site.name_zh,
                kind=site.kind,
                status=catalog.site_status(site.id),
                is_estimate=site.location.is_estimate,
                precision_m=site.location.precision_m,
                latitude=anchor.y,
                shape=shapes[i],
                simplified=()
                if shapes[i].geom_type == "Point"
                else tuple((tolerance, level[i]) for tolerance, level in levels),
            )
        )
    return MapData(catalog, joined, tuple(features), _simplified_water(water))


def _simplified_water(water: tuple[WaterShape, ...] | None) -> tuple[WaterShape, ...]:
    from gis.crs import from_web_mercator_geometries, to_web_mercator

    shapes = load_water(data_root()) if water is None else water
    in_metres = [to_web_mercator(w.shape) for w in shapes]
    levels = [
        from_web_mercator_geometries([g.simplify(t, preserve_topology=True) for g in in_metres])
        for t in SIMPLIFY_TOLERANCES_M
    ]
    return tuple(
        WaterShape(
            w.kind, w.source_id, w.shape, tuple(zip(SIMPLIFY_TOLERANCES_M, level, strict=True))
        )
        for w, *level in zip(shapes, *levels, strict=True)
    )


def _simplified_levels(
    sites: list[Site], shapes: list[BaseGeometry]
) -> list[tuple[float, list[BaseGeometry]]]:
    is_district = [s.kind is Kind.DISTRICT for s in sites]
    # The source's neighbours do not always share vertices along a border; cleaning makes the
    # edges identical (areas are unchanged to the square metre) so simplifying keeps them so.
    districts = [g for g, d in zip(shapes, is_district, strict=True) if d]
    # New in shapely 2.2; the newest stubs (types-shapely 2.1) do not know it yet.
    cleaned = shapely.coverage_clean(districts)  # type: ignore[attr-defined]
    levels = []
    for tolerance in SIMPLIFY_TOLERANCES_M:
        coverage = shapely.coverage_simplify(cleaned, tolerance)
        borders = iter(coverage)
        level = [
            next(borders)
            if district
            else shape
            if shape.geom_type == "Point"
            else shape.simplify(tolerance, preserve_topology=True)
            for shape, district in zip(shapes, is_district, strict=True)
        ]
        levels.append((tolerance, level))
    return levels


def load_map_data(
    root: Path | None = None, cache_dir: Path | None = None, user: Path | None = None
) -> MapData:
    """MapData for the catalog under `root` plus the sites the user accepted (in `user`, the
    user's data folder), from `cache_dir` when the cache is intact and was written by this
    version for the same data; otherwise built (raising CatalogInvalid as load_catalog does)
    and cached. A cache that cannot be read or written is only logged: it is never needed."""
    root = root or data_root()
    key = cache_key(root, user)
    cached = cache_dir / CACHE_NAME if cache_dir else None
    if cached:
        data = read_map_cache(cached, key, root, user)
        if data is not None:
            return data
    from gis.catalog import load_catalog
    from gis.user_catalog import with_user_sites

    data = build_map_data(with_user_sites(load_catalog(root), user), water=load_water(root))
    if cached:
        write_map_cache(cached, data, key, root, user)
        with contextlib.suppress(OSError):
            (cached.parent / _PICKLED_CACHE).unlink(missing_ok=True)
    return data


def cache_key(root: Path, user: Path | None) -> dict[str, str]:
    """What a cache must have been written for: this app's version (gis/version.py, which
    the installed distribution's metadata is made from) and the data's digest."""
    return {"app": VERSION, "data": _data_digest(root, user)}


def read_map_cache(
    path: Path, key: dict[str, str], root: Path, user: Path | None
) -> MapData | None:
    """The cached MapData, or None when there is none, it is stale, or it is damaged (which
    is logged); paths in it are resolved under `root` and `user`."""
    try:
        with _collector_paused():
            found = read_cache_file(path, FORMAT, key)
            return None if found is None else _decode(*found, _bases(root, user))
    except _UNREADABLE as exc:
        log.warning("ignoring damaged map cache %s: %s", path, exc)
        return None


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Decoding creates millions of lists, strings and dataclasses, none in a cycle; left on,
    the cyclic collector walks the growing heap again and again (3 times the decoding's own
    time at 100,000 sites). Afterwards what is alive is frozen (gc.freeze): the map data
    lives as long as its window, and would otherwise be walked again by the collections
    that building the window sets off (a third of the canvas's build at 100,000 sites).
    Frozen objects are still freed when no longer referenced; none of them is in a cycle."""
    enabled = gc.isenabled()
    gc.unfreeze()  # what an earlier load froze (a window since closed) is collectable again
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def write_map_cache(
    path: Path, data: MapData, key: dict[str, str], root: Path, user: Path | None
) -> None:
    """Write the cache atomically; a failure is only logged, as the cache is never needed."""
    geometries: list[BaseGeometry] = []
    try:
        body = _encode(data, geometries, _bases(root, user))
        write_cache_file(path, FORMAT, key, body, geometries)
    except (OSError, TypeError, ValueError) as exc:  # the last two: a value JSON cannot hold
        log.warning("could not write map cache %s: %s", path, exc)


def _bases(root: Path, user: Path | None) -> dict[str, Path | None]:
    """The folders the cache's paths are stored relative to, so a moved folder still works."""
    return {"data": root, "user": user}


def _encode(
    data: MapData, geometries: list[BaseGeometry], bases: dict[str, Path | None]
) -> list[Any]:
    """A head line (paths, documents, the distinct district lists), then one line per
    column: the object sites' (SITE_COLUMNS), the point site rows' (ROW_LINES, with the
    runs of rows and objects in the sites' and the features' order), the object features'
    (_FEATURE_COLUMNS; a feature is its site's index among the objects plus what it adds)
    and the districts' (site index, district list index). A column of few distinct values
    is `coded`. A reader holds one column's JSON tree at a time, and builds each field in
    one pass."""
    encoder = CatalogEncoder(bases, geometries)
    documents = [encoder.document(d) for d in data.catalog.documents.values()]
    every = list(data.catalog.sites)
    plain = [is_plain(s) for s in every]
    if sum(plain) < COLUMNS_FROM:
        plain = [False] * len(every)
    objects = [s for s, p in zip(every, plain, strict=True) if not p]
    sites = encoder.site_columns(objects)
    row_ids = {s.id for s, p in zip(every, plain, strict=True) if p}
    in_rows = [f.id in row_ids for f in data.features]
    row_features = [f for f, r in zip(data.features, in_rows, strict=True) if r]
    statuses = np.array([STATUS_CODES.index(f.status) for f in row_features], dtype=np.int32)
    rows = encode_rows(
        PointRows.of([s for s, p in zip(every, plain, strict=True) if p]), statuses, encoder
    )
    features = [f for f, r in zip(data.features, in_rows, strict=True) if not r]
    index = {site.id: i for i, site in enumerate(objects)}
    feature_columns = [
        [index[f.id] for f in features],
        coded([f.layer for f in features]),
        coded([f.status.value if f.status is not None else None for f in features]),
        [f.latitude for f in features],
        [encoder.geometry(f.shape) for f in features],
        [[[t, encoder.geometry(shape)] for t, shape in f.simplified] for f in features],
    ]
    position = {site.id: i for i, site in enumerate(every)}
    district_lists: dict[tuple[str, ...], int] = {}
    keys, lists = [], []
    for site_id, names in data.districts.items():
        keys.append(position[site_id])
        lists.append(district_lists.setdefault(names, len(district_lists)))
    head = {
        "paths": encoder.path_table(),
        "documents": documents,
        "district_lists": [list(names) for names in district_lists],
        "water": [
            [w.kind, w.source_id, encoder.geometry(w.shape)]
            + [[t, encoder.geometry(g)] for t, g in w.simplified]
            for w in data.water
        ],
    }
    order = [runs_of(plain), runs_of(in_rows)]
    return [head, *sites, *rows, order, *feature_columns, keys, lists]


def _decode(
    lines: Iterator[Any], geometries: list[BaseGeometry], bases: dict[str, Path | None]
) -> MapData:
    head = next(lines)  # _lines yields at least one
    decoder = CatalogDecoder(bases, geometries, head["paths"])
    documents = decoder.documents(head["documents"])
    objects = decoder.sites(_columns(lines, SITE_COLUMNS))
    rows, row_statuses = decode_rows(_columns(lines, ROW_LINES), decoder)
    site_runs, feature_runs = _columns(lines, 1)[0]
    site_slots = slots_from_runs(site_runs)
    sites = SiteList(objects, rows, site_slots) if len(rows) else objects
    if not len(rows) and len(site_slots) != len(objects):
        raise ValueError("site order does not match the sites")
    catalog = Catalog(documents, sites)
    texts = decoder.texts
    site_of, layers, statuses, latitudes, shapes, levels = _columns(lines, _FEATURE_COLUMNS)
    layers = uncoded(layers, texts.__getitem__)
    statuses = uncoded(statuses, lambda s: STATUSES[s] if s is not None else None)
    if len({len(c) for c in (site_of, layers, statuses, latitudes, shapes, levels)}) > 1:
        raise ValueError("feature columns of different lengths")
    of = [objects[i] for i in site_of]
    drawn = tuple(
        map(
            MapFeature,
            [site.id for site in of],
            layers,
            [site.name_zh for site in of],
            [site.kind for site in of],
            statuses,
            [site.location.is_estimate for site in of],
            [site.location.precision_m for site in of],
            latitudes,
            [geometries[i] for i in shapes],
            [tuple((t, geometries[i]) for t, i in lv) if lv else () for lv in levels],
        )
    )
    feature_slots = slots_from_runs(feature_runs)
    features: Sequence[MapFeature] = drawn
    if len(rows):
        features = FeatureList(drawn, rows, row_statuses, feature_slots)
    elif len(feature_slots) != len(drawn):
        raise ValueError("feature order does not match the features")
    names = [tuple(map(texts.__getitem__, d)) for d in head["district_lists"]]
    keys, lists = _columns(lines, 2)
    ids = sites.ids() if isinstance(sites, SiteList) else [s.id for s in sites]
    districts = {ids[k]: names[i] for k, i in zip(keys, lists, strict=True)}
    if next(lines, None) is not None:
        raise ValueError("more lines than the layout has")
    water = tuple(
        WaterShape(kind, ident, geometries[shape], tuple((t, geometries[g]) for t, g in levels))
        for kind, ident, shape, *levels in head["water"]
    )
    return MapData(catalog, districts, features, water)


def _columns(lines: Iterator[Any], count: int) -> list[list[Any]]:
    """The next `count` lines, each a list."""
    columns: list[list[Any]] = []
    for _ in range(count):
        column = next(lines, None)
        if not isinstance(column, list):
            raise ValueError("a column is missing")
        columns.append(column)
    return columns


def _data_digest(root: Path, user: Path | None) -> str:
    """A digest of the data files, the user's accepted sites and imported documents and the
    boundary package's version: everything a map is built from but the code."""
    digest = hashlib.sha256(package_version().encode())
    for label, source in map_sources(root, user).items():
        for name, path in source_files(source):
            content = path.read_bytes()
            # lengths and labels keep one file's end from reading as the next one's start
            digest.update(f"\0{label}\0{name}\0{len(content)}\0".encode())
            digest.update(content)
    return digest.hexdigest()
