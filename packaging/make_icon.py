"""Draws the app icon (a map pin over a river in Wuhan's green) into resources/icons/.

Run once when the design changes; the PNG is the window icon, the ICO the Windows program's
(Pillow writes the multi-size ICO: Qt's writer keeps one image per file).

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    p.fillPath(tile, QColor("#2e8b57"))
    p.setClipPath(tile)
    river = QPainterPath(QPointF(8, 178))
    river.cubicTo(80, 140, 150, 230, 248, 170)
    p.setPen(QPen(QColor("#7fc8f8"), 26, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(river)
    pin = QPainterPath(QPointF(128, 214))
    pin.cubicTo(92, 160, 64, 132, 64, 100)
    pin.arcTo(QRectF(64, 36, 128, 128), 180, -180)
    pin.cubicTo(192, 132, 164, 160, 128, 214)
    p.setPen(QPen(QColor("#ffffff"), 8))
    p.setBrush(QColor("#e4002b"))
    p.drawPath(pin)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#ffffff"))
    p.drawEllipse(QPointF(128, 100), 26, 26)
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv)
    ICONS.mkdir(parents=True, exist_ok=True)
    png = ICONS / "envmap.png"
    if not draw(256).save(str(png)):
        return 1
    Image.open(png).save(ICONS / "envmap.ico", sizes=[(s, s) for s in SIZES])
    return 0


if __name__ == "__main__":
    sys.exit(main())
