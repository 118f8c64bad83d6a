"""Measuring on the map: click points for a distance (a polyline) or an area (a polygon);
the length and area are geodesic, on the WGS84 ellipsoid (pyproj.Geod), so they do not
carry Web Mercator's stretch (about 16 % at Wuhan's latitude). A double click, a right click
or Enter finishes; Esc clears; the next click starts again. While measuring, clicks do not
identify or pan (the wheel and the keys still zoom)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsView

if TYPE_CHECKING:
    from desktop.map.canvas import MapCanvas

LINE = QColor("#d62728")
DISTANCE, AREA = "distance", "area"


def geodesic(points: list[tuple[float, float]], mode: str) -> tuple[float, float]:
    """(length in metres, area in square metres) of a WGS84 line or polygon. The length of
    a polygon is its perimeter; a line has no area."""
    from pyproj import Geod  # loaded with the first measurement, not at start-up

    geod = Geod(ellps="WGS84")
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    if mode == AREA and len(points) >= 3:
        area, perimeter = geod.polygon_area_perimeter(lons, lats)
        return perimeter, abs(area)
    return geod.line_length(lons, lats), 0.0


def describe(length_m: float, area_m2: float, mode: str) -> tuple[str, str]:
    """The figures in readable units: (length, area)."""
    length = f"{length_m / 1000:,.3f} km" if length_m >= 1000 else f"{length_m:,.1f} m"
    if mode != AREA:
        return length, ""
    if area_m2 >= 1e6:
        return length, f"{area_m2 / 1e6:,.3f} km²"
    return length, f"{area_m2:,.0f} m² ({area_m2 / 666.667:,.1f} 亩 mu)"


class MeasureTool(QObject):
    measured = Signal(str, float, float)  # mode, length (m), area (m²): after every point

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.mode: str | None = None
        self.points: list[tuple[float, float]] = []  # WGS84 lon, lat
        self.scene_points: list[QPointF] = []
        self.finished = False
        self.measured_length = self.measured_area = 0.0  # metres, square metres
        self.item = QGraphicsPathItem()
        pen = QPen(LINE, 2.5)
        pen.setCosmetic(True)
        self.item.setPen(pen)
        self.item.setBrush(QColor(214, 39, 40, 50))
        self.item.setZValue(20)

    def start(self, mode: str | None) -> None:
        """Measure a distance or an area; None goes back to identify and pan."""
        viewport = self.canvas.viewport()
        self.clear()
        if self.mode is not None:
            viewport.removeEventFilter(self)
            self.canvas.removeEventFilter(self)  # (keys go to the view, clicks to its viewport)
        self.mode = mode
        if mode is None:
            self.canvas.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
            viewport.unsetCursor()
            if self.item.scene() is not None:
                self.item.scene().removeItem(self.item)
            return
        if self.item.scene() is None:
            self.canvas.scene().addItem(self.item)
        self.canvas.setDragMode(QGraphicsView.DragMode.NoDrag)
        viewport.setCursor(Qt.CursorShape.CrossCursor)
        viewport.installEventFilter(self)
        self.canvas.installEventFilter(self)

    def clear(self) -> None:
        self.points, self.scene_points, self.finished = [], [], False
        self.item.setPath(QPainterPath())

    def add(self, scene: QPointF) -> None:
        """Add a point (a scene position); a finished measurement starts over."""
        if self.finished:
            self.clear()
        self.scene_points.append(scene)
        self.points.append(self.canvas.lonlat_at(scene))
        self._redraw()
        if self.mode is not None:
            self.measured_length, self.measured_area = geodesic(self.points, self.mode)
            self.measured.emit(self.mode, self.measured_length, self.measured_area)

    def finish(self) -> None:
        self.finished = True

    def _redraw(self) -> None:
        path = QPainterPath()
        if self.scene_points:
            path.moveTo(self.scene_points[0])
            for point in self.scene_points[1:]:
                path.lineTo(point)
            if self.mode == AREA and len(self.scene_points) >= 3:
                path.closeSubpath()
        self.item.setPath(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QMouseEvent) and watched is self.canvas.viewport():
            if kind == QEvent.Type.MouseButtonPress:
                if event.button() == Qt.MouseButton.LeftButton:
                    self.add(self.canvas.mapToScene(event.position().toPoint()))
                else:
                    self.finish()
                return True
            if kind == QEvent.Type.MouseButtonDblClick:
                self.finish()
                return True
            if kind == QEvent.Type.MouseButtonRelease:
                return True
        if kind == QEvent.Type.ContextMenu:
            return True  # a right click ends the measurement, it opens no menu
        if isinstance(event, QKeyEvent) and kind == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.clear()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.finish()
                return True
        return False
