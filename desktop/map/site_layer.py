"""Every point site in one graphics item, so that 10,000 sites pan and zoom smoothly.

One QGraphicsItem per site costs Qt a scene-index entry, a bounding-rect test and a paint call
each; here coordinates live in NumPy arrays and only what is in view is drawn. Up to
VECTOR_LIMIT symbols are all drawn: as paths in print and when few are in view, from cached
sprites (the same drawing, rendered once per style) on screen beyond PATH_LIMIT, as a path
costs ten times a sprite's blit; a crowded view keeps one symbol per few pixels, drawn from the
sprites into an image of the view and its surroundings that panning reuses (crowded_view.py).
Uncertainty halos appear once few enough are in view. Identify is a vectorised distance test.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from desktop.map import style
from desktop.map.crowded_view import CrowdedView
from desktop.map.items import draw_site_symbol, symbol_path
from gis.basemaps import shift_xy
from gis.crs import lonlat_to_mercator
from gis.map_points import PointSymbols
from gis.model import USER_PREFIX
from gis.symbology import HALO_FILL_MAX_PX, HALO_MAX_M_PER_PX

HALO_LIMIT = 300  # more halos than this in view would only grey the map out
VECTOR_LIMIT = 1500  # up to this many symbols in view are all drawn
PATH_LIMIT = 300  # on screen, more symbols in view than this are blitted from sprites
THIN_CELL_PX = 8  # beyond VECTOR_LIMIT, one symbol per cell of this many pixels
PICK_PX = style.SYMBOL_PX / 2 + 2
SPRITE_PX = int(style.SYMBOL_PX + 4)
FORMER = "former:"  # a shape name so prefixed draws the site hollow and grey (原址)


class SiteLayer(QGraphicsItem):
    def __init__(self, points: PointSymbols) -> None:
        super().__init__()
        self.ids = points.ids
        self.index = {site_id: i for i, site_id in enumerate(self.ids)}
        self.document_statuses = points.statuses  # as the map data has them (no store)
        xs, ys = lonlat_to_mercator(points.lon, points.lat)  # the data is WGS84; the scene
        self.xs, self.ys = xs, -ys  # is Web Mercator
        # Where the data put each site, while that is not where it is drawn (set_datum):
        # in WGS84, xs and ys are both.
        self._data_xy: tuple[np.ndarray, np.ndarray] | None = None
        self.datum = "wgs84"
        self.halo = np.where(
            points.is_estimate, points.precision_m / np.cos(np.radians(points.lat)), 0.0
        )
        # (shape, status, the user's own site?): user sites are drawn with a dark edge. Each
        # distinct style is one tuple, shared by its sites.
        shapes = {kind: style.KIND_SHAPES.get(kind, "circle") for kind in set(points.kinds)}
        self.style_of = _shared(
            (shapes[kind], status, site_id.startswith(USER_PREFIX))
            for kind, status, site_id in zip(points.kinds, points.statuses, self.ids, strict=True)
        )
        self._index_styles()
        self._former: set[str] = set()  # the sites drawn as former sites (set_former)
        self.shown = np.ones(len(self.ids), dtype=bool)
        self.selected: int | None = None
        self._paths = {key[0]: symbol_path(key[0], style.SYMBOL_PX) for key in self._styles}
        self._sprites: dict[tuple[str, object, bool, float], QPixmap] = {}  # and pixel ratio
        self._version = 0  # bumped whenever what is shown changes: the crowded image is stale
        self._crowded = CrowdedView(self, SPRITE_PX / 2 + 1)  # its image (crowded_view.py)
        self._bounds = self._extent()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def _extent(self) -> QRectF:
        if not self.ids:
            return QRectF()
        left, right = float(np.min(self.xs - self.halo)), float(np.max(self.xs + self.halo))
        top, bottom = float(np.min(self.ys - self.halo)), float(np.max(self.ys + self.halo))
        width, height = max(right - left, 1.0), max(bottom - top, 1.0)
        # Symbols keep their pixel size, so at small scales they reach past the points.
        return QRectF(left - width, top - height, 3 * width, 3 * height)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _index_styles(self) -> None:
        self._styles = sorted(set(self.style_of), key=_style_order)
        code_of = {key: code for code, key in enumerate(self._styles)}
        self._style_code = np.array([code_of[key] for key in self.style_of], dtype=int)

    def set_statuses(self, statuses: dict) -> None:
        """Colour sites by these statuses (site id -> Status or None), e.g. the tracked ones."""
        changed = {}
        for site_id, status in statuses.items():  # only these: a refresh at 100,000 sites
            i = self.index.get(site_id)
            if i is not None:
                shape, _, user = self.style_of[i]
                changed[i] = (shape, status, user)
        self._restyle(changed)

    def set_former(self, site_ids: set[str]) -> None:
        """Draw these sites as former sites (原址): hollow, grey, whatever their status; only
        the sites whose mark changes are restyled."""
        changed = {}
        for i in {self.index[s] for s in site_ids ^ self._former}:
            shape, status, user = self.style_of[i]
            bare = shape.removeprefix(FORMER)
            changed[i] = (FORMER * (self.ids[i] in site_ids) + bare, status, user)
        self._former = set(site_ids)
        self._restyle(changed)

    def _restyle(self, changed: dict[int, tuple[str, object, bool]]) -> None:
        """Give these sites (by index) these styles; only they are re-coded. A style new to
        the layer joins the known ones (which stay, so that toggling back and forth finds
        them), and every site's code is renumbered in one NumPy step."""
        if not changed:
            return
        for shape, _, _ in changed.values():
            if shape not in self._paths:
                self._paths[shape] = symbol_path(shape.removeprefix(FORMER), style.SYMBOL_PX)
        new = set(changed.values()).difference(self._styles)
        if new:
            old = self._styles
            self._styles = sorted({*old, *new}, key=_style_order)
            code_of = {key: code for code, key in enumerate(self._styles)}
            renumbered = np.array([code_of[key] for key in old], dtype=int)
            self._style_code = renumbered[self._style_code]
        code_of = {key: code for code, key in enumerate(self._styles)}
        for i, key in changed.items():
            code = code_of[key]
            self.style_of[i], self._style_code[i] = self._styles[code], code
        self._version += 1
        self.update()

    def move(self, site_id: str, x: float, y: float, halo: float) -> None:
        """Put a site elsewhere (a user's location correction), in scene coordinates."""
        i = self.index[site_id]
        self.halo[i] = halo
        if self._data_xy is not None:
            self._data_xy[0][i], self._data_xy[1][i] = x, y
        shown_x, north = shift_xy([x], [-y], self.datum)
        self.xs[i], self.ys[i] = shown_x[0], -north[0]
        self._version += 1
        self.update()

    def set_datum(self, datum: str) -> None:
        """Draw every site where tiles in `datum` show its place; the data stay as they are."""
        self.datum = datum
        data_xs, data_ys = self._data_xy or (self.xs, self.ys)
        if datum == "wgs84":
            self.xs, self.ys, self._data_xy = data_xs, data_ys, None
        else:
            self._data_xy = data_xs, data_ys
            xs, north = shift_xy(data_xs, -data_ys, datum)
            self.xs, self.ys = np.array(xs), -north
        self.prepareGeometryChange()
        self._bounds = self._extent()
        self._version += 1
        self.update()

    def view_holds(self, symbols: int) -> None:
        """The view has moved or its filter changed (the canvas tells after each), and now
        holds this many symbols: once they are few enough to be drawn one by one, the
        crowded view's image goes, before the next frame's buffers are made beside it."""
        if symbols <= VECTOR_LIMIT:
            self._crowded.forget()

    def set_shown(self, shown: np.ndarray) -> None:
        self.shown = shown
        self._version += 1
        self.update()

    def select(self, site_id: str | None) -> None:
        self.selected = self.index.get(site_id) if site_id else None
        self.update()

    def scene_pos(self, site_id: str) -> QPointF:
        i = self.index[site_id]
        return QPointF(self.xs[i], self.ys[i])

    def halo_rect(self, site_id: str) -> QRectF:
        i = self.index[site_id]
        r = self.halo[i]
        return QRectF(self.xs[i] - r, self.ys[i] - r, 2 * r, 2 * r)

    def sites_near(self, x: float, y: float, radius: float) -> list[str]:
        """Shown sites within `radius` scene units of (x, y), topmost (last drawn) first."""
        near = self.shown & (np.abs(self.xs - x) <= radius) & (np.abs(self.ys - y) <= radius)
        return [self.ids[i] for i in np.flatnonzero(near)[::-1]]

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        transform = painter.worldTransform()
        picked = self._in_rect(option.exposedRect, transform.m11())
        if widget is None or len(picked) <= VECTOR_LIMIT:
            halos = self._halos_in(option.exposedRect, transform.m11())
            self._paint_halos(painter, halos, transform.m11())
            self._paint_symbols(painter, transform, picked, on_screen=widget is not None)
        else:
            self._crowded.paint(painter, transform, widget)
        if self.selected is not None and self.shown[self.selected]:
            painter.save()
            painter.resetTransform()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            point = transform.map(QPointF(self.xs[self.selected], self.ys[self.selected]))
            self._draw(painter, *self.style_of[self.selected], point, selected=True)
            painter.restore()

    def _in_rect(self, rect: QRectF, px_per_unit: float) -> np.ndarray:
        margin = style.SYMBOL_PX / px_per_unit
        return np.flatnonzero(
            self.shown
            & (self.xs >= rect.left() - margin)
            & (self.xs <= rect.right() + margin)
            & (self.ys >= rect.top() - margin)
            & (self.ys <= rect.bottom() + margin)
        )

    def _paint_symbols(
        self,
        painter: QPainter,
        transform: QTransform,
        picked: np.ndarray,
        on_screen: bool,
        device: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        """The picked symbols, at `device` (where `transform` puts them, when given)."""
        device_x, device_y = device or self._device_xy(transform, picked)
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if len(picked) <= (VECTOR_LIMIT if not on_screen else PATH_LIMIT):
            for i, x, y in zip(picked, device_x, device_y, strict=True):
                # By name: mypy cannot count the items of a `*` it sees as Any (i is).
                shape, status, user = self.style_of[i]
                self._draw(painter, shape, status, user, QPointF(x, y), selected=False)
        else:
            thin = len(picked) > VECTOR_LIMIT
            self._paint_sprites(painter, picked, device_x, device_y, thin)
        painter.restore()

    def _device_xy(self, transform: QTransform, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where `transform` puts these sites (no rotation or shear on a map)."""
        x = self.xs[at] * transform.m11() + transform.dx()
        return x, self.ys[at] * transform.m22() + transform.dy()

    def _paint_halos(self, painter: QPainter, chosen: np.ndarray, px_per_unit: float) -> None:
        """These halos (_halos_in); one wider than HALO_FILL_MAX_PX is an outline only, so
        that it greys nothing out."""
        if not len(chosen):
            return
        r = self.halo
        pen = QPen(style.HALO_EDGE, 1.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        for i in chosen:
            wide = r[i] * px_per_unit > HALO_FILL_MAX_PX
            painter.setBrush(QBrush() if wide else QBrush(style.HALO_FILL))
            painter.drawEllipse(QPointF(self.xs[i], self.ys[i]), r[i], r[i])

    def _halos_in(self, exposed: QRectF, px_per_unit: float) -> np.ndarray:
        """The halos to draw over `exposed` (indices): only from the zoom where streets show
        (gis.symbology.HALO_MAX_M_PER_PX), and none when more than HALO_LIMIT would."""
        none = np.zeros(0, dtype=np.intp)
        northing = -exposed.center().y()  # scene y points down
        latitude = 2 * math.atan(math.exp(northing / 6378137.0)) - math.pi / 2
        if math.cos(latitude) / px_per_unit > HALO_MAX_M_PER_PX:
            return none
        r = self.halo
        touching = (
            self.shown
            & (r * px_per_unit >= 2.0)
            & (self.xs + r >= exposed.left())
            & (self.xs - r <= exposed.right())
            & (self.ys + r >= exposed.top())
            & (self.ys - r <= exposed.bottom())
        )
        chosen = np.flatnonzero(touching)
        return none if len(chosen) > HALO_LIMIT else chosen

    def _draw(
        self, painter: QPainter, shape: str, status, user: bool, at: QPointF, selected: bool
    ) -> None:
        painter.translate(at)
        fill = style.status_colour(status)
        former = shape.startswith(FORMER)
        draw_site_symbol(
            painter, self._paths[shape], fill, user=user, former=former, selected=selected
        )
        painter.translate(-at)

    def _paint_sprites(self, painter: QPainter, picked, device_x, device_y, thin: bool) -> None:
        keep = _topmost_per_cell(device_x, device_y) if thin else np.arange(len(picked))
        # Whole pixels and one bound method: each call costs Python more than Qt's blit.
        left = np.rint(device_x[keep] - SPRITE_PX / 2).astype(int).tolist()
        top = np.rint(device_y[keep] - SPRITE_PX / 2).astype(int).tolist()
        ratio = painter.device().devicePixelRatioF()
        every = [self._sprite(*key, ratio) for key in self._styles]
        sprites = [every[code] for code in self._style_code[picked[keep]].tolist()]
        draw = painter.drawPixmap
        for x, y, sprite in zip(left, top, sprites, strict=True):
            draw(x, y, sprite)

    def _sprite(self, shape: str, status, user: bool, ratio: float) -> QPixmap:
        """The symbol drawn once, at the device's pixel ratio so it stays sharp on HiDPI."""
        key = (shape, status, user, ratio)
        if key not in self._sprites:
            sprite = QPixmap(math.ceil(SPRITE_PX * ratio), math.ceil(SPRITE_PX * ratio))
            sprite.setDevicePixelRatio(ratio)
            sprite.fill(Qt.GlobalColor.transparent)
            sprite_painter = QPainter(sprite)
            sprite_painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            centre = QPointF(SPRITE_PX / 2, SPRITE_PX / 2)
            self._draw(sprite_painter, shape, status, user, centre, selected=False)
            sprite_painter.end()
            self._sprites[key] = sprite
        return self._sprites[key]


def _style_order(key: tuple[str, object, bool]) -> tuple[str, str, bool]:
    return key[0], str(key[1]), key[2]


def _shared(styles: Iterable[tuple[str, object, bool]]) -> list[tuple[str, object, bool]]:
    """The styles with each distinct one held once (100,000 sites have a few styles)."""
    one: dict[tuple[str, object, bool], tuple[str, object, bool]] = {}
    return [one.setdefault(key, key) for key in styles]


def _topmost_per_cell(device_x: np.ndarray, device_y: np.ndarray) -> np.ndarray:
    """Indices, ascending, of the last-drawn (topmost) symbol in each THIN_CELL_PX cell: a
    grid of cell owners rather than a sort, which cost half a crowded frame at 100k sites."""
    if not len(device_x):
        return np.flatnonzero(np.zeros(0, dtype=bool))
    column = np.floor(device_x / THIN_CELL_PX).astype(np.int64)
    row = np.floor(device_y / THIN_CELL_PX).astype(np.int64)
    column -= column.min()
    row -= row.min()
    cell = row * (int(column.max()) + 1) + column
    order = np.arange(len(cell))
    owner = np.full(int(cell.max()) + 1, -1, dtype=np.int64)
    np.maximum.at(owner, cell, order)
    return np.flatnonzero(owner[cell] == order)
