"""Graphics items for the map: areas drawn at the detail the zoom needs, one layer item for
all point sites, and labels.

Scene coordinates are Web Mercator metres with y pointing down (scene y = -northing), so the
view needs no flipping transform and north stays up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsSimpleTextItem
from shapely.geometry.base import BaseGeometry

from desktop.map import style
from desktop.map.halos import halo_store
from desktop.map.qt_arrays import polygon_from_xy
from gis.basemaps import shift_geometry
from gis.crs import geometries_to_mercator
from gis.map_points import MapFeature
from gis.symbology import SYMBOL_VERTICES
from gis.water import WaterShape

Outlined = TypeVar("Outlined", bound=MapFeature | WaterShape)  # a shape, simplified levels


def in_mercator(features: Sequence[Outlined]) -> list[Outlined]:
    """Areas, lines or water with their outlines and simplified levels in Web Mercator
    metres (the data is WGS84), all projected in one pass."""
    shapes: list[BaseGeometry] = []
    for each in features:
        shapes += [each.shape, *(shape for _, shape in each.simplified)]
    projected = iter(geometries_to_mercator(shapes))
    shown: list[Outlined] = []
    for feature in features:
        shape = next(projected)
        levels = tuple((tolerance, next(projected)) for tolerance, _ in feature.simplified)
        shown.append(replace(feature, shape=shape, simplified=levels))
    return shown


def scene_point(x: float, y: float) -> QPointF:
    return QPointF(x, -y)


def _ring(coords) -> QPolygonF:
    xy = np.asarray(coords)
    return polygon_from_xy(xy[:, 0], -xy[:, 1])


def _extent(shape: BaseGeometry) -> QRectF:
    """The scene rectangle of a Web Mercator shape's bounds."""
    west, south, east, north = shape.bounds
    return QRectF(west, -north, east - west, north - south)


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
    one pixel at the current zoom; clicks are tested against the full outline.

    The full outline's path is built when first needed (a click, a tooltip, a close zoom),
    not for every area at start where only a simplified one is painted: the item's bounds
    come from the shape's, and its hit-test shape is the full path stroked by the pen, as
    QGraphicsPathItem's own is."""

    def __init__(
        self, feature: MapFeature | WaterShape, fill: QColor | None, edge: QColor, width_px: float
    ):
        super().__init__()
        self._shape = feature.shape
        self._coarsest_first = list(reversed(feature.simplified))
        self._paths: dict[float, QPainterPath] = {}
        self._datum = "wgs84"
        self._full: QPainterPath | None = None  # the full outline's path, once needed
        self._extent = _extent(self._shape)
        self._bounds = QRectF()  # the extent and the edge (setPen)
        if fill is not None:
            self.setBrush(QBrush(fill))
        pen = QPen(edge, width_px)
        pen.setCosmetic(True)  # width in pixels whatever the zoom
        self.setPen(pen)

    def set_datum(self, datum: str) -> None:
        """Draw where tiles in `datum` show this place (see gis.basemaps.shift_xy)."""
        self.prepareGeometryChange()
        self._datum = datum
        self._paths.clear()
        self._full = None
        self._extent = _extent(shift_geometry(self._shape, datum))
        self._pad(self.pen())
        self.update()

    def path(self) -> QPainterPath:
        """The full outline (in the display datum)."""
        if self._full is None:
            self._full = geometry_path(shift_geometry(self._shape, self._datum))
        return self._full

    def setPen(self, pen: QPen | Qt.PenStyle | QColor) -> None:
        self.prepareGeometryChange()
        super().setPen(pen)
        self._pad(self.pen())

    def _pad(self, pen: QPen) -> None:
        """Bounds padded by the pen's whole width: more than any cap or join reaches (asked
        for many times a frame, so computed once per pen)."""
        pad = pen.widthF()
        self._bounds = self._extent.adjusted(-pad, -pad, pad, pad)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        """The full outline and its edge, as QGraphicsPathItem's shape() makes them."""
        pen = self.pen()
        stroker = QPainterPathStroker()
        stroker.setCapStyle(pen.capStyle())
        stroker.setWidth(pen.widthF() if pen.widthF() > 0 else 1e-8)
        stroker.setJoinStyle(pen.joinStyle())
        stroker.setMiterLimit(pen.miterLimit())
        outline = stroker.createStroke(self.path())
        outline.addPath(self.path())
        return outline

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
    """The symbol of `shape` (gis.symbology.SYMBOL_VERTICES; a circle otherwise), `size` wide."""
    half = size / 2
    path = QPainterPath()
    vertices = SYMBOL_VERTICES.get(shape)
    if vertices is None:
        path.addEllipse(QPointF(0, 0), half, half)
        return path
    path.addPolygon(QPolygonF([QPointF(x * half, y * half) for x, y in vertices]))
    path.closeSubpath()
    return path


def draw_site_symbol(
    painter: QPainter,
    path: QPainterPath,
    fill: QColor,
    *,
    user: bool = False,
    former: bool = False,
    selected: bool = False,
) -> None:
    """A site's symbol at the painter's origin, as the map, its legend and prints draw it:
    filled with a white edge (dark for the user's own sites, red when selected), or for a
    former site (原址) hollow with a grey edge whatever its status."""
    if former:
        painter.setPen(QPen(style.SELECTION if selected else style.FORMER_EDGE, 2.0))
        painter.setBrush(QBrush(style.FORMER_FILL))
    else:
        edge = style.SELECTION if selected else style.USER_EDGE if user else QColor("white")
        painter.setPen(QPen(edge, 3.0 if selected else 1.5))
        painter.setBrush(QBrush(fill))
    painter.drawPath(path)


class HaloText(QGraphicsSimpleTextItem):
    """Text with a white halo, so that a label stays legible over symbols and water: at
    city scale the district names win over the sites drawn beneath them. The halo's outline
    is built once per text and font (building it costs more than drawing it), and kept
    between starts (desktop/map/halos.py)."""

    HALO = QColor(255, 255, 255, 230)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        key = (self.text(), self.font().toString())
        if getattr(self, "_halo_key", None) != key:
            path = QPainterPath()
            path.addText(0, QFontMetricsF(self.font()).ascent(), self.font(), self.text())
            self._halo_key, self._halo = key, halo_store().halo(path)
        painter.fillPath(self._halo, self.HALO)
        super().paint(painter, option, widget)


def label_item(text: str, x: float, y: float) -> QGraphicsSimpleTextItem:
    item = HaloText(text)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    item.setBrush(QBrush(QColor(60, 50, 40)))
    rect = item.boundingRect()
    item.setPos(x, -y)
    item.setTransform(item.transform().translate(-rect.width() / 2, -rect.height() / 2))
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item


def note_item(text: str) -> QGraphicsSimpleTextItem:
    """A small grey note beside a symbol (e.g. 原址), placed with setPos at the site."""
    item = HaloText(text)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    item.setBrush(QBrush(QColor(90, 90, 90)))
    font = item.font()
    font.setPointSizeF(font.pointSizeF() * 0.85)
    item.setFont(font)
    item.setTransform(item.transform().translate(8, -item.boundingRect().height() / 2))
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item
