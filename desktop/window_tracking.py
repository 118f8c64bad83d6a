"""What a user records from the window: a measure's new status, a site's better location,
and which status store the office uses; the store's refusal is shown as a sentence."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from desktop.credentials import load_url, masked, save_url, unmasked
from desktop.i18n import saved_language
from desktop.roles import refusal_check
from desktop.status import AUTHOR, StatusDialog
from gis import Status

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


class WindowTracking(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def change_status(self, measure_id: str, preset: Status | None = None) -> StatusDialog:
        """The status dialog on the measure's current status (or `preset`); it records when
        accepted and stays open, with what was typed, when the entry is refused. Choices the
        logged-in role may not make are greyed with the reason."""
        window = self.window
        measure = next(m for m in window.catalog.measures() if m.id == measure_id)
        current = preset or window.app_state.current.measures[measure_id].status
        store = window.tracking.store
        identity = store.identity if store else None
        check = refusal_check(
            identity, window.app_state.current, window.canvas.districts, window.tracking.read_only
        )
        dialog = StatusDialog(
            f"{measure.text_zh}\n{measure.text_en}",
            current,
            window,
            refusal=lambda s: check(measure_id, s),
            login=identity.login if identity else None,
        )
        dialog.submit = lambda values: self.record_status(measure_id, values, dialog)
        dialog.exec()
        return dialog

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
            store = self.window.tracking.store
            identity = store.identity if store else None
            values["author"] = identity.login if identity else str(QSettings().value(AUTHOR, ""))
            self.record_status(measure_id, values)

    def record_status(self, measure_id: str, values: dict, asking: QWidget | None = None) -> bool:
        """Record the status; False (and the reason shown) when the store refuses it."""
        from gis.store import StoreError

        window = self.window
        try:
            kept = window.tracking.record(measure_id, values)
        except StoreError as exc:
            QMessageBox.warning(asking or window, self.tr("无法记录"), str(exc))
            return False
        if kept:
            QMessageBox.information(window, self.tr("已暂存"), kept)
        else:
            name = self.measure_name(measure_id)
            window.statusBar().showMessage(self.tr("已记录状态：") + name, 6000)
        return True

    def measure_name(self, measure_id: str) -> str:
        """How the user knows the measure: its site and its words, in the interface's language."""
        catalog = self.window.catalog
        measure = next(m for m in catalog.measures() if m.id == measure_id)
        site = catalog.site(measure.site_id)
        english = saved_language() == "en"
        text = measure.text_en if english else measure.text_zh
        text = text if len(text) <= 40 else text[:39] + "…"
        return f"{site.name_en if english else site.name_zh} · {text}"

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

    def log_in_again(self) -> None:
        """Settings → 登录状态库…: the login of a shared store, even at the same address."""
        if not self.window.tracking.log_in_again():
            self.window.statusBar().showMessage(self.tr("本机状态库无需登录"), 8000)
