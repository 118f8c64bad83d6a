"""Start-up and render beside their anchors, run on demand (the machine is shared: medians of
5 processes, and ratios, which hold better than seconds):

    QT_QPA_PLATFORM=offscreen python benchmarks/anchors_bench.py [render]

- `envmap app` to its first painted map, beside a bare PySide6 window painting the 13
  districts (benchmarks/anchors/bare_window.py) and, where QGIS is installed (apt:
  python3-qgis), a PyQGIS map canvas drawing the same layers from an `envmap export gpkg`;
- `envmap render` of a 1600x1200 PNG beside PyQGIS rendering that GeoPackage to a PNG, on the
  default path (the user folder with a status store holding statuses and a correction) and
  with --catalog-only, the three alternating (7 processes each; `render` runs these alone).
PyQGIS runs in the system's Python (/usr/bin/python3).
Targets (issue #15): app <= 1.5x the bare window; render <= PyQGIS's one-PNG script.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RUNS = 5
RENDER_RUNS = 7


def _stamped(command: list[str], env: dict[str, str], word: str) -> float:
    """Seconds from launching `command` to the time it prints after `word`."""
    start = time.time()
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env, cwd=ROOT)
    stamp = next(line for line in out.stdout.splitlines() if line.startswith(word))
    return float(stamp.split()[1]) - start


def _median(label: str, runs: list[float], anchor: float | None = None) -> float:
    middle = statistics.median(runs)
    ratio = f" = {middle / anchor:.2f}x the anchor" if anchor else ""
    shown = ", ".join(f"{r:.2f}" for r in runs)
    print(f"{label:<44} median {middle:6.2f} s (runs: {shown}){ratio}")
    return middle


def _district_rings(path: Path) -> None:
    from gis import load_catalog
    from gis.crs import to_web_mercator
    from gis.layers import build_layers

    rings = []
    for geometry in (row["geometry"] for row in build_layers(load_catalog())["districts"]):
        for polygon in getattr(to_web_mercator(geometry), "geoms", [to_web_mercator(geometry)]):
            rings.append([list(xy) for xy in polygon.exterior.coords])
    path.write_text(json.dumps(rings), encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ENVMAP_REPORT_FIRST_PAINT": "1"}
        for name in ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
            env[name] = str(work_path / name.lower())
        rings, gpkg = work_path / "districts.json", work_path / "layers.gpkg"
        _district_rings(rings)
        subprocess.run(
            [sys.executable, "-m", "gis.cli", "--catalog-only", "export", "gpkg", str(gpkg)],
            check=True,
            capture_output=True,
            cwd=ROOT,
            env=env,
        )
        qgis = _qgis_python()
        if sys.argv[1:] == ["render"]:
            render_beside_pyqgis(work_path, env, gpkg, qgis)
            return
        bare = [sys.executable, str(HERE / "anchors" / "bare_window.py"), str(rings)]
        app = [sys.executable, "-m", "desktop.cli", "app"]
        _stamped(app, env, "first-paint")  # the first start builds the map cache
        anchor = _median("bare PySide6 window, 13 polygons", [
            _stamped(bare, env, "first-paint") for _ in range(RUNS)
        ])  # fmt: skip
        _median("envmap app to first painted map", [
            _stamped(app, env, "first-paint") for _ in range(RUNS)
        ], anchor)  # fmt: skip
        pyqgis = [qgis or "", str(HERE / "anchors" / "pyqgis.py")]
        if qgis:
            _median("PyQGIS map canvas, same layers", [
                _stamped([*pyqgis, "paint", str(gpkg)], env, "first-paint") for _ in range(RUNS)
            ], anchor)  # fmt: skip
        render_beside_pyqgis(work_path, env, gpkg, qgis)


def render_beside_pyqgis(work: Path, env: dict[str, str], gpkg: Path, qgis: str | None) -> None:
    """`envmap render` as a user runs it (the user folder and its status store, holding a few
    statuses and a location correction) and with --catalog-only, alternating with the PyQGIS
    script process by process (a loaded machine then slows all three alike): medians of wall
    and CPU seconds and their ratios to the script's."""
    _user_store(env)
    png = str(work / "map.png")
    envmap, render = [sys.executable, "-m", "desktop.cli"], ["render", png, "--size", "1600x1200"]
    commands = {
        "envmap render PNG, 1600x1200 (user folder + store)": [*envmap, *render],
        "envmap render PNG, 1600x1200, --catalog-only": [*envmap, "--catalog-only", *render],
    }
    if qgis:
        script = [qgis, str(HERE / "anchors" / "pyqgis.py"), "png", str(gpkg), png, "1600", "1200"]
        commands = {"PyQGIS one-PNG script, 1600x1200": script, **commands}
    for command in commands.values():  # the first render builds the map cache; compiles too
        _timed(command, env)
    runs: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for _ in range(RENDER_RUNS):
        for label, command in commands.items():
            runs[label].append(_timed(command, env))
    anchor = next(iter(runs.values())) if qgis else None
    for label, timed in runs.items():
        for i, unit in enumerate(("wall", "CPU")):
            middle = statistics.median(t[i] for t in timed)
            shown = ", ".join(f"{t[i]:.2f}" for t in timed)
            ratio = ""
            if anchor is not None and timed is not anchor:
                ratio = f" = {middle / statistics.median(t[i] for t in anchor):.2f}x PyQGIS"
            print(f"{label}, {unit}: median {middle:.2f} s (runs: {shown}){ratio}")
    if not qgis:
        print("PyQGIS is not installed here (apt: python3-qgis): its anchor is skipped")


def _user_store(env: dict[str, str]) -> None:
    """The user folder's status store as a user leaves it: statuses set with `envmap status
    set`, and a site moved in the window (the store's own call, as the window makes it)."""
    cli = [sys.executable, "-m", "gis.cli", "status", "set"]
    for measure, status, day in (
        ("jiangxia-7", "in_progress", "2018-01-10"),
        ("jiangxia-7", "completed", "2019-03-01"),
        ("liangjiu-dock-relocation", "closed_out", "2024-03-01"),
    ):
        extra = ["--evidence", "验收意见"] if status == "closed_out" else []
        command = [*cli, measure, status, "--date", day, *extra]
        subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
    move = (
        "import argparse; from gis import load_catalog; from gis.cli_state import store_location;"
        "from gis.store import StatusStore;"
        "where, _ = store_location(argparse.Namespace(store=None));"
        "StatusStore(where, load_catalog()).move_site("
        "'liangjiu-dock', 114.2801, 30.5449, 30.0, '2024-05-01', '现场核实', '张工')"
    )
    subprocess.run([sys.executable, "-c", move], check=True, env=env, cwd=ROOT)


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _qgis_python() -> str | None:
    """The system's Python, where Debian's python3-qgis installs (not a virtualenv's)."""
    for python in ("/usr/bin/python3", shutil.which("python3")):
        if python and subprocess.run([python, "-c", "import qgis.core"]).returncode == 0:
            return python
    return None


if __name__ == "__main__":
    main()
