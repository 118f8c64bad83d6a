"""How the map view moves: zoom steps about the centre or the cursor, the arrow keys, the
wheel, and the scale the view shows (ratio and scale bar). The canvas (canvas.py) draws the
map; this class only changes and reports the view, announcing each change as `viewMoved`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QRectF, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from desktop.map.decorations import draw_scale_bar
from desktop.map.view_steps import ZOOM_STEP, key_step
from gis.crs import from_web_mercator


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
        step = key_step(event.key())
        if step is None:
            super().keyPressEvent(event)
            return
        factor, dx, dy = step
        if factor != 1.0:
            self.zoom(factor)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)
