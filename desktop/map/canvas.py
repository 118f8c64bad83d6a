"""The map canvas: districts, zones, rivers and sites drawn natively in Web Mercator.

Pan by dragging or with the arrow keys, zoom with the wheel (at the cursor) or +/-, click a
site to select it. The canvas knows site ids only; what a site means comes from `gis`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QMenu

from desktop.map import items, style
from gis.crs import from_web_mercator, to_web_mercator
from gis.layers import build_layers, site_districts
from gis.model import Catalog, Kind, Status

ZOOM_STEP = 1.25
Z_ORDER = {"districts": 0, "functional_zones": 4, "protection_zones": 2, "rivers": 3, "sites": 5}


class MapCanvas(QGraphicsView):
    siteClicked = Signal(str)
    cursorMoved = Signal(float, float)

    def __init__(self, catalog: Catalog, parent=None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.districts = site_districts(catalog)  # the spatial join, done once per catalog
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(style.BACKGROUND)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self._symbols: dict[str, QGraphicsItem] = {}
        self._areas: dict[str, QGraphicsItem] = {}
        self.selected: str | None = None
        self._press: QPointF | None = None
        self._fitted = False
        self._layer_of: dict[str, str] = {}
        self._site_items: dict[str, list[QGraphicsItem]] = {}
        self._hidden_layers: set[str] = set()
        self._visible_sites: set[str] | None = None
        self.overlap_menu: QMenu | None = None
        self._labels: list[QGraphicsItem] = []  # largest district first: it keeps its label
        # Our own item -> site map: PySide6's QGraphicsItem.data() mishandles None refcounts
        # when called on many items without data, so the canvas never asks items for it.
        self._clickable: dict[QGraphicsItem, str] = {}
        self._populate()

    def _populate(self) -> None:
        scene = self.scene()
        areas: list[tuple[float, QGraphicsItem]] = []
        for layer, frame in build_layers(self.catalog, self.districts).items():
            if layer == "city":
                continue
            z = Z_ORDER[layer]
            for row in frame.itertuples():
                status = Status(row.status) if isinstance(row.status, str) else None
                tip = f"{row.name_zh}\n{row.kind_zh} · {status.label_zh if status else '无措施'}"
                item = self._item_for(layer, row, status)
                item.setZValue(z)
                item.setToolTip(tip)
                scene.addItem(item)
                self._layer_of[row.id] = layer
                self._clickable[item] = row.id
                self._site_items.setdefault(row.id, []).append(item)
                if layer == "districts":
                    point = to_web_mercator(row.geometry.representative_point())
                    label = items.label_item(row.name_zh, point.x, point.y)
                    label.setZValue(6)
                    scene.addItem(label)
                    self._site_items[row.id].append(label)
                    areas.append((float(row.geometry.area), label))
        self._labels = [label for _, label in sorted(areas, key=lambda pair: -pair[0])]
        rect = self.wuhan_rect()
        # Room around Wuhan so the map can be dragged past its edges.
        self.setSceneRect(rect.adjusted(-rect.width(), -rect.height(), rect.width(), rect.height()))
        self.fit_to_wuhan()

    def _item_for(self, layer: str, row, status: Status | None) -> QGraphicsItem:
        geometry = row.geometry
        if layer == "districts":
            item = items.area_item(geometry, style.DISTRICT_FILL, style.DISTRICT_EDGE)
            self._areas[row.id] = item
            return item
        if layer == "protection_zones":
            item = items.area_item(geometry, style.ZONE_FILL, style.ZONE_EDGE, 1.5)
            self._areas[row.id] = item
            return item
        if geometry.geom_type != "Point":
            item = items.line_item(geometry, style.RIVER_LINE)
            self._areas[row.id] = item
            return item
        point = to_web_mercator(geometry)
        if row.location_is_estimate:
            halo = items.halo_item(point.x, point.y, geometry.y, row.precision_m)
            halo.setZValue(1)
            self.scene().addItem(halo)
            self._site_items.setdefault(row.id, []).append(halo)
        shape = style.KIND_SHAPES.get(Kind(row.kind), "circle")
        symbol = items.SiteSymbol(shape, style.status_colour(status))
        symbol.setPos(point.x, -point.y)
        self._symbols[row.id] = symbol
        return symbol

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        (self._hidden_layers.discard if visible else self._hidden_layers.add)(layer)
        self._apply_visibility()

    def set_visible_sites(self, site_ids: set[str] | None) -> None:
        """Show only these sites (None: all); districts stay as the map's ground."""
        self._visible_sites = site_ids
        self._apply_visibility()

    def is_site_visible(self, site_id: str) -> bool:
        return self._site_items[site_id][0].isVisible()

    def _apply_visibility(self) -> None:
        for site_id, site_items in self._site_items.items():
            layer = self._layer_of[site_id]
            shown = layer not in self._hidden_layers and (
                self._visible_sites is None
                or layer == "districts"
                or site_id in self._visible_sites
            )
            for item in site_items:
                item.setVisible(shown)

    def site_item(self, site_id: str) -> QGraphicsItem:
        """The clickable item of a site: its symbol, outline or line."""
        return (
            self._site_items[site_id][0] if site_id not in self._symbols else self._symbols[site_id]
        )

    def site_scene_pos(self, site_id: str) -> QPointF:
        if site_id in self._symbols:
            return self._symbols[site_id].pos()
        point = to_web_mercator(self.catalog.site(site_id).location.geometry.representative_point())
        return items.scene_point(point.x, point.y)

    def sites_at(self, view_pos) -> list[str]:
        """Sites under a view position, topmost first, each once: symbols before areas."""
        found: list[str] = []
        for item in self.items(view_pos):
            site_id = self._clickable.get(item)
            if site_id and site_id not in found:
                found.append(site_id)
        return found

    def _identify(self, view_pos) -> str | None:
        """The site a click means; when several symbols overlap, the user picks from a menu."""
        found = self.sites_at(view_pos)
        symbols = [s for s in found if s in self._symbols]
        if len(symbols) < 2:
            return found[0] if found else None
        self.overlap_menu = QMenu(self)
        for site_id in symbols:
            site = self.catalog.site(site_id)
            action = self.overlap_menu.addAction(f"{site.name_zh} · {site.kind.label_zh}")
            action.setData(site_id)
        chosen = self.overlap_menu.exec(self.viewport().mapToGlobal(view_pos))
        return chosen.data() if chosen is not None else None

    def select(self, site_id: str | None) -> None:
        for item_id, symbol in self._symbols.items():
            symbol.selected_outline = item_id == site_id
            symbol.update()
        for item_id, area in self._areas.items():
            pen = area.pen()
            pen.setColor(style.SELECTION if item_id == site_id else self._edge(item_id))
            pen.setWidthF(3.0 if item_id == site_id else 1.0)
            area.setPen(pen)
        self.selected = site_id

    def _edge(self, site_id: str):
        kind = self.catalog.site(site_id).kind
        return {Kind.DISTRICT: style.DISTRICT_EDGE, Kind.PROTECTION_ZONE: style.ZONE_EDGE}.get(
            kind, style.RIVER_LINE
        )

    def fit_to_wuhan(self) -> None:
        self.fitInView(self.wuhan_rect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.declutter_labels()

    def shown_labels(self) -> list[QGraphicsItem]:
        return [label for label in self._labels if label.isVisible() and label.opacity() > 0]

    def declutter_labels(self) -> None:
        """Hide a label that would overlap a larger district's label at this zoom."""
        placed: list[QRectF] = []
        for label in self._labels:
            if not label.isVisible():
                continue
            anchor = self.mapFromScene(label.pos()).toPointF()
            offset = QPointF(label.transform().dx(), label.transform().dy())
            box = label.boundingRect().translated(anchor + offset)
            free = not any(box.intersects(other) for other in placed)
            label.setOpacity(1.0 if free else 0.0)
            if free:
                placed.append(box.adjusted(-4, -2, 4, 2))

    def wuhan_rect(self) -> QRectF:
        """The scene rectangle around all of Wuhan's areas."""
        rects = [area.sceneBoundingRect() for area in self._areas.values()]
        rect = rects[0]
        for other in rects[1:]:
            rect = rect.united(other)
        return rect

    def centre_on_site(self, site_id: str) -> None:
        self.centerOn(self.site_scene_pos(site_id))

    def zoom_to_site(self, site_id: str) -> None:
        """Fit an area's outline, or a point's uncertainty circle, in the view."""
        site_items = self._site_items[site_id]
        rect = site_items[0].sceneBoundingRect()
        for item in site_items[1:]:
            rect = rect.united(item.sceneBoundingRect())
        if rect.width() < 1.0:  # a point symbol: show 2 km around it
            rect = QRectF(0, 0, 2000, 2000)
            rect.moveCenter(self.site_scene_pos(site_id))
        self.fitInView(
            rect.adjusted(
                -rect.width() * 0.1, -rect.height() * 0.1, rect.width() * 0.1, rect.height() * 0.1
            ),
            Qt.AspectRatioMode.KeepAspectRatio,
        )
        self.declutter_labels()

    def zoom(self, factor: float) -> None:
        self.scale(factor, factor)
        self.declutter_labels()

    def scale_denominator(self) -> float:
        """Map scale 1:N at the view centre, for a 96-dpi screen, in ground metres."""
        centre = self.mapToScene(self.viewport().rect().center())
        lat = from_web_mercator(centre.x(), -centre.y())[1]
        metres_per_px = 1.0 / self.transform().m11() * math.cos(math.radians(lat))
        return metres_per_px / 0.0254 * 96.0

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._fitted and self.viewport().width() > 50:
            self.fit_to_wuhan()  # only once the view has its real size
            self._fitted = True

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = 40
            dx = {Qt.Key.Key_Left: -step, Qt.Key.Key_Right: step}.get(key, 0)
            dy = {Qt.Key.Key_Up: -step, Qt.Key.Key_Down: step}.get(key, 0)
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = self._press is not None and (event.position() - self._press).manhattanLength() > 4
        if event.button() == Qt.MouseButton.LeftButton and not moved:
            site_id = self._identify(event.position().toPoint())
            self.select(site_id)
            if site_id:
                self.siteClicked.emit(site_id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        scene = self.mapToScene(event.position().toPoint())
        self.cursorMoved.emit(*from_web_mercator(scene.x(), -scene.y()))
