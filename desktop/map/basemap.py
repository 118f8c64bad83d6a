"""A tile basemap under the map: the item that paints tiles and the controller that asks the
worker thread (desktop.map.tiles) for the ones the view shows.

Only the tiles of the visible view at the zoom nearest the view's resolution are requested;
a view change replaces the request list, so stale downloads are dropped. While a tile is
missing its parent tile, already in memory, is drawn enlarged; a tile that fails is left
blank and tried again after RETRY_S. QtNetwork loads with the first basemap, not at start-up.
"""

from __future__ import annotations

import atexit
import time
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRectF,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QStyleOptionGraphicsItem, QWidget

from gis.basemaps import (
    HALF_WORLD_M,
    Provider,
    tile_bounds,
    tile_range,
    tile_size_m,
    tiles_in_rect,
    zoom_for,
)

TileKey = tuple[int, int, int, int]  # layer, z, x, y
MEMORY_TILES = 384  # decoded tiles kept for panning back (256 KB each)
RETRY_S = 30.0
PARENT_LEVELS = 4  # how far up to look for a stand-in while a tile loads
MAX_DRAWN = 1500  # tiles one paint may draw; more means a zoom far from the view's
Z_VALUE = -10.0  # below districts (0) and everything else
STOP_WAIT_MS = 1000  # how long closing may hold the window before the worker ends on its own
PRINT_WAIT_MS = 30_000  # how long a print waits for its tiles
PRINT_MAX_TILES = 400  # per layer; an A3 page at 300 dpi needs about 210

_live: weakref.WeakSet[Basemap] = weakref.WeakSet()
_closing: set[Basemap] = set()  # closed, but the worker is still stuck in a call


@dataclass(frozen=True)
class FetchConfig:
    cache_dir: Path
    cache_bytes: int = 200 * 2**20
    offline: bool = False  # only the disk cache: no request leaves the machine
    proxy: str = "system"  # "system", "none", or a URL such as http://proxy.example:8080
    timeout_ms: int = 15_000
    max_connections: int = 2


def tile_rect(z: int, x: int, y: int) -> QRectF:
    """A tile in scene coordinates (Web Mercator metres with y pointing down)."""
    west, south, east, north = tile_bounds(z, x, y)
    return QRectF(west, -north, east - west, north - south)


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
        pinned = basemap.pinned_zoom if widget is None else None  # a print's own zoom
        if pinned is None:
            pixel_m = 1.0 / (transform.m11() * painter.device().devicePixelRatio())
            z = zoom_for(pixel_m, basemap.provider.max_zoom)
        else:
            z = pinned
        # Only what the device shows: a print is handed the whole world as exposed.
        rect = option.exposedRect.intersected(
            transform.inverted()[0].mapRect(QRectF(painter.viewport()))
        )
        if painter.hasClipping():
            rect = rect.intersected(painter.clipBoundingRect())
        if not rect.isEmpty() and tile_count(rect, z) <= MAX_DRAWN:
            painter.save()
            painter.resetTransform()  # whole device pixels: no seams between tiles
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            tiles = tiles_in_rect(rect.left(), -rect.bottom(), rect.right(), -rect.top(), z)
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


def tile_count(rect: QRectF, z: int) -> int:
    """Tiles covering a scene rectangle at zoom z, counted without listing them."""
    x0, y0, x1, y1 = tile_range(rect.left(), -rect.bottom(), rect.right(), -rect.top(), z)
    return (x1 - x0 + 1) * (y1 - y0 + 1)


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
        self.pinned_zoom: int | None = None  # while a print holds its tiles
        self._closed = False
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
        _live.add(self)
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
        pixel_m = 1.0 / (view.transform().m11() * view.devicePixelRatioF())  # sharp on HiDPI
        z = zoom_for(pixel_m, self.provider.max_zoom)
        tiles = tiles_in_rect(rect.left(), -rect.bottom(), rect.right(), -rect.top(), z)
        size = tile_size_m(z)
        middle_x = (rect.center().x() + HALF_WORLD_M) / size - 0.5
        middle_y = (rect.center().y() + HALF_WORLD_M) / size - 0.5
        return z, sorted(tiles, key=lambda t: (t[0] - middle_x) ** 2 + (t[1] - middle_y) ** 2)

    def refresh(self) -> None:
        """Ask for the view's missing tiles; anything asked for before and now out of view
        is cancelled by the new list."""
        if (self.provider.needs_key and not self.key) or self.pinned_zoom is not None:
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

    @contextmanager
    def tiles_for_print(self, rect: QRectF, metres_per_px: float) -> Iterator[int]:
        """Load the tiles a print of `rect` at `metres_per_px` needs (coarser when the area
        would take more than MAX_DRAWN), wait for them up to PRINT_WAIT_MS, and keep them
        while the caller paints; yields how many could not be had."""
        z = zoom_for(metres_per_px, self.provider.max_zoom)
        while z > 0 and tile_count(rect, z) > PRINT_MAX_TILES:
            z -= 1
        tiles = tiles_in_rect(rect.left(), -rect.bottom(), rect.right(), -rect.top(), z)
        keys = [(layer, z, x, y) for layer in range(len(self.provider.layers)) for x, y in tiles]
        in_view = self._in_view
        self.pinned_zoom, self._in_view = z, max(in_view, len(keys))  # kept in memory
        missing = {key for key in keys if key not in self._images}
        if missing and not (self.provider.needs_key and not self.key):
            self._wait_for(missing)
        try:
            yield sum(key not in self._images for key in keys)
        finally:
            self.pinned_zoom, self._asked, self._in_view = None, [], in_view
            self.schedule()

    def _wait_for(self, missing: set[TileKey]) -> None:
        """Let the worker's answers arrive until every tile is in or PRINT_WAIT_MS has passed,
        on the clock: a timer inside a nested loop was seen never to fire (print froze)."""

        def arrived(key: TileKey, *_) -> None:
            missing.discard(key)

        self.tileLoaded.connect(arrived)
        self.tileFailed.connect(arrived)
        layers = self.provider.layers
        self._asked = sorted(missing)
        self._want.emit([(k, layers[k[0]].tile_url(*k[1:], self.key)) for k in self._asked])
        deadline = time.monotonic() + PRINT_WAIT_MS / 1000
        while missing and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.005)
        self.tileLoaded.disconnect(arrived)
        self.tileFailed.disconnect(arrived)

    def close(self) -> None:
        """Abort downloads and end the worker thread; safe to call twice. A worker stuck in
        a system call (proxy discovery, a slow disk) is kept until it ends: a QThread
        destroyed while running takes the whole program down."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        _live.discard(self)
        if not self.worker.isRunning():
            return
        self._stop.emit()
        if not self.worker.wait(STOP_WAIT_MS):
            _closing.add(self)
            self.worker.finished.connect(lambda: _closing.discard(self))


@atexit.register
def _end_workers() -> None:
    """At exit, end every worker before Python frees its thread object."""
    for basemap in list(_live):
        basemap.close()
    for basemap in list(_closing):
        if not basemap.worker.wait(3000):
            basemap.worker.terminate()  # stuck for good; the process is ending anyway
            basemap.worker.wait()
