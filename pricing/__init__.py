"""Versioned price catalogs: schema, loader, versions, diff, names, importers.

Imports only stdlib, pydantic and yaml (DESIGN §2).
"""

from pricing.errors import CatalogError
from pricing.loader import load_catalog
from pricing.schema import Catalog, ModelPrice, Option
from pricing.versions import BY_DATE, LATEST, PriceBook, list_versions

__all__ = [
    "BY_DATE",
    "LATEST",
    "Catalog",
    "CatalogError",
    "ModelPrice",
    "Option",
    "PriceBook",
    "list_versions",
    "load_catalog",
]
