"""The PyQGIS anchors, run with the system's Python and QGIS (apt: python3-qgis):

    python3 benchmarks/anchors/pyqgis.py paint LAYERS.gpkg   # window, first painted map
    python3 benchmarks/anchors/pyqgis.py png LAYERS.gpkg OUT.png WIDTH HEIGHT

`paint` prints `first-paint TIME` when the map canvas has drawn every layer of the GeoPackage;
`png` renders them to a PNG as a one-image script would and prints `done TIME`."""

from __future__ import annotations

import sys
import time

from qgis.core import (
    QgsApplication,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize, QTimer


def layers(path: str) -> list[QgsVectorLayer]:
    whole = QgsVectorLayer(path, "all", "ogr")  # kept: its provider lives with it
    names = [sub.split("!!::!!")[1] for sub in whole.dataProvider().subLayers()]
    found = [QgsVectorLayer(f"{path}|layername={name}", name, "ogr") for name in names]
    return [layer for layer in found if layer.isValid() and layer.isSpatial()]


def extent(chosen: list[QgsVectorLayer]) -> QgsRectangle:
    box = QgsRectangle(chosen[0].extent())
    for layer in chosen[1:]:
        box.combineExtentWith(layer.extent())
    return box


def paint(path: str) -> None:
    from qgis.gui import QgsMapCanvas

    app = QgsApplication([], True)
    app.initQgis()
    chosen = layers(path)
    canvas = QgsMapCanvas()
    canvas.resize(1280, 800)
    canvas.setLayers(chosen)
    canvas.setExtent(extent(chosen))

    def drawn() -> None:
        print(f"first-paint {time.time()!r}", flush=True)
        QTimer.singleShot(0, app.quit)

    canvas.mapCanvasRefreshed.connect(drawn)
    canvas.show()
    canvas.refresh()
    app.exec_()


def png(path: str, out: str, width: int, height: int) -> None:
    app = QgsApplication([], False)
    app.initQgis()  # the application lives until the image is saved
    chosen = layers(path)
    settings = QgsMapSettings()
    settings.setLayers(chosen)
    settings.setExtent(extent(chosen))
    settings.setOutputSize(QSize(width, height))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(out, "png")
    print(f"done {time.time()!r}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "paint":
        paint(sys.argv[2])
    else:
        png(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
