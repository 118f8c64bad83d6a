"""The installed Qt binding must not leak references to None: a long session would crash."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsEllipseItem


def test_void_calls_keep_none_alive(qapp):
    item = QGraphicsEllipseItem(QRectF(0, 0, 1, 1))
    before = sys.getrefcount(None)
    for _ in range(2000):
        item.setZValue(1.0)
        item.setPos(1.0, 2.0)
    assert sys.getrefcount(None) - before > -100
