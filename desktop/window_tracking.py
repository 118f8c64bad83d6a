"""What a user records from the window: a measure's new status, a site's better location,
and which status store the office uses; the store's refusal is shown as a sentence."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from desktop.credentials import load_url, masked, save_url, unmasked
from desktop.roles import refusal_check
from desktop.status import StatusDialog
from gis import Status

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


class WindowTracking(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def change_status(self, measure_id: str, preset: Status | None = None) -> None:
        window = self.window
        measure = next(m for m in window.catalog.measures() if m.id == measure_id)
        store = window.tracking.store
        check = refusal_check(
            store.identity if store else None, window.app_state.current, window.canvas.districts
        )
        dialog = StatusDialog(measure.text_zh, window, lambda s: check(measure_id, s), preset)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.record_status(measure_id, dialog.values())

    def review(self, measure_id: str, verdict: str) -> None:
        """A reviewer's answer to a reported completion: close it out, or send it back with
        the reason (asked for here; without one nothing is sent)."""
        from gis.store_roles import rejection_note

        if verdict == "accept":
            self.change_status(measure_id, Status.CLOSED_OUT)
            return
        reason, ok = QInputDialog.getText(
            self.window, self.tr("退回"), self.tr("退回理由（必填）：")
        )
        if ok and reason.strip():
            values = {"status": Status.IN_PROGRESS.value, "as_of": date.today().isoformat()}
            values.update(note=rejection_note(reason), evidence="", attachment="")
            self.record_status(measure_id, values)

    def record_status(self, measure_id: str, values: dict) -> None:
        from gis.store import StoreError

        window = self.window
        try:
            kept = window.tracking.record(measure_id, values)
        except StoreError as exc:
            QMessageBox.warning(window, self.tr("无法记录"), str(exc))
            return
        if kept:
            QMessageBox.information(window, self.tr("已暂存"), kept)
        else:
            window.statusBar().showMessage(self.tr("已记录状态：") + measure_id, 6000)

    def correct_location(self, site_id: str) -> None:
        """The next click on the map is the site's better location; a note and precision follow."""
        window = self.window
        window.statusBar().showMessage(self.tr("请在地图上点击该点位的正确位置"), 10000)
        window.canvas.pick_location(lambda lon, lat: self._located(site_id, lon, lat))

    def _located(self, site_id: str, lon: float, lat: float) -> None:
        window = self.window
        note, ok = QInputDialog.getText(
            window, self.tr("更正位置"), self.tr("依据（如现场核实）：")
        )
        if not ok:
            return
        precision, ok = QInputDialog.getInt(
            window, self.tr("更正位置"), self.tr("精度（米）："), 50, 1, 100_000
        )
        if ok:
            self.record_location(site_id, lon, lat, float(precision), note)

    def record_location(
        self, site_id: str, lon: float, lat: float, precision_m: float, note: str
    ) -> None:
        problem = self.window.tracking.move(site_id, lon, lat, precision_m, note)
        if problem:
            QMessageBox.warning(self.window, self.tr("无法记录"), problem)

    def choose_store(self) -> None:
        current = load_url("store/url")
        url, ok = QInputDialog.getText(
            self.window,
            self.tr("状态库"),
            self.tr("数据库地址（留空＝本机SQLite；办公室共享用 postgresql+psycopg://…）："),
            text=masked(current),
        )
        if ok:
            note = save_url("store/url", unmasked(url.strip(), current))
            if note:
                self.window.statusBar().showMessage(note, 15000)
            self.window.tracking.open()
