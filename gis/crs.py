"""Coordinate systems: the CRS codes the app uses and the GCJ-02 / BD-09 offsets.

GCJ-02 (AMap, Tencent) and BD-09 (Baidu) are obfuscations, not geodetic CRSs, so PROJ does not
implement them; the published forward formula is written here, vectorised over NumPy arrays,
and inverted by fixed-point iteration to well under a centimetre.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from shapely.geometry.base import BaseGeometry

if TYPE_CHECKING:
    import pyproj

WGS84 = "EPSG:4326"
CGCS2000 = "EPSG:4490"
METRIC = "EPSG:4547"  # CGCS2000 / 3-degree Gauss-Kruger CM 114E: Wuhan's metric CRS
WEB_MERCATOR = "EPSG:3857"

_A = 6378245.0  # Krasovsky 1940 semi-major axis, as the GCJ-02 formula uses it
_EE = 0.00669342162296594323
_BD_FACTOR = np.pi * 3000.0 / 180.0
_ITERATION_TOLERANCE_DEG = 1e-12
_MAX_ITERATIONS = 30

Coords = NDArray[np.float64]
Conversion = Callable[[ArrayLike, ArrayLike], tuple[Coords, Coords]]
CoordsFn = Callable[[Coords], Coords]  # what shapely.transform applies to (n, 2) coordinates
G = TypeVar("G", bound=BaseGeometry)  # a transform keeps the geometry's type


@cache
def transformer(source: str, target: str) -> pyproj.Transformer:
    """A cached pyproj transformer in longitude/latitude (x/y) order, whatever the EPSG axes."""
    from pyproj import Transformer  # loads PROJ's database: deferred until a transform is needed

    return Transformer.from_crs(source, target, always_xy=True)


def to_metric(geometry: G) -> G:
    return shapely.transform(geometry, _pyproj_fn(WGS84, METRIC))


def from_metric(geometry: G) -> G:
    return shapely.transform(geometry, _pyproj_fn(METRIC, WGS84))


def _pyproj_fn(source: str, target: str) -> CoordsFn:
    t = transformer(source, target)

    def apply(xy: Coords) -> Coords:
        x, y = t.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return apply


def out_of_china(lon: ArrayLike, lat: ArrayLike) -> NDArray[np.bool_]:
    """The rough box outside which GCJ-02 applies no offset."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def _offset(lon: Coords, lat: Coords) -> tuple[Coords, Coords]:
    x = lon - 105.0
    y = lat - 35.0
    root = np.sqrt(np.abs(x))
    common = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * root + common
    dlat += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * root + common
    dlon += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    rad_lat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = dlat * 180.0 / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    dlon = dlon * 180.0 / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    outside = out_of_china(lon, lat)
    return np.where(outside, 0.0, dlon), np.where(outside, 0.0, dlat)


def _arrays(lon: ArrayLike, lat: ArrayLike) -> tuple[Coords, Coords]:
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[Coords, Coords]:
    lon, lat = _arrays(lon, lat)
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike) -> tuple[Coords, Coords]:
    x, y = _arrays(lon, lat)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * _BD_FACTOR)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _BD_FACTOR)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def _invert(forward: Conversion, lon: ArrayLike, lat: ArrayLike) -> tuple[Coords, Coords]:
    """Solve forward(x) = target by fixed-point iteration; the offsets vary slowly enough."""
    target_lon, target_lat = _arrays(lon, lat)
    x, y = target_lon.copy(), target_lat.copy()
    for _ in range(_MAX_ITERATIONS):
        fx, fy = forward(x, y)
        ex, ey = fx - target_lon, fy - target_lat
        x, y = x - ex, y - ey
        if np.all(np.abs(ex) < _ITERATION_TOLERANCE_DEG) and np.all(
            np.abs(ey) < _ITERATION_TOLERANCE_DEG
        ):
            break
    return x, y


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[Coords, Coords]:
    return _invert(wgs84_to_gcj02, lon, lat)


def bd09_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[Coords, Coords]:
    return _invert(gcj02_to_bd09, lon, lat)


def wgs84_to_bd09(lon: ArrayLike, lat: ArrayLike) -> tuple[Coords, Coords]:
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[Coords, Coords]:
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def _geometry_fn(convert: Conversion) -> CoordsFn:
    def apply(xy: Coords) -> Coords:
        x, y = convert(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return apply


def geometry_gcj02_to_wgs84(geometry: G) -> G:
    return shapely.transform(geometry, _geometry_fn(gcj02_to_wgs84))


def geometry_wgs84_to_gcj02(geometry: G) -> G:
    return shapely.transform(geometry, _geometry_fn(wgs84_to_gcj02))


def to_web_mercator(geometry: G) -> G:
    """WGS84 geometry in Web Mercator metres, the canvas's drawing CRS."""
    return shapely.transform(geometry, _pyproj_fn(WGS84, WEB_MERCATOR))


def from_web_mercator_geometries(geometries: list[BaseGeometry]) -> list[BaseGeometry]:
    """Web Mercator geometries back to WGS84 with one transformer (points pass as they are:
    they were never projected)."""
    inverse = _pyproj_fn(WEB_MERCATOR, WGS84)
    return [g if g.geom_type == "Point" else shapely.transform(g, inverse) for g in geometries]


def lonlat_to_mercator(lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Spherical Web Mercator (EPSG:3857), closed form: the same numbers PROJ gives."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    x = np.radians(lon) * 6378137.0
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * 6378137.0
    return x, y


def mercator_to_lonlat(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    lon = np.degrees(x / 6378137.0)
    lat = np.degrees(2 * np.arctan(np.exp(y / 6378137.0)) - np.pi / 2)
    return lon, lat


def geometry_to_mercator(geometry: G) -> G:
    """WGS84 geometry in Web Mercator by the closed form: what the canvas draws with, with no
    PROJ transformer to build (a start-up needs none)."""
    return shapely.transform(geometry, _mercator_xy)


def geometries_to_mercator(geometries: Sequence[G]) -> list[G]:
    """Many WGS84 geometries in Web Mercator, all their coordinates in one pass: the same
    numbers as one geometry_to_mercator call each, which would cost a start 15 times more."""
    array = np.empty(len(geometries), dtype=object)
    array[:] = geometries
    projected: list[G] = shapely.transform(array, _mercator_xy).tolist()
    return projected


def _mercator_xy(xy: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.column_stack(lonlat_to_mercator(*xy.T))


def from_web_mercator(x: float, y: float) -> tuple[float, float]:
    """A Web Mercator point back to WGS84 longitude, latitude (the cursor's, many times a
    second: the closed form, no PROJ call)."""
    lon, lat = mercator_to_lonlat(x, y)
    return float(lon), float(lat)
