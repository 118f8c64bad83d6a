"""At start-up the window paints its map first and builds its panels, menus and tools right
after; the status store opens after that. Nothing a user does in between is lost, and the
store's statuses reach the map as soon as it is open, which the window says meanwhile."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QSettings, Qt
from PySide6.QtGui import QAction

from desktop.first_frame import load_first_frame, save_first_frame
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


def _recorded_start(qtbot, map_data, tmp_path) -> MainWindow:
    """A start with the last start's record of the map: the window opens on it, before the
    map data is read."""
    last = MainWindow(map_data)  # the last session's window, as large as the screen lets it be
    qtbot.addWidget(last)
    free = last.screen().availableGeometry()
    last.resize(free.width() - 20, free.height() - 60)
    last.layers_dock.close()  # the user's choice, which gives the map room on a small screen
    last.show()
    qtbot.waitExposed(last)
    path = tmp_path / "first-frame.picture"
    save_first_frame(last.canvas, path)
    last.close()  # its layout is saved
    record = load_first_frame(path)
    assert record is not None
    window = MainWindow(None, None, panels_later=True, record=record)
    qtbot.addWidget(window)
    with qtbot.waitSignal(record.painted, timeout=10_000):
        window.show()
    return window


def test_a_start_opens_the_window_on_the_recorded_map_and_the_live_map_takes_its_place_unmoved(
    qtbot, map_data, tmp_path
):
    window = _recorded_start(qtbot, map_data, tmp_path)
    assert [menu.title() for menu in window.menus.values()] == ["文件", "视图", "设置", "帮助"]
    assert not window.has_map and window.details_dock.isVisible()
    assert not window.layers_dock.isVisible()  # as the user left it
    area, toolbar = window.map_area.geometry(), window.toolbar.geometry()
    status_bar = window.statusBar().geometry()
    recorded = window.map_area.grab().toImage()
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.open_map(map_data)
    assert window.complete and window.map_area.currentWidget() is window.canvas
    # nothing moved when the map and the tools arrived
    assert window.map_area.geometry() == area and window.canvas.geometry().size() == area.size()
    assert window.toolbar.geometry() == toolbar and window.statusBar().geometry() == status_bar
    live = window.canvas.grab().toImage()
    above_note = QRect(0, 0, area.width(), area.height() - 100)
    assert live.copy(above_note) == recorded.copy(above_note)


def test_a_click_on_the_recorded_map_reaches_the_live_map(qtbot, map_data, tmp_path):
    window = _recorded_start(qtbot, map_data, tmp_path)
    # where the site is drawn on the record: the live map at the start's view shows it there
    probe = MainWindow(map_data)
    qtbot.addWidget(probe)
    probe.restoreGeometry(window.saveGeometry())
    probe.restoreState(window.saveState())
    probe.show()
    qtbot.waitExposed(probe)
    probe.canvas.fit_to_wuhan()
    points = probe.canvas.points

    def alone(site_id: str) -> bool:  # no other symbol under it (a click would ask which)
        under = probe.canvas.sites_at(_centre_of(probe, site_id))
        return [s for s in under if s in points.index] == [site_id]

    site = next(s for s in points.ids if alone(s))
    frame = probe.canvas.frameWidth()
    at = _centre_of(probe, site) + QPoint(frame, frame)
    probe.close()
    qtbot.mouseClick(window.map_area.currentWidget(), Qt.MouseButton.LeftButton, pos=at)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.open_map(map_data)
    assert window.canvas.selected == site
    assert window.catalog.site(site).name_zh in window.details.toPlainText()


def test_the_live_map_opens_where_the_user_moved_the_recorded_map(qtbot, map_data, tmp_path):
    """Dragged, zoomed with a key and panned with an arrow before the live map came: the live
    map shows the same places at the same points of the screen, and keeps the keys."""
    window = _recorded_start(qtbot, map_data, tmp_path)
    record = window.map_area.currentWidget()
    assert record.hasFocus()  # the keys move the map from the first frame on
    middle = QPoint(record.width() // 2, record.height() // 2)
    qtbot.mousePress(record, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(record, middle + QPoint(120, 70))
    qtbot.mouseRelease(record, Qt.MouseButton.LeftButton, pos=middle + QPoint(120, 70))
    qtbot.keyClick(record, Qt.Key.Key_Plus)
    qtbot.keyClick(record, Qt.Key.Key_Down)
    probes = [QPoint(x, y) for x in (60, record.width() // 2) for y in (60, record.height() - 60)]
    recorded = [record.scene_at(QPointF(p)) for p in probes]
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.open_map(map_data)
    canvas, frame = window.canvas, window.canvas.frameWidth()
    metres_per_px = 1 / canvas.transform().m11()
    for probe, place in zip(probes, recorded, strict=True):
        live = canvas.mapToScene(probe - QPoint(frame, frame))
        assert (live - place).manhattanLength() < 2 * metres_per_px
    assert canvas.hasFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)  # and the live map goes on from there
    assert 1 / canvas.transform().m11() == pytest.approx(metres_per_px * 1.25)


def test_the_keys_move_the_map_as_soon_as_the_window_opens(qtbot, map_data):
    window = MainWindow(map_data)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    keys = window.focusWidget()  # where the window's keys go
    assert keys is not None
    before = window.canvas.transform().m11()
    qtbot.keyClick(keys, Qt.Key.Key_Plus)
    assert window.canvas.transform().m11() == pytest.approx(before * 1.25), keys
