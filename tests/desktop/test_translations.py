"""Every interface string in desktop/ has a finished English translation in resources/."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.i18n import TRANSLATIONS

SOURCE = re.compile(r'(?:self\.tr|QT_TRANSLATE_NOOP)\((?:"[A-Za-z]+", )?"([^"]+)"\)')


def test_every_ui_string_is_translated():
    desktop = Path(__file__).resolve().parents[2] / "desktop"
    used = {m for f in desktop.rglob("*.py") for m in SOURCE.findall(f.read_text("utf-8"))}
    root = ET.parse(TRANSLATIONS / "envmap_en.ts").getroot()
    done = {
        msg.findtext("source")
        for msg in root.iter("message")
        if msg.find("translation").get("type") is None and msg.findtext("translation")
    }
    assert len(used) > 25
    assert not used - done, sorted(used - done)


def test_qt_standard_buttons_speak_the_interface_language(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.i18n import apply_language

    def cancel_text() -> str:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        return box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")

    apply_language("zh")
    assert "取消" in cancel_text()
    apply_language("en")
    assert cancel_text() == "Cancel"
