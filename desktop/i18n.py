"""Interface language: Chinese is the source language; English comes from a Qt .qm file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator

from gis.paths import resources_root

LANGUAGES = {"zh": "中文", "en": "English"}
TRANSLATIONS = resources_root() / "translations"

_installed: list[QTranslator] = []


def saved_language() -> str:
    value = str(QSettings().value("language", "zh"))
    return value if value in LANGUAGES else "zh"


def qt_translations() -> list[Path]:
    """Where Qt's own .qm files may be: Qt's configured folder, then PySide6's own (a bundle
    may not carry a qt.conf that points Qt to it)."""
    import PySide6

    configured = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return [configured, Path(PySide6.__file__).parent / "Qt" / "translations"]


def apply_language(language: str) -> None:
    """Install (or remove) the translator for `language` and remember the choice."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("apply_language() needs the application object to exist")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "zh":  # Qt's own words (确定, 取消, 查找范围); absent: English
        for name, folders in (
            ("qtbase_zh_CN", qt_translations()),
            ("qt_extra_zh_CN", [TRANSLATIONS]),
        ):
            qt = QTranslator(app)
            if any(qt.load(name, str(folder)) for folder in folders):
                app.installTranslator(qt)  # the later one is asked first: the supplement
                _installed.append(qt)
    else:
        translator = QTranslator(app)
        qm = TRANSLATIONS / f"envmap_{language}.qm"
        if not translator.load(str(qm)):
            raise FileNotFoundError(f"translation file missing or unreadable: {qm}")
        app.installTranslator(translator)
        _installed.append(translator)
    QSettings().setValue("language", language)
