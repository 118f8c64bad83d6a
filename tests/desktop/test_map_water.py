"""The map reads like a map: water beneath the districts' sites, neutral land outside Wuhan,
former sites (原址) drawn as such, halos only where they mean something, legible labels,
one symbol per kind and a scale bar."""

from __future__ import annotations

import itertools

import pytest
import shapely
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip
from shapely.geometry import Point

from desktop.map import style
from desktop.map.items import symbol_path
from gis import symbology
from gis.crs import geometry_to_mercator
from gis.model import Kind


def _close(actual: QColor, expected: QColor, tolerance: int = 12) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(actual.getRgb()[:3], expected.getRgb()[:3], strict=True)
    )


def _grab(canvas) -> QImage:
    return canvas.viewport().grab().toImage()


def _view(canvas, lon: float, lat: float) -> QPoint:
    point = geometry_to_mercator(Point(lon, lat))
    return canvas.mapFromScene(QPointF(point.x, -point.y))


def test_the_yangtze_is_water_blue_and_outside_wuhan_is_neutral_land(window, map_data):
    canvas = window.canvas
    image = _grab(canvas)
    river = next(w for w in map_data.water if w.kind == "river")
    # A point inside the Yangtze's polygon, away from its banks, where no site is drawn.
    inside = river.shape.buffer(-0.004).representative_point()
    assert _close(image.pixelColor(_view(canvas, inside.x, inside.y)), style.WATER_FILL)
    # Land outside Wuhan, 3 km from any water and from the city's edge: neutral grey.
    wuhan = shapely.union_all([f.shape for f in map_data.layer("districts")])
    water = shapely.union_all([w.shape for w in map_data.water])
    outside = [
        (x, y)
        for x in range(5, image.width(), 40)
        for y in range(5, image.height(), 40)
        for lon, lat in [canvas.lonlat_at(canvas.mapToScene(x, y))]
        if not wuhan.buffer(0.03).contains(Point(lon, lat))
        and water.distance(Point(lon, lat)) > 0.03
        and not (x > image.width() - 340 and y > image.height() - 80)  # the scale bar
    ]
    assert len(outside) > 10
    for x, y in outside:
        colour = image.pixelColor(x, y)
        assert _close(colour, style.BACKGROUND, 3), (x, y, colour.getRgb())
        assert colour.blue() - colour.red() < 10  # grey land, not blue


def test_the_water_s_credit_is_in_the_status_bar(window):
    from PySide6.QtWidgets import QLabel

    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert any("GSHHG" in text for text in texts)


def test_a_former_site_is_hollow_grey_and_labelled(qtbot, window):
    canvas = window.canvas
    canvas.zoom_to_site("liangjiu-dock")
    qtbot.wait(10)
    image = _grab(canvas)
    centre = canvas.mapFromScene(canvas.site_scene_pos("liangjiu-dock"))
    status = canvas.catalog.site_status("liangjiu-dock")
    assert not _close(image.pixelColor(centre), style.status_colour(status))
    ring = [image.pixelColor(centre + QPoint(dx, 4)) for dx in range(-6, 7)]
    assert any(_close(c, style.FORMER_EDGE, 40) for c in ring)
    label = canvas.former.labels["liangjiu-dock"]
    assert label.isVisible() and label.text() == "原址"
    event = QHelpEvent(QEvent.Type.ToolTip, centre, canvas.viewport().mapToGlobal(centre))
    QApplication.sendEvent(canvas.viewport(), event)
    assert "原址" in QToolTip.text() and "新址不详" in QToolTip.text()
    canvas.fit_to_wuhan()
    assert not label.isVisible()  # at city scale the note would only clutter


def test_the_base_whose_move_is_only_pushed_forward_is_drawn_as_it_is(window):
    assert "changjiang-msa-rescue-base" not in window.canvas.former


def test_a_state_marks_and_unmarks_a_former_site_and_keeps_the_others(window):
    """A recorded completion of the base's move makes it a former site; a state without it
    (another store) puts it back; the document's former sites stay marked throughout."""
    from datetime import date

    from gis.events import StatusEvent
    from gis.model import Status
    from gis.state import current_state

    canvas, base = window.canvas, "changjiang-msa-rescue-base"
    measure = canvas.catalog.site(base).measures[0].id
    done = StatusEvent(
        "e1", measure, base, Status.COMPLETED, date(2018, 3, 1), "搬迁完成", "", "", "test", ""
    )
    canvas.show_state(current_state(canvas.catalog, [done]))
    assert base in canvas.former and "liangjiu-dock" in canvas.former
    canvas.show_state(current_state(canvas.catalog))
    assert base not in canvas.former and "liangjiu-dock" in canvas.former
    canvas.show_state(current_state(canvas.catalog, [done]))
    assert base in canvas.former and "liangjiu-dock" in canvas.former


def test_city_scale_draws_no_halo_over_the_districts(window, map_data):
    """The 15 km halo of 东湖高新区 used to grey the centre; at city scale none is drawn:
    inside it the districts show their own fill, never the fill seen through a halo."""
    canvas = window.canvas
    image = _grab(canvas)
    fill, halo = style.DISTRICT_FILL, style.HALO_FILL
    alpha = halo.alpha() / 255
    greyed = QColor(
        *(
            round(g * (1 - alpha) + h * alpha)
            for g, h in zip(fill.getRgb()[:3], halo.getRgb()[:3], strict=True)
        )
    )
    site = canvas.mapFromScene(canvas.site_scene_pos("east-lake-hightech-zone"))
    radius = int(15000 / 0.86 * canvas.transform().m11())
    assert radius > 40  # the halo would cover much of the centre
    seen = [
        image.pixelColor(site + QPoint(dx, dy))
        for dx in range(-radius, radius, 3)
        for dy in range(-radius, radius, 3)
        if dx * dx + dy * dy < (radius * 0.9) ** 2
    ]
    assert sum(_close(c, fill, 2) for c in seen) > len(seen) / 3
    # A drawn halo greys every district pixel of its disc; a stray pixel of that colour on a
    # symbol's or label's anti-aliased edge is no halo.
    assert sum(_close(c, greyed, 2) for c in seen) < len(seen) / 50


def test_halos_show_once_streets_would(qtbot, window):
    canvas = window.canvas
    canvas.zoom_to_site("gutian-1135-parcel")  # ±1.5 km: its halo fits the view
    qtbot.wait(10)
    image = _grab(canvas)
    centre = canvas.mapFromScene(canvas.site_scene_pos("gutian-1135-parcel"))
    px = int(1500 / 0.86 * canvas.transform().m11())
    edge = [image.pixelColor(centre + QPoint(px + d, 0)) for d in range(-3, 4)]
    assert any(c.red() < 200 and abs(c.red() - c.blue()) < 30 for c in edge)


def test_district_labels_win_over_symbols_at_city_scale(window):
    canvas = window.canvas
    image = _grab(canvas)
    shown = {label.text(): label for label in canvas.shown_labels()}
    assert {"硚口区", "青山区"} <= set(shown)
    for name in ("硚口区", "青山区"):
        label = shown[name]
        anchor = canvas.mapFromScene(label.pos()).toPointF()
        offset = QPointF(label.transform().dx(), label.transform().dy())
        box = label.boundingRect().translated(anchor + offset).toRect()
        ink = sum(
            1
            for x in range(box.left(), box.right())
            for y in range(box.top(), box.bottom())
            if _close(image.pixelColor(x, y), QColor(60, 50, 40), 40)
        )
        assert ink > 20, name


def test_every_point_kind_has_its_own_symbol():
    shapes = [symbology.KIND_SHAPES[k] for k in symbology.KIND_SHAPES]
    assert len(shapes) == len(set(shapes))
    plant = symbol_path(symbology.KIND_SHAPES[Kind.WATER_PLANT], 11)
    sewage = symbol_path(symbology.KIND_SHAPES[Kind.SEWAGE_PLANT], 11)
    assert plant.toFillPolygon() != sewage.toFillPolygon()
    assert symbology.svg_path("hexagon") != symbology.svg_path("square")


def test_the_canvas_has_a_scale_bar(window):
    canvas = window.canvas
    image = _grab(canvas)
    corner = QRectF(image.width() - 320, image.height() - 70, 320, 70).toRect()
    dark = sum(
        1
        for x in range(corner.left(), corner.right())
        for y in range(corner.top(), corner.bottom())
        if image.pixelColor(x, y).lightness() < 60
    )
    assert dark > 100


@pytest.mark.parametrize("length_m", [50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000])
@pytest.mark.parametrize("length_px", [40, 60, 90, 140, 220])
def test_scale_bar_labels_keep_a_space_between_them_and_numbers_on_their_ticks(
    qapp, length_m, length_px
):
    from PySide6.QtGui import QFontMetricsF

    from desktop.map.decorations import scale_bar_labels

    metrics = QFontMetricsF(qapp.font())
    space = metrics.horizontalAdvance(" ")
    labels = scale_bar_labels(metrics, length_px, length_m)
    boxes = sorted((rect for rect, _ in labels), key=lambda rect: rect.left())
    for left, right in itertools.pairwise(boxes):
        assert right.left() - left.right() >= space - 1e-6, [text for _, text in labels]
    texts = [text for _, text in labels]
    assert texts[0] == "0" and texts[-1] in ("m", "km")
    last_number = labels[-2][0]
    assert last_number.center().x() == pytest.approx(length_px)
