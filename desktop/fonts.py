"""A Chinese font for PCs that have none: the installer ships one in resources/fonts/.

Map labels, the legend and every panel are Chinese; without a CJK font Qt draws boxes. The
bundled font is registered only when the system offers no Simplified Chinese family, so a
PC's own fonts (Microsoft YaHei, Noto Sans CJK …) are used wherever they exist.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication

from gis.paths import resources_root

FONT_SUFFIXES = (".ttf", ".ttc", ".otf")


def system_cjk_families() -> list[str]:
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def install_fallback_font(folder: Path | None = None) -> str | None:
    """Register the bundled font when no system font covers Chinese; the family it added, or
    None when the system has one or nothing is bundled. Needs a QGuiApplication."""
    if system_cjk_families():
        return None
    folder = folder or resources_root() / "fonts"
    fonts = sorted(p for p in folder.glob("*") if p.suffix.lower() in FONT_SUFFIXES)
    for path in fonts:
        families = QFontDatabase.applicationFontFamilies(
            QFontDatabase.addApplicationFont(str(path))
        )
        if families:
            # fontconfig falls back to application fonts by itself; the application font's
            # family list does it on platforms that do not.
            app_font = QGuiApplication.font()
            app_font.setFamilies([*app_font.families(), families[0]])
            QGuiApplication.setFont(app_font)
            return families[0]
    return None
