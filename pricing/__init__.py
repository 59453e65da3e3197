"""Versioned price catalogs: schema, loader, versions, diff, names, importers.

Imports only stdlib, pydantic and yaml (DESIGN §2).
"""

from pricing.diff import ModelDiff, OptionDiff, PriceChange, diff_catalogs, diff_options
from pricing.errors import CatalogError
from pricing.loader import load_catalog
from pricing.names import NameResolver, ResolvedName
from pricing.schema import Catalog, ModelPrice, Option
from pricing.versions import BY_DATE, LATEST, PriceBook, list_versions

__all__ = [
    "BY_DATE",
    "LATEST",
    "Catalog",
    "CatalogError",
    "ModelDiff",
    "ModelPrice",
    "NameResolver",
    "Option",
    "OptionDiff",
    "PriceBook",
    "PriceChange",
    "ResolvedName",
    "diff_catalogs",
    "diff_options",
    "list_versions",
    "load_catalog",
]
