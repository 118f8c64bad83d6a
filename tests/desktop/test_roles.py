"""The window on a shared store with roles: it shows who is logged in, greys what the role may
not do (the reason as tooltip), offers reviewers accept and reject of a reported completion,
and shows the server's refusal as a sentence."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy.engine import make_url

from desktop.main_window import MainWindow
from gis import Status
from gis.state import state_from_store
from gis.store import StatusStore


def _window(qtbot, map_data, tmp_path, monkeypatch, url: str) -> MainWindow:
    """The window logged in as the URL's person; the password from the environment (libpq's
    PGPASSWORD), never in the settings."""
    parsed = make_url(url)
    monkeypatch.setenv("PGPASSWORD", parsed.password or "")
    QSettings().setValue("store/url", parsed._replace(password=None).render_as_string())
    window = MainWindow(map_data, tmp_path / "user")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.tracking.store is not None, timeout=15_000)
    qtbot.waitUntil(lambda: bool(window.login.text()), timeout=15_000)
    return window


def _tooltips(details) -> dict[str, str]:
    """The tooltip of each piece of the details' text that has one (what hovering shows)."""
    found = {}
    block = details.document().begin()
    while block.isValid():
        pieces = block.begin()
        while not pieces.atEnd():
            fragment = pieces.fragment()
            if fragment.charFormat().toolTip():
                found[fragment.text()] = fragment.charFormat().toolTip()
            pieces += 1
        block = block.next()
    return found


def test_a_district_editor_sees_their_login_and_what_they_may_not_do(
    qtbot, map_data, tmp_path, monkeypatch, shared_store
):
    url = shared_store.login("district-editor", "武昌区")
    window = _window(qtbot, map_data, tmp_path, monkeypatch, url)
    name = make_url(url).username
    assert window.login.text() == f"登录：{name} · 区编辑（武昌区）"
    assert "pw-" not in window.login.text() + window.store_state.text()
    window.go_to_site("jiangxia")
    html = window.details.toHtml()
    assert 'href="status:jiangxia-1"' not in html and 'href="move:jiangxia"' not in html
    tips = _tooltips(window.details)
    assert "This measure is not in your districts (Wuchang)" in tips["更新状态 Update"]
    assert "不在您负责的区" in tips["更正位置 Correct location"]
    window.go_to_site("wuchang")
    assert 'href="status:wuchang-1"' in window.details.toHtml()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window.recording.record_status(
        "jiangxia-1", {"status": "completed", "as_of": "2020-01-01", "note": "",
                       "evidence": "", "attachment": ""},
    )  # fmt: skip
    assert shown and shown[0].startswith("服务器拒绝") and "The server refused" in shown[0]
    assert "psycopg" not in shown[0] and "row-level" not in shown[0]


def test_a_reviewer_accepts_or_sends_back_a_reported_completion(
    qtbot, map_data, tmp_path, monkeypatch, shared_store, catalog
):
    editor = StatusStore(shared_store.login("district-editor", "武昌区"), catalog)
    editor.set_status("wuchang-2", "completed", "2020-06-01", "完工")
    editor.set_status("wuchang-3", "completed", "2020-06-01", "完工")
    window = _window(qtbot, map_data, tmp_path, monkeypatch, shared_store.login("reviewer"))
    assert "审核人" in window.login.text()
    window.go_to_site("wuchang")
    html = window.details.toHtml()
    assert "待验收 awaiting acceptance" in window.details.toPlainText()
    assert 'href="accept:wuchang-2"' in html and 'href="reject:wuchang-2"' in html
    assert 'href="accept:wuchang-1"' not in html  # not reported completed
    from desktop import window_tracking

    dialogs = []
    monkeypatch.setattr(window_tracking.StatusDialog, "exec", lambda d: dialogs.append(d) or 0)
    window.details.anchorClicked.emit(QUrl("accept:wuchang-2"))
    dialog = dialogs[0]
    assert dialog.status.currentData() == Status.CLOSED_OUT.value
    model = dialog.status.model()
    greyed = [dialog.status.itemData(i) for i in range(4) if not model.item(i).isEnabled()]
    assert greyed == ["planned", "in_progress", "completed"]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("照片不全", True))
    with qtbot.waitSignal(window.tracking.changed):
        window.details.anchorClicked.emit(QUrl("reject:wuchang-3"))
    now = state_from_store(editor).measures["wuchang-3"]
    assert now.status == "in_progress" and "照片不全" in now.tracked.note
    assert now.tracked.author == make_url(window.tracking.url()).username


def test_a_window_receives_what_another_office_shared(
    qtbot, map_data, tmp_path, monkeypatch, shared_store
):
    from datetime import date
    from pathlib import Path

    from sqlalchemy import create_engine

    from gis.shared_documents import sync
    from gis.user_catalog import ACCEPTED, start_review, with_user_sites

    notice = Path(__file__).resolve().parents[1] / "gis/extract/documents/water_notice_gbk.txt"
    other = tmp_path / "other-pc"
    review = start_review(other, notice, date(2017, 12, 1))
    index = [c["name"] for c in review.candidates].index("鑫达建材码头")
    review.edit(index, lon=114.301, lat=30.502)
    review.decide(index, ACCEPTED)
    review.finish()
    sync(create_engine(shared_store.login("district-editor", "洪山区")), other)
    url = make_url(shared_store.login("viewer"))
    monkeypatch.setenv("PGPASSWORD", url.password or "")
    QSettings().setValue("store/url", url._replace(password=None).render_as_string())
    window = MainWindow(map_data, tmp_path / "user")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.userDataChanged, timeout=20_000):  # the window reloads
        window.show()
    mine = with_user_sites(map_data.catalog, tmp_path / "user")
    assert "鑫达建材码头" in {s.name_zh for s in mine.sites}


def test_on_a_store_with_logins_the_author_is_the_login_not_asked_for(
    qtbot, map_data, tmp_path, monkeypatch, shared_store
):
    """The server records the login as the author: the dialog shows it read-only, needs no
    name typed, and leaves the name this PC records under on a file store as it was."""
    from desktop import window_tracking
    from desktop.status import AUTHOR

    QSettings().setValue(AUTHOR, "江岸区环保局 王工")  # as typed earlier on a file store
    url = shared_store.login("district-editor", "武昌区")
    window = _window(qtbot, map_data, tmp_path, monkeypatch, url)
    name = make_url(url).username
    dialogs = []
    monkeypatch.setattr(window_tracking.StatusDialog, "exec", lambda d: dialogs.append(d) or 0)
    window.recording.change_status("wuchang-1")
    dialog = dialogs[0]
    assert dialog.author.text() == name and dialog.author.isReadOnly()
    assert "登录名" in dialog.author.toolTip()
    dialog.status.setCurrentIndex(dialog.status.findData(Status.IN_PROGRESS.value))
    dialog.note.setText("开工")
    with qtbot.waitSignal(window.tracking.changed, timeout=15_000):
        dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    now = window.app_state.current.measures["wuchang-1"]
    assert now.status == "in_progress" and now.tracked.author == name
    assert QSettings().value(AUTHOR) == "江岸区环保局 王工"
