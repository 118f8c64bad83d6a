"""A file the window cannot write is named, with why in the interface's language and the
system's own words (the HTML map's case: tests/desktop/test_html_export.py)."""

from __future__ import annotations


def test_a_ledger_or_image_in_a_missing_folder_says_which_file_and_why(
    window, tmp_path, warning_of
):
    for name, write in (
        ("ledger.xlsx", window.exports.write_ledger),
        ("map.png", window.exports.write_image),
    ):
        out = tmp_path / "no-such-folder" / name
        text = warning_of(lambda out=out, write=write: write(out))
        lines = text.splitlines()
        assert lines[0] == str(out)
        assert lines[1] == "文件或文件夹不存在"
        assert f"{out}: no such file or folder" in lines
        assert "Errno" not in text  # not Python's own message


def test_the_english_interface_says_why_in_english(qtbot, map_data, tmp_path, warning_of):
    from desktop.i18n import apply_language
    from desktop.main_window import MainWindow

    apply_language("en")
    window = MainWindow(map_data)
    qtbot.addWidget(window)
    out = tmp_path / "no-such-folder" / "ledger.xlsx"
    lines = warning_of(lambda: window.exports.write_ledger(out)).splitlines()
    assert lines[:2] == [str(out), "no such file or folder"]
