"""The map canvas: districts, zones, rivers and sites drawn natively in Web Mercator.

Pan by dragging, click a site to select it; the keys, the wheel and zoom steps are in
navigation.py. The canvas knows site ids only; what a site means comes from `gis`.
An optional tile basemap lies under everything; over GCJ-02 tiles (AMap) the overlays are
drawn shifted to match them, while every coordinate the canvas reports stays WGS84.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QMenu, QToolTip

from desktop.i18n import saved_language
from desktop.map import items, style
from desktop.map.items import AreaItem
from desktop.map.labels import DistrictLabels, symbols_in_view
from desktop.map.navigation import MapNavigation
from desktop.map.site_layer import PICK_PX, SiteLayer
from desktop.map.site_words import menu_entry, site_tip
from desktop.map.water_layer import FormerSites, water_items
from gis import MapData, MapFeature
from gis.basemaps import Provider, shift_xy, true_lonlat
from gis.crs import from_web_mercator
from gis.map_points import area_features, point_symbols

if TYPE_CHECKING:
    from desktop.map.basemap import Basemap, FetchConfig
    from gis.state import CurrentState

Z_ORDER = {"districts": 0, "functional_zones": 4, "protection_zones": 2, "rivers": 3, "sites": 5}
_AREA_STYLE = {  # layer: fill, edge, edge width in pixels; anything else is a line
    "districts": (style.DISTRICT_FILL, style.DISTRICT_EDGE, 1.0),
    "protection_zones": (style.ZONE_FILL, style.ZONE_EDGE, 1.5),
}


class MapCanvas(MapNavigation):
    siteClicked = Signal(str)
    cursorMoved = Signal(float, float)
    basemapChanged = Signal(str)  # the basemap's credit line, "" for none

    def __init__(self, map_data: MapData, parent=None) -> None:
        super().__init__(parent)
        self.catalog = map_data.catalog
        self.districts = map_data.districts
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(style.BACKGROUND)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.selected: str | None = None
        self.overlap_menu: QMenu | None = None
        self._press: QPointF | None = None
        self._fitted = False
        self.opening_view: QRectF | None = None  # shown instead of all of Wuhan at first
        self._pick: Callable[[float, float], None] | None = None
        self._hidden_layers: set[str] = set()
        self.basemap: Basemap | None = None
        self.datum = "wgs84"  # the datum overlays are drawn in, to match the basemap's tiles
        self._visible_sites: set[str] | None = None
        self._state: CurrentState | None = None  # what the store adds, once it is open
        self._recoloured: set[str] = set()  # point sites shown in a tracked status
        # Areas and lines: one item each (few); points: one layer item for all of them.
        self._areas: dict[str, AreaItem] = {}
        self._area_of: dict[QGraphicsItem, str] = {}  # looked up by any item under a click
        self.labels = DistrictLabels(self.scene(), Z_ORDER["sites"] + 1)
        self._relabel = QTimer(self, singleShot=True, interval=40)  # once a pan pauses
        self._relabel.timeout.connect(self.declutter_labels)
        self.viewMoved.connect(self.declutter_labels)
        # The data is WGS84; the canvas draws in Web Mercator: areas and lines are projected
        # here (a few hundred), points as arrays inside their layer.
        features = map_data.features
        # Point sites come as columns (gis/map_points.py): no object per site at 100,000.
        symbols = point_symbols(features)
        z = np.array([Z_ORDER[layer] for layer in symbols.layers], dtype=int)
        if len(z) and np.any(np.diff(z) < 0):
            symbols = symbols.take(np.argsort(z, kind="stable"))
        # areas and lines only, in Web Mercator
        self._features = {f.id: f for f in items.in_mercator(list(area_features(features)))}
        self.points = SiteLayer(symbols)
        self.points.setZValue(Z_ORDER["sites"])
        self._point_layers = np.array(symbols.layers, dtype=object)
        self.former = FormerSites(self.scene(), self.points, Z_ORDER["sites"] + 0.5)  # 原址
        self.scene().addItem(self.points)
        self._populate_areas(list(self._features.values()))
        self._water = water_items(map_data.water)
        for item in self._water:
            self.scene().addItem(item)
        self.former.mark(map_data.catalog, self._units_per_px())

    def _units_per_px(self) -> float:
        scale = self.transform().m11()
        return 1.0 / scale if scale > 0 else float("inf")

    def _populate_areas(self, features: list[MapFeature]) -> None:
        scene = self.scene()
        english = saved_language() == "en"
        for feature in features:
            fill, edge, width = _AREA_STYLE.get(feature.layer, (None, style.RIVER_LINE, 3.0))
            item = AreaItem(feature, fill, edge, width)
            item.setZValue(Z_ORDER[feature.layer])
            scene.addItem(item)
            self._areas[feature.id] = item
            self._area_of[item] = feature.id
            if feature.layer == "districts":
                # "Hannan District (Wuhan Economic … Zone)" is named Hannan, as 汉南区 is
                name_en = self.catalog.site(feature.id).name_en.partition(" District")[0]
                self.labels.add(name_en if english else feature.name_zh, feature.shape)
        rect = self.wuhan_rect()
        # Room around Wuhan so the map can be dragged past its edges.
        self.setSceneRect(rect.adjusted(-rect.width(), -rect.height(), rect.width(), rect.height()))
        # The names are placed once the view has its real size (resizeEvent), or by a print
        # for its own scale: placed here they would be placed for a size never shown.
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def show_state(self, state: CurrentState) -> None:
        """Draw the current state: point sites recoloured by their current status and moved
        to their corrected locations; tooltips read the same state. The data stays as is."""
        from shapely.geometry import Point

        from gis.crs import geometry_to_mercator

        self._state = state
        # Only tracked sites can differ from the documents; those recoloured by an earlier
        # state (another store) go back to their documents' status.
        tracked = state.sites_tracked().intersection(self.points.index)
        documents = self.points.document_statuses
        statuses = {s: documents[self.points.index[s]] for s in self._recoloured}
        statuses |= {site_id: state.site_status(site_id) for site_id in tracked}
        changed, self._recoloured = tracked | self._recoloured, tracked
        self.points.set_statuses(statuses)
        for site_id, fix in state.corrections.items():
            if site_id in self.points.index:
                point = geometry_to_mercator(Point(fix.lon, fix.lat))
                assert isinstance(point, Point)  # a transformed point stays a point
                halo = fix.precision_m / math.cos(math.radians(fix.lat))
                self.points.move(site_id, point.x, -point.y, halo)
        self.former.mark_state(state, self._units_per_px(), changed)

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        (self._hidden_layers.discard if visible else self._hidden_layers.add)(layer)
        self._apply_visibility()

    def set_visible_sites(self, site_ids: set[str] | None) -> None:
        """Show only these sites (None: all); districts stay as the map's ground."""
        self._visible_sites = site_ids
        self._apply_visibility()

    def is_site_visible(self, site_id: str) -> bool:
        if site_id in self._areas:
            return self._areas[site_id].isVisible()
        return bool(self.points.shown[self.points.index[site_id]])

    def _shown(self, site_id: str, layer: str) -> bool:
        return layer not in self._hidden_layers and (
            self._visible_sites is None or layer == "districts" or site_id in self._visible_sites
        )

    def _apply_visibility(self) -> None:
        for site_id, item in self._areas.items():
            item.setVisible(self._shown(site_id, self._features[site_id].layer))
        self.labels.set_visible("districts" not in self._hidden_layers)
        shown = ~np.isin(self._point_layers, list(self._hidden_layers))
        if self._visible_sites is not None:
            shown &= np.isin(np.array(self.points.ids, dtype=object), list(self._visible_sites))
        self.points.set_shown(shown)
        self.declutter_labels()

    def site_scene_pos(self, site_id: str) -> QPointF:
        if site_id in self.points.index:
            return self.points.scene_pos(site_id)
        anchor = self._features[site_id].shape.representative_point()
        return self._display_point(anchor.x, anchor.y)

    def _display_point(self, x: float, y: float) -> QPointF:
        shown_x, shown_y = shift_xy([x], [y], self.datum)
        return items.scene_point(float(shown_x[0]), float(shown_y[0]))

    def lonlat_at(self, scene: QPointF) -> tuple[float, float]:
        """The WGS84 longitude and latitude of a scene point, whatever the basemap's datum."""
        return true_lonlat(*from_web_mercator(scene.x(), -scene.y()), self.datum)

    def set_basemap(
        self, provider: Provider | None, config: FetchConfig | None = None, key: str = ""
    ) -> None:
        """Show `provider`'s tiles under the map (None: no basemap, nothing is fetched)."""
        if self.basemap is not None:
            self.destroyed.disconnect(self.basemap.close)
            self.basemap.close()
            self.scene().removeItem(self.basemap.item)
            self.basemap = None
        if provider is not None:
            if config is None:
                raise ValueError("a basemap needs a FetchConfig: where to cache, proxy, …")
            from desktop.map.basemap import Basemap  # QtNetwork loads with the first basemap

            self.basemap = Basemap(provider, config, self, key)
            self.destroyed.connect(self.basemap.close)
            self.scene().addItem(self.basemap.item)
        for water in self._water:  # the tiles draw their own water
            water.setVisible(provider is None)
        for site_id, area in self._areas.items():
            if self._features[site_id].layer == "districts":  # let the streets show through
                area.setBrush(QBrush() if provider else QBrush(style.DISTRICT_FILL))
        self.set_display_datum(provider.datum if provider else "wgs84")
        self.basemapChanged.emit(self.basemap_credit())

    def basemap_credit(self) -> str:
        """The attribution the basemap's terms ask for, "" without a basemap."""
        return self.basemap.provider.attribution if self.basemap else ""

    def set_display_datum(self, datum: str) -> None:
        """Draw the overlays where tiles in `datum` show their places; data, identify and the
        reported coordinates are unchanged."""
        if datum == self.datum:
            return
        self.datum = datum
        for area in [*self._areas.values(), *self._water]:
            area.set_datum(datum)
        self.labels.move_to(self._display_point)
        self.points.set_datum(datum)
        self.declutter_labels()

    def sites_at(self, view_pos) -> list[str]:
        """Sites under a view position, topmost first, each once: symbols before areas."""
        scene = self.mapToScene(view_pos)
        found = self.points.sites_near(scene.x(), scene.y(), PICK_PX / self.transform().m11())
        for item in self.items(view_pos):
            site_id = self._area_of.get(item)
            if site_id and site_id not in found:
                found.append(site_id)
        return found

    def tooltip_at(self, view_pos) -> str:
        """Name, kind and status of the topmost site under the cursor, or nothing."""
        found = self.sites_at(view_pos)
        if not found:
            return ""
        site_id = found[0]
        if site_id in self._features:
            document = self._features[site_id].status
        else:  # a point: the map data's status, as the symbol has it
            document = self.points.document_statuses[self.points.index[site_id]]
        now = self._state.site_status(site_id) if self._state else document
        others = len(found) - 1 if len(found) > 1 and found[1] in self.points.index else 0
        return site_tip(self.catalog.site(site_id), now, site_id in self.former, others)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _identify(self, view_pos) -> str | None:
        """The site a click means; when several symbols overlap, the user picks from a menu."""
        found = self.sites_at(view_pos)
        symbols = [s for s in found if s in self.points.index]
        if len(symbols) < 2:
            return found[0] if found else None
        self.overlap_menu = QMenu(self)
        for site_id in symbols:
            action = self.overlap_menu.addAction(menu_entry(self.catalog.site(site_id)))
            action.setData(site_id)
        chosen = self.overlap_menu.exec(self.viewport().mapToGlobal(view_pos))
        return chosen.data() if chosen is not None else None

    def select(self, site_id: str | None) -> None:
        self.points.select(site_id)
        for item_id, area in self._areas.items():
            pen = area.pen()
            chosen = item_id == site_id
            default = _AREA_STYLE.get(self._features[item_id].layer, (None, style.RIVER_LINE, 3.0))
            pen.setColor(style.SELECTION if chosen else default[1])
            pen.setWidthF(default[2] + 2.0 if chosen else default[2])
            area.setPen(pen)
        self.selected = site_id

    def fit_to_wuhan(self) -> None:
        self.fitInView(self.wuhan_rect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.declutter_labels()

    def show_scene(self, rect: QRectF) -> None:
        """Show this map rectangle across the view's width, centred: the view a start's
        record of the map was moved to before the live map came."""
        scale = self.viewport().width() / rect.width()
        self.setTransform(QTransform.fromScale(scale, scale))
        self.centerOn(rect.center())
        self.viewMoved.emit()

    def shown_labels(self) -> list[QGraphicsItem]:
        return list(self.labels.shown())

    def declutter_labels(self) -> None:
        """Place the district names and 原址 notes for this view (desktop/map/labels.py); a
        placement still pending from a scroll (fitting the view scrolls it) is then moot."""
        self._relabel.stop()
        self.former.place(self._units_per_px())
        xs, ys = symbols_in_view(self, self.points)
        self.points.view_holds(len(xs))
        self.labels.place(self, xs, ys, self.former.labels.values())

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._relabel.start()

    def wuhan_rect(self) -> QRectF:
        """The scene rectangle around all of Wuhan's districts."""
        rect = QRectF()
        for site_id, area in self._areas.items():
            if self._features[site_id].layer == "districts":
                rect = rect.united(area.sceneBoundingRect())
        return rect

    def centre_on_site(self, site_id: str) -> None:
        self.centerOn(self.site_scene_pos(site_id))

    def zoom_to_site(self, site_id: str) -> None:
        """Fit an area's outline, or a point's uncertainty circle, in the view; a site drawn
        nowhere (the city as a whole) shows all of Wuhan."""
        if site_id not in self._areas and site_id not in self.points.index:
            self.fit_to_wuhan()
            return
        if site_id in self._areas:
            rect = self._areas[site_id].sceneBoundingRect()
        else:
            rect = self.points.halo_rect(site_id)
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._fitted and self.viewport().width() > 50:
            if self.opening_view is None:  # only once the view has its real size
                self.fit_to_wuhan()
            else:
                self.show_scene(self.opening_view)
            self._fitted = True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def pick_location(self, chosen: Callable[[float, float], None]) -> None:
        """The next click gives its longitude and latitude (WGS84) to `chosen`, not identify."""
        self._pick = chosen
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = self._press is not None and (event.position() - self._press).manhattanLength() > 4
        if event.button() == Qt.MouseButton.LeftButton and not moved and self._pick is not None:
            scene = self.mapToScene(event.position().toPoint())
            chosen, self._pick = self._pick, None
            self.viewport().unsetCursor()
            chosen(*self.lonlat_at(scene))
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and not moved:
            self.click(event.position().toPoint())
            event.accept()  # the click was the canvas's: a pick or a selection

    def click(self, view_pos: QPoint) -> None:
        """Select the site a click at this view position means (or none) and announce it."""
        site_id = self._identify(view_pos)
        self.select(site_id)
        if site_id:
            self.siteClicked.emit(site_id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        scene = self.mapToScene(event.position().toPoint())
        self.cursorMoved.emit(*self.lonlat_at(scene))
