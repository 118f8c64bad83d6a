"""Where the canvas writes district names and 原址 notes, so that every district stays
nameable at city scale.

A module of its own because placing labels is a small search apart from navigating the map:
at 1:1,100,000 the seven central districts are a few dozen pixels wide, so a name written at
its district's centre covers its neighbours' names and the sites there. Each district's name
goes where it is free of other names and of drawn symbols: at its centre when that is free
and inside the district, otherwise beside it with a thin leader line to it. District names
come first; a site's note (原址) gives way to any name or other symbol it would touch.
Symbols are looked up in a coarse occupancy grid of the view, so the cost does not grow with
the number of names and stays low at 100,000 sites.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)
from shapely import contains_xy
from shapely.geometry.base import BaseGeometry

from desktop.map import items, style
from desktop.map.site_layer import SiteLayer

CELL_PX = 4  # the symbol grid's cell
GAP_PX = 2  # kept free around every placed name
RADII_PX = (18, 28, 40, 56, 76, 100, 130)  # leader lengths tried, shortest first
DIRECTIONS = 16  # leader directions tried at each length
SCALE_BAR_PX = (0.3, 72)  # the lower-right corner the scale bar takes: share of width, height
LEADER = QColor(90, 80, 70)


class SymbolGrid:
    """Where the view's drawn symbols (and the scale bar) are: a count of symbol centres per
    cell, summed (an integral image) so that any box is tested in constant time."""

    def __init__(self, frame: QRectF, xs: np.ndarray, ys: np.ndarray) -> None:
        self.frame = frame
        self.reach = reach = math.ceil((style.SYMBOL_PX / 2 + 1) / CELL_PX)  # a symbol's half
        # Padded by `reach` cells: a symbol just outside the view still covers its edge.
        self.cols = cols = int(frame.width() // CELL_PX) + 1 + 2 * reach
        self.rows = rows = int(frame.height() // CELL_PX) + 1 + 2 * reach
        col = np.floor((xs - frame.left()) / CELL_PX).astype(int) + reach
        row = np.floor((ys - frame.top()) / CELL_PX).astype(int) + reach
        inside = (col >= 0) & (col < cols) & (row >= 0) & (row < rows)
        cells = np.bincount(row[inside] * cols + col[inside], minlength=rows * cols)
        counts = cells.reshape(rows, cols)
        width, height = SCALE_BAR_PX
        counts[
            -reach - int(height // CELL_PX) :, -reach - int(frame.width() * width // CELL_PX) :
        ] += 1
        integral = np.zeros((rows + 1, cols + 1), dtype=np.int32)  # summed in place
        np.cumsum(counts, axis=0, out=integral[1:, 1:])
        np.cumsum(integral[1:, 1:], axis=1, out=integral[1:, 1:])
        # Looked up through a memoryview: a list of Python ints per cell (tolist) is faster
        # to index but costs 2 MB at 10,000 sites for every placement of the names.
        self.integral = integral.data

    def free(self, box: QRectF) -> bool:
        """Whether no symbol reaches into `box` (view pixels)."""
        left = max(int((box.left() - self.frame.left()) // CELL_PX), 0)
        top = max(int((box.top() - self.frame.top()) // CELL_PX), 0)
        right = min(
            int((box.right() - self.frame.left()) // CELL_PX) + 2 * self.reach, self.cols - 1
        )
        bottom = min(
            int((box.bottom() - self.frame.top()) // CELL_PX) + 2 * self.reach, self.rows - 1
        )
        if left > right or top > bottom:
            return True
        table = self.integral
        total = (
            table[bottom + 1, right + 1]
            - table[top, right + 1]
            - table[bottom + 1, left]
            + table[top, left]
        )
        return total == 0


def symbols_in_view(view: QGraphicsView, points: SiteLayer) -> tuple[np.ndarray, np.ndarray]:
    """View pixels of the point symbols shown in (or just beside) the view."""
    scale = view.transform().m11()
    if scale <= 0:
        return np.empty(0), np.empty(0)
    corner = view.mapToScene(0, 0)
    xs = (points.xs - corner.x()) * scale
    ys = (points.ys - corner.y()) * scale
    size = view.viewport().size()
    near = points.shown & (xs > -style.SYMBOL_PX) & (ys > -style.SYMBOL_PX)
    near &= (xs < size.width() + style.SYMBOL_PX) & (ys < size.height() + style.SYMBOL_PX)
    return xs[near], ys[near]


class DistrictLabels:
    """The district names, their anchors (a point inside each district) and leader lines."""

    def __init__(self, scene: QGraphicsScene, z: float) -> None:
        self.scene, self.z = scene, z
        self.items: list[QGraphicsSimpleTextItem] = []  # largest district first
        self.anchors: dict[QGraphicsItem, tuple[float, float]] = {}  # data coordinates
        self.shapes: dict[QGraphicsItem, BaseGeometry] = {}
        self.leaders: dict[QGraphicsItem, QGraphicsPathItem] = {}
        self._areas: dict[QGraphicsItem, float] = {}

    def add(self, name: str, shape: BaseGeometry) -> None:
        """A district's name at a point inside it (Web Mercator `shape`)."""
        anchor = shape.representative_point()
        label = items.label_item(name, anchor.x, anchor.y)
        label.setZValue(self.z)
        self.scene.addItem(label)
        leader = QGraphicsPathItem()
        leader.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        leader.setPen(QPen(LEADER, 1.0))
        leader.setBrush(LEADER)
        leader.setZValue(self.z - 0.1)
        leader.setVisible(False)
        leader.setPos(label.pos())
        leader.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.scene.addItem(leader)
        self.anchors[label], self.shapes[label], self.leaders[label] = (
            (anchor.x, anchor.y),
            shape,
            leader,
        )
        self._areas[label] = float(shape.area)
        self.items = sorted([*self.items, label], key=lambda item: -self._areas[item])

    def set_visible(self, visible: bool) -> None:
        for label in self.items:
            label.setVisible(visible)
            self.leaders[label].setVisible(visible and self.leaders[label].isVisible())

    def move_to(self, display_point: Callable[[float, float], QPointF]) -> None:
        """Put each name's anchor where `display_point` draws its data point (a datum)."""
        for label, (x, y) in self.anchors.items():
            label.setPos(display_point(x, y))
            self.leaders[label].setPos(label.pos())

    def shown(self) -> list[QGraphicsSimpleTextItem]:
        return [label for label in self.items if label.isVisible() and label.opacity() > 0]

    def place(
        self, view: QGraphicsView, xs: np.ndarray, ys: np.ndarray, notes: Iterable[QGraphicsItem]
    ) -> None:
        """Place every shown name in `view`, whose drawn symbols are at view pixels xs, ys;
        then hide the `notes` (site labels) that touch a name or another symbol."""
        frame = QRectF(view.viewport().rect())
        grid = SymbolGrid(frame, xs, ys)
        placed: list[QRectF] = []
        pending = []
        for label in self.items:
            self.leaders[label].setVisible(False)
            if not label.isVisible():
                continue
            anchor = view.mapFromScene(label.pos()).toPointF()
            size = label.boundingRect().size()
            box = QRectF(QPointF(0, 0), size)
            box.moveCenter(anchor)
            if not frame.contains(anchor):  # off the view: only other names matter
                if any(box.intersects(other) for other in placed):
                    label.setOpacity(0.0)
                else:
                    self._put(label, anchor, box, placed, leader=False)
            elif self._fits(view, label, box, grid, placed):
                self._put(label, anchor, box, placed, leader=False)
            else:
                pending.append((label, anchor, box))
        centre = frame.center()
        for label, anchor, box in pending:
            spot = _leader_spot(anchor, box, centre, frame, grid, placed)
            if spot is not None:
                self._put(label, anchor, spot, placed, leader=True)
            elif not any(box.intersects(other) for other in placed):
                self._put(label, anchor, box, placed, leader=False)  # names win over symbols
            elif spot := _leader_spot(anchor, box, centre, frame, None, placed):
                self._put(label, anchor, spot, placed, leader=True)  # over symbols, beside
            else:
                label.setOpacity(0.0)
        for note in notes:
            if not note.isVisible():
                continue
            at = view.mapFromScene(note.pos()).toPointF()
            offset = QPointF(note.transform().dx(), note.transform().dy())
            box = note.boundingRect().translated(at + offset)
            own = box.adjusted(3 * CELL_PX, 0, 0, 0)  # the note starts beside its own symbol
            free = grid.free(own) and not any(box.intersects(other) for other in placed)
            note.setOpacity(1.0 if free else 0.0)
            if free:
                placed.append(box)

    def _fits(
        self,
        view: QGraphicsView,
        label: QGraphicsItem,
        box: QRectF,
        grid: SymbolGrid,
        placed: list[QRectF],
    ) -> bool:
        """Whether the name fits at its anchor: free, and its ends still in its district."""
        if not grid.free(box) or any(box.intersects(other) for other in placed):
            return False
        middle = round(box.center().y())
        ends = [view.mapToScene(round(x), middle) for x in (box.left(), box.right())]
        return bool(all(contains_xy(self.shapes[label], p.x(), -p.y()) for p in ends))

    def _put(
        self, label: QGraphicsItem, anchor: QPointF, box: QRectF, placed: list[QRectF], leader: bool
    ) -> None:
        offset = box.topLeft() - anchor
        label.setTransform(QTransform.fromTranslate(offset.x(), offset.y()))
        label.setOpacity(1.0)
        placed.append(box.adjusted(-GAP_PX, -GAP_PX, GAP_PX, GAP_PX))
        if leader:
            line = self.leaders[label]
            line.setPath(_leader_path(box.translated(-anchor)))
            line.setVisible(True)


def _leader_spot(
    anchor: QPointF,
    box: QRectF,
    centre: QPointF,
    frame: QRectF,
    grid: SymbolGrid | None,
    placed: list[QRectF],
) -> QRectF | None:
    """The nearest box beside `anchor` free of names and (unless `grid` is None) symbols,
    looking away from the view's centre first."""
    away = math.atan2(anchor.y() - centre.y(), anchor.x() - centre.x())
    turns = sorted(
        range(DIRECTIONS),
        key=lambda k: abs(math.remainder(2 * math.pi * k / DIRECTIONS - away, 2 * math.pi)),
    )
    width, height = box.width(), box.height()
    for radius in RADII_PX:
        for k in turns:
            angle = 2 * math.pi * k / DIRECTIONS
            dx, dy = math.cos(angle), math.sin(angle)
            # The box's side nearest the anchor lies `radius` away from it.
            x = anchor.x() + dx * (radius + width / 2) - width / 2
            y = anchor.y() + dy * (radius + height / 2) - height / 2
            spot = QRectF(x, y, width, height)
            if (
                frame.contains(spot)
                and (grid is None or grid.free(spot))
                and not any(spot.intersects(other) for other in placed)
            ):
                return spot
    return None


def _leader_path(box: QRectF) -> QPainterPath:
    """A line from the anchor (0, 0) to the nearest point of `box`, with a dot at the anchor."""
    x = min(max(0.0, box.left()), box.right())
    y = min(max(0.0, box.top()), box.bottom())
    path = QPainterPath()
    path.addEllipse(QPointF(0, 0), 1.5, 1.5)
    path.moveTo(0, 0)
    path.lineTo(x, y)
    return path
