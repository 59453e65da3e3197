"""Versioned price catalogs: schema, loader, versions, diff, names, importers.

Imports only stdlib, pydantic and yaml (DESIGN §2). The names below are loaded on first use
(PEP 562): a module that needs only the cache's hash check or the error class does not pay
for building the pydantic schema.
"""

from typing import TYPE_CHECKING

from pricing.lazy import exports

if TYPE_CHECKING:
    from pricing.diff import ModelDiff, OptionDiff, PriceChange, diff_catalogs, diff_options
    from pricing.errors import CatalogError
    from pricing.loader import load_catalog
    from pricing.names import NameResolver, ResolvedName
    from pricing.schema import Catalog, ModelPrice, Option
    from pricing.specs import BY_DATE, LATEST
    from pricing.versions import PriceBook, list_versions

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

_WHERE = {
    "ModelDiff": "diff",
    "OptionDiff": "diff",
    "PriceChange": "diff",
    "diff_catalogs": "diff",
    "diff_options": "diff",
    "CatalogError": "errors",
    "load_catalog": "loader",
    "NameResolver": "names",
    "ResolvedName": "names",
    "Catalog": "schema",
    "ModelPrice": "schema",
    "Option": "schema",
    "BY_DATE": "versions",
    "LATEST": "versions",
    "PriceBook": "versions",
    "list_versions": "versions",
}


__getattr__ = exports(__name__, _WHERE)
