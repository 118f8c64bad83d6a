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


@pytest.fixture(autouse=True)
def user_folder(tmp_path_factory, monkeypatch) -> Path:
    """Every test has its own empty user folder (imports, accepted sites, status store), so
    the commands that read the window's folder never see this machine's."""
    folder = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("ENVMAP_USER_DATA", str(folder))
    monkeypatch.delenv("ENVMAP_STORE", raising=False)
    return folder
