"""A district's measures as a printed table that flows from page to page: rows keep whole,
headers repeat, and no row is left out; a cell taller than a whole page is shortened with
"…" where it is cut, so the cut shows. Lines break between words or Chinese characters, and
inside a word (a date) only when it is wider than its column: no text is clipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPaintDevice, QPainter, QPen, QTextLayout, QTextOption

from desktop.map.paper import mm
from desktop.map.print_fonts import print_font
from gis.export.records import LEDGER_COLUMNS

# (ledger key, share of the table's width): site, measure, status, target date, responsible
COLUMNS = (
    ("area_site", 0.17),
    ("measure", 0.41),
    ("status", 0.16),
    ("target_date", 0.09),
    ("responsible", 0.17),
)
PAD_MM = 1.0
POINTS = 7.5
GRID = QColor("#999999")
HEADER_FILL = QColor("#e8e8e8")


@dataclass(frozen=True)
class MeasuresTable:
    """One district's ledger rows (with the statuses the caller tracks) for printing."""

    district: str
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.district}措施表 Measures ({len(self.rows)})"


class TableFlow:
    """Measures rows once for a width, then hands out as many whole rows as fit a height."""

    def __init__(self, table: MeasuresTable, width: float, device: QPaintDevice, tallest: float):
        self.rows = table.rows
        self.widths = [width * share for _, share in COLUMNS]
        self.device = device
        self.header = [LEDGER_COLUMNS[key] for key, _ in COLUMNS]
        self.header_height = self._height(self.header, bold=True)
        self.cells = [self._cells(row, tallest - self.header_height) for row in self.rows]
        self.heights = [self._height(cells) for cells in self.cells]

    def _lines(self, text: str, width: float, bold: bool = False) -> QTextLayout:
        """The text broken into lines inside a cell `width` wide (padding taken off)."""
        layout = QTextLayout(text, print_font(POINTS, bold), self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        top = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width - 2 * mm(PAD_MM))
            line.setPosition(QPointF(0, top))
            top += line.height()
        layout.endLayout()
        return layout

    def _text_height(self, text: str, width: float, bold: bool = False) -> float:
        return self._lines(text, width, bold).boundingRect().height()

    def _height(self, cells: list[str], bold: bool = False) -> float:
        tallest = max(
            self._text_height(t, w, bold) for t, w in zip(cells, self.widths, strict=True)
        )
        return tallest + 2 * mm(PAD_MM)

    def _cells(self, row: dict[str, Any], room: float) -> list[str]:
        """The row's texts, each shortened with "…" if it would not fit `room` on its own."""
        cells = []
        for (key, _), width in zip(COLUMNS, self.widths, strict=True):
            text = str(row.get(key) or "")
            if self._text_height(text, width) + 2 * mm(PAD_MM) > room:
                low, high = 0, len(text)
                while low < high:  # the longest prefix that fits, with its mark
                    middle = (low + high + 1) // 2
                    fits = self._text_height(text[:middle] + "…", width) + 2 * mm(PAD_MM) <= room
                    low, high = (middle, high) if fits else (low, middle - 1)
                text = text[:low] + "…"
            cells.append(text)
        return cells

    def fit(self, start: int, height: float) -> int:
        """How many rows from `start` fit in `height` under the header (0 if not even one)."""
        used, count = self.header_height, 0
        for row_height in self.heights[start:]:
            if used + row_height > height:
                break
            used += row_height
            count += 1
        return count

    def draw(self, painter: QPainter, x: float, y: float, start: int, stop: int) -> float:
        """Draw the header and rows start..stop from (x, y) down; returns the height used."""
        painter.save()
        top = y
        y += self._row(painter, x, y, self.header, self.header_height, head=True)
        for index in range(start, stop):
            y += self._row(painter, x, y, self.cells[index], self.heights[index])
        painter.restore()
        return y - top

    def _row(
        self,
        painter: QPainter,
        x: float,
        y: float,
        cells: list[str],
        height: float,
        head: bool = False,
    ) -> float:
        for text, width in zip(cells, self.widths, strict=True):
            cell = QRectF(x, y, width, height)
            painter.setPen(QPen(GRID, 0.5))
            painter.setBrush(HEADER_FILL if head else Qt.BrushStyle.NoBrush)
            painter.drawRect(cell)
            painter.setPen(QColor("#222222"))
            pad = mm(PAD_MM)
            self._lines(text, width, head).draw(painter, QPointF(x + pad, y + pad))
            x += width
        return height
