"""What the window writes out: a map image, the print layout, the ledger, the visible measures
and the HTML map, each in the window's current state; failures are shown, nothing is lost."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog

from desktop.file_dialogs import save_file_name
from desktop.html_export import HtmlExportDialog, HtmlExportJob, start_job
from desktop.write_failures import write_failure
from gis.filters import SiteFilter

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


class WindowExports(QObject):
    htmlFinished = Signal(bool, str)  # on the UI thread, once the window has reported it

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.html_job: HtmlExportJob | None = None

    def _done(self, text: str, ms: int = 5000) -> None:
        self.window.statusBar().showMessage(self.tr("已导出：") + text, ms)

    def export_rows(self, suffix: str) -> None:
        name = save_file_name(self.window, self.tr("导出措施"), f"measures.{suffix}", f"*.{suffix}")
        if name:
            self.window.measures.write_visible(Path(name))
            self._done(name)

    def export_image(self) -> None:
        name = save_file_name(
            self.window, self.tr("导出地图图片"), "wuhan-envmap.png", "PNG (*.png);;PDF (*.pdf)"
        )
        if name:
            self.write_image(Path(name))

    def write_image(self, path: Path) -> None:
        """The map as PNG or PDF centred on the selection, in the current state."""
        from desktop.map.export_image import render_map

        window = self.window
        state = window.app_state.current
        try:
            render_map(window.map_data, path, site_id=window.canvas.selected, state=state)
        except OSError as exc:
            QMessageBox.warning(window, self.tr("导出失败"), write_failure(exc, path))
            return
        self._done(str(path))

    def print_layout(self) -> QDialog:
        """The report layout; its table reads the measures panel's rows (the current state)."""
        from desktop.print_dialog import PrintLayoutDialog

        window = self.window
        credit = window.canvas.basemap_credit()
        dialog = PrintLayoutDialog(
            window.canvas,
            window.map_data,
            window.measures.model.rows,
            window.site_filter,
            window,
            credits=(credit,) if credit else (),
        )
        dialog.written.connect(lambda files: self._done(files, 8000))
        dialog.open()
        return dialog

    def export_ledger(self) -> None:
        name = save_file_name(
            self.window,
            self.tr("导出整改台账"),
            "rectification-ledger.xlsx",
            "Excel (*.xlsx);;CSV (*.csv)",
        )
        if name:
            self.write_ledger(Path(name))

    def write_ledger(self, path: Path) -> None:
        """The rectification ledger in the current state: the same rows as `envmap status
        export`, the measures table and the XLSX export."""
        from gis.export.files import write_rows_csv, write_rows_xlsx
        from gis.export.records import ledger_rows

        writer = write_rows_xlsx if path.suffix.lower() == ".xlsx" else write_rows_csv
        try:
            writer(ledger_rows(self.window.app_state.current), path)
        except OSError as exc:
            QMessageBox.warning(self.window, self.tr("导出失败"), write_failure(exc, path))
            return
        self._done(str(path))

    def export_html(self) -> None:
        window = self.window
        dialog = HtmlExportDialog(window.site_filter != SiteFilter(), window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name = save_file_name(window, self.tr("导出HTML地图"), "wuhan-envmap.html", "HTML (*.html)")
        if name:  # the file shows what the window shows: the current state
            options = replace(dialog.options(window.site_filter), state=window.app_state.current)
            self.write_html(Path(name), options)

    def write_html(self, path: Path, options) -> HtmlExportJob:
        """Export in a worker thread; the window stays usable and the dialog can cancel."""
        self.html_job = HtmlExportJob(self.window.map_data, path, options)
        self.html_progress = QProgressDialog(
            self.tr("正在导出HTML地图…"), self.tr("取消"), 0, 0, self.window
        )
        self.html_progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.html_progress.setMinimumDuration(400)
        self.html_progress.canceled.connect(self.html_job.cancel)
        self.html_job.progressed.connect(self._html_progressed)
        self.html_job.finished.connect(self._html_finished)
        self.html_thread = start_job(self.html_job, self.window)
        return self.html_job

    def _html_progressed(self, done: int, total: int) -> None:
        self.html_progress.setMaximum(total)
        self.html_progress.setValue(done)

    def _html_finished(self, ok: bool, message: str) -> None:
        self.html_thread.wait()
        self.html_progress.reset()
        assert self.html_job is not None  # the job that has just finished
        path = self.html_job.out
        if ok:
            self._done(f"{path} ({message})", 8000)
        elif message:
            QMessageBox.warning(self.window, self.tr("导出失败"), message)
        else:
            self.window.statusBar().showMessage(self.tr("已取消导出"), 5000)
        self.htmlFinished.emit(ok, message)
