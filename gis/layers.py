"""The catalog as rows (plain dicts with a shapely `geometry`, WGS84), one list per map
layer, with districts from a spatial join. Shapely alone, no geopandas: the office bundle
leaves pandas and geopandas out.

A site's district is never typed by hand: it is the district that contains its point, or the
districts that hold at least 1% of its line or area, largest share first.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gis.boundaries import load_districts
from gis.crs import to_metric
from gis.model import LAYER_KINDS, Catalog, Site

MIN_SHARE = 0.01


def districts_of(geometry: BaseGeometry) -> tuple[str, ...]:
    """Districts a WGS84 geometry lies in, largest share first."""
    if geometry.geom_type == "Point":
        return tuple(d.name_zh for d in load_districts() if shapely.contains(d.geometry, geometry))
    shape = to_metric(geometry)
    measure = shapely.length if shape.geom_type.endswith("LineString") else shapely.area
    total = float(measure(shape))
    shares = []
    for name, area in _metric_districts():
        common = float(measure(shapely.intersection(area, shape)))
        # A large area (the whole city) holds small districts entirely: count those too.
        if common / total >= MIN_SHARE or common / float(shapely.area(area)) >= 0.5:
            shares.append((common / total, name))
    return tuple(name for _, name in sorted(shares, reverse=True))


@cache
def _metric_districts() -> tuple[tuple[str, BaseGeometry], ...]:
    return tuple((d.name_zh, to_metric(d.geometry)) for d in load_districts())


def site_districts(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Every site's districts; points are tested against each district in one vectorised
    pass (strictly inside, as a spatial join's "within")."""
    points = [s for s in catalog.sites if s.location.geometry.geom_type == "Point"]
    geometries = np.array([s.location.geometry for s in points], dtype=object)
    found: dict[str, tuple[str, ...]] = {site.id: () for site in points}
    for district in load_districts():
        shapely.prepare(district.geometry)
        inside = shapely.within(geometries, district.geometry)
        for index in np.flatnonzero(inside):
            site_id = points[int(index)].id
            found[site_id] = (*found[site_id], district.name_zh)
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


def site_rows(
    catalog: Catalog, districts: dict[str, tuple[str, ...]] | None = None
) -> list[dict[str, Any]]:
    """Every site, one row each, in WGS84."""
    joined = site_districts(catalog) if districts is None else districts
    return [_row(catalog, s, joined[s.id]) for s in catalog.sites]


def build_layers(
    catalog: Catalog, districts: dict[str, tuple[str, ...]] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The sites' rows per map layer, named as in LAYER_KINDS, in the catalog's order."""
    rows = site_rows(catalog, districts)
    return {
        name: [row for row in rows if row["kind"] in {k.value for k in kinds}]
        for name, kinds in LAYER_KINDS.items()
    }
