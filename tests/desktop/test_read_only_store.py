"""A status store on a read-only disk: the window reads it (what was recorded stays in view),
says in the status bar that edits are disabled, and offers none; the file is not touched.
Once the disk can be written again, the window writes again and says so."""

from __future__ import annotations

import hashlib

from desktop.main_window import MainWindow
from gis.store import StatusStore
from gis.user_folder import UserFolder
from tests.desktop.test_roles import _tooltips


def _window_on_a_read_only_disk(qtbot, map_data, catalog, small_filesystems):
    """The window, its store on a disk made read-only after a status was recorded, once it
    has said edits are disabled; with the disk and the store file."""
    disk = small_filesystems.mount("8m")  # a real read-only filesystem: root writes past chmod
    store_path = UserFolder(disk / "user").store
    store = StatusStore(store_path, catalog)
    store.set_status("jiangxia-7", "in_progress", "2018-03-01", "仍在建设", author="区环保局")
    store.engine.dispose()
    small_filesystems.remount(disk, "ro")

    window = MainWindow(map_data, disk / "user")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: "修改已停用" in window.store_state.text(), timeout=20_000)
    assert window.tracking.store is not None and window.tracking.read_only
    return window, disk, store_path


def test_a_store_on_a_read_only_disk_is_read_and_offers_no_edit(
    qtbot, map_data, catalog, small_filesystems
):
    window, _, store_path = _window_on_a_read_only_disk(qtbot, map_data, catalog, small_filesystems)
    before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    qtbot.waitUntil(
        lambda: window.app_state.current.measures["jiangxia-7"].tracked is not None,
        timeout=10_000,
    )
    assert window.app_state.current.measures["jiangxia-7"].tracked.note == "仍在建设"
    window.go_to_site("jiangxia")
    assert "仍在建设" in window.details.toPlainText()
    html = window.details.toHtml()
    assert 'href="status:' not in html and 'href="move:' not in html
    tips = _tooltips(window.details)
    reason = "状态库只读：修改已停用。"
    assert tips["更新状态 Update"] == reason and tips["更正位置 Correct location"] == reason
    canvas = window.canvas
    menu = window.tools.build_context_menu(canvas.mapFromScene(canvas.site_scene_pos("jiangxia")))
    status_menus = [a for a in menu.actions() if a.menu() is not None]
    assert status_menus and not any(a.isEnabled() for a in status_menus)
    window.tracking.refresh()  # the 30-second refresh keeps it read, and writes nothing
    assert window.tracking.read_only
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before


def test_the_window_writes_again_once_the_disk_can_be_written(
    qtbot, map_data, catalog, small_filesystems
):
    window, disk, store_path = _window_on_a_read_only_disk(
        qtbot, map_data, catalog, small_filesystems
    )
    small_filesystems.remount(disk, "rw")
    window.tracking.refresh()  # as the 30-second refresh or the window's activation does
    assert not window.tracking.read_only
    assert window.store_state.text() == ""
    assert "状态库又可以修改了" in window.statusBar().currentMessage()
    window.go_to_site("jiangxia")
    qtbot.waitUntil(lambda: 'href="status:' in window.details.toHtml(), timeout=10_000)
    values = {"status": "completed", "as_of": "2018-06-01", "note": "已建成", "evidence": "",
              "attachment": ""}  # fmt: skip
    assert window.recording.record_status("jiangxia-7", values)
    window.tracking.store.engine.dispose()
    notes = [e.note for e in StatusStore(store_path, catalog, read_only=True).history("jiangxia-7")]
    assert notes[-1] == "已建成"
