"""Qt tests run offscreen with real widgets; every test gets a fresh main window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture
def window(qtbot, catalog):
    from desktop.main_window import MainWindow

    win = MainWindow(catalog)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
