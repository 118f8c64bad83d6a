"""The window's legend explains everything the map draws, drawn as the map draws it: the
statuses and kinds, and the water and the 原址 of a relocated facility, in the interface's
language."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from desktop.app import Desktop
from desktop.map import style
from gis.model import Status

ROWS = {
    "zh": ("原址（已搬迁）", "水系（江河湖泊）", "河流中心线"),
    "en": ("Former site (moved)", "Water (rivers, lakes)", "River centre line"),
}


def _icons(window) -> dict[str, QImage]:
    return {words.text(): icon.pixmap().toImage() for icon, words in window.layers.legend_rows}


def _share(image: QImage, colour: QColor, tolerance: int = 10) -> float:
    """The fraction of the image's opaque pixels that have this colour."""
    target, hits, opaque = colour.getRgb()[:3], 0, 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() < 250:
                continue
            opaque += 1
            rgb = pixel.getRgb()[:3]
            hits += all(abs(a - b) <= tolerance for a, b in zip(rgb, target, strict=True))
    return hits / max(opaque, 1)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_legend_has_rows_for_the_water_and_the_former_sites(qtbot, map_data, language):
    desktop = Desktop(map_data)
    if language == "en":
        desktop.switch_language("en")
    window = desktop.window
    qtbot.addWidget(window)
    icons = _icons(window)
    former, water, line = (icons[text] for text in ROWS[language])
    # 原址: hollow and grey, as on the map, whatever the status (no status colour in it)
    assert _share(former, style.FORMER_EDGE) > 0.3
    centre = former.pixelColor(former.width() // 2, former.height() * 2 // 3)
    assert min(centre.getRgb()[:3]) > 200, centre.name()  # hollow: white shows through
    for status in Status:
        assert _share(former, style.status_colour(status), 30) == 0
    # the water: its fill and edge; a centre line in its own colour
    assert _share(water, style.WATER_FILL) > 0.5 and _share(water, style.WATER_EDGE, 20) > 0.1
    assert _share(line, style.WATER_LINE) > 0.5
    # the sites' rows are drawn as the map draws a site: white-edged, filled by status
    planned = icons[next(t for t in icons if t.startswith("计划"))]
    assert _share(planned, style.status_colour(Status.PLANNED)) > 0.4
