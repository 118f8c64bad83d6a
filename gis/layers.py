"""The catalog as GeoDataFrames, one per map layer, with districts from a spatial join.

A site's district is never typed by hand: it is the district that contains its point, or the
districts that hold at least 1% of its line or area, largest share first.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from gis.boundaries import load_districts
from gis.crs import METRIC, WGS84, to_metric
from gis.model import LAYER_KINDS, Catalog, Site

MIN_SHARE = 0.01


def districts_of(geometry: BaseGeometry) -> tuple[str, ...]:
    """Districts a WGS84 geometry lies in, largest share first."""
    districts = load_districts()
    if geometry.geom_type == "Point":
        return tuple(districts.loc[districts.contains(geometry), "name_zh"])
    metric_districts = _metric_districts()
    shape = to_metric(geometry)
    measure = shapely.length if shape.geom_type.endswith("LineString") else shapely.area
    total = float(measure(shape))
    shares = []
    for name, area in zip(metric_districts["name_zh"], metric_districts.geometry, strict=True):
        common = float(measure(shapely.intersection(area, shape)))
        # A large area (the whole city) holds small districts entirely: count those too.
        if common / total >= MIN_SHARE or common / float(shapely.area(area)) >= 0.5:
            shares.append((common / total, name))
    return tuple(name for _, name in sorted(shares, reverse=True))


_METRIC_CACHE: list[gpd.GeoDataFrame] = []


def _metric_districts() -> gpd.GeoDataFrame:
    if not _METRIC_CACHE:
        _METRIC_CACHE.append(load_districts().to_crs(METRIC))
    return _METRIC_CACHE[0]


def site_districts(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Every site's districts; points are joined in one vectorised pass."""
    points = [s for s in catalog.sites if s.location.geometry.geom_type == "Point"]
    frame = gpd.GeoDataFrame(
        {"id": [s.id for s in points]}, geometry=[s.location.geometry for s in points], crs=WGS84
    )
    joined = gpd.sjoin(frame, load_districts()[["name_zh", "geometry"]], predicate="within")
    found: dict[str, tuple[str, ...]] = {site.id: () for site in points}
    for site_id, name in zip(joined["id"], joined["name_zh"], strict=True):
        found[site_id] = (*found[site_id], name)
    for site in catalog.sites:
        if site.id not in found:
            found[site.id] = districts_of(site.location.geometry)
    return found


def _row(catalog: Catalog, site: Site, districts: tuple[str, ...]) -> dict[str, Any]:
    status = catalog.site_status(site.id)
    location = site.location
    return {
        "id": site.id,
        "name_zh": site.name_zh,
        "name_en": site.name_en,
        "kind": site.kind.value,
        "kind_zh": site.kind.label_zh,
        "district": districts[0] if districts else None,
        "districts": "、".join(districts),
        "status": status.value if status else None,
        "status_zh": status.label_zh if status else None,
        "measures": len(catalog.measures_concerning(site.id)),
        "precision_m": location.precision_m,
        "location_basis": location.basis.value,
        "location_is_estimate": location.is_estimate,
        "datum": location.datum,
        "location_source": location.source,
        "estimated_from": location.estimated_from,
        "geometry": location.geometry,
    }


def sites_frame(
    catalog: Catalog, districts: dict[str, tuple[str, ...]] | None = None
) -> gpd.GeoDataFrame:
    """Every site, one row each, in WGS84."""
    joined = site_districts(catalog) if districts is None else districts
    rows = [_row(catalog, s, joined[s.id]) for s in catalog.sites]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)


def build_layers(
    catalog: Catalog, districts: dict[str, tuple[str, ...]] | None = None
) -> dict[str, gpd.GeoDataFrame]:
    """One GeoDataFrame per map layer, named as in LAYER_KINDS."""
    frame = sites_frame(catalog, districts)
    return {
        name: frame[frame["kind"].isin([k.value for k in kinds])].reset_index(drop=True)
        for name, kinds in LAYER_KINDS.items()
    }
