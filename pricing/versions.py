"""Discover catalog versions in a folder and pick the one in force on a date.

Two layouts are read (a folder holds one of them, never both):

* the **price history** (:mod:`pricing.history`): dated price entries per model, folded into
  one version per date on which a price changes — what ``data/pricing`` holds;
* **snapshots**: one folder per version, ``YYYY-MM-DD/catalog.yaml`` plus ``options/`` — a
  full catalog each (hand-written test fixtures, exports).

A folder that looks like a version but cannot be one (``2026-13-45``, no ``catalog.yaml``,
a ``catalog.yaml`` that is a directory) is an error naming it: a version is never skipped,
or usage of its dates would silently be priced by its neighbour.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pricing.errors import CatalogError
from pricing.history import History, is_history, load_history
from pricing.loader import CATALOG_FILE, load_catalog
from pricing.schema import Catalog
from pricing.specs import BY_DATE, LATEST, TODAY

VERSION_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A folder name that a person meant as a version (starts like a date).
_LOOKS_LIKE_VERSION = re.compile(r"^\d{4}-")


#: Environment variable that fixes "today" (an ISO date): the tests pin it so that answers
#: which depend on the date (the version in force, a scheduled step, the month a projection
#: starts) stay the same on any day they run; a user may set it to see the app as of a day.
TODAY_ENV = "GATEWISE_TODAY"


def today() -> dt.date:
    """Today's UTC date, or the date in ``GATEWISE_TODAY`` when it is set (and valid)."""
    pinned = os.environ.get(TODAY_ENV, "").strip()
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise ValueError(
                f"{TODAY_ENV}={pinned[:40]!r} is not a date (expected YYYY-MM-DD)"
            ) from None
    return dt.datetime.now(dt.UTC).date()


def _in_force_name(names: list[str], day: dt.date) -> str:
    """The newest version name not after ``day`` (names are ISO dates, sorted)."""
    eligible = [n for n in names if dt.date.fromisoformat(n) <= day]
    return eligible[-1] if eligible else names[0]


def _snapshot_folders(root: Path) -> list[str]:
    """Names of the version folders of a snapshot layout, each checked (module docstring)."""
    names: list[str] = []
    for p in root.iterdir():
        if not _LOOKS_LIKE_VERSION.match(p.name):
            continue
        if not p.is_dir():
            raise CatalogError(f"{p}: a version must be a folder")
        try:
            valid = VERSION_RE.match(p.name) and dt.date.fromisoformat(p.name)
        except ValueError:
            valid = False
        if not valid:
            raise CatalogError(f"{p}: folder name is not a date (YYYY-MM-DD)")
        catalog = p / CATALOG_FILE
        if not catalog.is_file():
            state = "is not a file" if catalog.exists() else "is missing"
            raise CatalogError(f"{catalog}: {state}; this version cannot be read")
        names.append(p.name)
    return sorted(names)


def _history(root: Path) -> History | None:
    """The price history of ``root``, or None for a snapshot layout (never both)."""
    if not is_history(root):
        return None
    stray = [p.name for p in root.iterdir() if _LOOKS_LIKE_VERSION.match(p.name)]
    if stray:
        raise CatalogError(
            f"{root / stray[0]}: a snapshot version inside a price history folder; "
            "record its prices as dated entries in models/<provider>.yaml"
        )
    return load_history(root)


def _discover(root: Path) -> tuple[list[str], Callable[[str], Catalog]]:
    """Version ids of ``root`` (oldest first) and how to load one of them."""
    if not root.is_dir():
        raise CatalogError(f"{root}: pricing folder not found")
    history = _history(root)
    if history is not None:
        names = [d.isoformat() for d in history.version_dates()]
        return names, lambda name: history.catalog(dt.date.fromisoformat(name))
    return _snapshot_folders(root), lambda name: load_catalog(root / name)


def list_versions(root: Path) -> list[str]:
    """Version ids, oldest first: the dates of a price history, or the snapshot folders."""
    return _discover(root)[0]


@dataclass(frozen=True)
class PriceBook:
    """Every catalog version of a pricing folder, oldest first."""

    catalogs: tuple[Catalog, ...]
    root: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.catalogs:
            raise CatalogError(f"{self.root}: no pricing versions found")
        dates = [c.effective_from for c in self.catalogs]
        if dates != sorted(set(dates)):
            raise CatalogError("pricing versions must have distinct, ascending effective dates")

    @classmethod
    def load(cls, root: Path) -> PriceBook:
        """Load and validate every version under ``root``."""
        names, load = _discover(root)
        return cls(tuple(load(n) for n in names), root)

    @classmethod
    def load_for(cls, root: Path, spec: str | None, first: dt.date, last: dt.date) -> PriceBook:
        """Load only the versions that can price usage dated ``first``…``last`` under ``spec``.

        Validating a version costs tens of milliseconds; a re-price of a log that spans one
        version should not pay for every other one. Folder names are the effective dates
        (enforced by the loader), so the choice needs no parsing.
        """
        names, load = _discover(root)
        if not names:
            raise CatalogError(f"{root}: no pricing versions found")
        if spec not in (None, BY_DATE):
            if spec == TODAY:
                spec = _in_force_name(names, today())
            wanted = [names[-1] if spec == LATEST else spec]
            if wanted[0] not in names:
                raise CatalogError(
                    f"unknown pricing version {spec!r}; known: {', '.join(names)}, latest, today"
                )
        else:
            dates = [dt.date.fromisoformat(n) for n in names]
            lo = max([i for i, d in enumerate(dates) if d <= first], default=0)
            hi = max([i for i, d in enumerate(dates) if d <= last], default=0)
            wanted = names[lo : hi + 1]
        return cls(tuple(load(n) for n in wanted), root)

    @cached_property
    def versions(self) -> tuple[str, ...]:
        return tuple(c.version for c in self.catalogs)

    @property
    def latest(self) -> Catalog:
        return self.catalogs[-1]

    def get(self, version: str) -> Catalog:
        """A version by id, or ``latest``."""
        if version == LATEST:
            return self.latest
        if version == TODAY:
            return self.in_force(today())
        for c in self.catalogs:
            if c.version == version:
                return c
        raise CatalogError(
            f"unknown pricing version {version!r}; known: {', '.join(self.versions)}, latest, today"
        )

    def index_in_force(self, day: dt.date) -> int:
        """Index of the newest version not after ``day`` (the oldest if ``day`` precedes all)."""
        idx = 0
        for i, c in enumerate(self.catalogs):
            if c.effective_from <= day:
                idx = i
        return idx

    def in_force(self, day: dt.date) -> Catalog:
        """The newest version whose effective date is not after ``day``."""
        return self.catalogs[self.index_in_force(day)]

    def resolve(self, spec: str | None, day: dt.date) -> Catalog:
        """``None``/``by-date`` → the version in force on ``day``; else a version id or latest."""
        if spec in (None, BY_DATE):
            return self.in_force(day)
        return self.get(spec)

    def tier_thresholds(self) -> tuple[float, ...]:
        """Every distinct long-context threshold of any version or option, ascending."""
        found = {
            float(m.long_context.threshold_tokens)
            for k in self.catalogs
            for m in (*k.models, *(m for o in k.options for m in o.models))
            if m.long_context is not None
        }
        return tuple(sorted(found))

    def model_ids(self) -> set[str]:
        """Every model id any version or option knows (for name normalization)."""
        return set(_all_model_ids(self.catalogs))


def _all_model_ids(catalogs: Iterable[Catalog]) -> Iterable[str]:
    for c in catalogs:
        for m in c.models:
            yield m.model_id
        for o in c.options:
            for m in o.models:
                yield m.model_id
