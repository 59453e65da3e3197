"""Write a catalog version folder from imported models.

A version is ``<root>/<YYYY-MM-DD>/catalog.yaml`` plus ``options/<id>.yaml``. Options are
hand-maintained data (fees, discounts): an import never invents them, it copies the
previous version's files forward when the new folder has none yet, so each version is
complete on its own and can be read without its neighbours.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from pricing.errors import CatalogError
from pricing.loader import CATALOG_FILE, OPTIONS_DIR, load_catalog
from pricing.schema import Catalog, ModelPrice
from pricing.versions import list_versions
from pricing.yamlio import catalog_yaml, write_text


def previous_version(root: Path, effective: dt.date, from_version: str | None) -> str | None:
    """``from_version`` if given (must exist), else the newest version before ``effective``."""
    known = list_versions(root) if root.is_dir() else []
    if from_version is not None:
        if from_version not in known:
            raise CatalogError(f"{root}: --from-version {from_version!r} not found")
        return from_version
    earlier = [v for v in known if v < effective.isoformat()]
    return earlier[-1] if earlier else None


def write_catalog_version(
    root: Path,
    effective: dt.date,
    models: list[ModelPrice],
    description: str,
    previous: str | None,
) -> Catalog:
    """Write ``catalog.yaml`` (and options copied from ``previous``), then load it back.

    Loading back is the check: what we wrote is exactly what the app will read.
    """
    version = effective.isoformat()
    folder = root / version
    catalog = Catalog(
        version=version,
        effective_from=effective,
        description=description,
        models=tuple(models),
        options=(),
    )
    write_text(folder / CATALOG_FILE, catalog_yaml(catalog))
    options = folder / OPTIONS_DIR
    if not options.is_dir() and previous is not None:
        source = root / previous / OPTIONS_DIR
        if source.is_dir():
            shutil.copytree(source, options)
    return load_catalog(folder)
