"""The window's one current state: owned here, announced on change, read by every panel.

The map, tooltips, filter, details, measures table and exports never build their own view of
the statuses: they subscribe to `changed` and read the CurrentState it carries."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gis import Catalog
from gis.state import CurrentState, documents_state, state_from_store


class AppState(QObject):
    changed = Signal(object)  # the new CurrentState
    failed = Signal(str)  # the store could not be read: why (what is shown stays)

    def __init__(self, catalog: Catalog, user_folder: Path | None, parent=None) -> None:
        super().__init__(parent)
        self.catalog, self.user_folder = catalog, user_folder
        self._state: CurrentState | None = None

    @property
    def current(self) -> CurrentState:
        """The store's state once read, the documents' (with the user's imports) until then."""
        if self._state is None:
            self._state = documents_state(self.catalog, self.user_folder)
        return self._state

    def read(self, store) -> None:
        """Build the state from the store's events and announce it."""
        from gis.store import StoreError  # SQLAlchemy: loaded with the store, after the map

        try:
            self._state = state_from_store(store, user_folder=self.user_folder)
        except StoreError as exc:
            self.failed.emit(str(exc))
            return
        self.changed.emit(self._state)
