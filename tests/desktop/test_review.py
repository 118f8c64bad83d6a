"""Importing a notice in the window: review its candidates, place one on the map by clicking,
accept, finish; a review left open comes back after a restart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from desktop.main_window import MainWindow
from gis.crs import from_web_mercator
from gis.user_folder import UserFolder

NOTICE = (
    Path(__file__).resolve().parents[1] / "gis" / "extract" / "documents" / "water_notice_gbk.txt"
)


def _imported(qtbot, window, path: Path = NOTICE, when: date = date(2017, 12, 1)):
    """Import in the window's worker thread and wait for the review dialog."""
    with qtbot.waitSignal(window.importFinished, timeout=60_000) as finished:
        assert window.imports.import_document(path, when) is not None
    return finished.args[0]


def _row(dialog, name: str) -> int:
    return [c["name"] for c in dialog.review.candidates].index(name)


def test_review_pick_on_the_map_accept_and_finish(qtbot, user_window, tmp_path):
    dialog = _imported(qtbot, user_window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == len(dialog.review.candidates) >= 5
    dialog.list.setCurrentRow(_row(dialog, "鑫达建材码头"))
    html = dialog.evidence.toHtml()
    assert "#ffe066" in html and "鑫达建材码头已于10月完成搬迁" in dialog.evidence.toPlainText()
    assert "未定位" in dialog.location.text()
    dialog.pick.click()
    canvas = user_window.canvas
    target = canvas.viewport().rect().center()
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=target)
    scene = canvas.mapToScene(target)
    lon, lat = from_web_mercator(scene.x(), -scene.y())  # where the click was, in WGS84
    candidate = dialog.review.candidates[dialog.list.currentRow()]
    assert candidate["geocode_source"] == "map"
    assert abs(candidate["lon"] - lon) < 1e-5 and abs(candidate["lat"] - lat) < 1e-5
    assert f"{candidate['lon']:.5f}°E" in dialog.location.text()
    assert dialog.review.candidates[dialog.list.currentRow()] is candidate
    dialog.accept_button.click()
    assert candidate["decision"] == "accepted"
    with qtbot.waitSignal(user_window.userDataChanged):
        dialog.finish_button.click()
    assert "1" in user_window.statusBar().currentMessage()
    assert (tmp_path / "user" / "accepted.json").exists()


def test_a_review_left_open_is_offered_again_after_a_restart(
    qtbot, map_data, user_window, tmp_path
):
    dialog = _imported(qtbot, user_window)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(_row(dialog, "白沙洲水厂"))
    dialog.reject_button.click()
    dialog.close()
    user_window.close()
    later = MainWindow(map_data, tmp_path / "user")
    qtbot.addWidget(later)
    resume = [
        a for a in later.menuBar().actions()[0].menu().actions() if "water_notice_gbk" in a.text()
    ]
    assert resume, "the File menu offers the unfinished review"
    resume[0].trigger()
    reopened = later.imports.review_dialog
    qtbot.addWidget(reopened)
    assert reopened.review.candidates[_row(reopened, "白沙洲水厂")]["decision"] == "rejected"
    assert reopened.list.item(_row(reopened, "白沙洲水厂")).text().startswith("✘")


def test_dropping_a_file_asks_its_date_and_opens_the_review(qtbot, user_window):
    def give_the_date():
        box = QApplication.activeModalWidget()
        if isinstance(box, QInputDialog):
            box.setTextValue("2017-12-01")
            box.accept()
        else:
            QTimer.singleShot(50, give_the_date)

    QTimer.singleShot(50, give_the_date)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(NOTICE))])
    drop = QDropEvent(
        QPointF(QPoint(200, 200)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(user_window.importFinished, timeout=60_000):
        user_window.dropEvent(drop)
    dialog = user_window.imports.review_dialog
    assert dialog is not None and dialog.review.document_date == "2017-12-01"
    qtbot.addWidget(dialog)


def _resume_action(window, ident: str):
    return next(a for a in window.menuBar().actions()[0].menu().actions() if ident in a.text())


def _resume_saved(qtbot, map_data, monkeypatch, folder: UserFolder, saved: bytes):
    """The window on a user folder whose review of "notice" was saved as `saved`, after
    File → 继续审核 notice: the window, the menu action, and the warnings it showed."""
    folder.reviews.mkdir(parents=True, exist_ok=True)
    folder.review("notice").write_bytes(saved)
    window = MainWindow(map_data, folder.root)
    qtbot.addWidget(window)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[1:3]))
    action = _resume_action(window, "notice")
    action.trigger()
    return window, action, shown


def test_a_damaged_review_file_is_named_kept_and_no_longer_offered(
    qtbot, map_data, tmp_path, monkeypatch
):
    folder = UserFolder(tmp_path / "user")
    folder.document("notice").parent.mkdir(parents=True)
    folder.document("notice").write_text("武汉市通知\n", encoding="utf-8")
    damaged = b'{"document_date": "2017-12-01", "candidates": [{"name": "\xe9\x91'
    window, action, shown = _resume_saved(qtbot, map_data, monkeypatch, folder, damaged)
    assert len(shown) == 1 and window.imports.review_dialog is None
    title, text = shown[0]
    assert title == "无法继续审核" and str(folder.review("notice")) in text
    kept = list(folder.reviews.glob("notice.json.damaged-*"))
    assert [p.read_bytes() for p in kept] == [damaged]  # nothing lost, only set aside
    assert str(kept[0]) in text
    assert not action.isVisible()  # set aside: nothing is left to resume


def test_a_review_whose_document_copy_is_gone_says_so_and_stays_offered(
    qtbot, map_data, tmp_path, monkeypatch
):
    folder = UserFolder(tmp_path / "user")
    saved = b'{"document_date": "2017-12-01", "candidates": []}'
    _, action, shown = _resume_saved(qtbot, map_data, monkeypatch, folder, saved)
    assert len(shown) == 1 and str(folder.document("notice")) in shown[0][1]
    assert folder.review("notice").read_bytes() == saved and action.isVisible()
