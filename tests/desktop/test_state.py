"""Every part of the window reads one current state: after a status is recorded, the symbol,
its tooltip, the status filter, the details and the measures table all say the same."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from gis import Status
from gis.filters import SiteFilter

SITE = "changjiang-msa-rescue-base"


def _view_pos(window, site_id: str) -> QPoint:
    return window.canvas.mapFromScene(window.canvas.site_scene_pos(site_id))


def _complete_everything(qtbot, window, site_id: str) -> None:
    for measure in window.catalog.measures_concerning(site_id):
        with qtbot.waitSignal(window.tracking.changed):
            window.recording.record_status(
                measure.id,
                {"status": "completed", "as_of": "2018-03-01", "note": "搬迁完成",
                 "evidence": "", "attachment": ""},
            )  # fmt: skip


def test_tooltip_filter_details_and_table_follow_a_recorded_status(qtbot, tracked):
    canvas = tracked.canvas
    canvas.zoom_to_site(SITE)
    assert "推进中" in canvas.tooltip_at(_view_pos(tracked, SITE))
    _complete_everything(qtbot, tracked, SITE)
    assert "已完成" in canvas.tooltip_at(_view_pos(tracked, SITE))
    tracked.apply_filter(SiteFilter(statuses=frozenset({Status.COMPLETED})))
    assert canvas.is_site_visible(SITE)
    tracked.apply_filter(SiteFilter(statuses=frozenset({Status.IN_PROGRESS})))
    assert not canvas.is_site_visible(SITE)
    tracked.apply_filter(SiteFilter())
    tracked.go_to_site(SITE)
    text = tracked.details.toPlainText()
    assert "现状 Now: 已完成 completed 截至 as of 2018-03-01" in text
    assert "推进中 in progress" in text  # the document's own status stays beside
    rows = [r for r in tracked.measures.model.rows if r["site_id"] == SITE]
    assert rows and all(r["status"] == "已完成（2018-03-01）" for r in rows)


def test_the_window_s_ledger_shows_a_recorded_status(qtbot, tracked, tmp_path):
    from openpyxl import load_workbook

    _complete_everything(qtbot, tracked, SITE)
    ledger = tmp_path / "ledger.xlsx"
    tracked.exports.write_ledger(ledger)
    rows = list(load_workbook(ledger).active.iter_rows(values_only=True))
    header = rows[0]
    mine = [dict(zip(header, r, strict=True)) for r in rows[1:] if SITE in r]
    assert mine and all(r["整改状态 Status"] == "已完成（2018-03-01）" for r in mine)
    assert tracked.app_state.current.site_status(SITE) is Status.COMPLETED


def test_the_review_says_which_measure_a_new_report_updates(qtbot, tracked, tmp_path):
    # issue #15: the review shows "…搬迁：已销号 (2024-03-01) ← 新文件：已完成 (2025-…)".
    from datetime import date

    measure = tracked.catalog.site("liangjiu-dock").measures[0]
    with qtbot.waitSignal(tracked.tracking.changed):
        tracked.recording.record_status(
            measure.id,
            {"status": "closed_out", "as_of": "2024-03-01", "note": "验收",
             "evidence": "验收意见书", "attachment": ""},
        )  # fmt: skip
    notice = tmp_path / "notice.txt"
    notice.write_text("武昌区通报\n良久商贸码头已完成搬迁，原址已复绿。\n", encoding="utf-8")
    with qtbot.waitSignal(tracked.importFinished, timeout=60_000) as finished:
        tracked.imports.import_document(notice, date(2025, 5, 1))
    dialog = finished.args[0]
    qtbot.addWidget(dialog)
    text = dialog.evidence.toPlainText()
    assert f"{measure.text_zh}：已销号（2024-03-01） ← 新文件：已完成（2025-05-01）" in text
