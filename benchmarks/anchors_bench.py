"""Start-up and render beside their anchors, run on demand (the machine is shared: medians of
5 processes, and ratios, which hold better than seconds):

    QT_QPA_PLATFORM=offscreen python benchmarks/anchors_bench.py

- `envmap app` to its first painted map, beside a bare PySide6 window painting the 13
  districts (benchmarks/anchors/bare_window.py) and, where QGIS is installed (apt:
  python3-qgis), a PyQGIS map canvas drawing the same layers from an `envmap export gpkg`;
- `envmap render` of a 1600x1200 PNG beside PyQGIS rendering that GeoPackage to a PNG.
PyQGIS runs in the system's Python (/usr/bin/python3).
Targets (issue #15): app <= 1.5x the bare window; render <= PyQGIS's one-PNG script.
"""

from __future__ import annotations

import json
import os
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


def _stamped(command: list[str], env: dict[str, str], word: str) -> float:
    """Seconds from launching `command` to the time it prints after `word`."""
    start = time.time()
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env, cwd=ROOT)
    stamp = next(line for line in out.stdout.splitlines() if line.startswith(word))
    return float(stamp.split()[1]) - start


def _elapsed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


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
        bare = [sys.executable, str(HERE / "anchors" / "bare_window.py"), str(rings)]
        app = [sys.executable, "-m", "desktop.cli", "app"]
        _stamped(app, env, "first-paint")  # the first start builds the map cache
        anchor = _median("bare PySide6 window, 13 polygons", [
            _stamped(bare, env, "first-paint") for _ in range(RUNS)
        ])  # fmt: skip
        _median("envmap app to first painted map", [
            _stamped(app, env, "first-paint") for _ in range(RUNS)
        ], anchor)  # fmt: skip
        qgis = _qgis_python()
        pyqgis = [qgis or "", str(HERE / "anchors" / "pyqgis.py")]
        if qgis:
            _median("PyQGIS map canvas, same layers", [
                _stamped([*pyqgis, "paint", str(gpkg)], env, "first-paint") for _ in range(RUNS)
            ], anchor)  # fmt: skip
        png = str(work_path / "map.png")
        render = [sys.executable, "-m", "desktop.cli", "--catalog-only", "render", png]
        ours = [_elapsed([*render, "--size", "1600x1200"], env) for _ in range(RUNS)]
        if qgis:
            script = [*pyqgis, "png", str(gpkg), png, "1600", "1200"]
            base = _median("PyQGIS one-PNG script, 1600x1200", [
                _elapsed(script, env) for _ in range(RUNS)
            ])  # fmt: skip
            _median("envmap render PNG, 1600x1200", ours, base)
        else:
            _median("envmap render PNG, 1600x1200", ours)
            print("PyQGIS is not installed here (apt: python3-qgis): its anchors are skipped")


def _qgis_python() -> str | None:
    """The system's Python, where Debian's python3-qgis installs (not a virtualenv's)."""
    for python in ("/usr/bin/python3", shutil.which("python3")):
        if python and subprocess.run([python, "-c", "import qgis.core"]).returncode == 0:
            return python
    return None


if __name__ == "__main__":
    main()
