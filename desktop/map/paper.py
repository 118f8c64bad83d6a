"""Paper: the page presets a report uses and the unit layouts are drawn in.

Layouts are drawn in 96-dpi logical pixels, the unit the map canvas draws its symbols and
cosmetic pens in, so a printed map looks like the screen's; positions are given in millimetres
and converted with `mm`. A PDF writer at 96 dpi and a PNG with a device pixel ratio of
dpi / 96 both take this unit as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageLayout, QPageSize

LAYOUT_DPI = 96.0
MM_PER_INCH = 25.4


def mm(value: float) -> float:
    """Millimetres on paper in layout units (96-dpi logical pixels)."""
    return value * LAYOUT_DPI / MM_PER_INCH


@dataclass(frozen=True)
class Paper:
    """A page: its size as a printer knows it, and which way round it is."""

    page_size: QPageSize
    landscape: bool = False

    @property
    def size_mm(self) -> QSizeF:
        size = self.page_size.size(QPageSize.Unit.Millimeter)
        return size.transposed() if self.landscape else size

    @property
    def orientation(self) -> QPageLayout.Orientation:
        landscape = QPageLayout.Orientation.Landscape
        return landscape if self.landscape else QPageLayout.Orientation.Portrait

    def pixels(self, dpi: float) -> tuple[int, int]:
        """The page's size in whole pixels at `dpi` (A4 landscape at 300 dpi: 3508 x 2480)."""
        size = self.size_mm
        return round(size.width() * dpi / MM_PER_INCH), round(size.height() * dpi / MM_PER_INCH)

    @classmethod
    def of_pixels(cls, width: int, height: int) -> Paper:
        """A custom page that is `width` x `height` pixels at 96 dpi: the plain image export."""
        points = QSizeF(width * 72 / LAYOUT_DPI, height * 72 / LAYOUT_DPI)
        return cls(
            QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
        )


PRESETS: dict[str, Paper] = {
    f"{name}-{way}": Paper(QPageSize(size), way == "landscape")
    for name, size in (("a4", QPageSize.PageSizeId.A4), ("a3", QPageSize.PageSizeId.A3))
    for way in ("portrait", "landscape")
}
