"""The one folder where the window keeps what it can rebuild: the map data's cache, the
first frame's record, the text halos and the basemap's tiles (e.g. ~/.cache/WuhanEnvMap/
EnvMap on Linux, from the names app.name_application gives)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def cache_dir() -> Path | None:
    """None where the platform names no cache folder: then nothing is cached."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(location) if location else None
