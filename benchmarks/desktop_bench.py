"""Desktop benchmarks, run on demand (not in the test suite): prints medians on this machine.

    QT_QPA_PLATFORM=offscreen python benchmarks/desktop_bench.py

start-up: process start -> first painted frame (the main window, its map area showing the last
          start's record of the map, which pans and zooms and keeps a click) with the map
          cache in place, as on every start but the first, and -> the live map (read from the
          map data: identify, tooltips, filters) in the same processes, beside the bare
          PySide6 window painting the 13 districts (benchmarks/anchors/bare_window.py), the
          two alternating (7 processes each): medians
          of wall seconds and of the processes' CPU seconds (which a loaded machine disturbs
          less), and their ratios; the first (cache-building) start is reported too, and a
          start after the data changed (no record, the cache rebuilt); and -> the whole
          window ready (its panels, menus and tools, built after the map paints).
          The app's modules are compiled to bytecode first, as an installed app's are (a
          PYTHONDONTWRITEBYTECODE environment would otherwise compile them at every start).
Each scenario loads map data from a map cache written beforehand, as the app does, in 3
processes.
first paint: reading the cache, building the map and painting its first 1280x800 frame
frame:    one full repaint at city scale after a 5-pixel pan (median of 20); zoom frame: the
          same after a zoom step in or out, which redraws every symbol in view; long pan
          frame: the same after a 300-pixel pan, past a crowded view's image; busy frame:
          the same pan and zoom where nearly VECTOR_LIMIT symbols are in view, all drawn;
          each in wall and in the GUI thread's CPU milliseconds
identify: sites under a click (median of 200 random positions)
cache read: reading and decoding the scenario's map cache
memory:   peak resident memory of each scenario's process (long pans included); per site:
          beyond the seed's peak
Targets (issue #15): start-up <= 1.5x the bare window; 100k sites to first paint <= 1.5 s;
every frame <= 16 ms; <= 1 KB per site.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = 3


def startup_seconds(home: Path, command: list[str] | None = None) -> dict[str, tuple[float, float]]:
    """From launching `envmap app` to the moment the window's first paint event arrives, as
    the bundle is timed (ENVMAP_REPORT_FIRST_PAINT: the app stamps the frame, then the real
    window's map as `map-paint`, then `window-ready` once its panels are there, and quits, so
    work queued after it, like opening the status store, is out). `home` keeps the map cache,
    first frame, settings and user data of these runs away from the real ones. (wall, CPU)
    seconds to each stamp printed."""
    start = time.time()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ENVMAP_REPORT_FIRST_PAINT": "1"}
    for name in ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        env[name] = str(home / name.lower())
    out = subprocess.run(
        command or [sys.executable, "-m", "desktop.cli", "app"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=HERE.parent,
    )
    stamps = {}
    for line in out.stdout.splitlines():
        if line.startswith(("first-paint ", "map-paint ", "window-ready ")):
            name, wall, *cpu = line.split()
            stamps[name] = (float(wall) - start, float(cpu[0]) if cpu else float("nan"))
    return stamps


def startup_beside_bare_window(home: Path) -> None:
    """The first frame (the window with the last start's record of the map) and the live map,
    both timed in the same `envmap app` processes."""
    import compileall

    sys.path.insert(0, str(HERE))
    from anchors_bench import _district_rings

    for package in ("desktop", "gis"):
        compileall.compile_dir(HERE.parent / package, quiet=1)

    rings = home / "districts.json"
    _district_rings(rings)
    bare = [sys.executable, str(HERE / "anchors" / "bare_window.py"), str(rings)]
    first = startup_seconds(home)["map-paint"][0]
    print(f"start-up building the map cache (first start): {first:.2f} s")
    runs: dict[str, list[tuple[float, float]]] = {"bare": [], "app": [], "map": [], "ready": []}
    for _ in range(7):
        runs["bare"].append(startup_seconds(home, bare)["first-paint"])
        app = startup_seconds(home)
        runs["app"].append(app["first-paint"])
        runs["map"].append(app["map-paint"])
        runs["ready"].append(app["window-ready"])
    labels = (
        ("app", "the window's first frame (recorded map: pans, zooms, keeps a click)"),
        ("map", "the live map"),
    )
    for what, label in (*labels, ("ready", "the whole window ready")):
        for i, unit in enumerate(("wall", "CPU")):
            bare_s = statistics.median(run[i] for run in runs["bare"])
            app_s = statistics.median(run[i] for run in runs[what])
            shown = ", ".join(f"{run[i]:.2f}" for run in runs[what])
            print(
                f"start-up to {label}, {unit}: median {app_s:.3f} s (runs: {shown}); "
                f"bare window {bare_s:.3f} s; ratio {app_s / bare_s:.2f}x (target <= 1.5x)"
            )
    for stale in home.rglob("first-frame-*.picture"):  # as after the data or program changed:
        stale.unlink()  # no record of this map, and its cache is built anew
    for cache in home.rglob("mapdata.cache"):
        cache.unlink()
    changed = startup_seconds(home)
    print(
        "start-up after the data changed (no record, the map cache rebuilt): the window, "
        f"saying the map is loading, {changed['first-paint'][0]:.2f} s; the live map "
        f"{changed['map-paint'][0]:.2f} s"
    )


def shipped_key() -> dict[str, str]:
    """The shipped data's cache key: any key does, as long as writing and reading agree."""
    from gis.mapdata import cache_key
    from gis.paths import data_root

    return cache_key(data_root(), None)


def prepare(sites: int, out: Path) -> float:
    """Build the map data as a first start would and write it as the app's cache does."""
    sys.path.insert(0, str(HERE))
    from synthetic import synthetic_catalog

    from gis import build_map_data, load_catalog
    from gis.mapdata import write_map_cache
    from gis.paths import data_root

    catalog = synthetic_catalog(sites) if sites else load_catalog()
    start = time.perf_counter()
    map_data = build_map_data(catalog)
    seconds = time.perf_counter() - start
    write_map_cache(out, map_data, shipped_key(), data_root(), None)
    return seconds


def scenario(prepared: Path, clicks: int) -> dict:
    """Runs in its own process, as the app does from a warm cache, so its peak memory is the
    app's own: no geopandas, only the map data."""
    import random

    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from desktop.map.canvas import MapCanvas
    from gis.mapdata import read_map_cache
    from gis.paths import data_root

    app = QApplication.instance() or QApplication([])
    key = shipped_key()
    read = time.perf_counter()
    cpu = time.process_time()
    map_data = read_map_cache(prepared, key, data_root(), None)
    built = time.perf_counter()
    assert map_data is not None, f"{prepared}: the map cache was not read"
    canvas = MapCanvas(map_data)
    canvas.resize(1280, 800)
    canvas.show()
    app.processEvents()
    canvas.viewport().grab()  # the first frame
    first_paint = (time.perf_counter() - read, time.process_time() - cpu)
    canvas.fit_to_wuhan()
    build_s = time.perf_counter() - built
    frames, zooms = _pans_and_zooms(canvas)
    long_pans = _long_pans(canvas)
    _busy_view(canvas)
    busy_pans, busy_zooms = _pans_and_zooms(canvas)
    rng = random.Random(1)
    picks = []
    for _ in range(clicks):
        pos = QPoint(rng.randrange(1280), rng.randrange(800))
        t = time.perf_counter()
        canvas.sites_at(pos)
        picks.append(time.perf_counter() - t)
    return {
        "sites": len(map_data.catalog.sites),
        "first_paint_s": round(first_paint[0], 3),
        "first_paint_cpu_s": round(first_paint[1], 3),
        "cache_read_s": round(built - read, 3),
        "canvas_build_s": round(build_s, 2),
        "frame_ms": _ms(frames, 0),
        "zoom_frame_ms": _ms(zooms, 0),
        "long_pan_frame_ms": _ms(long_pans, 0),
        "busy_frame_ms": _ms(busy_pans, 0),
        "busy_zoom_frame_ms": _ms(busy_zooms, 0),
        "frame_cpu_ms": _ms(frames, 1),
        "zoom_frame_cpu_ms": _ms(zooms, 1),
        "busy_frame_cpu_ms": _ms(busy_pans, 1),
        "busy_zoom_frame_cpu_ms": _ms(busy_zooms, 1),
        "identify_ms": round(statistics.median(picks) * 1000, 3),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _pans_and_zooms(canvas) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(wall, CPU) seconds of 20 frames after a pan and 20 after a zoom step; the GUI thread
    paints a grab by itself, so its CPU time is the frame's, whatever the machine's load."""

    def frame() -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.thread_time()
        canvas.viewport().grab()
        return time.perf_counter() - wall, time.thread_time() - cpu

    frames = []
    for i in range(20):
        canvas.horizontalScrollBar().setValue(canvas.horizontalScrollBar().value() + (-1) ** i * 5)
        frames.append(frame())
    zooms = []
    for i in range(20):
        canvas.zoom(1.25 if i % 2 == 0 else 0.8)
        zooms.append(frame())
    return frames, zooms


def _long_pans(canvas) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of 12 frames each after a 300-pixel pan, back and forth: past the
    edge of a crowded view's image (CACHE_PAD_PX), so each frame renders the image anew."""
    frames = []
    for i in range(12):
        bar = canvas.horizontalScrollBar()
        bar.setValue(bar.value() + (300 if i % 4 < 2 else -300))
        wall, cpu = time.perf_counter(), time.thread_time()
        canvas.viewport().grab()
        frames.append((time.perf_counter() - wall, time.thread_time() - cpu))
    return frames


def _ms(times: list[tuple[float, float]], which: int) -> float:
    return round(statistics.median(t[which] for t in times) * 1000, 2)


def _busy_view(canvas) -> None:
    """Zoom in on the busiest part of the map until at most VECTOR_LIMIT symbols are in view
    (the zoom steps of the frames above come back here): every one of them is drawn."""
    import numpy as np

    from desktop.map.site_layer import VECTOR_LIMIT

    layer = canvas.points
    canvas.centerOn(float(np.median(layer.xs)), float(np.median(layer.ys)))

    def in_view() -> int:
        rect = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
        return len(layer._in_rect(rect, canvas.transform().m11()))

    while in_view() > VECTOR_LIMIT / 1.25:
        canvas.zoom(1.05)


def _child(*args: str) -> str:
    out = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return out.stdout.strip().splitlines()[-1]


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--prepare":
        print(prepare(int(sys.argv[2]), Path(sys.argv[3])))
        return
    if len(sys.argv) == 4 and sys.argv[1] == "--scenario":
        print(json.dumps(scenario(Path(sys.argv[2]), int(sys.argv[3]))))
        return
    print(f"load average before: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as home:
        startup_beside_bare_window(Path(home))
    keys = ("first_paint_s", "first_paint_cpu_s", "cache_read_s", "frame_ms", "zoom_frame_ms")
    keys += ("long_pan_frame_ms", "busy_frame_ms", "busy_zoom_frame_ms", "frame_cpu_ms")
    keys += ("zoom_frame_cpu_ms",)
    keys += ("busy_frame_cpu_ms", "busy_zoom_frame_cpu_ms", "identify_ms", "peak_mb")
    seed_peak = None
    with tempfile.TemporaryDirectory() as work:
        for sites in (0, 10_000, 100_000):
            prepared = Path(work) / f"{sites}.cache"
            build_s = float(_child("--prepare", str(sites), str(prepared)))
            runs = [json.loads(_child("--scenario", str(prepared), "200")) for _ in range(RUNS)]
            summary = {key: statistics.median(run[key] for run in runs) for key in keys}
            seed_peak = seed_peak if seed_peak is not None else summary["peak_mb"]
            if sites:
                extra = (summary["peak_mb"] - seed_peak) * 1024 / sites
                summary["kb_per_site_beyond_seed"] = round(extra, 2)
                summary["kb_per_site_of_peak"] = round(summary["peak_mb"] * 1024 / sites, 2)
            print(
                f"{runs[0]['sites']} sites: map data built in {build_s:.2f} s; medians of "
                f"{RUNS} processes: {json.dumps(summary)}"
            )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
