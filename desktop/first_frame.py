"""The map's first frame at start-up: the main window opens at once, its map area showing the
city as the last start drew it, before NumPy, shapely and the map data are loaded (together
they take longer than Python and Qt themselves); the live map takes its place a moment later,
at the same view, and a click made meanwhile reaches it.

The record is a QPicture (Qt's checksummed record of paint commands: paths, text, colours,
plain data that replays at any size and cannot run code) with the map's background colour,
in a small versioned file. It is written once the store's colours are drawn and when the app
ends, always of the view a start opens on (all of Wuhan, nothing selected), and named by a
signature of the data it shows (the data folder, the user's accepted sites and documents,
the user's status store): a start on other or changed data has no record, and its map area
says only that the map is loading until the live map is there. A status recorded on a shared
server is not in the signature, so the record says it is still loading (正在载入) and waits with
a busy cursor.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QDataStream,
    QFile,
    QIODevice,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPicture
from PySide6.QtWidgets import QFrame, QWidget

if TYPE_CHECKING:
    from desktop.map.canvas import MapCanvas

FIRST_FRAME = "first-frame-{}.picture"  # in the app's cache folder, named by the data's signature
MAGIC, VERSION = 0x454D4646, 2  # "EMFF"; a file of another version is not read
STREAM_VERSION = QDataStream.Version.Qt_6_5  # fixed, whichever Qt writes or reads it


class MapRecord(QFrame):
    """The map area replaying the record, fitted to its size as the live map fits the city;
    `painted` once shown. It keeps the last click on it, as a map position (Web Mercator
    scene coordinates: `scene` is the map's rectangle the record shows) for the live map.
    Without a picture (`waiting`) it shows only that the map is loading."""

    painted = Signal()

    def __init__(
        self,
        picture: QPicture | None,
        background: QColor,
        scene: QRectF,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.picture = picture
        self.background = background
        self.scene = scene
        self.click: QPointF | None = None  # the map position a click pointed at
        self._told = False
        self.setFrameShape(QFrame.Shape.StyledPanel)  # framed as the map's view is
        self.setFrameShadow(QFrame.Shadow.Sunken)
        self.setCursor(Qt.CursorShape.BusyCursor)

    @classmethod
    def waiting(cls) -> MapRecord:
        """The map area of a start with no record (the data or the program changed since the
        last start): the window still opens at once, laid out as it was left, and says that
        the map is loading; no map is shown before it is read."""
        return cls(None, QColor(), QRectF())

    def _placement(self, picture: QPicture) -> tuple[float, QPointF]:
        """The scale and offset that fit the recorded view inside the frame, centred."""
        box, inside = picture.boundingRect(), self.contentsRect()
        scale = min(inside.width() / box.width(), inside.height() / box.height())
        room, drawn = inside.size(), box.size() * scale
        spare = QPointF(room.width() - drawn.width(), room.height() - drawn.height())
        return scale, QPointF(inside.topLeft()) + spare / 2

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self.picture is not None:
            painter.fillRect(self.contentsRect(), self.background)
            scale, offset = self._placement(self.picture)
            painter.save()
            painter.translate(offset)
            painter.scale(scale, scale)
            painter.drawPicture(0, 0, self.picture)
            painter.restore()
        self.drawFrame(painter)  # over lines that leave the view, as the view's frame is
        self._draw_loading(painter)
        painter.end()
        if not self._told:
            self._told = True
            self.painted.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A left click is kept, at the place of the recorded view it pointed at."""
        if event.button() == Qt.MouseButton.LeftButton and self.picture is not None:
            scale, offset = self._placement(self.picture)
            recorded = (event.position() - offset) / scale  # in the recorded view's pixels
            metres_per_px = self.scene.width() / self.picture.boundingRect().width()
            self.click = self.scene.topLeft() + recorded * metres_per_px
        event.accept()

    def _draw_loading(self, painter: QPainter) -> None:
        """A note at the foot of the map: what it shows cannot be used yet and may be about
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
    file.close()
    ok = stream.status() == QDataStream.Status.Ok and background.isValid()
    if not ok or picture.boundingRect().isEmpty() or scene.isEmpty():
        return None
    return MapRecord(picture, background, scene)


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
    record = QByteArray()
    stream = QDataStream(record, QIODevice.OpenModeFlag.WriteOnly)
    stream.setVersion(STREAM_VERSION)
    stream.writeUInt32(MAGIC)
    stream.writeUInt32(VERSION)
    stream << canvas.backgroundBrush().color()
    stream << scene
    stream << picture
    if stream.status() != QDataStream.Status.Ok:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, bytes(record.data()))
        for older in path.parent.glob(FIRST_FRAME.format("*")):
            if older != path:  # a record of data that is no longer there
                older.unlink(missing_ok=True)
