"""Symbology as Qt colours; the values live in `gis.symbology`, shared with the HTML export."""

from __future__ import annotations

from PySide6.QtGui import QColor

from gis import symbology
from gis.model import Status

STATUS_COLOURS: dict[Status | None, QColor] = {
    status: QColor(hex_colour) for status, hex_colour in symbology.STATUS_HEX.items()
}
DISTRICT_FILL = QColor(*symbology.DISTRICT_FILL)
DISTRICT_EDGE = QColor(*symbology.DISTRICT_EDGE)
ZONE_FILL = QColor(*symbology.ZONE_FILL)
ZONE_EDGE = QColor(*symbology.ZONE_EDGE)
RIVER_LINE = QColor(*symbology.RIVER_LINE)
SELECTION = QColor(symbology.SELECTION)
BACKGROUND = QColor(*symbology.BACKGROUND)
USER_EDGE = QColor(symbology.USER_EDGE)
HALO_EDGE = QColor(*symbology.HALO_EDGE)
HALO_FILL = QColor(*symbology.HALO_FILL)
WATER_FILL = QColor(*symbology.WATER_FILL)
WATER_EDGE = QColor(*symbology.WATER_EDGE)
WATER_LINE = QColor(*symbology.WATER_LINE)
WATER_LINE_PX = symbology.WATER_LINE_PX
FORMER_EDGE = QColor(*symbology.FORMER_EDGE)
FORMER_FILL = QColor(*symbology.FORMER_FILL)

SYMBOL_PX = 11.0
KIND_SHAPES = symbology.KIND_SHAPES


def status_colour(status: Status | None) -> QColor:
    return STATUS_COLOURS[status]
