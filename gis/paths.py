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
