"""The locator (Ctrl+F): type a name, alias or measure words; Enter zooms to the site."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from gis.model import Catalog
from gis.search import search


class SearchDialog(QDialog):
    siteChosen = Signal(str)

    def __init__(self, catalog: Catalog, parent=None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setWindowTitle(self.tr("搜索"))
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("名称、别名或措施内容"))
        self.results = QListWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        self.query.textChanged.connect(self._update)
        self.query.returnPressed.connect(self._choose_current)
        self.results.itemActivated.connect(self._choose)
        self.resize(420, 360)

    def _update(self, text: str) -> None:
        self.results.clear()
        for hit in search(self.catalog, text):
            item = QListWidgetItem(f"{hit.label}\n    {hit.matched}")
            item.setData(Qt.ItemDataRole.UserRole, hit.site_id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _choose_current(self) -> None:
        if self.results.currentItem() is not None:
            self._choose(self.results.currentItem())

    def _choose(self, item: QListWidgetItem) -> None:
        self.siteChosen.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.query.hasFocus():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return
        super().keyPressEvent(event)
