"""The login of a shared PostgreSQL store, asked for when the server wants a password it was
not given (or refused the one given). The password goes to the operating system's credential
store with the store's address (desktop.credentials), never to the settings or a log."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.dialogs import add_ok_cancel
from gis.failures import mask_passwords


class StoreLoginDialog(QDialog):
    """Login and password for the store at `url`; `problem` is what the server said."""

    def __init__(self, url: str, problem: str, parent: QWidget | None = None) -> None:
        from sqlalchemy.engine import make_url  # loaded with the store, after the first frame

        super().__init__(parent)
        self.setObjectName("storeLogin")
        self.setWindowTitle(self.tr("登录状态库"))
        self._url = make_url(url)
        form = QFormLayout(self)
        where = f"{self._url.host or ''}:{self._url.port or 5432}/{self._url.database or ''}"
        said = QLabel(self.tr("服务器需要密码：") + where + "\n" + mask_passwords(problem)[-200:])
        said.setWordWrap(True)
        form.addRow(said)
        self.login = QLineEdit(self._url.username or "")
        form.addRow(self.tr("登录名"), self.login)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(QLabel(self.tr("密码保存在系统的凭据存储中，不写入设置文件。")))
        add_ok_cancel(self, form)
        (self.password if self.login.text() else self.login).setFocus()

    def url(self) -> str:
        """The store's address with this login and password (escaped as a URL needs); an
        old password given as a query parameter goes, or libpq would still use it."""
        without = self._url.difference_update_query(["password"])
        chosen = without.set(username=self.login.text().strip(), password=self.password.text())
        return chosen.render_as_string(hide_password=False)
