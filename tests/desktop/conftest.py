"""Qt tests run offscreen with real widgets and private settings; each gets a fresh window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

# The offscreen screen is 800×600 and the window fits itself to it; tests use the window at
# the size an office screen gives it (test_window_layout checks real screen sizes).
OFFICE_SCREEN = (1280, 800)


@pytest.fixture(autouse=True)
def private_settings(tmp_path, qapp):
    """Point QSettings at a temporary folder: no test reads or writes a real user's settings."""
    QCoreApplication.setOrganizationName("WuhanEnvMapTests")
    QCoreApplication.setApplicationName("EnvMapTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield tmp_path
    from desktop.i18n import apply_language

    apply_language("zh")


@pytest.fixture(autouse=True)
def private_halos(tmp_path):
    """Text halos kept in a temporary folder, not in a real user's cache folder."""
    from desktop.map.halos import keep_halos_in

    keep_halos_in(tmp_path / "halo-cache")
    yield
    keep_halos_in(None)


@pytest.fixture(autouse=True)
def credential_store(tmp_path_factory):
    """A real file-based credential store (keyrings.alt) in a folder of its own, standing for
    the OS's (a CI machine has no Secret Service); forgotten after each test."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    from desktop import credentials

    class TestCredentialStore(PlaintextKeyring):
        priority = 1  # trusted as the OS's would be (the app refuses a plain file otherwise)

    ring = TestCredentialStore()
    ring.file_path = str(tmp_path_factory.mktemp("credential-store") / "keyring.cfg")
    keyring.set_keyring(ring)
    credentials._session.clear()
    yield ring
    credentials._session.clear()


@pytest.fixture(scope="session")
def map_data(catalog):
    from gis import build_map_data

    return build_map_data(catalog)


@pytest.fixture
def window(qtbot, map_data):
    from desktop.main_window import MainWindow

    win = MainWindow(map_data)
    qtbot.addWidget(win)
    win.resize(*OFFICE_SCREEN)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def user_window(qtbot, map_data, tmp_path):
    """The window with a user data folder of its own (imports, status store, outbox)."""
    from desktop.main_window import MainWindow

    win = MainWindow(map_data, tmp_path / "user")
    qtbot.addWidget(win)
    win.resize(*OFFICE_SCREEN)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def tracked(qtbot, user_window):
    """The window once its status store is open, as after the first frame."""
    qtbot.waitUntil(lambda: user_window.tracking.store is not None, timeout=10_000)
    return user_window


@pytest.fixture
def warning_of(qtbot):
    """`warning_of(action)`: run `action`, then the text of the message box it opens (the
    box is closed once read), as a user reads and dismisses it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def run(action) -> str:
        seen: list[str] = []

        def read() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                seen.append(box.text())
                box.accept()
            else:
                QTimer.singleShot(20, read)

        QTimer.singleShot(0, read)
        action()
        qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
        return seen[0]

    return run
