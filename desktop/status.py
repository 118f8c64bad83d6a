"""Tracking in the window: the status store opened after the first frame, a dialog to record a
measure's new status, and what happens when a shared server is out of reach (read-only, the
edit kept in an outbox and sent later)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from desktop.credentials import load_url
from desktop.dialogs import add_ok_cancel
from desktop.file_dialogs import open_file_name
from gis import Catalog, Status
from gis import status_rules as rules
from gis.user_folder import UserFolder

if TYPE_CHECKING:
    from gis.store import StatusStore  # SQLAlchemy loads with the store, after the first frame

REFRESH_MS = 30_000
log = logging.getLogger(__name__)
AUTHOR = "status/author"  # who records, remembered between sessions


class StatusDialog(QDialog):
    """A measure's new status. It opens on the current status; what the user typed stays
    when the entry is refused (closing out without evidence, no author, the store saying
    no), and the author is remembered for the next time. On a store with per-person logins
    the server records the login as the author: it is shown, not asked for."""

    def __init__(
        self,
        measure_text: str,
        current: Status | None = None,
        parent: QWidget | None = None,
        submit: Callable[[dict], bool] | None = None,
        refusal: Callable[[Status], str | None] | None = None,
        login: str | None = None,
    ) -> None:
        """`refusal` says why the logged-in role may not choose a status (that choice is
        greyed, the reason its tooltip); `current` is the status chosen at first; `login`,
        on a store with roles, is who the server will record as the author."""
        super().__init__(parent)
        self.submit = submit  # records the values; False keeps the dialog open
        self.setWindowTitle(self.tr("更新措施状态"))
        form = QFormLayout(self)
        measure = QLabel(measure_text)
        measure.setWordWrap(True)
        form.addRow(measure)
        self.status = QComboBox()
        for status in Status:
            self.status.addItem(f"{status.label_zh} {status.label_en}", status.value)
            reason = refusal(status) if refusal else None
            if reason:
                item = self.status.model().item(self.status.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
                item.setToolTip(reason)
        choices = [i for i in range(self.status.count()) if self._enabled(i)]
        wanted = self.status.findData(current.value) if current else -1
        if choices:
            self.status.setCurrentIndex(wanted if wanted in choices else choices[0])
        form.addRow(self.tr("新状态"), self.status)
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("截至日期"), self.as_of)
        self.note = QLineEdit()
        form.addRow(self.tr("说明"), self.note)
        self.evidence = QLineEdit()
        form.addRow(self.tr("验收依据（销号必填）"), self.evidence)
        self.attachment = QLineEdit()
        browse = QPushButton(self.tr("选择文件…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.attachment)
        row.addWidget(browse)
        form.addRow(self.tr("附件"), row)
        self.login = login
        self.author = QLineEdit(login or str(QSettings().value(AUTHOR, "")))
        self.author.setPlaceholderText(self.tr("姓名或科室"))
        if login:
            self.author.setReadOnly(True)
            self.author.setToolTip(self.tr("共享状态库以登录名记录，由服务器填写"))
        form.addRow(self.tr("记录人"), self.author)
        add_ok_cancel(self, form)

    def _enabled(self, index: int) -> bool:
        return bool(self.status.model().item(index).isEnabled())  # type: ignore[attr-defined]

    def accept(self) -> None:
        values = self.values()
        problem = ""
        if rules.closing_out_problem(values["status"], values["evidence"], values["attachment"]):
            problem = self.tr("销号须填写验收依据或选择附件。")
        elif rules.attachment_problem(values["attachment"]):
            problem = self.tr("附件不存在：") + values["attachment"]
        elif not values["author"]:
            problem = self.tr("请填写记录人。")
        if problem:
            QMessageBox.warning(self, self.tr("无法记录"), problem)
            return
        if not self.login:  # a login is not the name this PC records under elsewhere
            QSettings().setValue(AUTHOR, values["author"])
        if self.submit is not None and not self.submit(values):
            return
        super().accept()

    def _browse(self) -> None:
        name = open_file_name(self, self.tr("附件"))
        if name:
            self.attachment.setText(name)

    def values(self) -> dict:
        return {
            "status": self.status.currentData(),
            "as_of": self.as_of.date().toString("yyyy-MM-dd"),
            "note": self.note.text().strip(),
            "evidence": self.evidence.text().strip(),
            "attachment": self.attachment.text().strip(),
            "author": self.author.text().strip(),
        }


class Tracking(QObject):
    """Owns the window's connection to the status store and keeps it fresh."""

    changed = Signal()  # the store's content changed (here or on another PC)
    availability = Signal(str)  # "" when usable, else why it is read-only
    sharedArrived = Signal()  # other PCs' documents and sites came from the shared store

    def __init__(self, catalog: Catalog, user_folder: Path | None, parent: QObject) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.user_folder = user_folder
        self.store: StatusStore | None = None
        self._seen = ""
        self._opened = False  # the window opens the store after its first frame, not before
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def url(self) -> str | None:
        chosen = load_url("store/url")  # its password from the credential store
        if chosen:
            return chosen
        return str(UserFolder(self.user_folder).store) if self.user_folder else None

    def outbox(self):
        from gis.outbox import Outbox

        return Outbox(UserFolder(self.user_folder).outbox) if self.user_folder else None

    def open(self) -> None:
        """Open the store (SQLAlchemy loads here, after the first frame)."""
        from gis.store import StatusStore, StoreError

        self._opened = True
        where = self.url()
        if where is None:
            return
        self.timer.start()
        try:
            self.store = StatusStore(where, self.catalog)
        except StoreError as exc:
            self.store = None
            self.availability.emit(str(exc))
            return
        self.availability.emit("")
        self._send_kept()
        self.share()
        if self.store is not None:
            self._seen = self.store.last_change()
            self.changed.emit()

    def refresh(self) -> None:
        """Reconnect if the server was away; tell the window when anything changed. Before
        the first open (the window being shown and activated) there is nothing to refresh."""
        if self.store is None:
            if self._opened:
                self.open()
            return
        try:
            newest = self.store.last_change()
        except Exception as exc:  # the server went away: keep showing what we have
            self._lost(exc)
            return
        if newest != self._seen:
            self._seen = newest
            self.changed.emit()
        self.share()

    def share(self) -> None:
        """With a shared (PostgreSQL) store: send this PC's imported documents and accepted
        sites, bring the other PCs'; what arrives reopens the window's catalog."""
        store, folder = self.store, self.user_folder
        if store is None or folder is None or store.engine.dialect.name != "postgresql":
            return
        from gis.shared_documents import sync

        viewer = store.identity is not None and store.identity.role == "viewer"
        try:
            arrived = sync(store.engine, folder, send=not viewer)
        except Exception as exc:  # the server went away or refused: the folder stays as it is
            log.warning("shared documents not synchronised: %s", exc)
            return
        if arrived:
            self.sharedArrived.emit()

    def record(self, measure_id: str, values: dict) -> str:
        """Record a status; returns "" when stored, else why it was only kept for later.
        Bad input raises StoreError and nothing is kept."""
        from gis.store import StoreError

        problem = rules.closing_out_problem(
            values["status"], values.get("evidence", ""), values.get("attachment", "")
        )
        if problem:
            raise StoreError(problem)
        values = {**values, "event_id": values.get("event_id") or str(uuid.uuid4())}
        if self.store is not None:
            try:
                self.store.set_status(measure_id, **values)
            except StoreError:
                raise
            except Exception as exc:  # the connection broke mid-edit: keep it, same id
                self._lost(exc)
            else:
                self._seen = self.store.last_change()
                self.changed.emit()
                return ""
        outbox = self.outbox()
        if outbox is None:
            return self.tr("没有用户数据文件夹，无法保存")
        outbox.add(measure_id=measure_id, **values)
        return self.tr("状态库暂不可用：此修改已保存在本机，连接恢复后自动提交")

    def move(self, site_id: str, lon: float, lat: float, precision_m: float, note: str) -> str:
        """Record a location correction; returns "" when stored, else why not."""
        from gis.store import StoreError

        if self.store is None:
            return self.tr("状态库不可用，位置更正未保存")
        try:
            self.store.move_site(site_id, lon, lat, precision_m, date.today(), note)
        except StoreError as exc:
            return str(exc)
        except Exception as exc:  # the connection broke
            self._lost(exc)
            return self.tr("状态库不可用，位置更正未保存")
        self._seen = self.store.last_change()
        self.changed.emit()
        return ""

    def _lost(self, problem: Exception) -> None:
        self.store = None
        self.availability.emit(str(problem))
        self.changed.emit()  # the window stops offering edits that would fail

    def _send_kept(self) -> None:
        outbox = self.outbox()
        if outbox is None:
            return
        try:
            if outbox.pending():
                outbox.send(self.store)
        except Exception as exc:  # the server went away again: the edits stay kept
            self._lost(exc)
        if outbox.messages:  # lines that were no edit, moved aside: the user hears of it
            parent = self.parent()
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("暂存的修改"),
                self.tr("以下无法读取的暂存修改已移到一旁：") + "\n" + "\n".join(outbox.messages),
                parent=parent if isinstance(parent, QWidget) else None,
            )
            box.setObjectName("outboxSetAside")
            box.open()
