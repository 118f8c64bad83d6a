"""The start-up anchor: a bare PySide6 window that paints 13 polygons (rings read from a JSON
file, Web Mercator metres) and prints `first-paint TIME CPU` at its first paint, as
`envmap app` does under ENVMAP_REPORT_FIRST_PAINT. It loads nothing else."""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QEvent, QObject, QPointF, QTimer
from PySide6.QtGui import QPainter, QPolygonF
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {time.time()!r} {time.process_time()!r}", flush=True)
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False


def main() -> None:
    app = QApplication(sys.argv[:1])
    with open(sys.argv[1], encoding="utf-8") as fh:
        rings = json.load(fh)
    scene = QGraphicsScene()
    for ring in rings:
        scene.addPolygon(QPolygonF([QPointF(x, -y) for x, y in ring]))
    view = QGraphicsView(scene)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.resize(1280, 800)
    view.fitInView(scene.itemsBoundingRect())
    watcher = FirstPaint()
    view.viewport().installEventFilter(watcher)
    view.show()
    app.exec()


if __name__ == "__main__":
    main()
