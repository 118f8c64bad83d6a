"""Tile basemaps: who serves them, on what terms, and the XYZ tile arithmetic.

One table for the desktop canvas and the HTML export. Tiles are the usual 256-pixel XYZ
(Google/OSM) scheme in Web Mercator; x grows east, y grows south from the north-west corner.
Everything here is pure arithmetic: fetching is the viewer's business.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import ArrayLike
from shapely.geometry.base import BaseGeometry

from gis.crs import gcj02_to_wgs84, lonlat_to_mercator, mercator_to_lonlat, wgs84_to_gcj02

HALF_WORLD_M = 20037508.342789244  # half the Web Mercator world's width: pi * 6378137
TILE_PX = 256
# Wuhan's 13 districts (gis.boundaries) span 113.697-115.077 E, 29.972-31.363 N; rounded out.
WUHAN_BBOX = (113.69, 29.97, 115.08, 31.37)
_KEY_IN_URL = re.compile(r"(?i)(tk=)[^&\s]+")


@dataclass(frozen=True)
class TileSource:
    """One tile layer; `url` has {x} {y} {z}, maybe {s} (a subdomain) and {tk} (the key)."""

    url: str
    subdomains: str = ""
    typical_kb: float = 15.0  # for size estimates before a prefetch

    def tile_url(self, z: int, x: int, y: int, key: str = "") -> str:
        # The same tile always goes to the same subdomain: its URL is its cache key.
        s = self.subdomains[(x + y) % len(self.subdomains)] if self.subdomains else ""
        return self.url.format(s=s, x=x, y=y, z=z, tk=key)


@dataclass(frozen=True)
class Provider:
    id: str
    name_zh: str
    name_en: str
    layers: tuple[TileSource, ...]  # drawn bottom first (base, then labels)
    attribution: str
    max_zoom: int
    datum: str = "wgs84"  # the datum the tiles are drawn in; overlays follow it for display
    needs_key: bool = False
    max_connections: int = 2  # at once, per provider
    # Tiles per layer one prefetch may ask for; 0 where the provider forbids bulk downloads.
    prefetch_limit: int = 0
    policy: str = ""  # where the terms above come from

    @property
    def label(self) -> str:
        return f"{self.name_zh} {self.name_en}"


_TIANDITU = (
    "https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}"
    "&TILECOL={{x}}&tk={{tk}}"
)
_TIANDITU_ATTRIBUTION = "天地图 Tianditu (GS(2024)0568号)"
# Tianditu: keys of individual developers are reported to allow about 10,000 tiles of each
# kind a day (quota table on console.tianditu.gov.cn), and the service refuses keys that
# crawl; a prefetch stays far below that. AMap publishes no terms for these tile URLs, so
# it gets a smaller cap still.
_TIANDITU_TERMS = "https://console.tianditu.gov.cn/ (key quotas); about 10,000 tiles/day/type"


def _tianditu(
    provider_id: str, name_zh: str, name_en: str, base: tuple[str, float], labels: str
) -> Provider:
    """A Tianditu map: a base layer (name, typical KB) under its label layer."""
    layer, typical_kb = base
    return Provider(
        id=provider_id,
        name_zh=name_zh,
        name_en=name_en,
        layers=(
            TileSource(_TIANDITU.format(layer=layer), "01234567", typical_kb),
            TileSource(_TIANDITU.format(layer=labels), "01234567", 8.0),
        ),
        attribution=_TIANDITU_ATTRIBUTION,
        max_zoom=18,
        needs_key=True,
        max_connections=4,
        prefetch_limit=2000,
        policy=_TIANDITU_TERMS,
    )


PROVIDERS: dict[str, Provider] = {
    p.id: p
    for p in (
        Provider(
            id="osm",
            name_zh="开放街道地图",
            name_en="OpenStreetMap",
            layers=(TileSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "", 20.0),),
            attribution="© OpenStreetMap contributors",
            max_zoom=19,
            max_connections=2,
            # "Bulk downloading ... for offline usage ... is prohibited"; a valid User-Agent,
            # no no-cache headers, and caching for at least 7 days are required.
            prefetch_limit=0,
            policy="https://operations.osmfoundation.org/policies/tiles/",
        ),
        _tianditu("tianditu", "天地图矢量", "Tianditu vector", ("vec", 15.0), "cva"),
        _tianditu("tianditu_img", "天地图影像", "Tianditu imagery", ("img", 30.0), "cia"),
        Provider(
            id="amap",
            name_zh="高德地图",
            name_en="AMap",
            layers=(
                TileSource(
                    "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1"
                    "&style=8&x={x}&y={y}&z={z}",
                    "1234",
                    15.0,
                ),
            ),
            attribution="高德地图 AMap (GCJ-02; the data are shifted to match)",
            max_zoom=18,
            datum="gcj02",
            max_connections=4,
            prefetch_limit=1000,
            policy="no published terms for these tile URLs: a small cap",
        ),
    )
}
# What an HTML export offers ("none" first, the default); the command line lists the same.
HTML_BASEMAPS = ("none", "osm", "tianditu", "amap")


def redact(text: str) -> str:
    """`text` with any Tianditu key replaced, for logs and error messages."""
    return _KEY_IN_URL.sub(r"\1***", text)


def tile_size_m(z: int) -> float:
    return 2 * HALF_WORLD_M / 2.0**z


def zoom_for(metres_per_px: float, max_zoom: int) -> int:
    """The tile zoom whose pixels are nearest the view's, within the provider's zooms."""
    exact = math.log2(2 * HALF_WORLD_M / (TILE_PX * metres_per_px))
    return max(0, min(max_zoom, round(exact)))


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """West, south, east, north of a tile in Web Mercator metres."""
    size = tile_size_m(z)
    west, north = -HALF_WORLD_M + x * size, HALF_WORLD_M - y * size
    return west, north - size, west + size, north


def tile_range(
    west: float, south: float, east: float, north: float, z: int
) -> tuple[int, int, int, int]:
    """Inclusive x0, y0, x1, y1 of the tiles that cover a Web Mercator rectangle."""
    size = tile_size_m(z)
    last: int = 2**z - 1

    def clamp(v: float) -> int:
        return max(0, min(last, int(v)))

    x0 = clamp(math.floor((west + HALF_WORLD_M) / size))
    x1 = clamp(math.ceil((east + HALF_WORLD_M) / size) - 1)
    y0 = clamp(math.floor((HALF_WORLD_M - north) / size))
    y1 = clamp(math.ceil((HALF_WORLD_M - south) / size) - 1)
    return x0, y0, max(x0, x1), max(y0, y1)


def tiles_in_rect(
    west: float, south: float, east: float, north: float, z: int
) -> list[tuple[int, int]]:
    x0, y0, x1, y1 = tile_range(west, south, east, north, z)
    return [(x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]


def bbox_tiles(bbox: tuple[float, float, float, float], z: int) -> list[tuple[int, int]]:
    """Tiles covering a longitude/latitude box (west, south, east, north) at zoom z."""
    (west, east), (south, north) = lonlat_to_mercator(bbox[0::2], bbox[1::2])
    return tiles_in_rect(float(west), float(south), float(east), float(north), z)


@dataclass(frozen=True)
class PrefetchPlan:
    tiles: tuple[tuple[int, int, int], ...]  # (z, x, y)
    requests: int  # tiles x layers
    estimated_bytes: int
    allowed: bool
    reason: str  # why not, when not allowed


def plan_prefetch(
    provider: Provider,
    zoom_from: int,
    zoom_to: int,
    bbox: tuple[float, float, float, float] = WUHAN_BBOX,
    cache_bytes: int | None = None,
) -> PrefetchPlan:
    """The tiles a prefetch of `bbox` at zooms zoom_from..zoom_to would fetch, and whether the
    provider's terms (and the cache, which would evict what it just stored) allow it."""
    low, high = (max(0, min(provider.max_zoom, z)) for z in sorted((zoom_from, zoom_to)))
    tiles = tuple((z, x, y) for z in range(low, high + 1) for x, y in bbox_tiles(bbox, z))
    size = int(len(tiles) * sum(layer.typical_kb for layer in provider.layers) * 1024)
    reason = ""  # Chinese first, then English, as everywhere in the interface
    if provider.prefetch_limit == 0:
        reason = (
            f"{provider.name_zh}不允许批量下载 · {provider.name_en} does not allow bulk "
            f"downloads ({provider.policy})"
        )
    elif len(tiles) > provider.prefetch_limit:
        reason = (
            f"{len(tiles):,} 个瓦片超过上限 {provider.prefetch_limit:,} · {len(tiles):,} tiles "
            f"exceed the {provider.prefetch_limit:,} a prefetch may ask {provider.name_en} for "
            f"({provider.policy})"
        )
    elif cache_bytes is not None and size > 0.9 * cache_bytes:
        megabytes = f"{size / 2**20:,.0f} MB"
        reason = f"约 {megabytes}，超出瓦片缓存 · about {megabytes} would not fit the tile cache"
    return PrefetchPlan(tiles, len(tiles) * len(provider.layers), size, not reason, reason)


def shift_xy(x: ArrayLike, y: ArrayLike, datum: str) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator x, y (northing) of WGS84 data -> where tiles in `datum` draw that place."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if datum == "wgs84":
        return x, y
    return lonlat_to_mercator(*wgs84_to_gcj02(*mercator_to_lonlat(x, y)))


def shift_geometry(geometry: BaseGeometry, datum: str) -> BaseGeometry:
    """A Web Mercator geometry moved for display over tiles in `datum` (see shift_xy)."""
    if datum == "wgs84":
        return geometry
    return shapely.transform(
        geometry, lambda xy: np.column_stack(shift_xy(xy[:, 0], xy[:, 1], datum))
    )


def true_lonlat(lon: float, lat: float, datum: str) -> tuple[float, float]:
    """The WGS84 position of a point read off tiles in `datum`."""
    if datum == "wgs84":
        return lon, lat
    wlon, wlat = gcj02_to_wgs84([lon], [lat])
    return float(wlon[0]), float(wlat[0])
