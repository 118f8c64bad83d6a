"""What a printed map carries besides the map: legend, scale bar and north arrow.

Drawn in layout units (see `paper`) inside the map frame; symbols come from the same style and
symbol paths the canvas draws, so the legend shows what the map shows.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPen,
    QPolygonF,
)

from desktop.map import items, style
from desktop.map.paper import mm
from desktop.map.print_fonts import print_font
from gis.crs import from_web_mercator
from gis.model import Status
from gis.symbology import NO_MEASURE_EN, NO_MEASURE_ZH

NICE_STEPS = (1, 2, 5)
INSET_MM = 3.0  # decorations keep this far from the frame's edge
BOX_FILL = QColor(255, 255, 255, 225)
INK = QColor("#222222")
KIND_SWATCH = QColor("#bbbbbb")  # kinds are told by shape; their colour is the status


def legend_entries() -> list[tuple[str, str, object]]:
    """(what, label, colour or pen) rows: statuses, areas and lines, then kinds by shape."""
    rows: list[tuple[str, str, object]] = [
        ("circle", f"{s.label_zh} {s.label_en}", style.status_colour(s)) for s in Status
    ]
    rows.append(("circle", f"{NO_MEASURE_ZH} {NO_MEASURE_EN}", style.status_colour(None)))
    rows += [
        ("area", "行政区 district", (style.DISTRICT_FILL, style.DISTRICT_EDGE)),
        ("area", "水源保护区（示意）protection zone", (style.ZONE_FILL, style.ZONE_EDGE)),
        ("line", "河湖 river, lake", (style.RIVER_LINE, 3.0)),
        ("area", "水系 water (GSHHG)", (style.WATER_FILL, style.WATER_EDGE)),
        ("line", "河流中心线 river centre line", (style.WATER_LINE, style.WATER_LINE_PX)),
        ("halo", "位置不确定范围 uncertainty", None),
        ("former", "原址（已搬迁）former site, moved", None),
    ]
    rows += [
        (shape, f"{kind.label_zh} {kind.label_en}", KIND_SWATCH)
        for kind, shape in style.KIND_SHAPES.items()
    ]
    rows.append(("circle", "其他点位 other sites", KIND_SWATCH))
    return rows


def _split(entries: list, columns: int) -> list[list]:
    per_column = math.ceil(len(entries) / columns)
    return [entries[i : i + per_column] for i in range(0, len(entries), per_column)]


class Legend:
    """The legend's box measured for a paint device, in one or two columns."""

    def __init__(self, device: QPaintDevice, columns: int, points: float = 7.5) -> None:
        self.points = points
        self.text = QFontMetricsF(print_font(points), device)
        self.heading = QFontMetricsF(print_font(points + 1, bold=True), device).height() + mm(1)
        self.parts = _split(legend_entries(), columns)
        self.row = max(self.text.height() * 1.25, style.SYMBOL_PX + 2)
        self.column_widths = [
            style.SYMBOL_PX + mm(2.5) + max(self.text.horizontalAdvance(e[1]) for e in part)
            for part in self.parts
        ]

    def size(self) -> QSizeF:
        width = sum(self.column_widths) + mm(2) * len(self.parts) + mm(1)
        return QSizeF(width, self.heading + len(self.parts[0]) * self.row + mm(3))

    def draw(self, painter: QPainter, top_left: QPointF) -> QRectF:
        box = QRectF(top_left, self.size())
        painter.save()
        painter.setPen(QPen(QColor("#666666"), 0.75))
        painter.setBrush(BOX_FILL)
        painter.drawRect(box)
        painter.setPen(INK)
        painter.setFont(print_font(self.points + 1, bold=True))
        heading = QRectF(box.left() + mm(1.5), box.top() + mm(1), box.width(), self.heading)
        painter.drawText(heading, Qt.AlignmentFlag.AlignTop, "图例 Legend")
        painter.setFont(print_font(self.points))
        x = box.left() + mm(1.5)
        for part, width in zip(self.parts, self.column_widths, strict=True):
            for index, (what, label, paint) in enumerate(part):
                y = box.top() + mm(1) + self.heading + self.row * (index + 0.5)
                draw_swatch(painter, what, paint, QPointF(x + style.SYMBOL_PX / 2, y))
                painter.setPen(INK)
                text = QRectF(x + style.SYMBOL_PX + mm(1.5), y - self.row / 2, width, self.row)
                painter.drawText(text, Qt.AlignmentFlag.AlignVCenter, label)
            x += width + mm(2)
        painter.restore()
        return box


def draw_swatch(painter: QPainter, what: str, paint, centre: QPointF) -> None:
    """One legend row's symbol (a `legend_entries` row's what and paint) around `centre`, in
    the map's own symbology; the window's legend draws its rows with it too."""
    size = style.SYMBOL_PX
    painter.save()
    painter.translate(centre)
    if what == "area":
        fill, edge = paint
        painter.setPen(QPen(edge, 1.0))
        painter.setBrush(fill)
        painter.drawRect(QRectF(-size / 2, -size / 2 + 1, size, size - 2))
    elif what == "line":
        colour, width = paint
        painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawLine(QPointF(-size / 2, 0), QPointF(size / 2, 0))
    elif what == "halo":
        painter.setPen(QPen(style.HALO_EDGE, 1.0, Qt.PenStyle.DashLine))
        painter.setBrush(QBrush(style.HALO_FILL))
        painter.drawEllipse(QPointF(0, 0), size / 2, size / 2)
    elif what == "former":
        triangle = items.symbol_path("triangle", size)
        items.draw_site_symbol(painter, triangle, KIND_SWATCH, former=True)
    else:
        items.draw_site_symbol(painter, items.symbol_path(what, size), paint)
    painter.restore()


def ground_metres_per_unit(frame: QRectF, scene: QRectF) -> float:
    """Ground metres per layout unit at the frame's centre (Web Mercator's scale there)."""
    latitude = from_web_mercator(scene.center().x(), -scene.center().y())[1]
    return scene.width() / frame.width() * math.cos(math.radians(latitude))


def nice_length(target_m: float) -> float:
    """The largest 1, 2 or 5 x 10^n metres not longer than `target_m`."""
    exponent = 10 ** math.floor(math.log10(target_m))
    return max(step * exponent for step in NICE_STEPS if step * exponent <= target_m)


def scale_denominator(frame: QRectF, scene: QRectF) -> int:
    """N of the printed map's 1:N, to three significant figures."""
    ground_per_paper_m = ground_metres_per_unit(frame, scene) * mm(1000)
    digits = 3 - len(str(int(ground_per_paper_m)))
    return int(round(ground_per_paper_m, min(digits, 0)))


def _distance_marks(length_m: float) -> tuple[tuple[tuple[float, str], ...], str]:
    """Numbers at 0, half and the whole bar, and their unit, written once after the last."""
    unit, divisor = ("km", 1000) if length_m >= 1000 else ("m", 1)
    whole = length_m / divisor
    return ((0, "0"), (0.5, f"{whole / 2:g}"), (1, f"{whole:g}")), unit


def scale_bar_labels(
    metrics: QFontMetricsF, length: float, length_m: float
) -> list[tuple[QRectF, str]]:
    """Where the bar's labels go, from its left end at x = 0 on the text line: each number
    centred on its tick and the unit after the last one, so no number is pushed off its
    tick by the unit; the middle number only where it keeps a space from both neighbours."""
    numbers, unit = _distance_marks(length_m)
    height = metrics.height()
    placed = []
    for fraction, text in numbers:
        width = metrics.horizontalAdvance(text)
        placed.append((QRectF(length * fraction - width / 2, 0, width, height), text))
    gap = metrics.horizontalAdvance(" ")
    first, middle, last = placed
    if middle[0].left() - first[0].right() < gap or last[0].left() - middle[0].right() < gap:
        placed.remove(middle)
    unit_left = last[0].right() + gap
    placed.append((QRectF(unit_left, 0, metrics.horizontalAdvance(unit), height), unit))
    return placed


def draw_scale_bar(
    painter: QPainter, frame: QRectF, scene: QRectF, points: float = 7.5, font: QFont | None = None
) -> QRectF:
    """A bar of a round length in four alternating parts, with 1:N below; lower right. The
    screen passes its own font: the print font's first lookup costs a frame."""
    per_unit = ground_metres_per_unit(frame, scene)
    length_m = nice_length(frame.width() * 0.22 * per_unit)
    length = length_m / per_unit
    font = font or print_font(points)
    metrics = QFontMetricsF(font, painter.device())
    text_h = metrics.height()
    labels = scale_bar_labels(metrics, length, length_m)
    margin = mm(4)
    ratio = f"1:{scale_denominator(frame, scene):,}"
    right = max(length + margin, max(rect.right() for rect, _ in labels) + mm(2))
    width = max(margin + right, metrics.horizontalAdvance(ratio) + mm(4))
    box = QRectF(0, 0, width, text_h * 2 + mm(5))
    box.moveBottomRight(QPointF(frame.right() - mm(INSET_MM), frame.bottom() - mm(INSET_MM)))
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BOX_FILL)
    painter.drawRect(box)
    left, bar_top = box.left() + margin, box.top() + text_h + mm(1)
    part = length / 4
    painter.setPen(QPen(INK, 0.75))
    for index in range(4):
        painter.setBrush(INK if index % 2 == 0 else QColor("white"))
        painter.drawRect(QRectF(left + index * part, bar_top, part, mm(1.5)))
    painter.setFont(font)
    for rect, text in labels:
        painter.drawText(
            rect.translated(left, box.top() + mm(0.5)), Qt.AlignmentFlag.AlignCenter, text
        )
    painter.drawText(
        QRectF(box.left(), bar_top + mm(2), box.width(), text_h),
        Qt.AlignmentFlag.AlignCenter,
        ratio,
    )
    painter.restore()
    return box


def draw_north_arrow(painter: QPainter, frame: QRectF, height_mm: float = 10.0) -> QRectF:
    """A two-tone arrow with N 北 below, top right: Web Mercator keeps north up everywhere."""
    size = mm(height_mm)
    tip = QPointF(frame.right() - mm(INSET_MM) - size * 0.4, frame.top() + mm(INSET_MM))
    base_y, notch_y = tip.y() + size * 0.7, tip.y() + size * 0.55
    left = QPolygonF([tip, QPointF(tip.x() - size * 0.3, base_y), QPointF(tip.x(), notch_y)])
    right = QPolygonF([tip, QPointF(tip.x() + size * 0.3, base_y), QPointF(tip.x(), notch_y)])
    painter.save()
    painter.setPen(QPen(INK, 0.75))
    painter.setBrush(INK)
    painter.drawPolygon(left)
    painter.setBrush(QColor("white"))
    painter.drawPolygon(right)
    painter.setFont(print_font(7.5, bold=True))
    label = QRectF(tip.x() - size * 0.5, base_y, size, size * 0.3)
    painter.drawText(label, Qt.AlignmentFlag.AlignCenter, "N 北")
    painter.restore()
    return QRectF(tip.x() - size * 0.5, tip.y(), size, size)
