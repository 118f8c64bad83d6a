"""Start the desktop application on the shipped (or given) data."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.i18n import apply_language, saved_language
from desktop.main_window import MainWindow
from gis import EnvMapError, MapData, load_map_data

TITLE = "武汉环保行动地图 Wuhan EnvMap"


class Desktop:
    """Owns the main window; a language change rebuilds it in the new language."""

    def __init__(self, map_data: MapData) -> None:
        self.map_data = map_data
        self.window: MainWindow | None = None
        apply_language(saved_language())
        self._open()

    def _open(self) -> None:
        self.window = MainWindow(self.map_data)
        self.window.languageChosen.connect(self.switch_language)
        self.window.show()

    def switch_language(self, language: str) -> None:
        old = self.window
        old.close()  # saves the layout, which the new window restores
        apply_language(language)
        self._open()
        old.deleteLater()


def configure_application() -> QApplication:
    QCoreApplication.setOrganizationName("WuhanEnvMap")
    QCoreApplication.setApplicationName("EnvMap")
    return QApplication.instance() or QApplication(sys.argv)


def cache_dir() -> Path:
    """The user's cache folder for this app, e.g. ~/.cache/WuhanEnvMap/EnvMap on Linux."""
    location = QStandardPaths.StandardLocation.CacheLocation
    return Path(QStandardPaths.writableLocation(location))


def open_map_data(data: Path | None, cache: Path | None) -> MapData | None:
    """The map data to open. A broken data folder is explained in a dialog naming the file
    and place, and the shipped data opens instead; nothing in the folder is changed."""
    try:
        return load_map_data(data, cache)
    except EnvMapError as exc:
        fallback = data is not None
        message = f"无法读取数据 Cannot read the data{f' in {data}' if data else ''}:\n\n{exc}"
        if fallback:
            message += "\n\n改为打开内置数据。Opening the shipped data instead."
        QMessageBox.critical(None, TITLE, message)
        return open_map_data(None, cache) if fallback else None


def run(data: Path | None = None) -> int:
    app = configure_application()
    map_data = open_map_data(data, cache_dir())
    if map_data is None:
        return 1
    desktop = Desktop(map_data)
    app.aboutToQuit.connect(lambda: desktop.window.close())
    return app.exec()
