"""File dialogs that open where the user last saved or opened a file (remembered between
sessions), or in their Documents folder the first time, never in the program's folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

FOLDER = "dialogs/folder"


def last_folder() -> Path:
    saved = str(QSettings().value(FOLDER, ""))
    if saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.StandardLocation.DocumentsLocation
    found = QStandardPaths.writableLocation(documents)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def _remember(name: str) -> str:
    if name:
        QSettings().setValue(FOLDER, str(Path(name).parent))
    return name


def save_file_name(parent: QWidget | None, title: str, file_name: str, filters: str) -> str:
    """Where to save `file_name` ("" when cancelled), offered in the remembered folder."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(last_folder() / file_name), filters)
    return _remember(name)


def open_file_name(parent: QWidget | None, title: str, filters: str = "") -> str:
    """A file to open ("" when cancelled), looked for in the remembered folder."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(last_folder()), filters)
    return _remember(name)
