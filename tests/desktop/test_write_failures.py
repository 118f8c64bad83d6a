"""A file the window cannot write is named, with why in the interface's language and the
system's own words, from the map image, the ledger and the HTML map alike."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def _warning_of(qtbot, action) -> str:
    """The text of the warning box `action` opens (closed once read)."""
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
    qtbot.waitUntil(lambda: bool(seen))
    return seen[0]


def test_a_ledger_or_image_in_a_missing_folder_says_which_file_and_why(qtbot, window, tmp_path):
    for name, write in (
        ("ledger.xlsx", window.exports.write_ledger),
        ("map.png", window.exports.write_image),
    ):
        out = tmp_path / "no-such-folder" / name
        text = _warning_of(qtbot, lambda out=out, write=write: write(out))
        lines = text.splitlines()
        assert lines[0] == str(out)
        assert lines[1] == "文件夹不存在"
        assert f"{out}: no such file or folder" in lines
        assert "Errno" not in text  # not Python's own message


def test_the_html_map_in_a_missing_folder_says_which_file_and_why(qtbot, window, tmp_path):
    from gis.export.html import HtmlOptions

    out = tmp_path / "no-such-folder" / "map.html"
    text = _warning_of(qtbot, lambda: window.exports.write_html(out, HtmlOptions()))
    assert text.splitlines()[:2] == [str(out), "文件夹不存在"]
    assert "Errno" not in text
