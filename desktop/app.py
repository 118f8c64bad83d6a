"""Start the desktop application on the shipped (or given) data."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.cache_folder import cache_dir
from desktop.credentials import make_settings_private, move_secrets_out_of_settings
from desktop.first_frame import MapRecord, first_frame_path, load_first_frame, save_first_frame
from desktop.fonts import install_fallback_font
from desktop.i18n import apply_language, saved_language
from desktop.window_layout import GEOMETRY
from gis.data_signature import data_signature
from gis.paths import data_root, resources_root, user_data_dir

# The map data and what it imports (NumPy, shapely) come after the first frame.
if TYPE_CHECKING:
    from desktop.main_window import MainWindow
    from gis import MapData
    from gis.locks import FolderClaim


class Desktop:
    """Owns the main window; a language change rebuilds it in the new language."""

    def __init__(
        self,
        map_data: MapData,
        user_folder: Path | None = None,
        reload: Callable[[], MapData | None] | None = None,
        on_map_shown: Callable[[], None] | None = None,
        first_frame: Callable[[], Path | None] | None = None,
        on_ready: Callable[[], None] | None = None,
        shell: MainWindow | None = None,
    ) -> None:
        """`on_map_shown` and `on_ready` are called when the first window's map is painted
        and when its panels are there too: a start builds them after the map's first paint.
        `shell`: the start's window, already showing the last start's record of the map."""
        self.map_data = map_data
        self.user_folder = user_folder
        self.reload = reload
        self.on_map_shown = on_map_shown
        self.on_ready = on_ready
        self.first_frame = first_frame  # where the window's picture for the next start goes
        self.window: MainWindow  # set by _open(), below
        if shell is None:  # (a start's window was built in the saved language already)
            apply_language(saved_language())
        self._open(shell)

    def _open(self, shell: MainWindow | None = None) -> None:
        from desktop.main_window import MainWindow

        first = self.on_ready is not None  # the start's window: its panels after its map
        self.window = shell if shell is not None else MainWindow(None, self.user_folder, first)
        self.window.languageChosen.connect(self.switch_language)
        self.window.userDataChanged.connect(self.refresh)
        if self.first_frame is not None:
            self.window.settled.connect(self._save_first_frame)  # with the store's colours
        if self.on_map_shown is not None:  # before show(): a platform may paint at once
            self.window.mapShown.connect(self.on_map_shown)
        if self.on_ready is not None:
            self.window.ready.connect(self.on_ready)
        self.on_map_shown = self.on_ready = None  # a reopened window is timed no more
        self.window.open_map(self.map_data)
        self.window.show()

    def _save_first_frame(self) -> None:
        window, where = self.window, self.first_frame
        if where is not None:  # once the frame is on screen; named by the data it shows now
            QTimer.singleShot(0, lambda: save_first_frame(window.canvas, where()))

    def quit(self) -> None:
        """The app ends: the map as it is now (statuses recorded in this session included)
        is recorded for the next start's first frame, then the window closes and saves its
        layout. A window closed before its panels were there records nothing."""
        if self.first_frame is not None and self.window.complete:
            save_first_frame(self.window.canvas, self.first_frame())
        self.window.close()

    def refresh(self) -> None:
        """The user's catalog changed: reopen the window on the data with the new sites. If
        no data can be read any more (the dialog has said why), the open window stays."""
        if self.reload is None:
            return
        fresh = self.reload()
        if fresh is None:
            return
        old = self.window
        self.map_data = fresh
        old.close()
        self._open()
        old.deleteLater()

    def switch_language(self, language: str) -> None:
        old = self.window
        old.close()  # saves the layout, which the new window restores
        apply_language(language)
        self._open()
        old.deleteLater()


def name_application() -> None:
    """The names Qt files the settings and the cache under (~/.cache/WuhanEnvMap/EnvMap)."""
    QCoreApplication.setOrganizationName("WuhanEnvMap")
    QCoreApplication.setApplicationName("EnvMap")


def configure_application() -> QApplication:
    name_application()
    make_settings_private()
    move_secrets_out_of_settings()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setWindowIcon(QIcon(str(resources_root() / "icons" / "envmap.png")))
    install_fallback_font()
    return app


def open_map_data(
    data: Path | None, cache: Path | None, user: Path | None = None
) -> MapData | None:
    """The map data to open. A broken data folder is explained in a dialog naming the file
    and place, and the shipped data opens instead; nothing in the folder is changed."""
    from gis import EnvMapError, load_map_data
    from gis.failures import failure_message

    try:
        return load_map_data(data, cache, user)
    except (EnvMapError, OSError) as exc:
        fallback = data is not None
        detail = exc if isinstance(exc, EnvMapError) else failure_message(exc)
        message = f"无法读取数据 Cannot read the data{f' in {data}' if data else ''}:\n\n{detail}"
        if fallback:
            message += "\n\n改为打开内置数据。Opening the shipped data instead."
        from desktop.map.print_layout import TITLE  # the print modules: not before the map

        QMessageBox.critical(None, TITLE, message)
        return open_map_data(None, cache, user) if fallback else None


def user_dir() -> Path:
    """The user's data folder (imports, reviews, accepted sites, status store): the same one
    the command line uses, so `envmap status` and the window share one store."""
    return user_data_dir()


class FolderNotice(QObject):
    """What a window says when another window holds its user folder."""

    def text(self) -> str:
        return self.tr("另一窗口正在使用此数据文件夹：保存依次进行，不丢失；对方的修改刷新后可见")


def claim_user_folder(window: QWidget, folder: Path | None) -> FolderClaim | None:
    """Claim the user folder for this window; the claim lasts as long as it is kept. When
    another window holds it, say so: both may stay open (each save waits its turn, nothing
    is lost), but one sees the other's changes only after it refreshes."""
    if folder is None:
        return None
    from gis.locks import FolderClaim

    claim = FolderClaim(folder)
    if not claim.take():
        from desktop.map.print_layout import TITLE  # the print modules: not before the map

        text = f"{FolderNotice().text()}\n\n{folder}"
        box = QMessageBox(QMessageBox.Icon.Information, TITLE, text, parent=window)
        box.setObjectName("folderInUse")
        box.open()
    return claim


def report_first_paint() -> None:
    """With ENVMAP_REPORT_FIRST_PAINT set, the moment the window's first frame is painted is
    printed (then the process's CPU seconds so far, which a loaded machine disturbs less):
    how a start is timed from outside, in a bundle as from source."""
    print(f"first-paint {time.time()!r} {time.process_time()!r}", flush=True)


def report_map_paint() -> None:
    """With ENVMAP_REPORT_FIRST_PAINT set, the moment the real window's map is first painted
    (after the first frame, when one was saved) is printed likewise."""
    print(f"map-paint {time.time()!r} {time.process_time()!r}", flush=True)


def report_window_ready() -> None:
    """With ENVMAP_REPORT_FIRST_PAINT set, the moment the window's panels, menus and tools
    are there too (after its map's first paint) is printed likewise, and the app quits
    (before the status store opens)."""
    print(f"window-ready {time.time()!r} {time.process_time()!r}", flush=True)
    app = QApplication.instance()
    if app is not None:
        QTimer.singleShot(0, app.quit)  # the loop may not run yet


class Start:
    """A start: the main window at once, its map area showing the last start's record of the
    map when there is one (else that the map is loading), then the map data and the live map
    in its place; on a first start the window opens once the live map is there."""

    def __init__(self, data: Path | None, record: MapRecord | None) -> None:
        self.data = data
        self.record = record
        self.reporting = bool(os.environ.get("ENVMAP_REPORT_FIRST_PAINT"))
        self.desktop: Desktop | None = None
        self.claim: FolderClaim | None = None
        self.shell: MainWindow | None = None
        if record is not None:
            from desktop.main_window import MainWindow

            self.shell = MainWindow(None, user_dir(), panels_later=True, record=record)
            record.painted.connect(self._after_first_frame)
            self.shell.show()

    def _after_first_frame(self) -> None:
        if self.reporting:
            report_first_paint()
        QTimer.singleShot(0, self._open_or_quit)  # the frame reaches the screen first

    def _open_or_quit(self) -> None:
        """Open the map; a start that cannot ends the app rather than leave the record."""
        app = QApplication.instance()
        try:
            opened = self.open()
        except BaseException:
            if app is not None:
                app.exit(1)
            raise
        if not opened and app is not None:
            app.exit(1)

    def _report_map_paint(self) -> None:
        if self.record is None:
            report_first_paint()
        report_map_paint()

    def open(self) -> bool:
        """Load the map data and open the window; False when no data can be read (a dialog
        has said why)."""
        map_data = open_map_data(self.data, cache_dir(), user_dir())
        if map_data is None:
            return False
        self.desktop = desktop = Desktop(
            map_data,
            user_dir(),
            lambda: open_map_data(self.data, cache_dir(), user_dir()),
            self._report_map_paint if self.reporting else None,
            lambda: picture_path(self.data),
            report_window_ready if self.reporting else lambda: None,
            self.shell,
        )
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(desktop.quit)
        desktop.window.ready.connect(self._claim)  # the lock's modules: after the map, too
        return True

    def _claim(self) -> None:
        if self.desktop is not None and self.claim is None:
            self.claim = claim_user_folder(self.desktop.window, user_dir())


def picture_path(data: Path | None) -> Path | None:
    """Where the record of the map showing this data (as it is now) with this program is
    kept; None when the data cannot be looked at (a file removed meanwhile, say)."""
    here = Path(__file__).parent  # desktop/, beside gis/ when run from source
    frozen = getattr(sys, "frozen", False)
    program = (Path(sys.executable),) if frozen else (here, here.parent / "gis")
    try:
        signature = data_signature(data or data_root(), user_dir(), program)
    except OSError:
        return None
    cache = cache_dir()
    return None if cache is None else first_frame_path(cache, signature)


def first_frame(data: Path | None) -> MapRecord | None:
    """What the map area shows at once, when the window's layout was saved: the last start's
    record of the map of this data, or (the data or the program changed since) a map area
    that says it is loading. None without a saved layout (a first start, or a session that
    ended without closing the window, which saves it): the window is then fitted to the
    screen with its panels, so it opens once they and the live map are there."""
    if not QSettings().contains(GEOMETRY):
        return None
    record = load_first_frame(picture_path(data))
    return record if record is not None else MapRecord.waiting()


def run(data: Path | None = None) -> int:
    app = configure_application()
    apply_language(saved_language())  # the first frame's title is translated, too
    start = Start(data, first_frame(data))
    if start.record is None and not start.open():
        return 1
    try:
        return app.exec()
    finally:
        if start.claim is not None:
            start.claim.release()
