"""A person's own login to a shared PostgreSQL store: when the server wants a password, the
window asks for it, keeps it in the credential store (never the settings) and connects."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel
from sqlalchemy.engine import URL, make_url

from desktop import credentials
from desktop.main_window import MainWindow
from desktop.store_login import StoreLoginDialog


def _window_without_the_password(qtbot, map_data, tmp_path, monkeypatch, url: URL) -> MainWindow:
    """The window on the shared store at `url`, its address saved without the password and
    libpq given none either: the window must ask."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    QSettings().setValue("store/url", url._replace(password=None).render_as_string())
    window = MainWindow(map_data, tmp_path / "user")
    qtbot.addWidget(window)
    window.show()
    return window


def _login_dialog(qtbot, window) -> tuple[StoreLoginDialog, str]:
    """The login dialog once it shows, and what it says."""
    tracking = window.tracking
    qtbot.waitUntil(
        lambda: tracking.login_dialog is not None and tracking.login_dialog.isVisible(),
        timeout=20_000,
    )
    dialog = tracking.login_dialog
    return dialog, " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_the_window_asks_for_the_password_and_keeps_it_in_the_credential_store(
    qtbot, map_data, tmp_path, monkeypatch, shared_store, credential_store, private_settings
):
    url = make_url(shared_store.login("district-editor", "武昌区"))
    window = _window_without_the_password(qtbot, map_data, tmp_path, monkeypatch, url)
    dialog, said = _login_dialog(qtbot, window)
    assert dialog.login.text() == url.username and "no password supplied" in said
    dialog.password.setText("not-the-password")
    dialog.accept()
    dialog, said = _login_dialog(qtbot, window)  # refused: asked again, saying why
    assert "password authentication failed" in said and "not-the-password" not in said
    dialog.password.setText(url.password)
    dialog.accept()
    qtbot.waitUntil(lambda: window.tracking.store is not None, timeout=20_000)
    assert window.login.text() == f"登录：{url.username} · 区编辑（武昌区）"
    assert window.store_state.text() == ""
    kept = credential_store.get_password(credentials.SERVICE, credentials.STORE_PASSWORD)
    assert kept == url.password
    QSettings().sync()
    written = "".join(p.read_text("utf-8", "replace") for p in private_settings.rglob("*.ini"))
    assert url.username in written and url.password not in written


def _settings_action(window, text: str) -> QAction:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "设置")
    return next(a for a in menu.actions() if a.text() == text)


def test_a_cancelled_login_waits_until_the_user_asks_for_it_from_the_settings_menu(
    qtbot, map_data, tmp_path, monkeypatch, shared_store
):
    url = make_url(shared_store.login("viewer"))
    window = _window_without_the_password(qtbot, map_data, tmp_path, monkeypatch, url)
    dialog, _ = _login_dialog(qtbot, window)
    dialog.reject()
    window.tracking.refresh()  # the 30-second retry: the window says why, no dialog
    assert window.tracking.login_dialog is None and window.tracking.store is None
    assert "no password supplied" in window.store_state.toolTip()
    assert "设置 → 登录状态库…" in window.store_state.text()
    _settings_action(window, "登录状态库…").trigger()  # the same address, asked again
    dialog, said = _login_dialog(qtbot, window)
    assert dialog.login.text() == url.username and "no password supplied" in said
    dialog.password.setText(url.password)
    dialog.accept()
    qtbot.waitUntil(lambda: window.tracking.store is not None, timeout=20_000)
    assert window.store_state.text() == ""


def test_a_local_store_needs_no_login(qtbot, user_window):
    _settings_action(user_window, "登录状态库…").trigger()
    assert user_window.tracking.login_dialog is None
    assert user_window.statusBar().currentMessage() == "本机状态库无需登录"


def test_a_new_password_replaces_an_old_one_given_in_the_query(qtbot):
    """An address from older settings may carry `?password=`: the login's password replaces
    it rather than sitting beside it (libpq would keep using the old one)."""
    old = "postgresql+psycopg://wang@db.example/envmap?password=Old_1&sslmode=require"
    dialog = StoreLoginDialog(old, "password authentication failed")
    qtbot.addWidget(dialog)
    dialog.password.setText("New_2")
    chosen = make_url(dialog.url())
    assert chosen.password == "New_2" and chosen.username == "wang"
    assert "Old_1" not in dialog.url() and chosen.query == {"sslmode": "require"}
