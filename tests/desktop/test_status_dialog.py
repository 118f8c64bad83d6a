"""The status dialog as a recorder meets it: it opens on the measure's current status, a
refused entry keeps what was typed and says why in Chinese, the author is asked for and
remembered, and the confirmation names the measure, not its internal id."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop import window_tracking
from gis import Status

CJK = re.compile(r"[\u4e00-\u9fff]")
SITE = "liangjiu-dock"


@pytest.fixture
def opened(tracked, monkeypatch):
    """change_status's dialog, left open (exec returns at once) for the test to fill in."""
    monkeypatch.setattr(window_tracking.StatusDialog, "exec", lambda self: 0)
    measure = tracked.catalog.site(SITE).measures[0]
    return tracked, measure, tracked.recording.change_status(measure.id)


def _answer_message_box(seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        seen.append(box.text())
        box.accept()
    else:
        QTimer.singleShot(20, lambda: _answer_message_box(seen))


def test_dialog_starts_from_the_current_status(qtbot, opened):
    window, measure, dialog = opened
    current = window.app_state.current.measures[measure.id].status
    assert dialog.status.currentData() == current.value
    new = next(s for s in (Status.IN_PROGRESS, Status.COMPLETED) if s is not current)
    dialog.status.setCurrentIndex(dialog.status.findData(new.value))
    dialog.author.setText("江岸区环保局 王工")
    with qtbot.waitSignal(window.tracking.changed):
        dialog.accept()
    again = window.recording.change_status(measure.id)
    assert again.status.currentData() == new.value
    assert again.author.text() == "江岸区环保局 王工"  # remembered


def test_closing_out_without_evidence_is_refused_in_chinese_and_keeps_the_typing(qtbot, opened):
    window, measure, dialog = opened
    dialog.status.setCurrentIndex(dialog.status.findData(Status.CLOSED_OUT.value))
    dialog.note.setText("现场核查已完成，验收材料待补")
    dialog.author.setText("王工")
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer_message_box(seen))
    dialog.accept()
    assert seen and CJK.search(seen[0]) and not re.search(r"[A-Za-z]{3,}", seen[0])
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.note.text() == "现场核查已完成，验收材料待补"
    assert dialog.status.currentData() == Status.CLOSED_OUT.value
    events = [
        e for e in window.tracking.store.events() if getattr(e, "measure_id", "") == measure.id
    ]
    assert all(e.status is not Status.CLOSED_OUT for e in events)


def test_the_author_is_asked_for_recorded_and_confirmed_by_name(qtbot, opened):
    window, measure, dialog = opened
    dialog.status.setCurrentIndex(dialog.status.findData(Status.COMPLETED.value))
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer_message_box(seen))
    dialog.accept()  # no author yet
    assert seen and "记录人" in seen[0] and dialog.result() != QDialog.DialogCode.Accepted
    dialog.author.setText("李科长")
    with qtbot.waitSignal(window.tracking.changed):
        dialog.accept()
    recorded = [
        e for e in window.tracking.store.events() if getattr(e, "measure_id", "") == measure.id
    ]
    assert recorded[-1].author == "李科长"
    confirmation = window.statusBar().currentMessage()
    assert window.catalog.site(SITE).name_zh in confirmation
    assert measure.id not in confirmation


def test_an_attachment_that_is_not_there_is_refused_and_nothing_is_recorded(
    qtbot, opened, tmp_path
):
    """A mistyped attachment would close a measure out on the strength of no file at all."""
    window, measure, dialog = opened
    before = len(window.tracking.store.events())
    dialog.status.setCurrentIndex(dialog.status.findData(Status.CLOSED_OUT.value))
    missing = tmp_path / "验收报告.pdf"
    dialog.attachment.setText(str(missing))
    dialog.author.setText("王工")
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer_message_box(seen))
    dialog.accept()
    assert seen and str(missing) in seen[0] and CJK.search(seen[0])
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.attachment.text() == str(missing)  # kept, to be corrected
    assert len(window.tracking.store.events()) == before
    missing.write_bytes(b"%PDF-1.4\n")
    with qtbot.waitSignal(window.tracking.changed):
        dialog.accept()
    assert window.app_state.current.measures[measure.id].status is Status.CLOSED_OUT
