"""The font printed pages use: named explicitly, so Chinese glyphs come from a real CJK font
that the PDF embeds, not from whatever fallback the platform picks for "sans-serif"."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

log = logging.getLogger(__name__)

# Windows office PCs first, then macOS, then Linux packages (fonts-wqy-microhei, Noto CJK).
CJK_FAMILIES = (
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)


@cache
def cjk_family() -> str:
    """The first preferred CJK family installed here, else any family that covers Simplified
    Chinese (a bundled one counts); "sans-serif" with a warning when there is none."""
    covering = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for family in (*CJK_FAMILIES, *covering):
        if family in covering:
            return family
    log.warning("no font here covers Simplified Chinese: Chinese may print as boxes")
    return "sans-serif"


def print_font(points: float, bold: bool = False) -> QFont:
    font = QFont(cjk_family())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font
