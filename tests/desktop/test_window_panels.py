"""At start-up the window paints its map first and builds its panels, menus and tools right
after; the status store opens after that. Nothing a user does in between is lost, and the
store's statuses reach the map as soon as it is open, which the window says meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction

from desktop.main_window import MainWindow
from desktop.window_layout import GEOMETRY, STATE
from gis.store import StatusStore
from gis.user_folder import UserFolder

from .conftest import OFFICE_SCREEN

SITE = "changjiang-msa-rescue-base"


def _saved_layout(qtbot, map_data) -> None:
    """A start after the first: the window's layout is saved (the first start builds all)."""
    first = MainWindow(map_data)
    qtbot.addWidget(first)
    first.resize(*OFFICE_SCREEN)
    first.close()
    assert QSettings().contains(GEOMETRY)


def _start(qtbot, map_data, folder=None) -> MainWindow:
    window = MainWindow(map_data, folder, panels_later=True)
    qtbot.addWidget(window)
    return window


def _centre_of(window, site_id: str):
    return window.canvas.mapFromScene(window.canvas.site_scene_pos(site_id))


def test_the_panels_come_after_the_map_and_a_click_between_is_kept(qtbot, map_data):
    _saved_layout(qtbot, map_data)
    window = _start(qtbot, map_data)
    assert not window.complete and window.details_dock.widget() is None
    held: list[bool] = []
    window._after_first_frame = lambda: held.append(True)  # hold the gap open
    with qtbot.waitSignal(window.mapShown, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: bool(held))
    assert not window.complete  # the map is painted, the panels are not there yet
    window.canvas.zoom_to_site(SITE)
    window.canvas.zoom(16)  # no other symbol under the click (that would ask which)
    window.canvas.centre_on_site(SITE)
    qtbot.mouseClick(
        window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=_centre_of(window, SITE)
    )
    assert window.canvas.selected == SITE  # the map answers
    with qtbot.waitSignal(window.ready, timeout=10_000):
        MainWindow._after_first_frame(window)
    assert window.complete and window.details_dock.widget() is window.details
    assert window.catalog.site(SITE).name_zh in window.details.toPlainText()


def test_a_menu_action_right_after_the_start_works(qtbot, map_data):
    _saved_layout(qtbot, map_data)
    window = _start(qtbot, map_data)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    search = next(a for a in window.findChildren(QAction) if a.text() == "搜索…")
    search.trigger()
    assert window.search_dialog.isVisible()
    window.search_dialog.siteChosen.emit(SITE)
    assert window.canvas.selected == SITE
    assert window.catalog.site(SITE).name_zh in window.details.toPlainText()


def test_the_store_opens_after_the_panels_and_its_statuses_reach_the_map(qtbot, map_data, tmp_path):
    folder = tmp_path / "user"
    store = StatusStore(UserFolder(folder).store, map_data.catalog)
    for measure in map_data.catalog.measures_concerning(SITE):
        store.set_status(measure.id, "completed", "2018-03-01", note="搬迁完成", author="测试")
    store.engine.dispose()
    _saved_layout(qtbot, map_data)
    window = _start(qtbot, map_data, folder)
    window.resize(*OFFICE_SCREEN)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    window.canvas.zoom_to_site(SITE)
    # the panels are there, the store not yet: the window says the statuses are loading
    assert window.tracking.store is None
    assert window.store_state.text() == "正在载入状态…"
    assert window.cursor().shape() == Qt.CursorShape.BusyCursor
    assert "推进中" in window.canvas.tooltip_at(_centre_of(window, SITE))
    qtbot.waitUntil(lambda: window.tracking.store is not None, timeout=15_000)
    assert "已完成" in window.canvas.tooltip_at(_centre_of(window, SITE))
    assert window.store_state.text() == ""
    assert window.cursor().shape() != Qt.CursorShape.BusyCursor


def test_a_window_closed_before_its_panels_keeps_the_saved_layout(qtbot, map_data):
    _saved_layout(qtbot, map_data)
    before = QSettings().value(STATE)
    window = _start(qtbot, map_data)
    window.close()  # e.g. the app quit at once
    assert not window.complete
    assert QSettings().value(STATE) == before
