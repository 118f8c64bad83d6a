"""File → Export HTML: choose title, basemap and scope, then write the file off the UI thread
with a progress dialog that can cancel it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from desktop.dialogs import add_ok_cancel
from desktop.write_failures import write_failure
from gis import EnvMapError, MapData
from gis.filters import SiteFilter

if TYPE_CHECKING:
    from desktop.import_job import ImportJob

BASEMAP_CHOICES = ("none", "osm", "tianditu", "amap")
log = logging.getLogger(__name__)


class HtmlExportDialog(QDialog):
    def __init__(self, filtered: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出HTML地图"))
        form = QFormLayout(self)
        self.title = QLineEdit(self.tr("武汉环保行动地图"))
        form.addRow(self.tr("标题"), self.title)
        self.basemap = QComboBox()
        labels = (
            self.tr("无底图（离线）"),
            self.tr("OpenStreetMap"),
            self.tr("天地图（需要密钥）"),
            self.tr("高德地图（GCJ-02）"),
        )
        for value, label in zip(BASEMAP_CHOICES, labels, strict=True):
            self.basemap.addItem(label, value)
        form.addRow(self.tr("底图"), self.basemap)
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("天地图密钥 tk"), self.key)
        self.embed_key = QCheckBox(self.tr("将密钥写入文件（收件人可看到）"))
        form.addRow(self.embed_key)
        self.only_filtered = QCheckBox(self.tr("只导出当前筛选显示的点位"))
        self.only_filtered.setChecked(filtered)
        self.only_filtered.setEnabled(filtered)
        form.addRow(self.only_filtered)
        add_ok_cancel(self, form)
        self.basemap.currentIndexChanged.connect(self._key_fields)
        self._key_fields()

    def _key_fields(self) -> None:
        tianditu = self.basemap.currentData() == "tianditu"
        self.key.setEnabled(tianditu)
        self.embed_key.setEnabled(tianditu)

    def options(self, site_filter: SiteFilter | None):
        from gis.export.html import HtmlOptions

        tianditu = self.basemap.currentData() == "tianditu"
        return HtmlOptions(
            basemap=self.basemap.currentData(),
            title=self.title.text().strip() or self.tr("武汉环保行动地图"),
            site_filter=site_filter if self.only_filtered.isChecked() else None,
            tianditu_key=(self.key.text().strip() or None) if tianditu else None,
            embed_key=tianditu and self.embed_key.isChecked(),
        )


class HtmlExportJob(QObject):
    """Runs in a worker thread; `cancel()` from the UI thread stops it at the next step."""

    progressed = Signal(int, int)
    finished = Signal(bool, str)  # ok, message (bytes written or the error)

    def __init__(self, map_data: MapData, out: Path, options) -> None:
        super().__init__()
        self.map_data, self.out, self.options = map_data, out, options
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def _step(self, done: int, total: int) -> None:
        from gis.export.html import ExportCancelled

        if self._cancelled:
            raise ExportCancelled("cancelled")
        self.progressed.emit(done, total)

    def run(self) -> None:
        from gis.export.html import ExportCancelled, write_html

        try:
            size = write_html(self.map_data, self.out, self.options, self._step)
        except ExportCancelled:
            self.finished.emit(False, "")
        except OSError as exc:
            self.finished.emit(False, write_failure(exc, self.out))
        except EnvMapError as exc:
            self.finished.emit(False, str(exc))
        except Exception as exc:  # a bug must still end the dialog and reach the user
            log.exception("HTML export failed")
            self.finished.emit(False, f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(True, f"{size / 1024:,.0f} KB")


def start_job(job: HtmlExportJob | ImportJob, parent: QObject) -> QThread:
    """Move the job to a new thread and start it; the thread ends when the job finishes."""
    thread = QThread(parent)
    job.moveToThread(thread)
    thread.started.connect(job.run)
    job.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.start()
    return thread
