"""The window's first frame at start-up, drawn from a picture of the window as the last start
showed it, so that the map is on screen before NumPy, shapely and the map data are loaded
(together they take longer than Python and Qt themselves); the real window replaces it a
moment later, at the same place and size.

The picture is a QPicture: Qt's record of the paint commands (paths, text, colours), plain
data that replays at any size and cannot run code. It is written after each start's first
real frame and named by a signature of the data it showed (the data folder, the user's
accepted sites and documents, the user's status store): a start on other or changed data has
no picture and shows the real window alone. A status recorded on a shared server is not in
the signature, so the frame says it is still loading (正在载入) and waits with a busy cursor.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QRectF, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPicture
from PySide6.QtWidgets import QWidget

FIRST_FRAME = "first-frame-{}.picture"  # in the app's cache folder, named by the data's signature
GEOMETRY = "window/geometry"  # the main window's saved geometry (desktop/window_layout.py)


class FirstFrame(QWidget):
    """A window that only replays the picture, scaled to its size; `painted` once shown."""

    painted = Signal()

    def __init__(self, picture: QPicture) -> None:
        super().__init__()
        self.picture = picture
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "武汉环保行动地图"))
        self._told = False
        size = picture.boundingRect().size()
        saved = QSettings().value(GEOMETRY)
        if saved is not None:
            self.restoreGeometry(saved)  # where the real window will open
        self.resize(size)  # the size the window had when it was drawn
        self.setCursor(Qt.CursorShape.BusyCursor)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        box = self.picture.boundingRect()
        if box.width() > 0 and box.height() > 0 and box.size() != self.size():
            scale = min(self.width() / box.width(), self.height() / box.height())
            painter.scale(scale, scale)
        painter.drawPicture(0, 0, self.picture)
        painter.resetTransform()
        self._draw_loading(painter)
        painter.end()
        if not self._told:
            self._told = True
            self.painted.emit()

    def _draw_loading(self, painter: QPainter) -> None:
        """A note at the foot of the frame: what it shows cannot be used yet and may be
        about to change."""
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
    """Where the picture of a map drawn from data with this signature is kept."""
    return cache / FIRST_FRAME.format(signature[:32])


def load_first_frame(path: Path | None) -> FirstFrame | None:
    """The first-frame window, not yet shown (so that `painted` can be connected first: a
    platform may paint at once), or None when no picture was saved or it is unreadable
    (then the real window is the first frame, as on a first start)."""
    if path is None or not path.is_file():
        return None
    picture = QPicture()
    if not picture.load(str(path)) or picture.boundingRect().isEmpty():
        return None
    return FirstFrame(picture)


def save_first_frame(window: QWidget, path: Path | None) -> None:
    """Record the window as it is now for the next start; written atomically (a temporary
    file renamed), and a failure only means the next start shows the real window alone.
    No path (the data could not be looked at): nothing is recorded."""
    if path is None:
        return
    picture = QPicture()
    picture.setBoundingRect(QRect(0, 0, window.width(), window.height()))
    window.render(picture)
    temporary = path.with_name(path.name + ".tmp")
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        if picture.save(str(temporary)):
            os.replace(temporary, path)
            for older in path.parent.glob(FIRST_FRAME.format("*")):
                if older != path:  # a picture of data that is no longer there
                    older.unlink(missing_ok=True)
