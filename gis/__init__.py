"""Wuhan EnvMap's data model and geodata: pure Python, no Qt.

The public names below are what `desktop/` and the exports may use. They are imported on
first use (PEP 562), so that `from gis import Catalog` does not pull in geopandas and the
desktop can paint its first frame before any export-only library is loaded.
"""

from importlib import import_module
from typing import Any

_MODULE_OF = {
    "load_catalog": "gis.catalog",
    "validate_catalog": "gis.catalog",
    "BoundaryDataError": "gis.errors",
    "CatalogInvalid": "gis.errors",
    "CatalogSyntaxError": "gis.errors",
    "DocumentEncodingError": "gis.errors",
    "EnvMapError": "gis.errors",
    "Problem": "gis.errors",
    "mask_passwords": "gis.failures",
    "MapData": "gis.mapdata",
    "MapFeature": "gis.mapdata",
    "build_map_data": "gis.mapdata",
    "load_map_data": "gis.mapdata",
    "LAYER_KINDS": "gis.model",
    "Catalog": "gis.model",
    "Category": "gis.model",
    "Document": "gis.model",
    "Evidence": "gis.model",
    "Indicator": "gis.model",
    "Kind": "gis.model",
    "Leader": "gis.model",
    "Location": "gis.model",
    "Measure": "gis.model",
    "Relation": "gis.model",
    "Site": "gis.model",
    "Status": "gis.model",
}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'gis' has no attribute {name!r}")
    value = getattr(import_module(_MODULE_OF[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
