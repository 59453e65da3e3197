"""PriceBook.load_for loads only the versions a log's dates (or a forced version) need."""

from __future__ import annotations

import datetime as dt

import pytest

from model.paths import REPO
from pricing.errors import CatalogError
from pricing.versions import PriceBook

ROOT = REPO / "data" / "pricing"
D = dt.date


@pytest.mark.parametrize(
    ("spec", "first", "last", "expected"),
    [
        ("by-date", D(2026, 8, 25), D(2026, 8, 31), ["2026-08-22"]),
        ("by-date", D(2026, 10, 8), D(2026, 10, 20), ["2026-10-07", "2026-10-15", "2026-10-18"]),
        ("by-date", D(2020, 1, 1), D(2020, 1, 2), ["2026-08-22"]),  # older than all: oldest
        ("by-date", D(2026, 11, 21), D(2027, 3, 1), ["2026-11-20", "2026-12-01", "2027-01-01"]),
        ("latest", D(2020, 1, 1), D(2020, 1, 1), ["2027-01-01"]),
        ("2026-08-22", D(2026, 12, 1), D(2026, 12, 1), ["2026-08-22"]),
    ],
)
def test_loads_only_needed_versions(spec: str, first: D, last: D, expected: list[str]) -> None:
    assert list(PriceBook.load_for(ROOT, spec, first, last).versions) == expected


def test_unknown_forced_version_names_the_known_ones() -> None:
    with pytest.raises(CatalogError, match="known: 2026-08-22"):
        PriceBook.load_for(ROOT, "1999-01-01", D(2026, 1, 1), D(2026, 1, 1))


def test_today_is_the_version_in_force_now_not_a_scheduled_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pricing.versions as versions

    monkeypatch.setattr(versions, "today", lambda: D(2026, 11, 25))
    book = PriceBook.load(ROOT)
    assert book.get("today").version == "2026-11-20"
    assert book.get("latest").version == "2027-01-01"  # scheduled Gemini Flash step
    subset = PriceBook.load_for(ROOT, "today", D(2026, 1, 1), D(2026, 1, 1))
    assert list(subset.versions) == ["2026-11-20"]
    monkeypatch.setattr(versions, "today", lambda: D(2027, 1, 1))
    assert book.get("today").version == "2027-01-01"
