"""File → Print layout: page, title, map extent and a district's measures table, to PDF or PNG,
to a printer or into a print preview (the same pages). The choices are remembered.

The table takes the measures panel's rows, so it prints the statuses the window shows; the map
is the window's canvas, so it prints the tracked colours and filters too; the selection's red
outline only when 标出所选点位 is ticked (see `print_layout`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from desktop.file_dialogs import save_file_name
from desktop.map.canvas import MapCanvas
from desktop.map.paper import PRESETS
from desktop.map.print_files import write_layout
from desktop.map.print_layout import (
    TITLE,
    LayoutOptions,
    district_extent,
    site_extent,
    view_extent,
)
from desktop.map.print_table import MeasuresTable
from gis import MapData
from gis.export.records import rows_in_district
from gis.filters import SiteFilter


class PrintLayoutDialog(QDialog):
    written = Signal(str)  # the files written, comma separated

    def __init__(
        self,
        canvas: MapCanvas,
        map_data: MapData,
        rows: list[dict[str, Any]],
        site_filter: SiteFilter,
        parent: QWidget | None = None,
        credits: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.canvas, self.map_data, self.rows, self.credits = canvas, map_data, rows, credits
        self.setWindowTitle(self.tr("打印版面"))
        self.setMinimumWidth(440)  # the default title fits without scrolling
        form = QFormLayout(self)
        self.paper = self._combo([("A4", "a4"), ("A3", "a3")])
        self.orientation = self._combo(
            [(self.tr("横向"), "landscape"), (self.tr("纵向"), "portrait")]
        )
        self.title = QLineEdit(TITLE)
        self.subtitle = QLineEdit()
        districts = [f.name_zh for f in map_data.layer("districts")]
        self.district = self._combo([(self.tr("不附措施表"), None), *[(d, d) for d in districts]])
        chosen = self._chosen_district(site_filter)
        if chosen:
            self.district.setCurrentIndex(self.district.findData(chosen))
        extents = [(self.tr("全市"), "wuhan"), (self.tr("当前视图"), "view")]
        extents.append((self.tr("所选行政区"), "district"))
        if canvas.selected:
            extents.append((self.tr("所选点位"), "site"))
        self.extent = self._combo(extents)
        self.highlight = QCheckBox(self.tr("用红框标出所选点位"))
        self.highlight.setToolTip(self.tr("地图窗口中的选择框默认不打印"))
        self.highlight.setVisible(bool(canvas.selected))
        self.format = self._combo([("PDF", ".pdf"), (self.tr("PNG（300 dpi）"), ".png")])
        for label, widget in [
            (self.tr("纸张"), self.paper),
            (self.tr("方向"), self.orientation),
            (self.tr("标题"), self.title),
            (self.tr("副标题"), self.subtitle),
            (self.tr("措施表（行政区）"), self.district),
            (self.tr("地图范围"), self.extent),
            ("", self.highlight),
            (self.tr("格式"), self.format),
        ]:
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        role = QDialogButtonBox.ButtonRole.ActionRole
        buttons.addButton(self.tr("打印预览…"), role).clicked.connect(self._preview)
        buttons.addButton(self.tr("打印…"), role).clicked.connect(self._print)
        form.addRow(buttons)
        self._restore()

    def _remembered(self) -> dict[str, QComboBox]:
        return {
            "paper": self.paper,
            "orientation": self.orientation,
            "extent": self.extent,
            "format": self.format,
        }

    def _restore(self) -> None:
        """The choices of the last layout (the district follows the window's filter)."""
        settings = QSettings()
        for key, combo in self._remembered().items():
            index = combo.findData(settings.value(f"print/{key}"))
            if index >= 0:
                combo.setCurrentIndex(index)
        self.title.setText(str(settings.value("print/title", TITLE)))
        self.highlight.setChecked(bool(settings.value("print/highlight", False, type=bool)))
        self.subtitle.setText(str(settings.value("print/subtitle", "")))

    def remember(self) -> None:
        settings = QSettings()
        for key, combo in self._remembered().items():
            settings.setValue(f"print/{key}", combo.currentData())
        settings.setValue("print/title", self.title.text())
        settings.setValue("print/highlight", self.highlight.isChecked())
        settings.setValue("print/subtitle", self.subtitle.text())

    def printer(self):
        """A printer set to the layout's paper, edge to edge."""
        from PySide6.QtPrintSupport import QPrinter

        from desktop.map.print_printer import prepare

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare(printer, PRESETS[self.preset()])
        return printer

    def preview(self):
        """The print preview of the pages (not shown yet: the caller opens it)."""
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        self.remember()
        self.preview_printer = self.printer()  # the dialog does not own it: kept alive here
        dialog = QPrintPreviewDialog(self.preview_printer, self)
        dialog.paintRequested.connect(self.print_to)
        return dialog

    def _preview(self) -> None:
        self.preview().exec()

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        self.remember()
        printer = self.printer()
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer) -> bool:
        """Paint the pages on a printer (or the preview's); a failure shows."""
        from desktop.map.print_printer import print_layout

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            print_layout(self.canvas, PRESETS[self.preset()], self.options(), printer)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("打印失败"), str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        return True

    def _combo(self, entries: Sequence[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        for text, value in entries:
            combo.addItem(text, value)
        return combo

    def _chosen_district(self, site_filter: SiteFilter) -> str | None:
        """The district the filter shows, else the selected district, else none."""
        if len(site_filter.districts) == 1:
            return next(iter(site_filter.districts))
        selected = self.canvas.selected
        names = {f.id: f.name_zh for f in self.map_data.layer("districts")}
        return names.get(selected) if selected else None

    def preset(self) -> str:
        return f"{self.paper.currentData()}-{self.orientation.currentData()}"

    def options(self) -> LayoutOptions:
        district = self.district.currentData()
        extent = self._extent(district)
        table = None
        if district:
            table = MeasuresTable(
                district, rows_in_district(self.rows, self.map_data.districts, district)
            )
        return LayoutOptions(
            title=self.title.text().strip() or TITLE,
            subtitle=self.subtitle.text().strip(),
            extent=extent,
            credits=tuple(self.credits),
            table=table,
            highlight=self.canvas.selected if self.highlight.isChecked() else None,
        )

    def _extent(self, district: str | None) -> QRectF | None:
        """The scene rectangle chosen; None (all of Wuhan) also when no district is chosen."""
        chosen = self.extent.currentData()
        if chosen == "view":
            return view_extent(self.canvas)
        if chosen == "site" and self.canvas.selected:
            return site_extent(self.canvas, self.canvas.selected)
        if chosen == "district" and district:
            return district_extent(self.map_data, district)
        return None

    def _save(self) -> None:
        self.remember()
        suffix = self.format.currentData()
        name = save_file_name(
            self, self.tr("保存版面"), f"wuhan-envmap-{self.preset()}{suffix}", f"*{suffix}"
        )
        if name:
            path = Path(name)
            if self.write(path if path.suffix.lower() == suffix else path.with_suffix(suffix)):
                self.accept()

    def write(self, path: Path) -> bool:
        """Write the layout; a failure shows and the dialog stays open to try elsewhere."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = write_layout(self.canvas, PRESETS[self.preset()], self.options(), path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("导出失败"), str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.written.emit(", ".join(str(p) for p in written))
        return True
