"""File → Export HTML from the window: the file appears, the window stays usable, cancel works."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QDialog

from desktop.html_export import HtmlExportDialog, HtmlExportJob
from gis import Kind
from gis.export.html import HtmlOptions
from gis.filters import SiteFilter


def test_export_runs_in_the_background_and_reports(qtbot, window, tmp_path):
    out = tmp_path / "shared.html"
    with qtbot.waitSignal(window.exports.htmlFinished, timeout=30_000) as result:
        window.exports.write_html(out, HtmlOptions(title="区局周报"))
        window.canvas.zoom(1.25)  # the window keeps answering while the file is written
    assert result.args[0] is True
    text = out.read_text(encoding="utf-8")
    assert "<title>区局周报</title>" in text and 'id="envmap-data"' in text
    qtbot.waitUntil(lambda: "shared.html" in window.statusBar().currentMessage())


def test_cancel_leaves_no_file(qtbot, window, tmp_path, monkeypatch):
    # The export's first step waits until Cancel has been pressed: a small map can otherwise
    # be written before the window's thread gets to press it (as on a busy machine).
    pressed = threading.Event()
    step = HtmlExportJob._step

    def step_after_cancel(job: HtmlExportJob, done: int, total: int) -> None:
        assert pressed.wait(30)
        step(job, done, total)

    monkeypatch.setattr(HtmlExportJob, "_step", step_after_cancel)
    out = tmp_path / "cancelled.html"
    with qtbot.waitSignal(window.exports.htmlFinished, timeout=30_000) as result:
        window.exports.write_html(out, HtmlOptions()).cancel()
        pressed.set()
    assert result.args == [False, ""]
    assert not out.exists()
    qtbot.waitUntil(lambda: "取消" in window.statusBar().currentMessage())


def test_dialog_keeps_the_key_out_unless_asked_and_applies_the_filter(qtbot):
    dialog = HtmlExportDialog(filtered=True)
    qtbot.addWidget(dialog)
    assert not dialog.key.isEnabled()
    dialog.basemap.setCurrentIndex(dialog.basemap.findData("tianditu"))
    assert dialog.key.isEnabled()
    dialog.key.setText("my-key")
    docks = SiteFilter(kinds=frozenset({Kind.DOCK}))
    options = dialog.options(docks)
    assert options.basemap == "tianditu" and options.tianditu_key == "my-key"
    assert options.embed_key is False and options.site_filter == docks
    dialog.embed_key.setChecked(True)
    dialog.only_filtered.setChecked(False)
    options = dialog.options(docks)
    assert options.embed_key is True and options.site_filter is None
    assert dialog.result() == QDialog.DialogCode.Rejected  # never accepted in this test


def test_a_failing_export_ends_with_a_message(window, tmp_path, warning_of):
    out = tmp_path / "missing-folder" / "map.html"  # the folder does not exist
    text = warning_of(lambda: window.exports.write_html(out, HtmlOptions()))
    assert text.splitlines()[:2] == [str(out), "文件或文件夹不存在"]  # the file, and why
    assert "Errno" not in text
    assert not out.exists()
