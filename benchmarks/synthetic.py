"""A catalog padded with N synthetic point sites inside Wuhan, for benchmarks only."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import shapely
from shapely.geometry import Point

from gis import Catalog, load_catalog
from gis.boundaries import city_outline
from gis.model import Kind, Location, LocationBasis

KINDS = (Kind.WATER_PLANT, Kind.DOCK, Kind.OUTFALL, Kind.CONTAMINATED_PARCEL)


def synthetic_catalog(n: int, seed: int = 7) -> Catalog:
    base = load_catalog()
    outline = city_outline()
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = outline.bounds
    points: list[Point] = []
    while len(points) < n:
        xs = rng.uniform(minx, maxx, n)
        ys = rng.uniform(miny, maxy, n)
        inside = shapely.contains_xy(outline, xs, ys)
        points += [Point(x, y) for x, y in zip(xs[inside], ys[inside], strict=True)]
    template = next(s for s in base.sites if s.kind is Kind.DOCK)
    extra = [
        replace(
            template,
            id=f"synthetic-{i}",
            name_zh=f"合成点位{i}",
            name_en=f"Synthetic {i}",
            kind=KINDS[i % len(KINDS)],
            relations=(),
            measures=(),
            indicators=(),
            location=Location(
                f"synthetic-{i}", point, 800.0, LocationBasis.LOCALITY, "WGS84", "synthetic"
            ),
        )
        for i, point in enumerate(points[:n])
    ]
    return Catalog(documents=base.documents, sites=(*base.sites, *extra))
