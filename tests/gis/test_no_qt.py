"""`gis` stays free of Qt: every module imports and works with Qt made unimportable."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import gis

BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6', 'desktop'):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
import importlib
for name in {modules!r}:
    importlib.import_module(name)
from gis import load_catalog
from gis.layers import build_layers
print(len(build_layers(load_catalog())['districts']))
"""


def test_gis_imports_and_loads_without_qt():
    modules = [m.name for m in pkgutil.walk_packages(gis.__path__, "gis.")]
    assert "gis.crs" in modules and "gis.export.files" in modules
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER.format(modules=modules)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "13"
