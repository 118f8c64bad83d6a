"""How far one key press or wheel notch moves a map view: the live map and the start's
record of it (first_frame.py, which must not import the canvas) take the same steps."""

from __future__ import annotations

from PySide6.QtCore import Qt

ZOOM_STEP = 1.25
PAN_STEP_PX = 40


def key_step(key: int) -> tuple[float, int, int] | None:
    """A key's zoom factor about the view's centre and its pan of the view in pixels
    (right and down positive), or None for a key that does not move the map."""
    if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
        return ZOOM_STEP, 0, 0
    if key == Qt.Key.Key_Minus:
        return 1 / ZOOM_STEP, 0, 0
    pans: dict[int, tuple[int, int]] = {
        Qt.Key.Key_Left: (-PAN_STEP_PX, 0),
        Qt.Key.Key_Right: (PAN_STEP_PX, 0),
        Qt.Key.Key_Up: (0, -PAN_STEP_PX),
        Qt.Key.Key_Down: (0, PAN_STEP_PX),
    }
    if key in pans:
        return 1.0, *pans[key]
    return None
