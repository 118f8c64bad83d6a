"""Graphics items for the map: areas drawn at the detail the zoom needs, one layer item for
all point sites, and labels.

Scene coordinates are Web Mercator metres with y pointing down (scene y = -northing), so the
view needs no flipping transform and north stays up.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsSimpleTextItem
from shapely.geometry.base import BaseGeometry

from desktop.map.qt_arrays import polygon_from_xy
from gis import MapFeature
from gis.basemaps import shift_geometry


def scene_point(x: float, y: float) -> QPointF:
    return QPointF(x, -y)


def _ring(coords) -> QPolygonF:
    xy = np.asarray(coords)
    return polygon_from_xy(xy[:, 0], -xy[:, 1])


def geometry_path(shape: BaseGeometry) -> QPainterPath:
    """A painter path for a Web Mercator polygon or line (holes included)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for part in getattr(shape, "geoms", [shape]):
        if part.geom_type == "Polygon":
            for ring in [part.exterior, *part.interiors]:
                path.addPolygon(_ring(ring.coords))
                path.closeSubpath()
        else:
            path.addPolygon(_ring(part.coords))  # an open polyline: no closeSubpath
    return path


class AreaItem(QGraphicsPathItem):
    """An area or line that paints the coarsest simplified outline whose error stays under
    one pixel at the current zoom; clicks are tested against the full outline."""

    def __init__(self, feature: MapFeature, fill: QColor | None, edge: QColor, width_px: float):
        super().__init__(geometry_path(feature.shape))
        self._shape = feature.shape
        self._coarsest_first = list(reversed(feature.simplified))
        self._paths: dict[float, QPainterPath] = {}
        self._datum = "wgs84"
        if fill is not None:
            self.setBrush(QBrush(fill))
        pen = QPen(edge, width_px)
        pen.setCosmetic(True)  # width in pixels whatever the zoom
        self.setPen(pen)

    def set_datum(self, datum: str) -> None:
        """Draw where tiles in `datum` show this place (see gis.basemaps.shift_xy)."""
        self._datum = datum
        self._paths.clear()
        self.setPath(geometry_path(shift_geometry(self._shape, datum)))

    def path_for(self, metres_per_px: float) -> QPainterPath:
        for tolerance, shape in self._coarsest_first:
            if tolerance <= metres_per_px:
                if tolerance not in self._paths:
                    self._paths[tolerance] = geometry_path(shift_geometry(shape, self._datum))
                return self._paths[tolerance]
        return self.path()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        painter.drawPath(self.path_for(1.0 / scale))


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
        a, h = size * 0.2, half  # a: half an arm's width, wide enough to show the fill
        corners = [(a, -h), (a, -a), (h, -a), (h, a), (a, a), (a, h)]
        corners += [(-x, -y) for x, y in corners]  # the other half, turned about the centre
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in corners]))
        path.closeSubpath()
    else:
        path.addEllipse(QPointF(0, 0), half, half)
    return path


def label_item(text: str, x: float, y: float) -> QGraphicsSimpleTextItem:
    item = QGraphicsSimpleTextItem(text)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    item.setBrush(QBrush(QColor(60, 50, 40)))
    rect = item.boundingRect()
    item.setPos(x, -y)
    item.setTransform(item.transform().translate(-rect.width() / 2, -rect.height() / 2))
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item
