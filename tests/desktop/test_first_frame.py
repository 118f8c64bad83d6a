"""The first frame of a start: the last start's window, replayed from its saved picture."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel

from desktop.first_frame import first_frame_path, load_first_frame, save_first_frame


def test_the_saved_window_is_shown_again_as_it_was(qtbot, tmp_path):
    window = QLabel("武汉环保行动地图 · 黄陂区")
    window.resize(320, 120)
    qtbot.addWidget(window)
    path = tmp_path / "first-frame.picture"
    save_first_frame(window, path)
    frame = load_first_frame(path)
    assert frame is not None
    qtbot.addWidget(frame)
    with qtbot.waitSignal(frame.painted):
        frame.show()
    assert frame.size() == window.size()
    shown, saved = frame.grab().toImage(), window.grab().toImage()
    top = QRect(0, 0, window.width(), 40)  # above the loading note
    assert shown.copy(top) == saved.copy(top)
    # the foot says the map is still loading: a dark note where the window had none
    assert dark_pixels(shown, 40) > dark_pixels(saved, 40) + 500
    assert frame.cursor().shape() == Qt.CursorShape.BusyCursor


def dark_pixels(image, below: int) -> int:
    return sum(
        image.pixelColor(x, y).lightness() < 120
        for x in range(image.width())
        for y in range(below, image.height())
    )


def test_a_picture_of_other_data_is_not_found(qtbot, tmp_path):
    window = QLabel("武汉环保行动地图")
    qtbot.addWidget(window)
    save_first_frame(window, first_frame_path(tmp_path, "a" * 64))
    assert load_first_frame(first_frame_path(tmp_path, "b" * 64)) is None
    save_first_frame(window, first_frame_path(tmp_path, "b" * 64))
    assert [p.name for p in tmp_path.iterdir()] == [first_frame_path(tmp_path, "b" * 64).name]


def test_no_picture_means_no_first_frame(qtbot, tmp_path):
    assert load_first_frame(tmp_path / "first-frame.picture") is None


@pytest.mark.qt_log_ignore("QPicturePaintEngine::checkFormat")
def test_a_damaged_picture_is_not_shown(qtbot, tmp_path):
    window = QLabel("武汉环保行动地图")
    qtbot.addWidget(window)
    path = tmp_path / "first-frame.picture"
    save_first_frame(window, path)
    damaged = bytearray(path.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    path.write_bytes(bytes(damaged))
    assert load_first_frame(path) is None
