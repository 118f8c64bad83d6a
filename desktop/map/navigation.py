"""How the map view moves: zoom steps about the centre or the cursor, the arrow keys, the
wheel, and the scale the view shows (ratio and scale bar). The canvas (canvas.py) draws the
map; this class only changes and reports the view, announcing each change as `viewMoved`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from desktop.map.decorations import draw_scale_bar
from gis.crs import from_web_mercator

ZOOM_STEP = 1.25


class MapNavigation(QGraphicsView):
    viewMoved = Signal()  # after a zoom: the canvas places its labels again

    def zoom(self, factor: float, at_cursor: bool = False) -> None:
        """Zoom about the view's centre (keys, menus) or about the mouse cursor (wheel)."""
        anchor = QGraphicsView.ViewportAnchor
        self.setTransformationAnchor(
            anchor.AnchorUnderMouse if at_cursor else anchor.AnchorViewCenter
        )
        self.scale(factor, factor)
        self.viewMoved.emit()

    def scale_denominator(self) -> float:
        """Map scale 1:N at the view centre, for a 96-dpi screen, in ground metres."""
        centre = self.mapToScene(self.viewport().rect().center())
        lat = from_web_mercator(centre.x(), -centre.y())[1]
        metres_per_px = 1.0 / self.transform().m11() * math.cos(math.radians(lat))
        return metres_per_px / 0.0254 * 96.0

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """The scale bar, in the view's lower right corner whatever the zoom (prints draw
        their own: they render the scene, not the view)."""
        super().drawForeground(painter, rect)
        frame = QRectF(self.viewport().rect())
        if frame.width() > 200 and self.transform().m11() > 0:
            painter.save()
            painter.resetTransform()
            shown = self.mapToScene(self.viewport().rect()).boundingRect()
            draw_scale_bar(painter, frame, shown, font=self.font())
            painter.restore()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP, at_cursor=True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = 40
            dx: dict[int, int] = {Qt.Key.Key_Left: -step, Qt.Key.Key_Right: step}
            dy: dict[int, int] = {Qt.Key.Key_Up: -step, Qt.Key.Key_Down: step}
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx.get(key, 0))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy.get(key, 0))
        else:
            super().keyPressEvent(event)
