"""The bundled Chinese font: used on a PC without one, left alone where the system has one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.fonts import install_fallback_font, system_cjk_families

ROOT = Path(__file__).resolve().parents[2]
NO_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""
PROBE = """
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.doctor import render_glyph
from desktop.fonts import install_fallback_font
print(install_fallback_font())
print(render_glyph("武") != render_glyph("汉"))
"""


def _system_cjk_font_file() -> Path:
    found = (
        shutil.which("fc-match")
        and subprocess.run(
            ["fc-match", "-f", "%{file}", ":lang=zh-cn"], capture_output=True, text=True
        ).stdout
    )
    if not found or not Path(found).is_file():
        pytest.skip("no Chinese font on this machine to play the bundled one")
    return Path(found)


def _run_on_a_pc_without_fonts(tmp_path: Path, bundled: Path | None) -> list[str]:
    """A process whose fontconfig knows no system font at all, as on a bare office PC."""
    tmp_path.mkdir(parents=True)
    config = tmp_path / "fonts.conf"
    config.write_text(NO_FONTS.format(cache=tmp_path / "fc-cache"), encoding="utf-8")
    resources = tmp_path / "resources"
    (resources / "fonts").mkdir(parents=True)
    if bundled is not None:
        shutil.copy2(bundled, resources / "fonts" / bundled.name)
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(config),
        "ENVMAP_RESOURCES": str(resources),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.splitlines()


@pytest.mark.skipif(sys.platform != "linux", reason="fontconfig decides the fonts here")
def test_bundled_font_draws_chinese_where_the_system_has_none(tmp_path):
    font = _system_cjk_font_file()
    without = _run_on_a_pc_without_fonts(tmp_path / "a", None)
    assert without == ["None", "False"]  # boxes: the check below can fail
    family, distinct = _run_on_a_pc_without_fonts(tmp_path / "b", font)
    assert family != "None"
    assert distinct == "True"


def test_system_font_is_kept_when_there_is_one(qapp, tmp_path):
    if not system_cjk_families():
        pytest.skip("this machine has no Chinese font")
    (tmp_path / "fonts").mkdir()
    shutil.copy2(_system_cjk_font_file(), tmp_path / "fonts")
    assert install_fallback_font(tmp_path / "fonts") is None
