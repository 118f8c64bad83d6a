"""Wuhan EnvMap's data model and geodata: pure Python, no Qt.

The public names below are what `desktop/` and the exports may use. They are imported on
first use (PEP 562), so that `from gis import Catalog` does not pull in geopandas and the
desktop can paint its first frame before any export-only library is loaded.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names for mypy, which does not run __getattr__; never at run time
    from gis.catalog import load_catalog as load_catalog
    from gis.catalog import validate_catalog as validate_catalog
    from gis.errors import BoundaryDataError as BoundaryDataError
    from gis.errors import CatalogInvalid as CatalogInvalid
    from gis.errors import CatalogSyntaxError as CatalogSyntaxError
    from gis.errors import DocumentEncodingError as DocumentEncodingError
    from gis.errors import EnvMapError as EnvMapError
    from gis.errors import Problem as Problem
    from gis.failures import mask_passwords as mask_passwords
    from gis.mapdata import MapData as MapData
    from gis.mapdata import MapFeature as MapFeature
    from gis.mapdata import build_map_data as build_map_data
    from gis.mapdata import load_map_data as load_map_data
    from gis.model import LAYER_KINDS as LAYER_KINDS
    from gis.model import Catalog as Catalog
    from gis.model import Category as Category
    from gis.model import Document as Document
    from gis.model import Evidence as Evidence
    from gis.model import Indicator as Indicator
    from gis.model import Kind as Kind
    from gis.model import Leader as Leader
    from gis.model import Location as Location
    from gis.model import Measure as Measure
    from gis.model import Relation as Relation
    from gis.model import Site as Site
    from gis.model import Status as Status

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
