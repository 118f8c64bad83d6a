"""The window on a laptop and on an office screen: it fits, the measures table is readable and
linked to the map, every row can be opened, and the layout is remembered and can be reset."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction

MEASURE = (
    "import json\n"
    "from PySide6.QtWidgets import QApplication\n"
    "app = QApplication([])\n"
    "from gis import load_map_data\n"
    "from desktop.main_window import MainWindow\n"
    "window = MainWindow(load_map_data(None, None, None))\n"
    "window.show()\n"
    "app.processEvents()\n"
    "table = window.measures.table\n"
    "header = table.horizontalHeader()\n"
    "frame, free = window.frameGeometry(), window.screen().availableGeometry()\n"
    "print(json.dumps({\n"
    "    'inside': free.contains(frame),\n"
    "    'status_bar_shown': free.contains(window.statusBar().geometry().translated(\n"
    "        window.geometry().topLeft())),\n"
    "    'rows': table.viewport().height() // table.rowHeight(0),\n"
    "    'cut_headers': [c for c in range(header.count())\n"
    "                    if header.sectionSize(c) < header.sectionSizeHint(c)],\n"
    "    'sideways': header.length() > table.viewport().width()\n"
    "                or table.horizontalScrollBar().isVisible(),\n"
    "    'columns_outside': [c for c in range(header.count())\n"
    "                        if header.sectionViewportPosition(c) + header.sectionSize(c)\n"
    "                        > table.viewport().width()],\n"
    "}))\n"
)


def _open_on_screen(tmp_path, width: int, height: int) -> dict:
    config = tmp_path / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())
    out = subprocess.run(
        [sys.executable, "-c", MEASURE], env=env, capture_output=True, text=True, timeout=180
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1440, 900)])
def test_window_fits_the_screen_with_a_readable_measures_table(tmp_path, width, height):
    """Eight whole rows, every column in view without a horizontal scroll bar, every
    heading whole, on a laptop's screen and an office one."""
    seen = _open_on_screen(tmp_path, width, height)
    assert seen["inside"] and seen["status_bar_shown"], seen
    assert seen["rows"] >= 8, seen
    assert seen["cut_headers"] == [], seen
    assert not seen["sideways"] and seen["columns_outside"] == [], seen


def test_a_cut_cell_shows_its_whole_text_as_a_tooltip(window):
    model = window.measures.proxy
    column = 2  # the measure: the longest cells
    row = max(range(model.rowCount()), key=lambda r: len(str(model.index(r, column).data())))
    index = model.index(row, column)
    table = window.measures.table
    width = table.fontMetrics().horizontalAdvance(str(index.data()))
    assert width > table.columnWidth(column)  # too long for its cell: it is cut
    tip = str(index.data(Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith(str(index.data()))
    assert index.data(Qt.ItemDataRole.UserRole)["evidence"] in tip  # and its source


def test_double_clicking_every_row_opens_its_site(qtbot, window):
    table = window.measures.table
    count = window.measures.proxy.rowCount()
    assert count == len(window.catalog.measures()) > 0
    for row in range(count):
        index = window.measures.proxy.index(row, 2)
        table.scrollTo(index)
        qtbot.mouseDClick(
            table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
        )
        site_id = index.data(Qt.ItemDataRole.UserRole)["site_id"]
        assert window.details.site_id == site_id
        assert window.catalog.site(site_id).name_zh in window.details.toPlainText()


def test_city_wide_rows_show_all_of_wuhan(qtbot, window):
    window.canvas.zoom(8.0)
    window.go_to_site("wuhan-citywide")
    shown = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
    assert shown.contains(window.canvas.wuhan_rect().center())
    assert shown.width() >= window.canvas.wuhan_rect().width() * 0.99
    assert "武汉市（全市）" in window.details.toPlainText()


def test_table_follows_the_district_filter_and_the_map_selection(qtbot, window):
    panel, layers = window.measures, window.layers
    total = panel.proxy.rowCount()
    assert re.findall(r"\d+", panel.count.text()) == [str(total), str(total)]
    layers.district.setCurrentIndex(layers.district.findData("江岸区"))
    listed = {row["site_id"] for row in panel.visible_rows()}
    assert 0 < panel.proxy.rowCount() < total
    assert all("江岸区" in window.canvas.districts[site] for site in listed)
    assert re.findall(r"\d+", panel.count.text()) == [str(panel.proxy.rowCount()), str(total)]
    layers.district.setCurrentIndex(0)
    site = max(
        (s for s in window.catalog.sites if s.id in window.canvas.points.index),
        key=lambda s: len(s.measures),
    )
    window.canvas.siteClicked.emit(site.id)
    assert panel.table.currentIndex().data(Qt.ItemDataRole.UserRole)["site_id"] == site.id
    panel.only_selected.setChecked(True)
    assert {row["site_id"] for row in panel.visible_rows()} == {site.id}
    assert panel.proxy.rowCount() == len(site.measures)


def test_reset_window_layout_brings_the_docks_back_and_is_remembered(qtbot, window):
    window.measures_dock.hide()
    window.layers_dock.setFloating(True)
    actions = window.menuBar().findChildren(QAction)
    reset = next(a for a in actions if a.text() == "重置窗口布局")
    reset.trigger()
    assert window.measures_dock.isVisible() and not window.layers_dock.isFloating()
    assert window.dockWidgetArea(window.measures_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert QSettings().value("window/state") == window.saveState()


def test_a_start_after_a_session_that_saved_no_layout_fills_the_screen(qtbot, map_data, tmp_path):
    """A session killed or crashed after its map was recorded saved no layout: the next start
    shows the record, and its window still fits the screen (not Qt's smallest size), from the
    first frame on, so nothing jumps when the live map arrives."""
    from desktop.first_frame import load_first_frame, save_first_frame
    from desktop.main_window import MainWindow
    from desktop.map.canvas import MapCanvas
    from desktop.window_layout import GEOMETRY, LARGEST, TITLE_BAR_PX

    canvas = MapCanvas(map_data)
    qtbot.addWidget(canvas)
    canvas.resize(720, 520)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.fit_to_wuhan()
    path = tmp_path / "first-frame.picture"
    save_first_frame(canvas, path)
    record = load_first_frame(path)
    assert record is not None and not QSettings().contains(GEOMETRY)

    window = MainWindow(None, None, panels_later=True, record=record)
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    wanted = min(LARGEST[1], free.height() - TITLE_BAR_PX)
    with qtbot.waitSignal(record.painted):
        window.show()
    assert window.height() == wanted  # the first frame is at the final size
    with qtbot.waitSignal(window.ready, timeout=20_000):
        window.open_map(map_data)
    assert window.height() == wanted
    assert free.contains(window.frameGeometry())
    table = window.measures.table
    assert table.viewport().height() >= 3 * table.rowHeight(0)
