"""Text halos are built once per machine: a start reads the ones the last start built, the
same outlines to the element, and a damaged file only costs building them again."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtGui import QFont, QFontMetricsF, QPainterPath

from desktop.map import halos
from desktop.map.halos import FILE_NAME, HaloStore, build_halo

NAMES = ("江汉区", "东西湖区", "原址")


def _outline(text: str, points: float = 9.0) -> QPainterPath:
    font = QFont()
    font.setPointSizeF(points)
    path = QPainterPath()
    path.addText(0, QFontMetricsF(font).ascent(), font, text)
    return path


@pytest.fixture
def builds(monkeypatch):
    """The texts whose halos were built (rather than read)."""
    built: list[int] = []
    real = halos.build_halo

    def counted(text: QPainterPath) -> QPainterPath:
        built.append(text.elementCount())
        return real(text)

    monkeypatch.setattr(halos, "build_halo", counted)
    return built


def test_a_later_start_reads_the_halos_the_first_one_built(qapp, tmp_path, builds):
    first = HaloStore(tmp_path)
    made = [first.halo(_outline(name)) for name in NAMES]
    assert len(builds) == len(NAMES)
    qapp.processEvents()  # the store writes after the paint that built them
    assert (tmp_path / FILE_NAME).is_file()
    later = HaloStore(tmp_path)
    read = [later.halo(_outline(name)) for name in NAMES]
    assert len(builds) == len(NAMES)  # none built again
    assert read == made
    assert all(r == build_halo(_outline(name)) for r, name in zip(read, NAMES, strict=True))


def test_another_outline_gets_its_own_halo(qapp, tmp_path, builds):
    store = HaloStore(tmp_path)
    small = store.halo(_outline("江汉区"))
    store.save()
    large = HaloStore(tmp_path).halo(_outline("江汉区", 14.0))
    assert len(builds) == 2
    assert large == build_halo(_outline("江汉区", 14.0)) != small


@pytest.mark.parametrize("damage", ["flip", "truncate", "foreign"])
def test_a_damaged_file_is_rebuilt(qapp, tmp_path, builds, caplog, damage):
    store = HaloStore(tmp_path)
    store.halo(_outline("江汉区"))
    store.save()
    path = tmp_path / FILE_NAME
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x10
    elif damage == "truncate":
        data = data[: len(data) - 7]
    else:
        data = bytearray(b"not a halo file at all")
    path.write_bytes(bytes(data))
    caplog.set_level(logging.WARNING, "desktop.map.halos")
    again = HaloStore(tmp_path)
    assert again.halo(_outline("江汉区")) == build_halo(_outline("江汉区"))
    assert len(builds) == 2 and "damaged text halos" in caplog.text
    qapp.processEvents()
    assert HaloStore(tmp_path).halo(_outline("江汉区")) == build_halo(_outline("江汉区"))
    assert len(builds) == 2  # the rewritten file serves it


def test_a_second_start_draws_the_same_map_without_building_halos(
    qapp, qtbot, map_data, tmp_path, builds
):
    from desktop.main_window import MainWindow

    pictures, built = [], []
    for _ in range(2):
        halos.keep_halos_in(tmp_path / "cache")  # a start: the store reads the folder anew
        window = MainWindow(map_data)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        pictures.append(window.canvas.grab().toImage())
        built.append(len(builds))
        qapp.processEvents()
        window.close()
    assert built[0] >= 13  # every district's name
    assert built[1] == built[0]  # none built again
    assert pictures[0] == pictures[1]
