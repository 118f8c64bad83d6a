"""The window's basemap controls: a quick switch under 视图, Settings → 底图…, the Wuhan
prefetch with progress and cancel, and the basemap's credit in the status bar."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMenu, QMessageBox, QProgressDialog

from desktop.map.canvas import MapCanvas

if TYPE_CHECKING:
    from desktop.basemap_dialog import BasemapDialog, BasemapSettings
    from desktop.map.basemap import Basemap
    from gis.basemaps import PrefetchPlan

FAILURE_NOTE_S = 10.0  # one status-bar note per this many seconds while tiles keep failing


class BasemapControls(QObject):
    def __init__(self, window: QMainWindow, canvas: MapCanvas) -> None:
        super().__init__(window)
        self.window, self.canvas = window, canvas
        self.names = {
            "none": self.tr("无底图"),
            "osm": self.tr("OpenStreetMap"),
            "tianditu": self.tr("天地图矢量"),
            "tianditu_img": self.tr("天地图影像"),
            "amap": self.tr("高德地图（GCJ-02）"),
        }
        self.actions: dict[str, QAction] = {}
        self.credit = QLabel()
        self.progress: QProgressDialog | None = None
        self._prefetching: Basemap | None = None
        self._prefetch_counts = (0, 0)  # done, failed
        self._failure_shown = -FAILURE_NOTE_S
        canvas.basemapChanged.connect(self.credit.setText)
        canvas.basemapChanged.connect(self._watch_failures)

    def add_to_view_menu(self, view: QMenu) -> None:
        menu = view.addMenu(self.tr("底图"))
        group = QActionGroup(self)
        for provider_id, name in self.names.items():
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(provider_id == "none")
            action.triggered.connect(lambda _=False, p=provider_id: self.switch(p))
            group.addAction(action)
            self.actions[provider_id] = action
        menu.addSeparator()
        menu.addAction(self.tr("预取武汉瓦片…"), self.prefetch)

    def add_to_settings_menu(self, settings: QMenu) -> None:
        settings.addAction(self.tr("底图…"), self.open_settings)

    def restore(self) -> None:
        """Bring back the basemap of the last session (called once the map has painted)."""
        from desktop.basemap_dialog import BasemapSettings  # the dialogs: after the first frame

        settings = BasemapSettings.load()
        if settings.provider != "none":
            self.apply(settings)

    def switch(self, provider_id: str) -> None:
        from desktop.basemap_dialog import BasemapSettings

        settings = BasemapSettings.load()
        settings.provider = provider_id
        chosen = settings.chosen()
        if chosen is not None and chosen.needs_key and not settings.tianditu_key:
            self.open_settings(settings)  # the key first
            return
        self._told(settings.save())
        self.apply(settings)

    def open_settings(self, settings: BasemapSettings | None = None) -> BasemapDialog:
        from desktop.basemap_dialog import BasemapDialog, BasemapSettings

        dialog = BasemapDialog(settings or BasemapSettings.load(), self.names, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            chosen = dialog.settings()
            self._told(chosen.save())
            self.apply(chosen)
        else:
            self._check(self.canvas.basemap.provider.id if self.canvas.basemap else "none")
        return dialog

    def _told(self, note: str) -> None:
        if note:  # e.g. no credential store: the key lasts this session only
            self.window.statusBar().showMessage(note, 15000)

    def apply(self, settings: BasemapSettings) -> None:
        self._close_progress()  # a prefetch ends with the basemap it ran on
        provider = settings.chosen()
        if provider is not None and provider.needs_key and not settings.tianditu_key:
            provider = None
            self.window.statusBar().showMessage(self.tr("天地图需要密钥：设置 → 底图…"), 8000)
        if provider is None:
            self.canvas.set_basemap(None)
        else:
            key = settings.key_for(provider)
            self.canvas.set_basemap(provider, settings.fetch_config(), key)
        self._check(provider.id if provider else "none")

    def _watch_failures(self, _credit: str = "") -> None:
        if self.canvas.basemap is not None:
            self.canvas.basemap.tileFailed.connect(self._tile_failed)

    def _tile_failed(self, _key: object, problem: str) -> None:
        """A blank basemap says why (a wrong Tianditu key answers HTTP 403, offline mode
        has no such tile …), without a message for every one of a screenful of tiles."""
        now = time.monotonic()
        if now - self._failure_shown >= FAILURE_NOTE_S:
            self._failure_shown = now
            message = self.tr("部分底图瓦片无法加载：") + problem
            self.window.statusBar().showMessage(message, 8000)

    def _check(self, provider_id: str) -> None:
        if provider_id in self.actions:
            self.actions[provider_id].setChecked(True)

    def prefetch(self) -> None:
        basemap = self.canvas.basemap
        title = self.tr("预取武汉瓦片")
        if basemap is None:
            QMessageBox.information(self.window, title, self.tr("请先在“视图 → 底图”中选择底图。"))
            return
        if basemap.config.offline:
            QMessageBox.information(self.window, title, self.tr("离线模式下不能预取。"))
            return
        from desktop.basemap_dialog import PrefetchDialog

        dialog = PrefetchDialog(basemap.provider, basemap.config.cache_bytes, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start_prefetch(dialog.plan())

    def start_prefetch(self, plan: PrefetchPlan) -> QProgressDialog:
        """Download the plan's tiles on the basemap's worker; the dialog's button cancels."""
        basemap = self.canvas.basemap
        if basemap is None:
            raise RuntimeError("a prefetch needs a basemap on the canvas")
        progress = QProgressDialog(
            self.tr("正在预取武汉瓦片…"), self.tr("取消"), 0, plan.requests, self.window
        )
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.canceled.connect(basemap.cancel_prefetch)
        basemap.prefetched.connect(self._prefetch_progress)
        basemap.prefetchFinished.connect(self._prefetch_finished)
        self.progress, self._prefetch_counts, self._prefetching = progress, (0, 0), basemap
        basemap.prefetch(plan.tiles)
        return progress

    def _prefetch_progress(self, done: int, total: int, failed: int) -> None:
        self._prefetch_counts = (done, failed)
        if self.progress is not None:
            self.progress.setValue(done)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()  # closing a progress dialog "cancels" it
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _prefetch_finished(self, completed: bool) -> None:
        basemap = self._prefetching  # the one that ran it, even if the window switched since
        assert basemap is not None, "connected only while a prefetch runs"
        basemap.prefetched.disconnect(self._prefetch_progress)
        basemap.prefetchFinished.disconnect(self._prefetch_finished)
        self._close_progress()
        done, failed = self._prefetch_counts
        if completed:
            self.window.statusBar().showMessage(
                self.tr("预取完成，瓦片：") + f"{done:,}" + self.tr("，失败：") + f"{failed:,}",
                8000,
            )
        else:
            self.window.statusBar().showMessage(self.tr("已取消预取"), 5000)
