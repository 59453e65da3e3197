"""model.catalog.view: the Pricing tables page's data shaping, on the fixture catalogs."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from model.catalog import options as co
from model.catalog import provenance
from model.catalog import view as cv
from pricing import PriceBook
from pricing.schema import Option


@pytest.fixture
def book(fixture_data_dir: Path) -> PriceBook:
    return PriceBook.load(fixture_data_dir / "pricing")


def test_models_frame_has_one_row_per_model_sorted(book: PriceBook) -> None:
    frame = cv.models_frame(book.latest)
    assert list(frame.columns[: len(cv.MODEL_COLUMNS)]) == list(cv.MODEL_COLUMNS)
    assert list(zip(frame["provider"], frame["model_id"], strict=True)) == [
        ("anthropic", "claude-sonnet-4-5"),
        ("google", "gemini-2.5-pro"),
        ("openai", "gpt-4o"),
        ("openai", "gpt-5"),
    ]


def test_missing_prices_are_nan_not_zero(book: PriceBook) -> None:
    row = cv.models_frame(book.latest).set_index("model_id").loc["gpt-5"]
    for col in ("cache_read", "batch_input", "long_context_input"):
        assert math.isnan(row[col]), col
    assert pd.isna(row["long_context_threshold"])


@pytest.mark.parametrize(
    ("providers", "query", "expected"),
    [
        ([], "", ["claude-sonnet-4-5", "gemini-2.5-pro", "gpt-4o", "gpt-5"]),
        (["openai"], "", ["gpt-4o", "gpt-5"]),
        (["openai", "google"], "pro", ["gemini-2.5-pro"]),
        ([], "openai/", ["gpt-4o"]),
        ([], "Claude Sonnet", ["claude-sonnet-4-5"]),
        (["anthropic"], "gpt", []),
    ],
)
def test_filter_models(book: PriceBook, providers, query: str, expected: list[str]) -> None:
    shown = cv.filter_models(cv.models_frame(book.latest), providers, query)
    assert shown["model_id"].tolist() == expected


def test_vendors_cover_every_version(book: PriceBook) -> None:
    assert cv.vendors(book.catalogs) == ["anthropic", "google", "openai"]


def test_diff_frame_rows_and_directions(book: PriceBook) -> None:
    diff = cv.diff_frame(book.get("2026-01-01"), book.get("2026-02-01"))
    rows = {(r.model_id, r.field): r for r in diff.itertuples()}
    assert set(rows) == {
        ("gemini-2.5-pro", "output"),
        ("gpt-4o", "input"),
        ("gpt-5", ""),
        ("gpt-4-turbo", ""),
    }
    assert rows[("gpt-4o", "input")].direction == "cheaper"
    assert rows[("gpt-4o", "input")].change == pytest.approx(-0.2)
    assert rows[("gemini-2.5-pro", "output")].direction == "dearer"
    assert cv.diff_counts(diff) == {"cheaper": 1, "dearer": 1, "added": 1, "removed": 1}


def test_diff_of_a_version_with_itself_is_empty(book: PriceBook) -> None:
    assert cv.diff_frame(book.latest, book.latest).empty
    assert co.option_diff_frame(book.latest, book.latest).empty


def test_option_facts_and_sources(book: PriceBook) -> None:
    facts = dict(co.option_facts(book.latest.option("openrouter")))
    assert facts["Fee per top-up (card)"] == "5.5 % (min $0.80)"
    assert facts["Batch API"] == "no"
    assert provenance.option_sources(book.latest.option("openrouter"), dt.date(2026, 2, 1)) == [
        ("https://example.test/pricing", "checked 2026-01-01 · page never read ⚑")
    ]


def test_option_facts_per_vendor_discount() -> None:
    option = Option(
        id="pooled",
        kind="pooled",
        name="Pooled",
        discount={"openai": Decimal("0.2"), "anthropic": Decimal("0.15")},
    )
    assert dict(co.option_facts(option))["Discount off list"] == "anthropic 15 %, openai 20 %"


def test_option_diff_frame_names_the_changed_term(book: PriceBook) -> None:
    old = book.latest
    pooled = old.option("pooled").model_copy(update={"discount": Decimal("0.25")})
    new = old.model_copy(
        update={"options": tuple(pooled if o.id == "pooled" else o for o in old.options)}
    )
    terms = co.option_diff_frame(old, new)
    assert terms.to_dict("records") == [
        {
            "option_id": "pooled",
            "status": "changed",
            "term": "discount",
            "old": "0.2",
            "new": "0.25",
        }
    ]


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("input", "input"),
        ("cache_write_5m", "cache write 5m"),
        ("batch.long_context.cache_read", "batch long-context cache read"),
        ("long_context.threshold_tokens", "long-context threshold"),
    ],
)
def test_field_label(field: str, label: str) -> None:
    assert cv.field_label(field) == label
