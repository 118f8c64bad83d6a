"""Where the shipped data lives; ENVMAP_DATA points elsewhere (tests, a bundle, a user's copy)."""

from __future__ import annotations

import os
from pathlib import Path


def data_root() -> Path:
    override = os.environ.get("ENVMAP_DATA")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "data"


def resources_root() -> Path:
    """Icons, translations and web templates; ENVMAP_RESOURCES points elsewhere (a bundle)."""
    override = os.environ.get("ENVMAP_RESOURCES")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "resources"


def user_data_dir() -> Path:
    """Where the user's own data lives (status store, imports): the same folder the desktop
    uses (Qt's AppDataLocation); ENVMAP_USER_DATA points elsewhere."""
    override = os.environ.get("ENVMAP_USER_DATA")
    if override:
        return Path(override)
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", Path.home())) / "WuhanEnvMap" / "EnvMap"
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "WuhanEnvMap" / "EnvMap"
