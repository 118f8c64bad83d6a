"""Start the desktop application on the shipped (or given) data."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.main_window import MainWindow
from gis import EnvMapError, load_catalog


def run(data: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Wuhan EnvMap")
    try:
        catalog = load_catalog(data)
    except EnvMapError as exc:
        QMessageBox.critical(None, "武汉环保行动地图 Wuhan EnvMap", str(exc))
        return 1
    window = MainWindow(catalog)
    window.show()
    return app.exec()
