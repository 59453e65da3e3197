"""Every model of research/reference_prices.csv is in the catalog with the CSV's prices.

The CSV was built by hand from several datasets (with the disagreements resolved); the
catalog is built by the importer. Comparing them catches importer bugs (unit conversion,
key mapping, tiers, batch) and forgotten decisions. Each row is checked in the version
the CSV cites (its source date) — retired models are also checked in later versions,
where they are carried forward.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from pricing import PriceBook
from pricing.schema import ModelPrice

ROOT = Path(__file__).resolve().parents[2]
# copy of research/reference_prices.csv (2026-11-25), the hand-checked reference table
CSV_PATH = ROOT / "tests" / "pricing" / "data" / "reference_prices.csv"


def _rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _rows()
BOOK = PriceBook.load(ROOT / "data" / "pricing")


def _dec(text: str) -> Decimal | None:
    return Decimal(text) if text.strip() else None


def _model(row: dict[str, str]) -> ModelPrice:
    catalog = BOOK.get(row["source_date"])
    model = catalog.model(row["model_id"])
    assert model is not None, f"{row['model_id']} missing from {catalog.version}"
    return model


def test_csv_has_all_63_models() -> None:
    assert len(ROWS) == 63
    ids = {m.model_id for m in BOOK.get("2026-11-20").models}
    # the audit of 2026-11-30 added ten models the reference table predates
    assert ids - {r["model_id"] for r in ROWS} == {
        "chat-latest", "claude-fable-5-2", "gemini-3.1-pro-preview-customtools",
        "gemini-4-carbon", "gemini-flash-latest", "gemini-flash-lite-latest",
        "gemini-omni-1.2-flash", "gemini-pro-latest", "gpt-6.2-astra", "gpt-6.2-sol",
    }  # fmt: skip
    assert {r["model_id"] for r in ROWS} <= ids


@pytest.mark.parametrize("row", ROWS, ids=[r["model_id"] for r in ROWS])
def test_prices_equal_reference(row: dict[str, str]) -> None:
    m = _model(row)
    assert m.provider == row["vendor"]
    assert (m.openrouter_slug or "") == row["openrouter_slug"]
    assert m.input == _dec(row["input_per_mtok"])
    assert m.output == _dec(row["output_per_mtok"])
    assert m.cache_read == _dec(row["cache_read_per_mtok"])
    assert m.cache_write_5m == _dec(row["cache_write_5m_per_mtok"])
    assert m.cache_write_1h == _dec(row["cache_write_1h_per_mtok"])
    tier = m.long_context
    assert (tier.threshold_tokens if tier else None) == (
        int(row["long_context_threshold_tokens"]) if row["long_context_threshold_tokens"] else None
    )
    assert (tier.input if tier else None) == _dec(row["input_above_threshold_per_mtok"])
    assert (tier.output if tier else None) == _dec(row["output_above_threshold_per_mtok"])
    assert (m.batch.input if m.batch else None) == _dec(row["batch_input_per_mtok"])
    assert (m.batch.output if m.batch else None) == _dec(row["batch_output_per_mtok"])
    assert m.max_input_tokens == int(row["context_window"])


@pytest.mark.parametrize(
    "row", [r for r in ROWS if r["source_date"] != "2026-11-20"], ids=lambda r: r["model_id"]
)
def test_retired_models_carried_forward(row: dict[str, str]) -> None:
    old = _model(row)
    for version in BOOK.versions:  # every later version keeps the last price
        carried = BOOK.get(version).model(row["model_id"])
        assert carried is not None
        assert carried.deprecated_on is not None
        assert carried.input == old.input and carried.batch == old.batch
