"""The map's first frame at start-up: the main window opens at once, its map area showing the
city as the last start drew it, before NumPy, shapely and the map data are loaded (together
they take longer than Python and Qt themselves). The record pans and zooms as the map does
and names the point sites under the cursor as its tooltips do; the live map takes its place
a moment later, at the view the user moved it to, and a click made meanwhile reaches it.

The record is a QPicture (Qt's checksummed record of paint commands: paths, text, colours,
plain data that replays at any size and cannot run code) with the map's background colour
and the point sites' tooltips, in a small versioned file. It is written once the store's
colours are drawn and when the app ends, always of the view a start opens on (all of Wuhan,
nothing selected), and named by a signature of the data it shows (the data folder, the
user's accepted sites and documents, the user's status store): a start on other or changed
data has no record, and its map area says only that the map is loading until the live map
is there. A status recorded on a shared server is not in the signature, so the record says
it is still loading (正在载入), with a busy cursor.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QDataStream,
    QEvent,
    QFile,
    QIODevice,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPicture,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QFrame, QToolTip, QWidget

from desktop.map.view_steps import ZOOM_STEP, key_step

if TYPE_CHECKING:
    from desktop.map.canvas import MapCanvas

MAX_TIPS = 500  # the most point sites in view a record keeps tooltips for
FIRST_FRAME = "first-frame-{}.picture"  # in the app's cache folder, named by the data's signature
MAGIC, VERSION = 0x454D4646, 3  # "EMFF"; a file of another version is not read
STREAM_VERSION = QDataStream.Version.Qt_6_5  # fixed, whichever Qt writes or reads it


@dataclass(frozen=True)
class SiteTips:
    """The tooltips of the point sites a record shows: each site's place (scene coordinates)
    and what the live map's tooltip said of it, and how far from a site (in scene units:
    the recorded symbols scale with the record) the cursor still points at it."""

    reach: float
    sites: Sequence[tuple[QPointF, str]]


class MapRecord(QFrame):
    """The map area replaying the record, fitted to its size as the live map fits the city;
    `painted` once shown. It moves as the live map does (drag, wheel, the zoom and arrow
    keys), scaling the record as a tile map scales its tiles until the new ones come, and
    keeps the last click on it, as a map position (Web Mercator scene coordinates: `scene`
    is the map's rectangle the record shows): the live map opens where the user moved to
    and takes the click. Without a picture (`waiting`) it shows only that the map is
    loading, and neither moves nor keeps a click."""

    painted = Signal()

    def __init__(
        self,
        picture: QPicture | None,
        background: QColor,
        scene: QRectF,
        tips: SiteTips | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.picture = picture
        self.background = background
        self.scene = scene
        self.tips = tips or SiteTips(0.0, ())
        self.click: QPointF | None = None  # the map position a click pointed at
        self._moved = QTransform()  # the user's pans and zooms, in widget pixels
        self._pressed: QPointF | None = None  # where a left button went down
        self._dragged: QPointF | None = None  # where a drag has reached
        self._told = False
        self.setFrameShape(QFrame.Shape.StyledPanel)  # framed as the map's view is
        self.setFrameShadow(QFrame.Shadow.Sunken)
        self.setCursor(Qt.CursorShape.BusyCursor)  # usable, and busy
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the keys move it, as the map's

    @classmethod
    def waiting(cls) -> MapRecord:
        """The map area of a start with no record (the data or the program changed since the
        last start): the window still opens at once, laid out as it was left, and says that
        the map is loading; no map is shown before it is read."""
        return cls(None, QColor(), QRectF())

    @property
    def moved(self) -> bool:
        """The user panned or zoomed the record: the live map opens on their view."""
        return not self._moved.isIdentity()

    def hand_over(self, canvas: MapCanvas) -> QPointF | None:
        """The live map takes the record's place: it opens on the view the user moved the
        record to. Returns the click kept for it."""
        if self.moved:
            canvas.opening_view = self.shown_scene()
        return self.click

    def _placement(self, picture: QPicture) -> tuple[float, QPointF]:
        """The scale and offset that fit the recorded view inside the frame, centred."""
        box, inside = picture.boundingRect(), self.contentsRect()
        scale = min(inside.width() / box.width(), inside.height() / box.height())
        room, drawn = inside.size(), box.size() * scale
        spare = QPointF(room.width() - drawn.width(), room.height() - drawn.height())
        return scale, QPointF(inside.topLeft()) + spare / 2

    def _to_widget(self, picture: QPicture) -> QTransform:
        """From the recorded view's pixels to this widget's: the fit, then the user's moves."""
        scale, offset = self._placement(picture)
        fit = QTransform.fromScale(scale, scale) * QTransform.fromTranslate(offset.x(), offset.y())
        return fit * self._moved

    def scene_at(self, pos: QPointF) -> QPointF | None:
        """The map position (scene coordinates) under a point of this widget."""
        if self.picture is None:
            return None
        recorded = self._to_widget(self.picture).inverted()[0].map(pos)
        metres_per_px = self.scene.width() / self.picture.boundingRect().width()
        return self.scene.topLeft() + recorded * metres_per_px

    def shown_scene(self) -> QRectF | None:
        """The map rectangle (scene coordinates) the frame's contents show now."""
        inside = QRectF(self.contentsRect())
        corners = self.scene_at(inside.topLeft()), self.scene_at(inside.bottomRight())
        if corners[0] is None or corners[1] is None:
            return None
        return QRectF(corners[0], corners[1])

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self.picture is not None:
            painter.fillRect(self.contentsRect(), self.background)
            painter.save()
            painter.setTransform(self._to_widget(self.picture))
            painter.drawPicture(0, 0, self.picture)
            painter.restore()
        self.drawFrame(painter)  # over lines that leave the view, as the view's frame is
        self._draw_loading(painter)
        painter.end()
        if not self._told:
            self._told = True
            self.painted.emit()

    def tooltip_at(self, pos: QPointF) -> str:
        """What the live map's tooltip says of the site drawn under this point, or nothing."""
        here = self.scene_at(pos)
        if here is None or not self.tips.sites:
            return ""
        near = min(self.tips.sites, key=lambda tip: (tip[0] - here).manhattanLength())
        offset = near[0] - here
        return near[1] if max(abs(offset.x()), abs(offset.y())) <= self.tips.reach else ""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _move(self, step: QTransform) -> None:
        if self.picture is not None:
            self._moved = self._moved * step
            self.update()

    def _zoom(self, factor: float, about: QPointF) -> None:
        """Zoom by `factor`, the point `about` (widget pixels) staying where it is."""
        there = QTransform.fromTranslate(about.x(), about.y())
        self._move(there.inverted()[0] * QTransform.fromScale(factor, factor) * there)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self._dragged = event.position()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """A drag pans the record, as it pans the live map."""
        if self._dragged is not None:
            step = event.position() - self._dragged
            self._dragged = event.position()
            self._move(QTransform.fromTranslate(step.x(), step.y()))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A left click (not a drag) is kept, at the map position it pointed at."""
        if event.button() == Qt.MouseButton.LeftButton and self._pressed is not None:
            travel = (event.position() - self._pressed).manhattanLength()
            if travel < QApplication.startDragDistance():
                self.click = self.scene_at(event.position()) or self.click
            self._pressed = self._dragged = None
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        zoom_in = event.angleDelta().y() > 0
        self._zoom(ZOOM_STEP if zoom_in else 1 / ZOOM_STEP, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = key_step(event.key())
        if step is None:
            super().keyPressEvent(event)
            return
        factor, dx, dy = step
        self._zoom(factor, QRectF(self.contentsRect()).center())
        self._move(QTransform.fromTranslate(-dx, -dy))  # the view moves, the map the other way

    def _draw_loading(self, painter: QPainter) -> None:
        """A note at the foot of the map: it is still loading, and what it shows may be about
        to change."""
        text = QCoreApplication.translate("FirstFrame", "正在载入…")
        metrics = painter.fontMetrics()
        width, height = metrics.horizontalAdvance(text) + 24, metrics.height() + 12
        box = QRectF((self.width() - width) / 2, self.height() - height - 36, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(40, 40, 40, 200))
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def first_frame_path(cache: Path, signature: str) -> Path:
    """Where the record of a map drawn from data with this signature is kept."""
    return cache / FIRST_FRAME.format(signature[:32])


def load_first_frame(path: Path | None) -> MapRecord | None:
    """The record's widget, not yet shown (so that `painted` can be connected first: a
    platform may paint at once), or None when none was saved, it is of another version or
    damaged (then the live map is the first frame, as on a first start)."""
    if path is None or not path.is_file():
        return None
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        return None
    stream = QDataStream(file)
    stream.setVersion(STREAM_VERSION)
    magic, version = stream.readUInt32(), stream.readUInt32()
    if (magic, version) != (MAGIC, VERSION):
        return None
    background, scene, picture = QColor(), QRectF(), QPicture()
    stream >> background
    stream >> scene
    stream >> picture
    tips = _read_tips(stream)
    file.close()
    ok = stream.status() == QDataStream.Status.Ok and background.isValid()
    if not ok or picture.boundingRect().isEmpty() or scene.isEmpty():
        return None
    return MapRecord(picture, background, scene, tips)


def _read_tips(stream: QDataStream) -> SiteTips:
    reach, count = stream.readDouble(), stream.readUInt32()
    sites = []
    for _ in range(min(count, MAX_TIPS)):  # a damaged count reads no further than that
        place = QPointF()
        stream >> place
        sites.append((place, stream.readQString()))
    return SiteTips(reach, sites)


def _write_tips(stream: QDataStream, tips: SiteTips) -> None:
    stream.writeDouble(tips.reach)
    stream.writeUInt32(len(tips.sites))
    for place, text in tips.sites:
        stream << place
        stream.writeQString(text)


def _site_tips(canvas: MapCanvas) -> SiteTips:
    """The tooltips of the point sites in view, as the live map says them; none when there
    are more than MAX_TIPS (a crowded view: the live map names them once it is there)."""
    from desktop.map.site_layer import PICK_PX

    points = canvas.points
    shown = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    inside = points.shown & (points.xs >= shown.left()) & (points.xs <= shown.right())
    inside &= (points.ys >= shown.top()) & (points.ys <= shown.bottom())
    chosen = inside.nonzero()[0]
    if len(chosen) > MAX_TIPS:
        return SiteTips(0.0, ())
    places = [QPointF(float(points.xs[i]), float(points.ys[i])) for i in chosen]
    sites = [(place, canvas.tooltip_at(canvas.mapFromScene(place))) for place in places]
    return SiteTips(PICK_PX / canvas.transform().m11(), sites)


@contextlib.contextmanager
def start_view(canvas: MapCanvas):
    """The canvas as a start shows it (all of Wuhan, nothing selected) for the time of the
    block, then back as the user left it: what the user sees does not change."""
    transform, selected = canvas.transform(), canvas.selected
    bars = canvas.horizontalScrollBar(), canvas.verticalScrollBar()
    scrolled = [bar.value() for bar in bars]
    canvas.select(None)
    canvas.fit_to_wuhan()
    try:
        yield
    finally:
        canvas.setTransform(transform)
        for bar, value in zip(bars, scrolled, strict=True):
            bar.setValue(value)
        canvas.select(selected)
        canvas.declutter_labels()


def save_first_frame(canvas: MapCanvas, path: Path | None) -> None:
    """Record the map for the next start; written whole or not at all (gis/atomic.py), and
    a failure only means the next start opens on the live map alone. No path (the data could
    not be looked at): nothing is recorded."""
    from gis.atomic import write_bytes

    if path is None:
        return
    viewport = canvas.viewport()
    picture = QPicture()
    picture.setBoundingRect(viewport.rect())
    with start_view(canvas):
        viewport.render(picture)
        scene = canvas.viewportTransform().inverted()[0].mapRect(QRectF(viewport.rect()))
        tips = _site_tips(canvas)
    record = QByteArray()
    stream = QDataStream(record, QIODevice.OpenModeFlag.WriteOnly)
    stream.setVersion(STREAM_VERSION)
    stream.writeUInt32(MAGIC)
    stream.writeUInt32(VERSION)
    stream << canvas.backgroundBrush().color()
    stream << scene
    stream << picture
    _write_tips(stream, tips)
    if stream.status() != QDataStream.Status.Ok:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, bytes(record.data()))
        for older in path.parent.glob(FIRST_FRAME.format("*")):
            if older != path:  # a record of data that is no longer there
                older.unlink(missing_ok=True)
