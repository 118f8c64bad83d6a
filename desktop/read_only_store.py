"""A status store that cannot be written (its folder or file is read-only, or another
program holds it) is still read: the window shows what was recorded, says in the status bar
that edits are disabled, and offers none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from desktop.status import Tracking
from gis import Catalog


class ReadableTracking(Tracking):
    """The window's tracking, falling back to reading a store it cannot open to write."""

    def __init__(self, catalog: Catalog, user_folder: Path | None, parent: QObject) -> None:
        super().__init__(catalog, user_folder, parent)
        self._problem = ""  # why the store could not be opened to write, when it could not
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
        from gis.store import StatusStore, StoreError

        try:
            self.store = StatusStore(where, self.catalog, read_only=True)
        except StoreError:
            return  # not readable either: the window has said why
        self.availability.emit(self.tr("只能查看，修改已停用。") + " " + self._problem)
        self._seen = self.store.last_change()
        self.changed.emit()
