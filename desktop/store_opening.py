"""Opening the window's status store: after the first map paint, its modules loaded off the
GUI thread; and when it cannot simply be opened: a store that cannot be written (its folder or
file is read-only, or another program holds it) is still read: the window shows what was
recorded, says in the status bar that edits are disabled, and offers none. A shared server
that wants a password asks for it (desktop.store_login)."""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from desktop.credentials import save_url
from desktop.status import Tracking
from desktop.store_login import StoreLoginDialog
from gis import Catalog
from gis.failures import asks_for_password

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

log = logging.getLogger(__name__)
# What opening the store loads (SQLAlchemy, keyring and its backends): a fifth of a second
# and more, loaded off the GUI thread so that the window answers meanwhile.
STORE_MODULES = ("gis.store", "gis.outbox", "gis.state", "keyring")


class StoreOpening(QObject):
    """Opens the window's status store once its panels are there: the modules it needs load
    in a worker thread (which shares the interpreter, so the window still answers between
    its steps), then the store opens on the GUI thread. Until its statuses are shown, the
    status bar says they are loading and the cursor says the app is busy. `then` runs after
    the store opens: what needs keyring (a basemap's key) waits for it to load off the GUI
    thread rather than load it there (which froze the window as long)."""

    loaded = Signal()  # emitted in the worker thread; received in the window's thread

    def __init__(self, window: MainWindow, then: Callable[[], None]) -> None:
        super().__init__(window)
        self.window, self.then = window, then
        window.store_state.setText(self.tr("正在载入状态…"))
        window.setCursor(Qt.CursorShape.BusyCursor)
        self.loaded.connect(self._open)
        self.worker = threading.Thread(target=self._load, name="store-modules")
        self.worker.start()

    def _load(self) -> None:
        try:
            for name in STORE_MODULES:
                importlib.import_module(name)
            import keyring

            keyring.get_keyring()  # keyring chooses its backend once, loading every one
        except Exception:  # opening the store says what is wrong, on the GUI thread
            log.debug("loading the store's modules", exc_info=True)
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self.loaded.emit()

    def _open(self) -> None:
        window = self.window
        window.unsetCursor()
        window.store_state.setText("")  # the store's own state replaces it, if any
        window.tracking.open()
        self.then()


class ReadableTracking(Tracking):
    """The window's tracking, falling back to reading a store it cannot open to write, and
    asking for the login of a server that wants a password."""

    def __init__(self, catalog: Catalog, user_folder: Path | None, parent: QObject) -> None:
        super().__init__(catalog, user_folder, parent)
        self._problem = ""  # why the store could not be opened to write, when it could not
        self.login_dialog: StoreLoginDialog | None = None  # while one is open
        self._declined = ""  # the address whose login the user cancelled: not asked again
        self._login_problem = ""  # what the server said when the login was last asked for
        self.availability.connect(self._remember)

    @property
    def read_only(self) -> bool:
        """The store is open to read only: no edit is offered."""
        return self.store is not None and self.store.read_only

    def _remember(self, problem: str) -> None:
        self._problem = problem

    def open(self) -> None:
        self._problem = ""
        super().open()
        where = self.url()
        if self.store is not None or where is None or not self._problem:
            return
        if asks_for_password(self._problem):
            self._ask_login(where, self._problem)
            return
        if "://" in where and not where.startswith("sqlite"):
            return  # a server out of reach: reading would only wait for it again
        from gis.store import StatusStore, StoreError

        try:
            self.store = StatusStore(where, self.catalog, read_only=True)
        except StoreError:
            return  # not readable either: the window has said why
        self.availability.emit(self.tr("只能查看，修改已停用。") + " " + self._problem)
        self._seen = self.store.last_change()
        self.changed.emit()

    def refresh(self) -> None:
        """As Tracking's, but a store open only to read is first tried to write again."""
        if self.read_only and self._writable_again():
            return
        super().refresh()

    def _writable_again(self) -> bool:
        """Open the store to write once its file can be written again (the disk remounted,
        the folder's rights given back, the other program gone); the user hears of it."""
        where, old = self.url(), self.store
        path = sqlite_path(where) if where else None
        if where is None or old is None or path is None or not writable_now(path):
            return False
        from gis.store import StatusStore, StoreError

        try:
            store = StatusStore(where, self.catalog)
        except StoreError:
            return False
        old.engine.dispose()
        self.store, self._problem = store, ""
        self.availability.emit("")
        window = self.parent()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(self.tr("状态库又可以修改了。"), 15000)
        self._send_kept()
        self._seen = store.last_change()
        self.changed.emit()
        return True

    def log_in_again(self) -> bool:
        """The login dialog for the store's address, asked for by the user (after a Cancel,
        or to log in as someone else); False when the store is no server that takes one."""
        where = self.url()
        if where is None or sqlite_path(where) is not None:
            return False
        self._declined = ""
        self._ask_login(where, self._login_problem)
        return True

    def _ask_login(self, where: str, problem: str) -> None:
        self._login_problem = problem
        if self._declined == where:
            self._say_declined()
            return
        if self.login_dialog is not None:
            return
        parent = self.parent()
        dialog = StoreLoginDialog(where, problem, parent if isinstance(parent, QWidget) else None)
        self.login_dialog = dialog
        dialog.accepted.connect(self._logged_in)
        dialog.rejected.connect(lambda: self._cancelled(where))
        dialog.open()

    def _cancelled(self, where: str) -> None:
        self.login_dialog = None
        self._declined = where
        self._say_declined()

    def _say_declined(self) -> None:
        """The status bar says where the login is offered again."""
        again = self.tr("未登录：可在“设置 → 登录状态库…”再次登录。")
        self.availability.emit(again + " " + self._login_problem)

    def _logged_in(self) -> None:
        dialog, self.login_dialog = self.login_dialog, None
        if dialog is None:
            return
        note = save_url("store/url", dialog.url())  # the password to the credential store
        window = self.parent()
        if note and isinstance(window, QMainWindow):
            window.statusBar().showMessage(note, 15000)
        self.open()


def sqlite_path(where: str) -> Path | None:
    """The file of an SQLite store (a path or an sqlite:/// URL); None for a server."""
    if "://" not in where:
        return Path(where)
    return Path(where.removeprefix("sqlite:///")) if where.startswith("sqlite:///") else None


def writable_now(path: Path) -> bool:
    """Whether the store file could be written at once: its folder and file writable and no
    other program holding its write lock, found without writing or waiting."""
    folder = path.parent
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return False
    if not path.exists():
        return True
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as db:
            db.execute("BEGIN IMMEDIATE")  # the write lock, given back unused
            db.execute("ROLLBACK")
    except sqlite3.Error:
        return False
    return True
