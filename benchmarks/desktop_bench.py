"""Desktop benchmarks, run on demand (not in the test suite): prints medians on this machine.

    QT_QPA_PLATFORM=offscreen python benchmarks/desktop_bench.py

start-up: process start -> first painted map frame (median of 5 processes)
frame:    one full repaint of a 1280x800 map at city scale (median of 20), seed and 10k sites
identify: sites under a click with 100k sites (median of 200 random positions)
memory:   peak resident memory of each scenario's process
Targets (issue #3): 1.0 s, 8 ms, 16 ms (10k), 2 ms, 300 MB.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STARTUP = """
import time, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gis import load_catalog
from desktop.main_window import MainWindow
window = MainWindow(load_catalog())
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            app.quit()
        return False
probe = Painted()
window.canvas.viewport().installEventFilter(probe)
window.show()
app.exec()
"""


def startup_seconds() -> float:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", STARTUP],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert "painted" in out.stdout
    return time.perf_counter() - start


def scenario(sites: int, clicks: int) -> dict:
    """Runs inside a child process so that its peak memory is its own."""
    sys.path.insert(0, str(HERE))
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication
    from synthetic import synthetic_catalog

    from desktop.map.canvas import MapCanvas
    from gis import load_catalog

    app = QApplication.instance() or QApplication([])
    catalog = synthetic_catalog(sites) if sites else load_catalog()
    built = time.perf_counter()
    canvas = MapCanvas(catalog)
    canvas.resize(1280, 800)
    canvas.show()
    app.processEvents()
    canvas.fit_to_wuhan()
    build_s = time.perf_counter() - built
    frames = []
    for _ in range(20):
        t = time.perf_counter()
        canvas.viewport().grab()
        frames.append(time.perf_counter() - t)
    import random

    rng = random.Random(1)
    picks = []
    for _ in range(clicks):
        pos = QPoint(rng.randrange(1280), rng.randrange(800))
        t = time.perf_counter()
        canvas.sites_at(pos)
        picks.append(time.perf_counter() - t)
    return {
        "sites": len(catalog.sites),
        "canvas_build_s": round(build_s, 2),
        "frame_ms": round(statistics.median(frames) * 1000, 2),
        "identify_ms": round(statistics.median(picks) * 1000, 3) if picks else None,
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--scenario":
        print(json.dumps(scenario(int(sys.argv[2]), int(sys.argv[3]))))
        return
    starts = [startup_seconds() for _ in range(5)]
    print(
        f"start-up to first painted frame: median {statistics.median(starts):.2f} s "
        f"(runs: {', '.join(f'{s:.2f}' for s in starts)})"
    )
    for sites, clicks in ((0, 200), (10_000, 200), (100_000, 200)):
        out = subprocess.run(
            [sys.executable, __file__, "--scenario", str(sites), str(clicks)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        print(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
