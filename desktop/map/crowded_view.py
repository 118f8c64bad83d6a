"""The image a crowded view of the site layer is drawn from, so that a pan costs one blit.

Beyond VECTOR_LIMIT symbols in view (desktop/map/site_layer.py), the layer draws one symbol
per few pixels into an image of the view and CACHE_PAD_PX around it, which pans reuse until
they leave it; a zoom or a change in what is shown draws it anew. The image holds only the
rectangle its symbols and halos take (at city scale Wuhan is a quarter of the view and its
margin: 2-3 MB at 1280x800 instead of 9.4 MB), is kept and redrawn in place while it is big
enough and not twice the size needed (a new image at each zoom or long pan would leave
memory behind: glibc keeps it), and goes once the view is no longer crowded.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.map.site_layer import SiteLayer

CACHE_PAD_PX = 256  # the image reaches this far past the view, for panning


class CrowdedView:
    """A site layer's crowded view: its image, and what the image shows."""

    def __init__(self, layer: SiteLayer, reach_px: float) -> None:
        self.layer = layer
        self.reach_px = reach_px  # how far a symbol's drawing reaches from its site
        # (key, origin in the scene, the view pixels it covers and the part of the image
        # it drew, both from that origin)
        self._cache: tuple[tuple, QPointF, QRectF, QRectF] | None = None
        self._image: QImage | None = None

    def forget(self) -> None:
        """Let the image go (the view is no longer crowded)."""
        self._cache = self._image = None

    def paint(self, painter: QPainter, transform: QTransform, widget: QWidget) -> None:
        """Draw the crowded view from the image, rendered anew only when the zoom or what is
        shown changes, or when a pan leaves the area it covers. A new zoom renders just the
        view, then widens the image by CACHE_PAD_PX once the event loop is idle."""
        view = QRectF(widget.rect())
        key = (transform.m11(), transform.m22(), self.layer._version)
        if self._cache is not None:
            cached_key, origin, covered, drawn = self._cache
            at = transform.map(origin)
            if cached_key == key and covered.translated(at).contains(view):
                self._blit(painter, at, drawn)
                return
        padded = self._cache is not None and self._cache[0] == key
        self._render(transform, widget, CACHE_PAD_PX if padded else 0)
        if not padded:
            # the widget as context: a view closed before the loop is idle drops the call
            QTimer.singleShot(0, widget, lambda: self._widen(transform, widget, key))
        assert self._cache is not None  # _render has just made it
        _, origin, _, drawn = self._cache
        self._blit(painter, transform.map(origin), drawn)

    def _widen(self, transform: QTransform, widget: QWidget, key: tuple) -> None:
        if self._cache is not None and self._cache[0] == key:
            self._render(transform, widget, CACHE_PAD_PX)

    def _render(self, transform: QTransform, widget: QWidget, pad: int) -> None:
        """Render the view and `pad` pixels around it into the image, which holds only the
        rectangle the symbols and halos there reach."""
        layer = self.layer
        covered = QRectF(widget.rect()).adjusted(-pad, -pad, pad, pad)
        scale = transform.m11()
        scene_covered = transform.inverted()[0].mapRect(covered)
        picked = layer._in_rect(scene_covered, scale)
        halos = layer._halos_in(scene_covered, scale)
        device_x, device_y = layer._device_xy(transform, picked)
        area = self._extent(transform, device_x, device_y, halos).intersected(covered)
        area = QRectF(area.toAlignedRect())  # whole pixels: sprites stay on the pixel grid
        self._cache = None
        drawn = QRectF(QPointF(0, 0), area.size())  # the image's part that holds the drawing
        if not area.isEmpty():
            image_painter = QPainter(self._image_for(area.size(), widget))
            image_painter.setClipRect(drawn)
            image_painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            image_painter.fillRect(drawn, Qt.GlobalColor.transparent)
            image_painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            shifted = transform * QTransform.fromTranslate(-area.left(), -area.top())
            image_painter.setWorldTransform(shifted)
            layer._paint_halos(image_painter, halos, scale)
            device = (device_x - area.left(), device_y - area.top())
            layer._paint_symbols(image_painter, shifted, picked, on_screen=True, device=device)
            image_painter.end()
        origin = transform.inverted()[0].map(area.topLeft())
        key = (transform.m11(), transform.m22(), layer._version)
        self._cache = (key, origin, covered.translated(-area.topLeft()), drawn)

    def _extent(
        self, transform: QTransform, x: np.ndarray, y: np.ndarray, halos: np.ndarray
    ) -> QRectF:
        """The view pixels that symbols at (x, y) and these halos reach (an empty rectangle
        for none)."""
        extent = QRectF()
        if len(x):
            reach = self.reach_px
            left, top = float(x.min()) - reach, float(y.min()) - reach
            extent = QRectF(left, top, float(x.max()) + reach - left, float(y.max()) + reach - top)
        if len(halos):
            hx, hy = self.layer._device_xy(transform, halos)
            r = self.layer.halo[halos] * transform.m11() + 1
            left, top = float(np.min(hx - r)), float(np.min(hy - r))
            extent |= QRectF(left, top, float(np.max(hx + r)) - left, float(np.max(hy + r)) - top)
        return extent

    def _image_for(self, size: QSizeF, widget: QWidget) -> QImage:
        """The image, at least `size` (view pixels) at the widget's pixel ratio: the one
        there is while that is big enough and at most twice the pixels needed; the old one
        goes before a new one is made. An image with alpha (a new QPixmap has none: its
        transparent fill drew black over the map)."""
        ratio = widget.devicePixelRatioF()
        needed = QSize(math.ceil(size.width() * ratio), math.ceil(size.height() * ratio))
        image = self._image
        if image is None or image.devicePixelRatio() != ratio or not _fits(needed, image.size()):
            self._image = image = None
            image = self._image = QImage(needed, QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(ratio)
        return image

    def _blit(self, painter: QPainter, at: QPointF, drawn: QRectF) -> None:
        """The image's drawn part, with its top left at `at` (view pixels)."""
        if self._image is None or drawn.isEmpty():
            return
        ratio = self._image.devicePixelRatio()
        source = QRectF(QPointF(0, 0), drawn.size() * ratio)
        painter.save()
        painter.resetTransform()
        target = QPointF(QPoint(round(at.x()), round(at.y())))
        painter.drawImage(QRectF(target, drawn.size()), self._image, source)
        painter.restore()


def _fits(needed: QSize, size: QSize) -> bool:
    """Whether an image of `size` holds `needed` with at most twice the pixels it needs."""
    enough = size.width() >= needed.width() and size.height() >= needed.height()
    return enough and size.width() * size.height() <= 2 * needed.width() * needed.height()
