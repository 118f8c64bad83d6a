"""Tile basemaps against a real tile server on 127.0.0.1: what the view asks for, the disk
cache, offline use, the cache limit, a proxy, a hanging or failing server, the AMap shift,
prefetch."""

from __future__ import annotations

import itertools
import math
import os
import random
import re
import struct
import subprocess
import sys
import threading
import time
import zlib
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton
from shapely.geometry import Point

from desktop.map import style
from desktop.map.basemap import FetchConfig
from desktop.map.canvas import MapCanvas
from gis.basemaps import PROVIDERS, TileSource, plan_prefetch, tiles_in_rect, zoom_for
from gis.crs import to_web_mercator, wgs84_to_gcj02
from gis.model import Status

TILE_RGB = (255, 0, 255)  # no layer of the map draws magenta
PATH = re.compile(r"/(\w+)/(\d+)/(\d+)/(\d+)\.png")


def png(rgb: tuple[int, int, int], noise_rows: int = 0, seed: int = 0) -> bytes:
    """A 256 x 256 RGB PNG of one colour; noisy rows make it as large as a real tile."""
    noise = random.Random(seed)
    rows = [noise.randbytes(768) if r < noise_rows else bytes(rgb) * 256 for r in range(256)]
    raw = zlib.compress(b"".join(b"\x00" + row for row in rows))

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


class TileServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, int, int, int]] = []  # layer, z, x, y
        self.queries: list[str] = []
        self.agents: list[str] = []
        self.release = threading.Event()  # ends every hanging response
        self.noise_rows = 0
        self.answer = lambda layer, z, x, y: "ok"  # "ok", "hang", "garbage" or an HTTP status

    def provider(self, base=PROVIDERS["osm"], layers=("base",), **changes):
        sources = tuple(
            TileSource(
                f"http://127.0.0.1:{self.server_port}/{name}/{{z}}/{{x}}/{{y}}.png?tk={{tk}}"
            )
            for name in layers
        )
        return replace(base, layers=sources, max_connections=4, prefetch_limit=500, **changes)

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # the app aborted a tile
            super().handle_error(request, client_address)

    def tiles(self, z: int | None = None) -> set[tuple[int, int, int]]:
        return {(tz, x, y) for _, tz, x, y in list(self.requests) if z is None or tz == z}


class _Handler(BaseHTTPRequestHandler):
    server: TileServer

    def do_GET(self) -> None:
        match = PATH.search(self.path)  # a proxy is sent the whole URL
        layer, z, x, y = match[1], int(match[2]), int(match[3]), int(match[4])
        self.server.requests.append((layer, z, x, y))
        self.server.queries.append(self.path.partition("?")[2])
        self.server.agents.append(self.headers.get("User-Agent", ""))
        answer = self.server.answer(layer, z, x, y)
        if answer == "hang":
            self.server.release.wait(30)
            return
        body = png(TILE_RGB, self.server.noise_rows, seed=x * 7919 + y) if answer == "ok" else b""
        body = b"<html>not a tile</html>" if answer == "garbage" else body
        self.send_response(answer if isinstance(answer, int) else 200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=604800")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture
def server():
    tiles = TileServer()
    thread = threading.Thread(target=tiles.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield tiles
    tiles.release.set()
    tiles.shutdown()
    tiles.server_close()


@pytest.fixture
def canvas(qtbot, map_data):
    view = MapCanvas(map_data)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.fit_to_wuhan()
    yield view
    view.set_basemap(None)


@pytest.fixture
def config(tmp_path) -> FetchConfig:
    return FetchConfig(cache_dir=tmp_path / "tiles", proxy="none", timeout_ms=5000)


def _expected(view: MapCanvas, max_zoom: int = 19) -> tuple[int, set[tuple[int, int, int]]]:
    """The tiles a viewer should ask for, from the view's extent and gis.basemaps alone."""
    rect = view.mapToScene(view.viewport().rect()).boundingRect()
    z = zoom_for(1.0 / view.transform().m11(), max_zoom)
    tiles = tiles_in_rect(rect.left(), -rect.bottom(), rect.right(), -rect.top(), z)
    return z, {(z, x, y) for x, y in tiles}


def _loaded(qtbot, view: MapCanvas, count: int) -> list:
    keys: list = []
    view.basemap.tileLoaded.connect(keys.append)
    qtbot.waitUntil(lambda: len(keys) >= count, timeout=10_000)
    return keys


def _magenta_share(view: MapCanvas) -> float:
    image = view.viewport().grab().toImage()
    samples = [
        image.pixelColor(x, y)
        for x in range(5, image.width(), 37)
        for y in range(5, image.height(), 37)
    ]
    return sum(c.getRgb()[:3] == TILE_RGB for c in samples) / len(samples)


def _cache_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_view_tiles_are_requested_drawn_and_cached(qtbot, canvas, server, config):
    _, expected = _expected(canvas)
    assert 6 <= len(expected) <= 40 and _magenta_share(canvas) == 0
    canvas.set_basemap(server.provider(), config)
    _loaded(qtbot, canvas, len(expected))
    assert server.tiles() == expected  # the view's tiles, each once, nothing more
    assert len(server.requests) == len(expected)
    qtbot.waitUntil(lambda: _magenta_share(canvas) > 0.6)
    assert canvas.basemap_credit() == "© OpenStreetMap contributors"
    cached = [p for p in config.cache_dir.rglob("*.d") if p.is_file()]
    assert len(cached) == len(expected)
    assert all(agent.startswith("WuhanEnvMap/") for agent in server.agents)


def test_cached_tiles_show_offline_with_the_server_stopped(qtbot, canvas, server, config):
    _, expected = _expected(canvas)
    canvas.set_basemap(server.provider(), config)
    _loaded(qtbot, canvas, len(expected))
    canvas.set_basemap(None)
    assert _magenta_share(canvas) == 0
    server.shutdown()
    server.server_close()
    canvas.set_basemap(server.provider(), replace(config, offline=True))
    _loaded(qtbot, canvas, len(expected))
    qtbot.waitUntil(lambda: _magenta_share(canvas) > 0.6)
    failed: list = []
    canvas.basemap.tileFailed.connect(lambda key, why: failed.append(key))
    canvas.zoom(4.0)  # tiles never fetched: blank, reported, no exception
    qtbot.waitUntil(lambda: len(failed) >= 4)
    assert {key[1] for key in failed} == {_expected(canvas)[0]}


def test_a_manual_proxy_carries_the_requests(qtbot, canvas, server, config):
    port = server.server_port
    provider = server.provider()
    elsewhere = TileSource(provider.layers[0].url.replace(f"127.0.0.1:{port}", "tiles.invalid"))
    canvas.set_basemap(
        replace(provider, layers=(elsewhere,)), replace(config, proxy=f"127.0.0.1:{port}")
    )
    _, expected = _expected(canvas)
    _loaded(qtbot, canvas, len(expected))
    assert server.tiles() == expected


def test_offline_mode_sends_no_request(qtbot, canvas, server, config):
    failed: list = []
    canvas.set_basemap(server.provider(), replace(config, offline=True))
    canvas.basemap.tileFailed.connect(lambda key, why: failed.append(key))
    qtbot.waitUntil(lambda: len(failed) == len(_expected(canvas)[1]))
    assert server.requests == []


def test_the_cache_limit_holds(qtbot, canvas, server, config):
    server.noise_rows = 24  # about 18 KB a tile
    limit = 150_000
    canvas.set_basemap(server.provider(), replace(config, cache_bytes=limit))
    plan = plan_prefetch(canvas.basemap.provider, 10, 11)
    assert len(plan.tiles) * 18_000 > 5 * limit
    done: list = []
    canvas.basemap.prefetchFinished.connect(done.append)
    canvas.basemap.prefetch(plan.tiles)
    qtbot.waitUntil(lambda: done == [True], timeout=20_000)
    used = _cache_bytes(config.cache_dir)
    assert limit * 0.5 < used <= limit, used


def _gaps_while(qtbot, until, timeout: int = 10_000) -> float:
    """The longest pause of a 10 ms timer, in seconds, until `until()` holds."""
    ticks = [time.monotonic()]
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    qtbot.waitUntil(lambda: until() and len(ticks) > 20, timeout=timeout)
    timer.stop()
    return max(b - a for a, b in itertools.pairwise(ticks))


def _site_pixel(view: MapCanvas, site_id: str) -> QColor:
    point = view.mapFromScene(view.site_scene_pos(site_id))
    return view.viewport().grab().toImage().pixelColor(point)


def test_a_hanging_server_never_freezes_the_map(qtbot, canvas, server, config):
    server.answer = lambda layer, z, x, y: "hang"
    failed: list = []
    canvas.set_basemap(server.provider(), replace(config, timeout_ms=1500))
    canvas.basemap.tileFailed.connect(lambda key, why: failed.append(why))
    steps = iter([1.25, 1.25, 0.64, 1.0])

    def pan_and_wait() -> bool:  # the user keeps zooming while tiles hang
        factor = next(steps, None)
        if factor is not None:
            canvas.zoom(factor)
        return len(failed) >= 4

    gap = _gaps_while(qtbot, pan_and_wait)
    assert gap < 0.25
    assert server.requests and all("timed out" in why for why in failed)
    canvas.zoom_to_site("pinghumen-water-plant")
    assert _site_pixel(canvas, "pinghumen-water-plant") == style.status_colour(Status.COMPLETED)


def test_a_view_change_cancels_stale_downloads(qtbot, canvas, server, config):
    server.answer = lambda layer, z, x, y: "hang"
    canvas.set_basemap(server.provider(), config)  # four connections, all left hanging
    old_zoom, old_view = _expected(canvas)
    qtbot.waitUntil(lambda: len(server.requests) == 4)
    canvas.zoom(4.0)
    new_zoom, _ = _expected(canvas)
    assert new_zoom == old_zoom + 2
    # New tiles can only start once the four stale downloads have been aborted.
    qtbot.waitUntil(lambda: len(server.tiles(new_zoom)) == 4)
    assert len(server.tiles(old_zoom)) == 4 < len(old_view)


def test_server_errors_leave_blank_tiles_and_a_working_map(qtbot, canvas, server, config):
    answers = (500, 404, "garbage")
    server.answer = lambda layer, z, x, y: answers[(x + y) % 3]
    failed: dict = {}
    canvas.set_basemap(server.provider(), config)
    canvas.basemap.tileFailed.connect(lambda key, why: failed.setdefault(key, why))
    _, expected = _expected(canvas)
    gap = _gaps_while(qtbot, lambda: len(failed) == len(expected))
    assert gap < 0.25
    reasons = set(failed.values())
    assert "not an image" in reasons and any("Not Found" in r for r in reasons), reasons
    assert len(server.requests) == len(expected)  # failures are not retried at once
    canvas.zoom(1.25)
    canvas.zoom(0.8)
    qtbot.waitUntil(lambda: canvas.basemap._timer.isActive() is False)
    assert len(server.requests) == len(expected)
    assert _magenta_share(canvas) == 0
    canvas.zoom_to_site("pinghumen-water-plant")
    assert _site_pixel(canvas, "pinghumen-water-plant") == style.status_colour(Status.COMPLETED)


def test_amap_tiles_draw_a_site_at_its_gcj02_position(qtbot, canvas, server, config, catalog):
    site = catalog.site("pinghumen-water-plant").location.geometry
    glon, glat = wgs84_to_gcj02([site.x], [site.y])
    gcj = to_web_mercator(Point(glon[0], glat[0]))
    canvas.zoom_to_site("pinghumen-water-plant")
    before = canvas.mapFromScene(canvas.site_scene_pos("pinghumen-water-plant"))
    canvas.set_basemap(server.provider(PROVIDERS["amap"]), config)
    assert canvas.datum == "gcj02"
    after = canvas.mapFromScene(canvas.site_scene_pos("pinghumen-water-plant"))
    expected = canvas.mapFromScene(gcj.x, -gcj.y)
    assert (after - expected).manhattanLength() <= 1
    px_per_m = canvas.transform().m11()
    wgs = to_web_mercator(site)
    shift_m = math.hypot(gcj.x - wgs.x, gcj.y - wgs.y)
    moved_px = math.hypot(after.x() - before.x(), after.y() - before.y())
    assert abs(moved_px - shift_m * px_per_m) < 1.5 and moved_px > 50
    assert _site_pixel(canvas, "pinghumen-water-plant") == style.status_colour(Status.COMPLETED)
    reported: list = []
    canvas.cursorMoved.connect(lambda lon, lat: reported.append((lon, lat)))
    qtbot.mouseMove(canvas.viewport(), after)
    qtbot.waitUntil(lambda: bool(reported))
    lon, lat = reported[-1]
    assert abs(lon - site.x) * 96_000 < 2 / px_per_m and abs(lat - site.y) * 111_000 < 2 / px_per_m
    canvas.set_basemap(None)
    assert canvas.mapFromScene(canvas.site_scene_pos("pinghumen-water-plant")) == before


def test_prefetch_asks_for_the_planned_tiles_and_cancel_stops_it(qtbot, canvas, server, config):
    view_zoom, _ = _expected(canvas)
    canvas.set_basemap(server.provider(), config)
    _loaded(qtbot, canvas, 1)
    plan = plan_prefetch(canvas.basemap.provider, view_zoom - 2, view_zoom - 1)
    assert plan.allowed and view_zoom not in {z for z, _, _ in plan.tiles}
    progress: list = []
    done: list = []
    canvas.basemap.prefetched.connect(lambda *counts: progress.append(counts))
    canvas.basemap.prefetchFinished.connect(done.append)
    assert canvas.basemap.prefetch(plan.tiles) == len(plan.tiles)
    qtbot.waitUntil(lambda: done == [True])
    assert server.tiles(view_zoom - 2) | server.tiles(view_zoom - 1) == set(plan.tiles)
    assert progress[-1] == (len(plan.tiles), len(plan.tiles), 0)

    deep = (view_zoom + 2, view_zoom + 3)
    big = plan_prefetch(canvas.basemap.provider, *deep)
    server.answer = lambda layer, z, x, y: "hang" if z in deep else "ok"
    canvas.basemap.prefetch(big.tiles)

    def prefetch_asked() -> int:
        return len(server.tiles(deep[0]) | server.tiles(deep[1]))

    qtbot.waitUntil(lambda: prefetch_asked() >= 2)
    canvas.basemap.cancel_prefetch()
    qtbot.waitUntil(lambda: done == [True, False])
    asked = prefetch_asked()
    assert asked == 2 < len(big.tiles)  # two at a time, then nothing
    server.release.set()
    canvas.zoom(2.0)  # new view tiles come after any prefetch request that would
    qtbot.waitUntil(lambda: _expected(canvas)[1] <= server.tiles())
    assert prefetch_asked() == asked


def test_tianditu_key_is_sent_but_never_logged(qtbot, canvas, server, config, caplog):
    secret = "0123456789abcdef-secret-tk"
    server.answer = lambda layer, z, x, y: 404 if layer == "labels" else "ok"
    provider = server.provider(PROVIDERS["tianditu"], layers=("base", "labels"))
    caplog.set_level("DEBUG")
    failed: list = []
    canvas.set_basemap(provider, config, key=secret)
    canvas.basemap.tileFailed.connect(lambda key, why: failed.append(why))
    _, expected = _expected(canvas, 18)
    qtbot.waitUntil(lambda: len(failed) == len(expected))
    assert {layer for layer, *_ in server.requests} == {"base", "labels"}
    assert all(q == f"tk={secret}" for q in server.queries)
    assert secret not in caplog.text and not any(secret in why for why in failed)
    assert "Not Found" in failed[0] and "tk=***" in failed[0]
    cached = [f for f in config.cache_dir.rglob("*") if f.is_file()]
    assert len(cached) == len(expected)  # the base layer's tiles
    assert not any(secret.encode() in f.read_bytes() for f in cached)
    canvas.set_basemap(None)  # a new key finds the same tiles cached, offline too
    canvas.set_basemap(provider, replace(config, offline=True), key="a-new-key")
    _loaded(qtbot, canvas, len(expected))


def test_a_basemap_needing_a_key_asks_for_nothing_without_one(qtbot, canvas, server, config):
    canvas.set_basemap(server.provider(PROVIDERS["tianditu"]), config)
    canvas.basemap.refresh()
    assert canvas.basemap_credit().startswith("天地图")
    canvas.zoom(1.25)
    qtbot.waitUntil(lambda: not canvas.basemap._timer.isActive())
    assert server.requests == []


def test_start_up_without_a_basemap_does_not_load_qtnetwork(tmp_path):
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "from desktop.main_window import MainWindow; "
        "from gis import load_map_data; w = MainWindow(load_map_data()); w.show(); "
        "print('PySide6.QtNetwork' in sys.modules)"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env["XDG_CONFIG_HOME"] = env["XDG_CACHE_HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_prefetch_from_the_window_shows_progress_and_can_be_cancelled(
    qtbot, window, server, config
):
    window.canvas.set_basemap(server.provider(), config)
    plan = plan_prefetch(window.canvas.basemap.provider, 6, 7)
    progress = window.basemaps.start_prefetch(plan)
    progress.show()  # as it does by itself after a few seconds
    assert progress.maximum() == plan.requests
    qtbot.waitUntil(lambda: "预取完成" in window.statusBar().currentMessage())
    assert "失败：0" in window.statusBar().currentMessage()
    # A finished prefetch does not hold the window: its dialog is hidden (and deleted).
    assert not shiboken6.isValid(progress) or not progress.isVisible()
    assert server.tiles(6) | server.tiles(7) == set(plan.tiles)
    deep = _expected(window.canvas)[0] + 2
    server.answer = lambda layer, z, x, y: "hang" if z == deep else "ok"
    progress = window.basemaps.start_prefetch(
        plan_prefetch(window.canvas.basemap.provider, deep, deep)
    )
    qtbot.waitUntil(lambda: len(server.tiles(deep)) == 2)
    progress.findChild(QPushButton).click()  # 取消
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "已取消预取")
    assert window.basemaps.progress is None


def test_a_print_fetches_tiles_for_its_resolution_and_shows_them(
    qtbot, canvas, server, config, tmp_path
):
    """A 300-dpi page is drawn from tiles two zoom levels finer than the 800-pixel view's,
    fetched for the print, without listing the world's tiles (the page is handed the whole
    world as its exposed area)."""
    from PySide6.QtGui import QImage

    from desktop.map.paper import PRESETS
    from desktop.map.print_files import write_png
    from desktop.map.print_layout import LayoutOptions

    canvas.set_basemap(server.provider(), config)
    view_zoom = _expected(canvas)[0]
    qtbot.waitUntil(lambda: bool(server.tiles(view_zoom)))
    out = tmp_path / "page.png"
    write_png(canvas, PRESETS["a4-landscape"], LayoutOptions(), out)
    assert server.tiles(view_zoom + 2)
    page = QImage(str(out)).scaled(351, 248)  # a tenth: one pixel per 1/30 inch
    magenta = sum(
        page.pixelColor(x, y).getRgb()[:3] == TILE_RGB for x in range(351) for y in range(248)
    )
    assert magenta > 0.25 * 351 * 248


def test_a_worker_stuck_in_a_call_neither_freezes_nor_kills_the_program(qtbot, canvas, config):
    """Closing a basemap whose worker is busy (a proxy lookup, a slow disk) returns within
    a second; the thread is kept, not destroyed running, and ends by itself."""
    from PySide6.QtCore import QObject, Signal, Slot

    from desktop.map import basemap as basemap_module

    class Stuck(QObject):
        go = Signal()

        @Slot()
        def block(self) -> None:
            time.sleep(2.5)

    canvas.set_basemap(PROVIDERS["osm"], replace(config, offline=True))
    basemap = canvas.basemap
    stuck = Stuck()
    stuck.moveToThread(basemap.worker)
    stuck.go.connect(stuck.block)
    stuck.go.emit()
    time.sleep(0.1)
    began = time.monotonic()
    canvas.set_basemap(None)
    assert time.monotonic() - began < 2.0
    assert basemap in basemap_module._closing
    qtbot.waitUntil(lambda: basemap not in basemap_module._closing, timeout=10_000)
    assert not basemap.worker.isRunning()
