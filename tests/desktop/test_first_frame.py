"""The map's first frame at a start: the city as the last start drew it, replayed from its
saved record in the window's map area until the live map is there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QHelpEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.first_frame import MapRecord, first_frame_path, load_first_frame, save_first_frame
from desktop.map.canvas import MapCanvas
from desktop.map.view_steps import ZOOM_STEP

SITE = "changjiang-msa-rescue-base"
SITE_NAME = "长江海事巡航救助基地"
SIZE = (720, 520)


@pytest.fixture
def canvas(qtbot, map_data):
    canvas = MapCanvas(map_data)
    qtbot.addWidget(canvas)
    canvas.resize(*SIZE)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.fit_to_wuhan()  # as a start shows it, once the view has its size
    return canvas


def _shown(qtbot, path) -> MapRecord:
    record = load_first_frame(path)
    assert record is not None
    qtbot.addWidget(record)
    record.resize(*SIZE)
    with qtbot.waitSignal(record.painted):
        record.show()
    return record


def test_the_record_shows_the_map_as_the_last_start_drew_it(qtbot, canvas, tmp_path):
    path = tmp_path / "first-frame.picture"
    save_first_frame(canvas, path)
    record = _shown(qtbot, path)
    shown, drawn = record.grab().toImage(), canvas.grab().toImage()
    top = QRect(0, 0, SIZE[0], SIZE[1] - 100)  # above the loading note
    assert shown.copy(top) == drawn.copy(top)
    # the foot says the map is still loading: a dark note where the map had none
    assert dark_pixels(shown, SIZE[1] - 100) > dark_pixels(drawn, SIZE[1] - 100) + 500
    assert record.cursor().shape() == Qt.CursorShape.BusyCursor


def dark_pixels(image, below: int) -> int:
    return sum(
        image.pixelColor(x, y).lightness() < 90
        for x in range(image.width())
        for y in range(below, image.height())
    )


def test_the_record_is_of_the_view_a_start_opens_on_and_the_user_keeps_theirs(
    qtbot, canvas, tmp_path
):
    at_start = tmp_path / "start.picture"
    save_first_frame(canvas, at_start)
    canvas.select(SITE)
    canvas.zoom_to_site(SITE)
    transform, centre = canvas.transform(), canvas.mapToScene(canvas.viewport().rect().center())
    later = tmp_path / "later.picture"
    save_first_frame(canvas, later)  # as at the end of a session spent on one site
    assert canvas.transform() == transform and canvas.selected == SITE
    assert canvas.mapToScene(canvas.viewport().rect().center()) == centre
    first, second = _shown(qtbot, at_start), _shown(qtbot, later)
    assert first.grab().toImage() == second.grab().toImage()


def test_a_click_on_the_record_points_at_the_place_under_it(qtbot, canvas, tmp_path):
    path = tmp_path / "first-frame.picture"
    save_first_frame(canvas, path)
    record = _shown(qtbot, path)
    site = canvas.mapFromScene(canvas.site_scene_pos(SITE))
    at = site + QPoint(canvas.frameWidth(), canvas.frameWidth())  # the view's frame
    qtbot.mouseClick(record, Qt.MouseButton.LeftButton, pos=at)
    assert record.click is not None
    assert canvas.mapFromScene(record.click) == site


def test_a_record_of_other_data_is_not_found(qtbot, canvas, tmp_path):
    save_first_frame(canvas, first_frame_path(tmp_path, "a" * 64))
    assert load_first_frame(first_frame_path(tmp_path, "b" * 64)) is None
    save_first_frame(canvas, first_frame_path(tmp_path, "b" * 64))
    assert [p.name for p in tmp_path.iterdir()] == [first_frame_path(tmp_path, "b" * 64).name]


def test_no_record_means_no_first_frame(tmp_path):
    assert load_first_frame(tmp_path / "first-frame.picture") is None


def test_without_a_record_the_map_area_says_it_is_loading_and_keeps_no_click(qtbot):
    waiting = MapRecord.waiting()
    qtbot.addWidget(waiting)
    waiting.resize(*SIZE)
    with qtbot.waitSignal(waiting.painted):
        waiting.show()
    shown = waiting.grab().toImage()
    assert dark_pixels(shown, SIZE[1] - 100) > 500  # the note at its foot
    assert dark_pixels(shown, 0) == dark_pixels(shown, SIZE[1] - 100)  # and no map above it
    assert waiting.cursor().shape() == Qt.CursorShape.BusyCursor
    qtbot.mouseClick(waiting, Qt.MouseButton.LeftButton, pos=QPoint(SIZE[0] // 2, SIZE[1] // 2))
    assert waiting.click is None  # no place was pointed at: the live map gets no click


@pytest.mark.qt_log_ignore("QPicturePaintEngine::checkFormat")
def test_a_damaged_or_foreign_record_is_not_shown(qtbot, canvas, tmp_path):
    path = tmp_path / "first-frame.picture"
    save_first_frame(canvas, path)
    saved = path.read_bytes()
    damaged = bytearray(saved)
    damaged[len(damaged) // 2] ^= 0xFF
    path.write_bytes(bytes(damaged))
    assert load_first_frame(path) is None
    path.write_bytes(saved[: len(saved) // 2])  # cut short
    assert load_first_frame(path) is None
    path.write_bytes(b"\0\0\0\x01" + saved[4:])  # not a record
    assert load_first_frame(path) is None


def test_the_record_pans_and_zooms_as_the_map_does(qtbot, canvas, tmp_path):
    """Before the live map comes, a drag moves the recorded map with the mouse, and the wheel
    and the zoom keys zoom it keeping the place under the cursor (or the centre) in place."""
    path = tmp_path / "first-frame.picture"
    save_first_frame(canvas, path)
    record = _shown(qtbot, path)
    frame = canvas.frameWidth()
    site = canvas.mapFromScene(canvas.site_scene_pos(SITE)) + QPoint(frame, frame)
    patch = QRect(site.x() - 12, site.y() - 12, 24, 24)
    before = record.grab().toImage()
    start, drag = QPoint(SIZE[0] // 2, SIZE[1] // 2), QPoint(90, -40)
    qtbot.mousePress(record, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(record, start + drag / 2)
    qtbot.mouseMove(record, start + drag)
    qtbot.mouseRelease(record, Qt.MouseButton.LeftButton, pos=start + drag)
    assert record.moved and record.click is None  # a drag is no click
    after = record.grab().toImage()
    assert after.copy(patch.translated(drag)) == before.copy(patch)  # the site moved with it
    assert after.copy(patch) != before.copy(patch)
    under = record.scene_at(QPointF(site + drag))
    assert abs(under.x() - canvas.site_scene_pos(SITE).x()) < 50  # metres: the same place
    wheel_at = QPointF(200, 150)
    place = record.scene_at(wheel_at)
    wide = record.shown_scene().width()
    _wheel(record, wheel_at, 120)
    assert record.shown_scene().width() == pytest.approx(wide / ZOOM_STEP)
    assert _apart(record.scene_at(wheel_at), place) < 1.0  # metres
    centre = record.scene_at(QRectF(record.contentsRect()).center())
    qtbot.keyClick(record, Qt.Key.Key_Minus)
    assert record.shown_scene().width() == pytest.approx(wide)
    assert _apart(record.scene_at(QRectF(record.contentsRect()).center()), centre) < 1.0
    east = record.shown_scene().center().x()
    qtbot.keyClick(record, Qt.Key.Key_Right)  # the view goes east, as on the live map
    assert record.shown_scene().center().x() > east


def _wheel(widget, at: QPointF, delta: int) -> None:
    global_at = widget.mapToGlobal(at)
    event = QWheelEvent(
        at,
        global_at,
        QPoint(),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _apart(one: QPointF, other: QPointF) -> float:
    return (one - other).manhattanLength()


def test_the_record_names_the_site_under_the_cursor_as_the_live_map_does(qtbot, canvas, tmp_path):
    path = tmp_path / "first-frame.picture"
    save_first_frame(canvas, path)
    record = _shown(qtbot, path)
    frame = QPoint(canvas.frameWidth(), canvas.frameWidth())
    site = canvas.mapFromScene(canvas.site_scene_pos(SITE))
    said = canvas.tooltip_at(site)
    assert SITE_NAME in said
    assert record.tooltip_at(QPointF(site + frame)) == said
    assert record.tooltip_at(QPointF(site + frame + QPoint(30, 30))) != said  # beside it
    _wheel(record, QPointF(site + frame), 120)  # zoomed in about it: still there
    assert record.tooltip_at(QPointF(site + frame + QPoint(3, 3))) == said
    hover = site + frame + QPoint(3, 3)
    QApplication.sendEvent(
        record, QHelpEvent(QEvent.Type.ToolTip, hover, record.mapToGlobal(hover))
    )
    assert QToolTip.text() == said
