"""A tile basemap under the map: the item that paints tiles and the controller that asks the
worker thread (desktop.map.tiles) for the ones the view shows.

Only the tiles of the visible view at the zoom nearest the view's resolution are requested;
a view change replaces the request list, so stale downloads are dropped. While a tile is
missing its parent tile, already in memory, is drawn enlarged; a tile that fails is left
blank and tried again after RETRY_S. QtNetwork loads with the first basemap, not at start-up.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QStyleOptionGraphicsItem, QWidget

from gis.basemaps import HALF_WORLD_M, Provider, tile_size_m, tiles_in_rect, zoom_for

TileKey = tuple[int, int, int, int]  # layer, z, x, y
MEMORY_TILES = 384  # decoded tiles kept for panning back (256 KB each)
RETRY_S = 30.0
PARENT_LEVELS = 4  # how far up to look for a stand-in while a tile loads
MAX_DRAWN = 1500  # tiles one paint may draw; more means a zoom far from the view's
Z_VALUE = -10.0  # below districts (0) and everything else


@dataclass(frozen=True)
class FetchConfig:
    cache_dir: Path
    cache_bytes: int = 200 * 2**20
    offline: bool = False  # only the disk cache: no request leaves the machine
    proxy: str = "system"  # "system", "none", or a URL such as http://proxy.example:8080
    timeout_ms: int = 15_000
    max_connections: int = 2


def tile_rect(z: int, x: int, y: int) -> QRectF:
    """A tile in scene coordinates (Web Mercator metres, y down: tile rows run the same way)."""
    size = tile_size_m(z)
    return QRectF(-HALF_WORLD_M + x * size, -HALF_WORLD_M + y * size, size, size)


class TileItem(QGraphicsItem):
    def __init__(self, basemap: Basemap) -> None:
        super().__init__()
        self.basemap = basemap
        self.setZValue(Z_VALUE)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return QRectF(-HALF_WORLD_M, -HALF_WORLD_M, 2 * HALF_WORLD_M, 2 * HALF_WORLD_M)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        transform = painter.worldTransform()
        basemap = self.basemap
        z = zoom_for(1.0 / transform.m11(), basemap.provider.max_zoom)
        rect = option.exposedRect
        tiles = tiles_in_rect(rect.left(), -rect.bottom(), rect.right(), -rect.top(), z)
        if len(tiles) <= MAX_DRAWN:
            painter.save()
            painter.resetTransform()  # whole device pixels: no seams between tiles
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for layer in range(len(basemap.provider.layers)):
                for x, y in tiles:
                    self._draw(painter, transform, layer, z, x, y)
            painter.restore()
        if widget is not None:
            basemap.schedule()  # the view may have moved: ask for its tiles shortly

    def _draw(self, painter: QPainter, transform, layer: int, z: int, x: int, y: int) -> None:
        target = transform.mapRect(tile_rect(z, x, y)).toAlignedRect()
        image = self.basemap.image((layer, z, x, y))
        if image is not None:
            painter.drawImage(target, image)
            return
        for up in range(1, min(PARENT_LEVELS, z) + 1):
            parent = self.basemap.image((layer, z - up, x >> up, y >> up))
            if parent is not None:
                part = parent.width() / 2**up
                source = QRectF(
                    (x - ((x >> up) << up)) * part, (y - ((y >> up) << up)) * part, part, part
                )
                painter.drawImage(QRectF(target), parent, source)
                return


class Basemap(QObject):
    """One provider's tiles for one view; `close` ends its worker thread."""

    tileLoaded = Signal(object)  # tile key
    tileFailed = Signal(object, str)  # tile key, why
    prefetched = Signal(int, int, int)  # done, total, failed
    prefetchFinished = Signal(bool)  # completed (False: cancelled)
    _want = Signal(object)
    _start = Signal()
    _stop = Signal()
    _prefetch = Signal(object)
    _cancel_prefetch = Signal()

    def __init__(
        self, provider: Provider, config: FetchConfig, view: QGraphicsView, key: str = ""
    ) -> None:
        super().__init__()
        from desktop.map.tiles import TileFetcher  # QtNetwork loads here

        self.provider, self.config, self.view, self.key = provider, config, view, key
        self.item = TileItem(self)
        self._images: OrderedDict[TileKey, QImage] = OrderedDict()
        self._failed: dict[TileKey, float] = {}
        self._asked: list[TileKey] = []
        self._in_view = 0  # tiles of all layers the view shows
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(40)  # a burst of paints (a drag) makes one request list
        self._timer.timeout.connect(self.refresh)
        self.worker = QThread()
        self.worker.setObjectName(f"tiles-{provider.id}")
        fetch = replace(config, max_connections=provider.max_connections)
        self.fetcher = TileFetcher(fetch)
        self.fetcher.moveToThread(self.worker)
        self._start.connect(self.fetcher.start)
        self._want.connect(self.fetcher.want)
        self._stop.connect(self.fetcher.stop)
        self._prefetch.connect(self.fetcher.prefetch)
        self._cancel_prefetch.connect(self.fetcher.cancel_prefetch)
        self.fetcher.loaded.connect(self._loaded)
        self.fetcher.failed.connect(self._failed_tile)
        self.fetcher.prefetched.connect(self.prefetched)
        self.fetcher.prefetchFinished.connect(self.prefetchFinished)
        self.worker.start()
        self._start.emit()
        self.schedule()

    def image(self, key: TileKey) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def view_tiles(self) -> tuple[int, list[tuple[int, int]]]:
        """The zoom and tiles the view shows now, nearest its centre first."""
        view = self.view
        rect = view.mapToScene(view.viewport().rect()).boundingRect()
        z = zoom_for(1.0 / view.transform().m11(), self.provider.max_zoom)
        tiles = tiles_in_rect(rect.left(), -rect.bottom(), rect.right(), -rect.top(), z)
        size = tile_size_m(z)
        middle_x = (rect.center().x() + HALF_WORLD_M) / size - 0.5
        middle_y = (rect.center().y() + HALF_WORLD_M) / size - 0.5
        return z, sorted(tiles, key=lambda t: (t[0] - middle_x) ** 2 + (t[1] - middle_y) ** 2)

    def refresh(self) -> None:
        """Ask for the view's missing tiles; anything asked for before and now out of view
        is cancelled by the new list."""
        if self.provider.needs_key and not self.key:
            return
        z, tiles = self.view_tiles()
        self._in_view = len(tiles) * len(self.provider.layers)
        now = time.monotonic()
        wanted = [
            (layer, z, x, y)
            for layer in range(len(self.provider.layers))
            for x, y in tiles
            if (layer, z, x, y) not in self._images
            and now - self._failed.get((layer, z, x, y), -RETRY_S) >= RETRY_S
        ]
        if wanted == self._asked:
            return
        self._asked = wanted
        layers = self.provider.layers
        self._want.emit([(k, layers[k[0]].tile_url(*k[1:], self.key)) for k in wanted])

    def _loaded(self, key: TileKey, image: QImage) -> None:
        self._images[key] = image
        self._failed.pop(key, None)
        while len(self._images) > max(MEMORY_TILES, 2 * self._in_view):  # a huge screen
            self._images.popitem(last=False)
        self._forget(key)
        self.item.update(tile_rect(*key[1:]))
        self.tileLoaded.emit(key)

    def _failed_tile(self, key: TileKey, problem: str) -> None:
        self._failed[key] = time.monotonic()
        self._forget(key)
        self.tileFailed.emit(key, problem)

    def _forget(self, key: TileKey) -> None:
        if key in self._asked:
            self._asked = [k for k in self._asked if k != key]

    def prefetch(self, tiles) -> int:
        """Download (z, x, y) tiles of every layer into the disk cache; returns the count."""
        urls = [
            layer.tile_url(z, x, y, self.key) for z, x, y in tiles for layer in self.provider.layers
        ]
        self._prefetch.emit(urls)
        return len(urls)

    def cancel_prefetch(self) -> None:
        self._cancel_prefetch.emit()

    def close(self) -> None:
        """Abort downloads and end the worker thread; safe to call twice."""
        if self.worker.isRunning():
            self._timer.stop()
            self._stop.emit()
            self.worker.wait(5000)
