"""The window's size and dock layout: it opens inside the screen's free area (a 1366×768
laptop included), with the measures table tall enough to read, remembers the layout between
sessions, and View → Reset window layout puts the first layout back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QScrollArea, QStyle, QToolBar, QWidget

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

GEOMETRY, STATE = "window/geometry", "window/state"
LARGEST = (1600, 1000)  # no wider or taller on a big screen: the docks would be mostly empty
TITLE_BAR_PX = 40  # the frame the window manager adds above the client area …
BORDER_PX = 16  # … and around it
TABLE_ROWS = 8  # rows of the measures table the default layout shows
SIDE_DOCKS_PX = (270, 360)  # layers (left) and details (right)


def scrolling(widget: QWidget) -> QScrollArea:
    """A tall panel in a scroll area, so its dock can be shorter than its content."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # it scrolls down
    bar = area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    area.setMinimumWidth(widget.minimumSizeHint().width() + bar)
    return area


class WindowLayout(QObject):
    def __init__(self, window: MainWindow) -> None:
        """Made when the docks and toolbar are in their first places, empty or not."""
        super().__init__(window)
        self.window = window
        self.default_state = window.saveState()  # what Reset window layout goes back to

    def fill_screen(self) -> None:
        """Size the window to the screen's free area (minus the title bar) and centre it."""
        window = self.window
        free = window.screen().availableGeometry()
        width = min(LARGEST[0], free.width() - BORDER_PX)
        height = min(LARGEST[1], free.height() - TITLE_BAR_PX)
        window.resize(width, height)
        window.move(free.left() + (free.width() - width - BORDER_PX) // 2, free.top())

    def fit_to_screen(self) -> None:
        """The window filling the screen, its docks at their first sizes."""
        window = self.window
        self.fill_screen()
        height = window.height()
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        window.resizeDocks(
            [window.layers_dock, window.details_dock], list(SIDE_DOCKS_PX), horizontal
        )
        table = window.measures.table
        rows = TABLE_ROWS * table.verticalHeader().defaultSectionSize()
        chrome = window.measures.sizeHint().height() - table.sizeHint().height()
        wanted = rows + table.horizontalHeader().sizeHint().height() + chrome + 40
        window.resizeDocks([window.measures_dock], [min(wanted, height // 2)], vertical)

    def restore(self) -> None:
        """The saved layout; with none (a session that was killed or crashed saves none), the
        window fills the screen all the same, its docks sized once they are built."""
        settings = QSettings()
        if settings.contains(GEOMETRY):
            self.window.restoreGeometry(settings.value(GEOMETRY))
            self.window.restoreState(settings.value(STATE))
        else:
            self.fill_screen()
        if self.window.complete:  # (else once it is: fitting sizes the measures table)
            self.keep_on_screen()

    def keep_on_screen(self) -> None:
        """A layout saved on a larger screen is shrunk to this one; with none saved, the docks
        get their first sizes."""
        window = self.window
        free = window.screen().availableGeometry()
        frame = window.frameGeometry()
        unsaved = not QSettings().contains(GEOMETRY)
        if unsaved or frame.width() > free.width() or frame.height() > free.height():
            self.fit_to_screen()

    def save(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY, self.window.saveGeometry())
        settings.setValue(STATE, self.window.saveState())

    def reset(self) -> None:
        """Every dock back where it was at the first start, the window fitted to the screen."""
        window = self.window
        for dock in (window.details_dock, window.layers_dock, window.measures_dock):
            dock.setFloating(False)
            dock.show()
        for bar in window.findChildren(QToolBar):
            bar.show()
        window.restoreState(self.default_state)
        self.fit_to_screen()
        self.save()
