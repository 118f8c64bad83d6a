"""The map's features, and its point features as columns for the canvas's site layer.

`FeatureList` is MapData's sequence of features when the catalog holds many plain point sites
as rows (gis/site_table.py): objects for areas, lines and the other sites, and one MapFeature
built on demand for a row. `point_symbols` gives every point feature's id, coordinates, kind,
status and uncertainty as columns, from rows without building a feature per site.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gis.model import LAYER_KINDS, Kind, LocationBasis, Status
from gis.site_table import Interleaved, PointRows

STATUS_CODES: tuple[Status | None, ...] = (None, *Status)  # a row's status: its index here
_LAYER_OF = {kind: layer for layer, kinds in LAYER_KINDS.items() for kind in kinds}
_T = TypeVar("_T")
_EXACT = (LocationBasis.SURVEYED, LocationBasis.CORRECTED, LocationBasis.BOUNDARY)


@dataclass(frozen=True, slots=True)
class MapFeature:
    """One site as the map draws it; geometries are WGS84 longitude/latitude, like the
    catalog's (Web Mercator belongs to the canvas)."""

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


class FeatureList(Interleaved[MapFeature]):
    """Features in the catalog's order: `objects`, and `rows` (the catalog's SiteList rows,
    every one a feature) with their statuses as codes into STATUS_CODES."""

    __slots__ = ("statuses",)

    def __init__(
        self,
        objects: tuple[MapFeature, ...],
        rows: PointRows,
        statuses: np.ndarray,
        slots: np.ndarray,
    ) -> None:
        super().__init__(objects, rows, slots)
        if len(statuses) != len(rows) or (
            len(statuses) and (statuses.min() < 0 or statuses.max() >= len(STATUS_CODES))
        ):
            raise ValueError("point feature statuses do not match the points")
        self.statuses = statuses

    def _built(self, at: list[int]) -> list[MapFeature]:
        """Rows `at` as MapFeatures, their points made in one vectorised call."""
        rows, where = self.rows, np.array(at, dtype=np.int64)
        kinds: list[Kind] = rows.taken("kind", where)
        lat = rows.lat[where]
        return list(
            map(
                MapFeature,
                [rows.ids[i] for i in at],
                [_LAYER_OF[k] for k in kinds],
                [rows.names_zh[i] for i in at],
                kinds,
                [STATUS_CODES[c] for c in self.statuses[where].tolist()],
                [b not in _EXACT for b in rows.taken("basis", where)],
                rows.taken("precision_m", where),
                lat.tolist(),
                np.asarray(shapely.points(rows.lon[where], lat)).tolist(),
                [()] * len(at),
            )
        )


@dataclass(frozen=True, slots=True)
class PointSymbols:
    """The point features as columns, in the features' order."""

    ids: list[str]
    layers: list[str]
    kinds: list[Kind]
    statuses: list[Status | None]
    lon: np.ndarray
    lat: np.ndarray
    precision_m: np.ndarray
    is_estimate: np.ndarray

    def take(self, order: np.ndarray) -> PointSymbols:
        """These symbols in another order (`order` holds indices)."""
        at = order.tolist()
        return PointSymbols(
            [self.ids[i] for i in at],
            [self.layers[i] for i in at],
            [self.kinds[i] for i in at],
            [self.statuses[i] for i in at],
            self.lon[order],
            self.lat[order],
            self.precision_m[order],
            self.is_estimate[order],
        )


def point_symbols(features: Sequence[MapFeature]) -> PointSymbols:
    """Every point feature as columns; a FeatureList's rows are read as arrays, only its
    objects one by one."""
    if isinstance(features, FeatureList):
        objects, rows, slots = features.objects, features.rows, features.slots
        row_statuses = features.statuses
    else:
        objects, rows = tuple(features), PointRows.of([])
        slots, row_statuses = -1 - np.arange(len(objects)), np.zeros(0, dtype=np.int8)
    # one vectorised type test: a geom_type per feature costs seconds at 100,000 sites
    object_point = shapely.get_type_id([f.shape for f in objects]) == 0
    keep = slots >= 0
    if len(objects):
        keep[~keep] = object_point[-1 - slots[~keep]]
    chosen = slots[keep]
    in_rows = chosen >= 0
    points = [objects[-1 - s] for s in chosen[~in_rows].tolist()]
    at = chosen[in_rows]
    kinds = rows.column("kind") if len(at) == len(rows) else [rows.value("kind", i) for i in at]
    exact = np.array([b in _EXACT for b in rows.tables["basis"]], dtype=bool)
    precisions = np.array(rows.tables["precision_m"], dtype=float)
    merge = _Merge(in_rows)
    return PointSymbols(
        merge.lists([rows.ids[i] for i in at.tolist()], [f.id for f in points]),
        merge.lists([_LAYER_OF[k] for k in kinds], [f.layer for f in points]),
        merge.lists(kinds, [f.kind for f in points]),
        merge.lists(
            [STATUS_CODES[c] for c in row_statuses[at].tolist()], [f.status for f in points]
        ),
        merge.arrays(rows.lon[at], [f.shape.x for f in points]),
        merge.arrays(rows.lat[at], [f.shape.y for f in points]),
        merge.arrays(precisions[rows.codes["precision_m"][at]], [f.precision_m for f in points]),
        merge.arrays(~exact[rows.codes["basis"][at]], [f.is_estimate for f in points]),
    )


def area_features(features: Sequence[MapFeature]) -> list[MapFeature]:
    """The features that are not points (areas and lines), in order; never a FeatureList's
    rows, which are all points."""
    objects = features.objects if isinstance(features, FeatureList) else tuple(features)
    is_point = (shapely.get_type_id([f.shape for f in objects]) == 0).tolist()
    return [f for f, point in zip(objects, is_point, strict=True) if not point]


class _Merge:
    """Rows' and objects' values into one column, each in its own order, where `in_rows`
    says which a position takes."""

    def __init__(self, in_rows: np.ndarray) -> None:
        self.in_rows = in_rows
        self.objects_first = not in_rows[: int((~in_rows).sum())].any()

    def lists(self, from_rows: list[_T], from_objects: list[_T]) -> list[_T]:
        if self.objects_first:
            return from_objects + from_rows
        row_items, object_items = iter(from_rows), iter(from_objects)
        return [next(row_items) if r else next(object_items) for r in self.in_rows.tolist()]

    def arrays(self, from_rows: np.ndarray, from_objects: list[Any]) -> np.ndarray:
        column = np.empty(len(self.in_rows), dtype=from_rows.dtype)
        column[self.in_rows] = from_rows
        column[~self.in_rows] = from_objects
        return column
