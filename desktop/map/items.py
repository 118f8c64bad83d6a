"""Graphics items for the map: area paths, site symbols that keep their size, and halos.

Scene coordinates are Web Mercator metres with y pointing down (scene y = -northing), so the
view needs no flipping transform and north stays up.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)
from shapely.geometry.base import BaseGeometry

from desktop.map import style
from gis.crs import to_web_mercator


def scene_point(x: float, y: float) -> QPointF:
    return QPointF(x, -y)


def _ring(coords) -> QPolygonF:
    return QPolygonF([scene_point(x, y) for x, y in coords])


def geometry_path(geometry: BaseGeometry) -> QPainterPath:
    """A Web Mercator painter path for a WGS84 polygon or line (holes included)."""
    shape = to_web_mercator(geometry)
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    parts = getattr(shape, "geoms", [shape])
    for part in parts:
        if part.geom_type == "Polygon":
            for ring in [part.exterior, *part.interiors]:
                path.addPolygon(_ring(ring.coords))
                path.closeSubpath()
        else:
            line = _ring(part.coords)
            path.moveTo(line[0])
            for point in list(line)[1:]:
                path.lineTo(point)
    return path


def area_item(
    geometry: BaseGeometry, fill: QColor, edge: QColor, width_px: float = 1.0
) -> QGraphicsPathItem:
    item = QGraphicsPathItem(geometry_path(geometry))
    item.setBrush(QBrush(fill))
    pen = QPen(edge, width_px)
    pen.setCosmetic(True)  # width in pixels whatever the zoom
    item.setPen(pen)
    return item


def line_item(geometry: BaseGeometry, colour: QColor) -> QGraphicsPathItem:
    item = QGraphicsPathItem(geometry_path(geometry))
    pen = QPen(colour, 3.0)
    pen.setCosmetic(True)
    item.setPen(pen)
    return item


class SiteSymbol(QGraphicsItem):
    """A point site: a shape by kind, filled by status, the same size in pixels at any zoom."""

    def __init__(self, shape: str, colour: QColor) -> None:
        super().__init__()
        self.shape_name = shape
        self.colour = colour
        self.selected_outline = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptHoverEvents(True)

    def boundingRect(self) -> QRectF:
        half = style.SYMBOL_PX / 2 + 3
        return QRectF(-half, -half, 2 * half, 2 * half)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        edge = style.SELECTION if self.selected_outline else QColor("white")
        painter.setPen(QPen(edge, 3.0 if self.selected_outline else 1.5))
        painter.setBrush(QBrush(self.colour))
        painter.drawPath(symbol_path(self.shape_name, style.SYMBOL_PX))


def symbol_path(shape: str, size: float) -> QPainterPath:
    half = size / 2
    path = QPainterPath()
    if shape == "square":
        path.addRect(QRectF(-half, -half, size, size))
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(0, -half), QPointF(half, half), QPointF(-half, half)]))
        path.closeSubpath()
    elif shape == "diamond":
        path.addPolygon(
            QPolygonF([QPointF(0, -half), QPointF(half, 0), QPointF(0, half), QPointF(-half, 0)])
        )
        path.closeSubpath()
    elif shape == "star":
        points = [
            QPointF(math.sin(a) * r, -math.cos(a) * r)
            for i in range(10)
            for a, r in [(i * math.pi / 5, half * 1.3 if i % 2 == 0 else half * 0.55)]
        ]
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    elif shape == "cross":
        third = size / 3
        path.addRect(QRectF(-third / 2, -half, third, size))
        path.addRect(QRectF(-half, -third / 2, size, third))
        path = path.simplified()
    else:
        path.addEllipse(QPointF(0, 0), half, half)
    return path


def halo_item(x: float, y: float, lat: float, precision_m: float) -> QGraphicsEllipseItem:
    """The uncertainty circle: ground metres scaled to Mercator metres at this latitude."""
    radius = precision_m / math.cos(math.radians(lat))
    item = QGraphicsEllipseItem(QRectF(x - radius, -y - radius, 2 * radius, 2 * radius))
    pen = QPen(QColor(90, 90, 90, 160), 1.0, Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    item.setPen(pen)
    item.setBrush(QBrush(QColor(120, 120, 120, 28)))
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item


def label_item(text: str, x: float, y: float) -> QGraphicsSimpleTextItem:
    item = QGraphicsSimpleTextItem(text)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    item.setBrush(QBrush(QColor(60, 50, 40)))
    rect = item.boundingRect()
    item.setPos(x, -y)
    item.setTransform(item.transform().translate(-rect.width() / 2, -rect.height() / 2))
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item
