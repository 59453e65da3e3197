"""Fixtures for engine tests: the bundled price book (read once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pricing.versions import PriceBook

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def bundled_book() -> PriceBook:
    return PriceBook.load(ROOT / "data" / "pricing")
