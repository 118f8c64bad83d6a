"""File dialogs open where the user last was (not in the program's folder), remember it
between sessions, speak Chinese in the Chinese interface, and offer every format the
document reader reads."""

from __future__ import annotations

import os
import re

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from desktop.file_dialogs import last_folder, open_file_name, save_file_name
from desktop.i18n import apply_language
from desktop.import_job import FILE_PATTERNS
from gis.extract.text import FORMATS


def _answer(seen: dict, name: str | None) -> None:
    """Note what the open file dialog shows, then choose `name` in it (or cancel)."""
    dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog)), None)
    if dialog is None or not dialog.isVisible():
        QTimer.singleShot(20, lambda: _answer(seen, name))
        return
    seen["folder"] = dialog.directory().absolutePath()
    seen["labels"] = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    if name is None:
        dialog.reject()
    else:
        dialog.selectFile(name)
        dialog.accept()


def test_dialogs_open_in_the_last_folder_and_remember_it(qtbot, tmp_path):
    program = os.getcwd()
    assert last_folder() != tmp_path and str(last_folder()) != program
    reports = tmp_path / "reports"
    reports.mkdir()
    seen: dict = {}
    QTimer.singleShot(0, lambda: _answer(seen, str(reports / "ledger.csv")))
    assert save_file_name(None, "导出", "ledger.csv", "*.csv") == str(reports / "ledger.csv")
    assert last_folder() == reports
    (reports / "notice.txt").write_text("通知", encoding="utf-8")
    QTimer.singleShot(0, lambda: _answer(seen, None))
    assert open_file_name(None, "导入文件", "*.txt") == ""
    assert seen["folder"] == str(reports)


def test_qt_file_dialog_speaks_chinese(qtbot, tmp_path):
    # The Chinese interface, whatever ran before in this process (the first test a pytest-xdist
    # worker runs has no translator yet: the settings fixture installs it after each test).
    apply_language("zh")
    seen: dict = {}
    QTimer.singleShot(0, lambda: _answer(seen, None))
    open_file_name(None, "导入文件", "*.txt")
    labels = [text.replace("&", "") for text in seen["labels"]]
    assert any(text.startswith("查找范围") for text in labels), labels
    assert any(text.startswith("文件类型") for text in labels), labels
    assert not any(re.search("[A-Za-z]{2,}", text) for text in labels), labels


def test_import_offers_every_format_the_reader_reads():
    offered = FILE_PATTERNS.split()
    for suffix in FORMATS:
        assert f"*{suffix}" in offered and f"*{suffix.upper()}" in offered
