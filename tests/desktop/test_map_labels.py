"""District names at city scale on the office screens: every district can be told apart,
no name covers another name or a site's symbol."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt

from desktop.map import style
from desktop.map.labels import symbols_in_view

DISTRICTS = 13


def _box(canvas, label) -> QRectF:
    """Where the label's text is drawn, in view pixels."""
    anchor = canvas.mapFromScene(label.pos()).toPointF()
    offset = QPointF(label.transform().dx(), label.transform().dy())
    return label.boundingRect().translated(anchor + offset)


def _assert_inside_and_apart(canvas, boxes: list[tuple[str, QRectF]]) -> None:
    """Every name whole in the view, and no two names over each other."""
    frame = QRectF(canvas.viewport().rect())
    for i, (name, box) in enumerate(boxes):
        assert frame.contains(box), name
        for other, other_box in boxes[i + 1 :]:
            assert not box.intersects(other_box), (name, other)


@pytest.mark.parametrize("size", [(1440, 900), (1366, 768)])
def test_every_district_is_named_at_city_scale_clear_of_names_and_symbols(window, size):
    window.resize(*size)
    canvas = window.canvas
    canvas.fit_to_wuhan()
    names = {label.text(): _box(canvas, label) for label in canvas.shown_labels()}
    assert len(names) == DISTRICTS
    assert {"江汉区", "硚口区", "武昌区", "江岸区", "汉阳区", "青山区"} <= set(names)
    boxes = list(names.items())
    _assert_inside_and_apart(canvas, boxes)
    half = style.SYMBOL_PX / 2
    xs, ys = symbols_in_view(canvas, canvas.points)
    assert len(xs) > 20  # the centre's sites are drawn
    for x, y in zip(xs, ys, strict=True):
        symbol = QRectF(x - half, y - half, 2 * half, 2 * half)
        for name, box in boxes:
            assert not box.intersects(symbol), (name, x, y)


def test_a_new_window_names_every_district_for_the_size_it_shows(qtbot, map_data):
    """The names are placed once, when the view has its real size, not for the size the
    canvas had while it was built."""
    from desktop.main_window import MainWindow

    win = MainWindow(map_data)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    canvas = win.canvas
    boxes = [(label.text(), _box(canvas, label)) for label in canvas.shown_labels()]
    assert len(boxes) == DISTRICTS
    assert any(canvas.labels.leaders[label].isVisible() for label in canvas.shown_labels())
    _assert_inside_and_apart(canvas, boxes)


@pytest.mark.parametrize("size", [(1440, 900), (1366, 768)])
def test_the_english_interface_names_the_districts_in_english_clear_of_each_other(
    qtbot, map_data, size
):
    from desktop.i18n import apply_language
    from desktop.main_window import MainWindow

    apply_language("en")
    win = MainWindow(map_data)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    canvas = win.canvas
    canvas.fit_to_wuhan()
    names = {label.text(): _box(canvas, label) for label in canvas.shown_labels()}
    assert len(names) == DISTRICTS
    assert {"Jiang'an", "Jianghan", "Qiaokou", "Wuchang", "Dongxihu", "Hannan"} <= set(names)
    assert not [name for name in names if any("\u4e00" <= c <= "\u9fff" for c in name)]
    boxes = list(names.items())
    _assert_inside_and_apart(canvas, boxes)


def test_a_name_moved_off_its_district_is_led_back_to_it(window):
    window.resize(1366, 768)
    canvas = window.canvas
    canvas.fit_to_wuhan()
    led = [label for label in canvas.shown_labels() if canvas.labels.leaders[label].isVisible()]
    assert led  # the centre's districts are too small to hold their names
    for label in led:
        line = canvas.labels.leaders[label]
        anchor = canvas.mapFromScene(label.pos()).toPointF()
        end = line.path().currentPosition() + anchor
        assert _box(canvas, label).adjusted(-1, -1, 1, 1).contains(end), label.text()


def test_names_are_placed_again_once_a_pan_pauses(qtbot, window):
    window.resize(1366, 768)
    canvas = window.canvas
    canvas.fit_to_wuhan()
    canvas.zoom(1.6)
    for _ in range(4):
        qtbot.keyClick(canvas, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: not canvas._relabel.isActive())
    frame = QRectF(canvas.viewport().rect())
    boxes = [(label.text(), _box(canvas, label)) for label in canvas.shown_labels()]
    for i, (name, box) in enumerate(boxes):
        if frame.contains(canvas.mapFromScene(_anchor(canvas, name)).toPointF()):
            assert frame.contains(box), name  # a name whose district is in view stays in view
        for other, other_box in boxes[i + 1 :]:
            assert not box.intersects(other_box), (name, other)


def _anchor(canvas, name: str):
    return next(label.pos() for label in canvas.labels.items if label.text() == name)
