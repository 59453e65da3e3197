"""Fixtures of the pricing tests: a snapshot-layout copy of one bundled version, and a
writable copy of the bundled price history."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pricing import PriceBook
from pricing.loader import CATALOG_FILE, OPTIONS_DIR
from pricing.yamlio import catalog_yaml, option_yaml, write_text

ROOT = Path(__file__).resolve().parents[2]
PRICING = ROOT / "data" / "pricing"


def write_snapshot(book: PriceBook, version: str, root: Path) -> Path:
    """``root/<version>/catalog.yaml`` + ``options/`` from a folded version of ``book``."""
    catalog = book.get(version)
    folder = root / version
    write_text(folder / CATALOG_FILE, catalog_yaml(catalog))
    for option in catalog.options:
        write_text(folder / OPTIONS_DIR / f"{option.id}.yaml", option_yaml(option))
    return folder


@pytest.fixture
def version(tmp_path: Path, bundled_book: PriceBook) -> Path:
    """A snapshot folder ``<tmp>/pricing/2026-11-20`` holding the bundled 2026-11-20 version."""
    return write_snapshot(bundled_book, "2026-11-20", tmp_path / "pricing")


@pytest.fixture
def history_copy(tmp_path: Path) -> Path:
    """A writable copy of ``data/pricing`` (the price history layout)."""
    target = tmp_path / "pricing"
    shutil.copytree(PRICING, target)
    return target
