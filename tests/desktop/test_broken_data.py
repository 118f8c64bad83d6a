"""The window's start on a broken data folder: the cases that used to crash it (a traceback
instead of the dialog) now reach the dialog, which names the file, and the shipped data opens.
The whole corpus is in tests/gis/test_broken_catalogs.py; these are the ones that crashed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def _edit(relative: str, old: str, new: str):
    def change(data: Path) -> None:
        path = data / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _places_missing(data: Path) -> None:
    (data / "gazetteer" / "places.yaml").unlink()


def _deep(data: Path) -> None:
    (data / "catalog" / "zz.yaml").write_text("sites: " + "[" * 3000 + "]" * 3000, "utf-8")


def _manifest_list(data: Path) -> None:
    (data / "documents" / "manifest.yaml").write_text("- a.txt\n", encoding="utf-8")


def _no_catalog(data: Path) -> None:
    shutil.rmtree(data / "catalog")


CASES = {
    "paragraph-word": (_edit("catalog/soil.yaml", "paragraph: 22", "paragraph: abc"), "soil.yaml"),
    "value-words": (_edit("catalog/citywide.yaml", "value: 28", "value: 二十八"), "citywide.yaml"),
    "aliases-number": (_edit("catalog/water.yaml", "aliases: []", "aliases: 5"), "water.yaml"),
    "bad-manifest-date": (
        _edit("documents/manifest.yaml", "date_to: 2017-12-31", "date_to: 2017-12-32"),
        "manifest.yaml",
    ),
    "manifest-list": (_manifest_list, "manifest.yaml"),
    "places-missing": (_places_missing, "places.yaml"),
    "deep-nesting": (_deep, "zz.yaml"),
    "no-catalog": (_no_catalog, "catalog"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_dialog_names_the_file_and_the_shipped_data_opens(qtbot, data_copy, tmp_path, case):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.app import open_map_data

    change, named = CASES[case]
    change(data_copy)
    seen: list[str] = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(300, read_and_close)
    map_data = open_map_data(data_copy, tmp_path / "cache")
    assert seen and named in seen[0] and "内置数据" in seen[0]
    assert "Traceback" not in seen[0]
    assert map_data is not None and len(map_data.catalog.sites) >= 40  # the shipped catalog
