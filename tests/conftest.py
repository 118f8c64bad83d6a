"""Shared fixtures: the shipped catalog, loaded once, and a writable copy of data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gis import Catalog, load_catalog
from gis.paths import data_root


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break without touching the shipped files."""
    target = tmp_path / "data"
    shutil.copytree(data_root(), target)
    return target
