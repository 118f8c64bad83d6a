"""Symbology shared by the desktop map and the HTML export, so both draw the same legend."""

from __future__ import annotations

import math

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
# Outside Wuhan is land like the rest: a neutral grey, never water-blue (water is its own layer).
BACKGROUND = (226, 225, 221, 255)
WATER_FILL = (166, 203, 230, 255)
WATER_EDGE = (120, 166, 204, 255)
WATER_LINE = (120, 170, 215, 255)  # a river known only by its centre line
WATER_LINE_PX = 2.5
# A former site (原址) whose move is done: a hollow grey symbol.
FORMER_EDGE = (110, 110, 110, 255)
FORMER_FILL = (255, 255, 255, 200)
# The dashed circle of a location's uncertainty (its precision in metres around the point).
HALO_EDGE = (90, 90, 90, 160)
HALO_FILL = (120, 120, 120, 28)
# Halos mean something once a map shows streets, not districts: Leaflet zoom 12, about 33 m a
# pixel at Wuhan's latitude; the canvas uses the same ground resolution. A halo wider than
# HALO_FILL_MAX_PX is drawn as its outline only, so that it never greys a district out.
HALO_MIN_ZOOM = 12
HALO_MAX_M_PER_PX = 156543.03392 * 0.8607 / 2**HALO_MIN_ZOOM  # cos(30.6°) = 0.8607
HALO_FILL_MAX_PX = 120.0

KIND_SHAPES: dict[Kind, str] = {
    Kind.WATER_PLANT: "square",
    Kind.DOCK: "triangle",
    Kind.OUTFALL: "diamond",
    Kind.CONTAMINATED_PARCEL: "cross",
    Kind.SEWAGE_PLANT: "hexagon",
    Kind.FUNCTIONAL_ZONE: "star",
    Kind.INDUSTRIAL_AREA: "pentagon",
    Kind.RIVER_LAKE: "triangle_down",
}
DEFAULT_SHAPE = "circle"


def _regular(corners: int, radius: float = 1.0) -> tuple[tuple[float, float], ...]:
    """A regular polygon with a corner at the top, in the symbol's unit square."""
    return tuple(
        (
            radius * math.sin(2 * math.pi * i / corners),
            -radius * math.cos(2 * math.pi * i / corners),
        )
        for i in range(corners)
    )


def _star() -> tuple[tuple[float, float], ...]:
    return tuple(
        (r * math.sin(i * math.pi / 5), -r * math.cos(i * math.pi / 5))
        for i in range(10)
        for r in [1.3 if i % 2 == 0 else 0.55]
    )


def _cross(arm: float = 0.4) -> tuple[tuple[float, float], ...]:
    half = [(arm, -1.0), (arm, -arm), (1.0, -arm), (1.0, arm), (arm, arm), (arm, 1.0)]
    return tuple(half + [(-x, -y) for x, y in half])  # the other half, turned about the centre


# Every symbol's outline: x right, y down, 1 = half the symbol's size; a circle has none.
# The canvas and prints draw these (desktop/map/items.py), the HTML map gets them as SVG paths.
SYMBOL_VERTICES: dict[str, tuple[tuple[float, float], ...]] = {
    "square": ((-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)),
    "triangle": ((0.0, -1.0), (1.0, 1.0), (-1.0, 1.0)),
    "triangle_down": ((-1.0, -1.0), (1.0, -1.0), (0.0, 1.0)),
    "diamond": ((0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)),
    "hexagon": _regular(6, 1.05),
    "pentagon": _regular(5, 1.1),
    "star": _star(),
    "cross": _cross(),
}


def svg_path(shape: str, half: float = 6.0) -> str:
    """The symbol as an SVG path around (0, 0), `half` units from the centre to an edge."""
    if shape not in SYMBOL_VERTICES:
        return f"M{-half},0A{half},{half} 0 1,0 {half},0A{half},{half} 0 1,0 {-half},0Z"
    points = [f"{x * half:.2f},{y * half:.2f}" for x, y in SYMBOL_VERTICES[shape]]
    return "M" + "L".join(points) + "Z"


def css_rgba(rgba: tuple[int, int, int, int]) -> str:
    red, green, blue, alpha = rgba
    return f"rgba({red},{green},{blue},{alpha / 255:.3f})"
