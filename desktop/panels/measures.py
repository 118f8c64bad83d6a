"""Measures table: every measure as a ledger row; sort, filter, select to zoom, export rows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from gis.export.records import LEDGER_COLUMNS, ledger_rows
from gis.model import Catalog
from gis.state import CurrentState

ModelIndex = QModelIndex | QPersistentModelIndex  # what Qt's model methods take

SHOWN = (
    "area_site", "problem", "measure", "responsible", "target_date", "status", "category",
    "document",
)  # fmt: skip


class LedgerModel(QAbstractTableModel):
    def __init__(self, rows: list[dict], parent=None) -> None:
        super().__init__(parent)
        self.rows = rows

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(SHOWN)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row[SHOWN[index.column()]])
        if role == Qt.ItemDataRole.ToolTipRole:
            return row["evidence"]
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return LEDGER_COLUMNS[SHOWN[section]]
        return None


class MeasuresPanel(QWidget):
    siteChosen = Signal(str)

    def __init__(self, catalog: Catalog, parent=None) -> None:
        super().__init__(parent)
        self.model = LedgerModel(ledger_rows(catalog), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("筛选措施…"))
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # ledger order until a click
        for column, width in {0: 150, 1: 160, 2: 380, 3: 160}.items():
            self.table.setColumnWidth(column, width)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.export_csv = QPushButton(self.tr("导出CSV"), self)
        self.export_xlsx = QPushButton(self.tr("导出XLSX"), self)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.export_csv)
        top.addWidget(self.export_xlsx)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

    def set_state(self, state: CurrentState) -> None:
        """The ledger in the current state: each measure's tracked status as of its date,
        overdue ones marked, the user's accepted sites included."""
        self.model.beginResetModel()
        self.model.rows = ledger_rows(state)
        self.model.endResetModel()

    def visible_rows(self) -> list[dict]:
        """The rows the user sees, in the order they see them."""
        return [
            self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole)
            for r in range(self.proxy.rowCount())
        ]

    def write_visible(self, path: Path) -> None:
        # The writers bring pandas and GDAL: imported when asked for, not at start-up.
        from gis.export.files import write_rows_csv, write_rows_xlsx

        writer = write_rows_xlsx if path.suffix.lower() == ".xlsx" else write_rows_csv
        writer(self.visible_rows(), path)

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.siteChosen.emit(current.data(Qt.ItemDataRole.UserRole)["site_id"])
