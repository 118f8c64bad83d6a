"""Wuhan EnvMap's data model and geodata: pure Python, no Qt.

The public names below are what `desktop/` and the exports may use.
"""

from gis.catalog import load_catalog, validate_catalog
from gis.errors import (
    BoundaryDataError,
    CatalogInvalid,
    CatalogSyntaxError,
    DocumentEncodingError,
    EnvMapError,
    Problem,
)
from gis.model import (
    Catalog,
    Category,
    Document,
    Evidence,
    Indicator,
    Kind,
    Leader,
    Location,
    Measure,
    Relation,
    Site,
    Status,
)

__all__ = [
    "BoundaryDataError",
    "Catalog",
    "CatalogInvalid",
    "CatalogSyntaxError",
    "Category",
    "Document",
    "DocumentEncodingError",
    "EnvMapError",
    "Evidence",
    "Indicator",
    "Kind",
    "Leader",
    "Location",
    "Measure",
    "Problem",
    "Relation",
    "Site",
    "Status",
    "load_catalog",
    "validate_catalog",
]
