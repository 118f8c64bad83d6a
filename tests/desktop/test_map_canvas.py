"""The map as a clerk uses it: click a site, read it; zoom and pan; see the right pixels."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.doctor import render_glyph
from desktop.map import style
from desktop.panels.measures import SHOWN
from gis.model import Kind, Status


def _view_pos(window, site_id: str) -> QPoint:
    return window.canvas.mapFromScene(window.canvas.site_scene_pos(site_id))


def test_click_on_a_site_selects_it_and_shows_its_evidence(qtbot, window):
    window.canvas.zoom_to_site("liangjiu-dock")
    qtbot.mouseClick(
        window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=_view_pos(window, "liangjiu-dock")
    )
    assert window.details.site_id == "liangjiu-dock"
    text = window.details.toPlainText()
    assert "良久商贸码头" in text and "已完成" in text
    assert "实施了平湖水厂一级保护区内良久商贸码头搬迁" in text
    assert "第21段" in text


def test_click_on_empty_district_land_selects_the_district(qtbot, window):
    hannan = window.canvas.site_scene_pos("hannan")
    qtbot.mouseClick(
        window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=window.canvas.mapFromScene(hannan)
    )
    assert window.details.site_id == "hannan"
    assert "彭浩" in window.details.toPlainText()


def test_click_outside_wuhan_clears_the_details(qtbot, window):
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert window.details.site_id is None


def test_wheel_and_keys_zoom(qtbot, window):
    before = window.canvas.scale_denominator()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Plus)
    assert window.canvas.scale_denominator() < before
    qtbot.keyClick(window.canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Minus)
    assert window.canvas.scale_denominator() > before


def test_fit_shows_all_of_wuhan_at_a_city_scale(window):
    assert 200_000 < window.canvas.scale_denominator() < 2_000_000


def test_rendered_pixels_show_districts_and_status_colours(window):
    image = window.canvas.viewport().grab().toImage()
    plant = _view_pos(window, "former-gedian-chemical-works")  # alone in the east
    status = window.canvas.catalog.site_status("former-gedian-chemical-works")
    assert _close(image.pixelColor(plant), style.status_colour(status))
    # A point in 江夏区's interior, away from every symbol, shows the district fill.
    jiangxia = window.canvas.mapFromScene(
        window.canvas.site_scene_pos("jiangxia")
        + window.canvas.mapToScene(0, 25)
        - window.canvas.mapToScene(0, 0)
    )
    assert _close(image.pixelColor(jiangxia), style.DISTRICT_FILL)
    # Land outside Wuhan (away from water): tests/desktop/test_map_water.py


def test_hover_tooltip_names_site_and_status(qtbot, window):
    canvas = window.canvas
    canvas.zoom_to_site("changjiang-msa-rescue-base")
    pos = _view_pos(window, "changjiang-msa-rescue-base")
    event = QHelpEvent(QEvent.Type.ToolTip, pos, canvas.viewport().mapToGlobal(pos))
    QApplication.sendEvent(canvas.viewport(), event)
    tip = QToolTip.text()
    assert QToolTip.isVisible()
    assert "长江海事巡航救助基地" in tip and "推进中" in tip
    canvas.fit_to_wuhan()
    away = QPoint(3, 3)  # outside Wuhan: nothing to name
    QApplication.sendEvent(
        canvas.viewport(),
        QHelpEvent(QEvent.Type.ToolTip, away, canvas.viewport().mapToGlobal(away)),
    )
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_cjk_labels_render_as_distinct_glyphs(qtbot):
    """Missing fonts draw every CJK character as the same box; real glyphs differ."""
    assert render_glyph("武") != render_glyph("汉")
    assert render_glyph("武") != render_glyph("")


def _close(actual: QColor, expected: QColor, tolerance: int = 12) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(actual.getRgb()[:3], expected.getRgb()[:3], strict=True)
    )


def test_search_enter_selects_and_centres(qtbot, window):
    window.open_search()
    window.search_dialog.query.setText("良久")  # QTest cannot type CJK; the signal is the same
    qtbot.keyClick(window.search_dialog.query, Qt.Key.Key_Return)
    assert window.details.site_id == "liangjiu-dock"
    centre = window.canvas.viewport().rect().center()
    symbol = _view_pos(window, "liangjiu-dock")
    assert (symbol - centre).manhattanLength() <= 2
    assert not window.search_dialog.isVisible()


def test_quote_click_opens_the_document_at_its_paragraph(qtbot, window):
    window.go_to_site("zongguan-backwash-outfall")
    html = window.details.toHtml()
    assert 'href="quote:1"' in html
    window.details.anchorClicked.emit(QUrl("quote:1"))
    viewer = window.document_viewer
    assert (viewer.document_id, viewer.paragraph) == ("000_7bb25cce70125377", 22)
    assert window.document_dock.isVisible()
    cursor = viewer.document().find("厂下游水源保护区内反冲洗废水排口迁移")
    assert cursor.charFormat().background().color().name() == "#ffe066"
    assert viewer.verticalScrollBar().value() > 0


def test_search_typed_in_latin_letters_with_arrow_keys(qtbot, window):
    window.open_search()
    qtbot.keyClicks(window.search_dialog.query, "zongguan")
    assert window.search_dialog.results.count() >= 3
    qtbot.keyClick(window.search_dialog.query, Qt.Key.Key_Down)
    chosen = window.search_dialog.results.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(window.search_dialog.query, Qt.Key.Key_Return)
    assert window.details.site_id == chosen


def test_filters_hide_what_they_should(qtbot, window):
    panel = window.layers
    panel.kind.setCurrentIndex(panel.kind.findData(Kind.DOCK))
    assert window.canvas.is_site_visible("liangjiu-dock")
    assert not window.canvas.is_site_visible("zongguan-backwash-outfall")
    assert window.canvas.is_site_visible("hannan")  # districts stay as the ground
    panel.status.setCurrentIndex(panel.status.findData(Status.IN_PROGRESS))
    assert not window.canvas.is_site_visible("liangjiu-dock")
    assert window.canvas.is_site_visible("changjiang-msa-rescue-base")
    panel.kind.setCurrentIndex(0)
    panel.status.setCurrentIndex(0)
    assert window.canvas.is_site_visible("zongguan-backwash-outfall")


def test_layer_toggle_hides_a_layer(qtbot, window):
    window.layers.layer_boxes["protection_zones"].setChecked(False)
    assert not window.canvas.is_site_visible("pinghumen-primary-zone")
    window.layers.layer_boxes["protection_zones"].setChecked(True)
    assert window.canvas.is_site_visible("pinghumen-primary-zone")


def test_measures_table_filters_sorts_selects_and_exports(qtbot, window, tmp_path):
    panel = window.measures
    total = len(window.catalog.measures())
    assert panel.proxy.rowCount() == total
    panel.filter.setText("码头")
    rows = panel.visible_rows()
    assert rows and all("码头" in " ".join(map(str, r.values())) for r in rows)
    panel.table.selectRow(0)
    assert window.details.site_id == rows[0]["site_id"]
    out = tmp_path / "visible.csv"
    panel.write_visible(out)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == len(rows) + 1
    panel.filter.setText("")
    column = SHOWN.index("status")  # 整改状态
    panel.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    statuses = [panel.proxy.index(r, column).data() for r in range(panel.proxy.rowCount())]
    assert statuses == sorted(statuses)


def test_overlapping_symbols_offer_a_chooser(qtbot, window):
    canvas = window.canvas
    canvas.fit_to_wuhan()
    canvas.zoom(1 / 2)  # so far out that 宗关's plant and outfall share pixels
    pos = _view_pos(window, "zongguan-backwash-outfall")
    under = [s for s in canvas.sites_at(pos) if s.startswith("zongguan")]
    assert len(under) >= 2

    def pick_second():
        menu = canvas.overlap_menu
        assert menu is not None and menu.isVisible()
        names = [a.text() for a in menu.actions()]
        assert any("宗关水厂反冲洗废水排口" in n for n in names)
        menu.setActiveAction(menu.actions()[1])
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(200, pick_second)
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    second = canvas.overlap_menu.actions()[1].data()
    assert window.details.site_id == second == canvas.selected


def test_zoom_to_selection_and_export_image(qtbot, window, tmp_path):
    window.go_to_site("xunsi-river")
    assert window.canvas.scale_denominator() < 200_000
    window.canvas.fit_to_wuhan()
    window.zoom_to_selection()
    assert window.canvas.scale_denominator() < 200_000
    out = tmp_path / "river.png"
    window.exports.write_image(out)
    assert QImage(str(out)).width() == 1600


def test_central_district_labels_show_zoomed_in(window):
    canvas = window.canvas  # city scale: tests/desktop/test_map_labels.py
    canvas.zoom(4)
    canvas.centre_on_site("jianghan")
    canvas.declutter_labels()
    names = {label.text() for label in canvas.shown_labels()}
    assert {"江汉区", "硚口区"} <= names


def test_district_details_list_pledges_with_a_status_chart(window):
    window.go_to_site("jiangxia")
    html = window.details.toHtml()
    text = window.details.toPlainText()
    assert "张利" in text and "清水入江" in text
    planned = style.status_colour(Status.PLANNED).name()
    assert planned in html
    measures = len(window.catalog.measures_concerning("jiangxia"))
    assert f"计划 planned {measures}" in text


def test_measures_table_opens_in_ledger_order(window):
    first = window.measures.visible_rows()[0]
    assert first["measure_id"] == window.catalog.measures()[0].id
