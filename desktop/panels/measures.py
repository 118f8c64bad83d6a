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
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import saved_language
from gis.export.records import LEDGER_COLUMNS, ledger_rows
from gis.model import Catalog, Category, Status
from gis.state import CurrentState

ModelIndex = QModelIndex | QPersistentModelIndex  # what Qt's model methods take

SHOWN = (
    "area_site", "problem", "measure", "responsible", "target_date", "status", "category",
    "document",
)  # fmt: skip
MEASURE_COLUMN = SHOWN.index("measure")  # stretches: the others keep these widths at least
COLUMN_PX = {"area_site": 150, "problem": 160, "responsible": 160}


def with_english(key: str, text: str) -> str:
    """A status or category cell with its English beside the Chinese (English interface)."""
    words = {c.label_zh: c.value for c in Category} if key == "category" else {}
    if key == "status":
        words = {s.label_zh: s.label_en for s in Status} | {"逾期": "overdue"}
    for chinese, english in words.items():
        text = text.replace(chinese, f"{chinese} {english}")
    return text


class LedgerModel(QAbstractTableModel):
    def __init__(self, rows: list[dict], parent=None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.english = saved_language() == "en"

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(SHOWN)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            key = SHOWN[index.column()]
            return with_english(key, str(row[key])) if self.english else str(row[key])
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole cell (it may be cut), then its source
            key = SHOWN[index.column()]
            text = with_english(key, str(row[key])) if self.english else str(row[key])
            return f"{text}\n\n{LEDGER_COLUMNS['evidence']}: {row['evidence']}"
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return LEDGER_COLUMNS[SHOWN[section]]
        return None


class SiteProxy(QSortFilterProxyModel):
    """The typed filter, and only the rows of the sites the map shows (or of one site)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.sites: set[str] | None = None  # None: every site

    def set_sites(self, sites: set[str] | None) -> None:
        self.beginFilterChange()
        self.sites = sites
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, LedgerModel)  # set in MeasuresPanel
        if self.sites is not None and model.rows[source_row]["site_id"] not in self.sites:
            return False
        return super().filterAcceptsRow(source_row, source_parent)


class MeasuresPanel(QWidget):
    siteChosen = Signal(str)

    def __init__(self, catalog: Catalog, parent=None) -> None:
        super().__init__(parent)
        self.model = LedgerModel(ledger_rows(catalog), self)
        self.shown_sites: set[str] | None = None  # the sites the map's filter shows
        self.selected_site: str | None = None  # the site selected on the map
        self._following = False  # the table follows the map: no siteChosen back
        self.proxy = SiteProxy(self)
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The measure takes the room the others leave, so that on a 1366-pixel screen every
        # column shows without scrolling sideways; long cells end in "…" (full text as tip).
        header.setStretchLastSection(False)
        header.setSectionResizeMode(MEASURE_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in range(len(SHOWN)):
            # never narrower than its header's text: every heading stays readable
            wanted = COLUMN_PX.get(SHOWN[column], 0)
            self.table.setColumnWidth(column, max(wanted, header.sectionSizeHint(column)))
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)  # one line a row
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.doubleClicked.connect(self._row_activated)
        self.only_selected = QCheckBox(self.tr("仅所选点位"), self)
        self.only_selected.setToolTip(self.tr("只列出地图上所选点位的措施"))
        self.only_selected.toggled.connect(self._apply_sites)
        self.count = QLabel(self)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset):
            signal.connect(self._show_count)
        self.proxy.layoutChanged.connect(self._show_count)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.export_csv = QPushButton(self.tr("导出CSV"), self)
        self.export_xlsx = QPushButton(self.tr("导出XLSX"), self)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.only_selected)
        top.addWidget(self.count)
        top.addWidget(self.export_csv)
        top.addWidget(self.export_xlsx)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self._show_count()

    def show_state(self, state: CurrentState) -> None:
        """The ledger in the current state: each measure's tracked status as of its date,
        overdue ones marked, the user's accepted sites included."""
        self.model.beginResetModel()
        self.model.rows = ledger_rows(state)
        self.model.endResetModel()

    def show_sites(self, sites: set[str] | None) -> None:
        """List only the measures of these sites (the map's filter; None: every site)."""
        self.shown_sites = sites
        self._apply_sites()

    def follow_selection(self, site_id: str | None) -> None:
        """The map selected a site: its first measure becomes the current row (and with
        仅所选点位 only its measures are listed); the map is not moved back."""
        self.selected_site = site_id
        self._apply_sites()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(Qt.ItemDataRole.UserRole)["site_id"] == site_id:
                self._following = True
                try:
                    self.table.setCurrentIndex(index)
                    self.table.scrollTo(index)
                finally:
                    self._following = False
                return

    def _apply_sites(self) -> None:
        sites = self.shown_sites
        if self.only_selected.isChecked() and self.selected_site is not None:
            sites = {self.selected_site}
        self.proxy.set_sites(sites)
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            self.tr("显示 %1 / 共 %2 条").replace("%1", str(shown)).replace("%2", str(total))
        )

    def visible_rows(self) -> list[dict]:
        """The rows the user sees, in the order they see them."""
        return [
            self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole)
            for r in range(self.proxy.rowCount())
        ]

    def write_visible(self, path: Path) -> None:
        # The writers bring openpyxl: imported when asked for, not at start-up.
        from gis.export.files import write_rows_csv, write_rows_xlsx

        writer = write_rows_xlsx if path.suffix.lower() == ".xlsx" else write_rows_csv
        writer(self.visible_rows(), path)

    def _row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.siteChosen.emit(index.data(Qt.ItemDataRole.UserRole)["site_id"])

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._following:
            self.siteChosen.emit(current.data(Qt.ItemDataRole.UserRole)["site_id"])
