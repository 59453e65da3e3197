"""Reconciliation on the real OpenRouter export (data/samples, from martinp0/tokeny-monitor):
the OpenRouter option's computed cost equals `cost_total` within 0.5 % per model, `:free`
rows at $0, and the direct option prices the models sold direct at list."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.engine import columns as c
from model.paths import REPO
from model.usage.readers import read_usage_path
from model.usage.reconcile import billing_kind, cost_table, reconcile
from model.usage.reprice import reprice_frame
from pricing.versions import PriceBook

SAMPLE = REPO / "data" / "samples" / "openrouter_generations__REAL_2026-03.csv"


@pytest.fixture(scope="module")
def costing(bundled_book: PriceBook):  # type: ignore[no-untyped-def]
    read = read_usage_path(SAMPLE)
    assert read.format == "openrouter_generations_csv"
    return reprice_frame(read.frame, bundled_book)


def test_openrouter_cost_matches_reported_within_half_percent_per_model(costing) -> None:  # type: ignore[no-untyped-def]
    rec = reconcile(costing, "openrouter_generations_csv")
    assert rec is not None and rec.option_id == "openrouter"
    per_model = rec.table.groupby("model")[["reported_usd", "computed_usd"]].sum()
    paid = per_model[per_model["reported_usd"] > 0]
    assert len(paid) >= 3
    assert (paid["computed_usd"] / paid["reported_usd"] - 1).abs().max() < 0.005
    assert rec.computed_usd == pytest.approx(rec.reported_usd, rel=0.005)
    assert costing.unpriced == {}


def test_free_rows_are_zero_on_openrouter_and_listed_unsold_direct(costing) -> None:  # type: ignore[no-untyped-def]
    free = costing.frame[c.FREE].to_numpy(dtype=bool)
    assert free.any()
    assert np.all(costing.option("openrouter").token_cost[free] == 0)
    # The free rows are open models that no vendor sells direct.
    direct = costing.option("direct")
    assert np.isnan(direct.list_cost[free]).all()
    assert set(direct.unpriced) >= set(costing.frame[c.MODEL][free].astype(str))


def test_direct_prices_vendor_models_at_list(costing) -> None:  # type: ignore[no-untyped-def]
    table = cost_table(costing, "model")
    # Pass-through: list prices are OpenRouter's token prices for vendor models.
    vendor = table.dropna(subset=["direct"])
    assert (vendor["direct"] - vendor["openrouter"]).abs().max() < 1e-12
    assert {"claude-opus-4-6", "gpt-5-nano"} <= set(vendor.index)
    assert table.loc["gpt-5-nano", "pooled"] == pytest.approx(
        table.loc["gpt-5-nano", "direct"] * 0.8
    )


def test_flags_differences_beyond_tolerance(bundled_book: PriceBook) -> None:
    from model.engine.frame import records_frame

    frame = records_frame(
        [
            {
                "timestamp": "2026-11-21T00:00:00Z",
                "model": "claude-sonnet-4-5",
                "input_tokens": 1e6,
                "output_tokens": 0,
                "reported_cost_usd": 3.0,
            },  # exact: $3
            {
                "timestamp": "2026-11-22T00:00:00Z",
                "model": "claude-sonnet-4-5",
                "input_tokens": 1e6,
                "output_tokens": 0,
                "reported_cost_usd": 2.70,
            },  # a 10 % credit
            {
                "timestamp": "2026-11-22T00:00:00Z",
                "model": "mystery",
                "input_tokens": 1,
                "output_tokens": 0,
                "reported_cost_usd": 1.0,
            },
        ]
    )
    rec = reconcile(reprice_frame(frame, bundled_book), "anthropic_console_usage_csv")
    assert rec is not None and rec.option_id == "direct"
    flagged = rec.flagged.set_index(["model", "day"])
    assert ("claude-sonnet-4-5", "2026-11-21") not in flagged.index
    assert flagged.loc[("claude-sonnet-4-5", "2026-11-22"), "diff_pct"] == pytest.approx(
        (3.0 / 2.7 - 1) * 100
    )
    assert pd.isna(flagged.loc[("mystery", "2026-11-22"), "computed_usd"])


def test_nothing_reported_means_no_reconciliation(bundled_book: PriceBook) -> None:
    from model.engine.frame import records_frame

    frame = records_frame(
        [
            {
                "timestamp": "2026-11-21T00:00:00Z",
                "model": "gpt-4o",
                "input_tokens": 1,
                "output_tokens": 1,
            }
        ]
    )
    assert reconcile(reprice_frame(frame, bundled_book), "generic_csv") is None


def test_billing_kind_by_format() -> None:
    assert billing_kind("openrouter_activity_csv") == "aggregator"
    assert billing_kind("anthropic_console_cost_csv") == "direct"


def test_cost_table_by_day_and_month(costing) -> None:  # type: ignore[no-untyped-def]
    days = cost_table(costing, "day")
    months = cost_table(costing, "month")
    assert list(days.index) == ["2026-03-27", "2026-03-28"]
    assert months.loc["2026-03", "openrouter"] == pytest.approx(days["openrouter"].sum())
    with pytest.raises(ValueError, match="unknown breakdown"):
        cost_table(costing, "week")
