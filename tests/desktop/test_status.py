"""Tracking in the window: record a new status from the details, see it on the map and in a
month strip; with the shared server out of reach the window is read-only and keeps the edit."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QInputDialog

from desktop.main_window import MainWindow
from desktop.map import style
from gis import Status
from gis.state import state_from_store


def _colour_at(window, site_id: str):
    canvas = window.canvas
    image = canvas.viewport().grab().toImage()
    return image.pixelColor(canvas.mapFromScene(canvas.site_scene_pos(site_id)))


def _close(actual, expected, tolerance: int = 14) -> bool:
    pairs = zip(actual.getRgb()[:3], expected.getRgb()[:3], strict=True)
    return all(abs(a - b) <= tolerance for a, b in pairs)


def test_recording_a_status_updates_details_map_and_store(qtbot, tracked):
    site = "changjiang-msa-rescue-base"
    measure = tracked.catalog.site(site).measures[0].id
    tracked.go_to_site(site)
    assert f'href="status:{measure}"' in tracked.details.toHtml()
    assert _close(_colour_at(tracked, site), style.status_colour(Status.IN_PROGRESS))
    with qtbot.waitSignal(tracked.tracking.changed):
        tracked.recording.record_status(
            measure,
            {"status": "completed", "as_of": "2018-03-01", "note": "搬迁完成",
             "evidence": "", "attachment": ""},
        )  # fmt: skip
    text = tracked.details.toPlainText()
    assert "现状 Now: 已完成 completed 截至 as of 2018-03-01" in text and "搬迁完成" in text
    assert "未销号" in text
    assert "#2ca02c" in tracked.details.toHtml()  # the strip turns green from March 2018
    # its move done, the base's point is its old site: hollow and grey, labelled 原址
    assert not _close(_colour_at(tracked, site), style.status_colour(Status.IN_PROGRESS))
    assert site in tracked.canvas.former
    assert state_from_store(tracked.tracking.store).measures[measure].status == "completed"
    ledger = {r["measure_id"]: r["status"] for r in tracked.measures.model.rows}
    assert ledger[measure] == "已完成（2018-03-01）"
    # due 2017, nothing recorded since its document: 未见更新, not 逾期
    assert not ledger["jiangxia-7"].endswith("逾期")


def test_status_link_asks_the_dialog(qtbot, tracked, monkeypatch):
    from desktop import window_tracking

    asked = []
    monkeypatch.setattr(window_tracking.StatusDialog, "exec", lambda self: asked.append(self) or 0)
    tracked.go_to_site("liangjiu-dock")
    measure = tracked.catalog.site("liangjiu-dock").measures[0].id
    tracked.details.anchorClicked.emit(QUrl(f"status:{measure}"))
    assert asked and asked[0].status.count() == len(Status)


def test_overdue_measures_carry_a_badge(qtbot, tracked):
    tracked.go_to_site("jiangxia")  # 江夏区's "2017年全面完成…" pledge, still planned
    text = tracked.details.toPlainText()
    assert "未见更新" in text and "2017-12-31" in text and "逾期 overdue" not in text
    with qtbot.waitSignal(tracked.tracking.changed):
        tracked.recording.record_status(
            "jiangxia-7",
            {"status": "in_progress", "as_of": "2018-03-01", "note": "仍在建设",
             "evidence": "", "attachment": ""},
        )  # fmt: skip
    tracked.go_to_site("jiangxia")
    assert "逾期 overdue" in tracked.details.toPlainText()


def test_unreachable_server_gives_read_only_and_keeps_the_edit(qtbot, map_data, tmp_path):
    QSettings().setValue("store/url", "postgresql+psycopg://envmap@127.0.0.1:9/nowhere")
    window = MainWindow(map_data, tmp_path / "user")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "只读" in window.store_state.text(), timeout=15_000)
    assert window.tracking.store is None
    kept = window.tracking.record(
        "jiangxia-7", {"status": "in_progress", "as_of": "2018-01-10", "note": "离线修改",
                       "evidence": "", "attachment": ""},
    )  # fmt: skip
    assert "本机" in kept
    lines = (tmp_path / "user" / "outbox.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["note"] == "离线修改"
    QSettings().setValue("store/url", "")  # the office server is back (here: the local file)
    window.tracking.open()
    assert window.tracking.store is not None
    now = state_from_store(window.tracking.store).measures["jiangxia-7"]
    assert now.tracked is not None and now.tracked.note == "离线修改"
    assert not (tmp_path / "user" / "outbox.jsonl").read_text(encoding="utf-8").strip()
    assert window.store_state.text() == ""


def test_a_location_correction_moves_the_site_and_says_so(qtbot, tracked):
    site = "liangjiu-dock"
    tracked.go_to_site(site)
    assert f'href="move:{site}"' in tracked.details.toHtml()
    before = tracked.canvas.site_scene_pos(site)
    target = tracked.canvas.viewport().rect().center() + QPoint(60, 40)
    answers = ["现场核实", "30"]

    def answer_dialogs():
        box = QApplication.activeModalWidget()
        if isinstance(box, QInputDialog) and answers:
            answer = answers.pop(0)
            if box.inputMode() == QInputDialog.InputMode.IntInput:
                box.setIntValue(int(answer))
            else:
                box.setTextValue(answer)
            box.accept()
        if answers:
            QTimer.singleShot(50, answer_dialogs)

    tracked.recording.correct_location(site)  # the next click on the map is the better place
    scene = tracked.canvas.mapToScene(target)
    QTimer.singleShot(50, answer_dialogs)
    with qtbot.waitSignal(tracked.tracking.changed, timeout=10_000):
        qtbot.mouseClick(tracked.canvas.viewport(), Qt.MouseButton.LeftButton, pos=target)
    after = tracked.canvas.site_scene_pos(site)
    assert (after - before).manhattanLength() > 1
    assert abs(after.x() - scene.x()) < 0.01 and abs(after.y() - scene.y()) < 0.01
    text = tracked.details.toPlainText()
    assert "位置已更正" in text and "现场核实" in text and "±30 m" in text
    original = tracked.catalog.site(site).location.geometry
    assert (round(original.x, 3), round(original.y, 3)) == (114.284, 30.544)  # data unchanged


def test_ledger_export_has_the_notice_columns_and_tracked_status(qtbot, tracked, tmp_path):
    from openpyxl import load_workbook

    tracked.recording.record_status(
        "jiangxia-7", {"status": "in_progress", "as_of": "2018-01-10", "note": "开工",
                       "evidence": "", "attachment": ""},
    )  # fmt: skip
    out = tmp_path / "ledger.xlsx"
    tracked.exports.write_ledger(out)
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:6] == (
        "问题 Problem", "地区/点位 Area/site", "整改措施 Measure", "责任单位 Responsible",
        "完成时限 Target date", "整改状态 Status",
    )  # fmt: skip
    header = rows[0]
    row = dict(zip(header, next(r for r in rows if "jiangxia-7" in r), strict=True))
    assert row["整改状态 Status"] == "推进中（2018-01-10） 逾期"
    assert row["状态日期 As of"] == "2018-01-10" and "逾期" in row["提示 Flags"]
    assert row["状态来源 Status from"] == "跟踪记录 tracked"
    assert row["原文状态 Document's status"] == "计划"


def test_a_torn_kept_edit_is_set_aside_and_the_window_says_so(qtbot, map_data, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    folder = tmp_path / "user"
    folder.mkdir()
    edit = {"measure_id": "jiangxia-7", "status": "in_progress", "as_of": "2018-01-10",
            "note": "离线修改", "event_id": "kept-1"}  # fmt: skip
    (folder / "outbox.jsonl").write_text(
        json.dumps(edit, ensure_ascii=False) + '\n{"measure_id": "jiangxia-7", "sta',
        encoding="utf-8",
    )  # the PC crashed while the second edit was written
    QSettings().setValue("store/url", "")
    window = MainWindow(map_data, folder)
    qtbot.addWidget(window)
    window.tracking.open()
    box = window.findChild(QMessageBox, "outboxSetAside")
    assert box is not None and box.isVisible()
    assert "outbox.jsonl:2" in box.text() and "已移到一旁" in box.text()
    now = state_from_store(window.tracking.store).measures["jiangxia-7"]
    assert now.tracked is not None and now.tracked.note == "离线修改"  # the whole edit was sent
    assert (folder / "outbox.damaged.jsonl").exists()
    box.close()


def test_the_month_strip_says_what_it_shows_and_which_months(qtbot, tracked):
    """Without words the strip is a bar of colour; it names itself and its first and last
    month (the last 24 up to this month)."""
    from datetime import date

    site = "changjiang-msa-rescue-base"
    tracked.go_to_site(site)
    today = date.today()
    months = today.year * 12 + today.month - 1 - 23
    first = f"{months // 12}-{months % 12 + 1:02d}"
    text = tracked.details.toPlainText()
    assert f"逐月状态 By month: {first} – {today:%Y-%m}" in text
