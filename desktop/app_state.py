"""The window's one current state: owned here, announced on change, read by every panel.

The map, tooltips, filter, details, measures table and exports never build their own view of
the statuses: they subscribe to `changed` and read the CurrentState it carries."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gis import Catalog
from gis.events import StatusEvent
from gis.state import CurrentState, current_state, state_from_store
from gis.user_catalog import document_updates


class AppState(QObject):
    changed = Signal(object)  # the new CurrentState
    failed = Signal(str)  # the store could not be read: why (what is shown stays)

    def __init__(self, catalog: Catalog, user_folder: Path | None, parent=None) -> None:
        super().__init__(parent)
        self.catalog, self.user_folder = catalog, user_folder
        self._state: CurrentState | None = None
        self._imported: list[StatusEvent] | None = None

    def imported(self) -> list[StatusEvent]:
        """What the user's imported documents report, read once: a finished review reopens
        the window (and so this object) on the new data."""
        if self._imported is None:
            self._imported = document_updates(self.catalog, self.user_folder)
        return self._imported

    @property
    def current(self) -> CurrentState:
        """The store's state once read, the documents' (with the user's imports) until then."""
        if self._state is None:
            self._state = current_state(self.catalog, self.imported())
        return self._state

    def read(self, store) -> None:
        """Build the state from the store's events and announce it."""
        from gis.store import StoreError  # SQLAlchemy: loaded with the store, after the map

        try:
            self._state = state_from_store(store, imported=self.imported())
        except StoreError as exc:
            self.failed.emit(str(exc))
            return
        self.changed.emit(self._state)
