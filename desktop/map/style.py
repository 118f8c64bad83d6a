"""Symbology: colours by status and by layer, in one place so the legend can reuse them."""

from __future__ import annotations

from PySide6.QtGui import QColor

from gis.model import Kind, Status

STATUS_COLOURS: dict[Status | None, QColor] = {
    Status.PLANNED: QColor("#1f77b4"),
    Status.IN_PROGRESS: QColor("#ff9f1c"),
    Status.COMPLETED: QColor("#2ca02c"),
    Status.CLOSED_OUT: QColor("#6a3d9a"),
    None: QColor("#7f7f7f"),
}

DISTRICT_FILL = QColor(238, 234, 222)
DISTRICT_EDGE = QColor(120, 110, 95)
ZONE_FILL = QColor(30, 144, 255, 90)
ZONE_EDGE = QColor(20, 90, 200)
RIVER_LINE = QColor(40, 120, 220)
SELECTION = QColor("#e4002b")
BACKGROUND = QColor(214, 228, 240)

SYMBOL_PX = 11.0
KIND_SHAPES: dict[Kind, str] = {
    Kind.WATER_PLANT: "square",
    Kind.DOCK: "triangle",
    Kind.OUTFALL: "diamond",
    Kind.CONTAMINATED_PARCEL: "cross",
    Kind.SEWAGE_PLANT: "square",
    Kind.FUNCTIONAL_ZONE: "star",
}


def status_colour(status: Status | None) -> QColor:
    return STATUS_COLOURS[status]
