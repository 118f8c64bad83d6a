"""Symbology shared by the desktop map and the HTML export, so both draw the same legend."""

from __future__ import annotations

from gis.model import Kind, Status

STATUS_HEX: dict[Status | None, str] = {
    Status.PLANNED: "#1f77b4",
    Status.IN_PROGRESS: "#ff9f1c",
    Status.COMPLETED: "#2ca02c",
    Status.CLOSED_OUT: "#6a3d9a",
    None: "#7f7f7f",
}
NO_MEASURE_ZH = "无措施"
NO_MEASURE_EN = "no measure"

# (red, green, blue, alpha 0-255)
DISTRICT_FILL = (238, 234, 222, 255)
DISTRICT_EDGE = (120, 110, 95, 255)
ZONE_FILL = (30, 144, 255, 90)
ZONE_EDGE = (20, 90, 200, 255)
RIVER_LINE = (40, 120, 220, 255)
SELECTION = "#e4002b"
USER_EDGE = "#222222"  # sites the user added from an imported document
BACKGROUND = (214, 228, 240, 255)
# The dashed circle of a location's uncertainty (its precision in metres around the point).
HALO_EDGE = (90, 90, 90, 160)
HALO_FILL = (120, 120, 120, 28)

KIND_SHAPES: dict[Kind, str] = {
    Kind.WATER_PLANT: "square",
    Kind.DOCK: "triangle",
    Kind.OUTFALL: "diamond",
    Kind.CONTAMINATED_PARCEL: "cross",
    Kind.SEWAGE_PLANT: "square",
    Kind.FUNCTIONAL_ZONE: "star",
}
DEFAULT_SHAPE = "circle"


def css_rgba(rgba: tuple[int, int, int, int]) -> str:
    red, green, blue, alpha = rgba
    return f"rgba({red},{green},{blue},{alpha / 255:.3f})"
