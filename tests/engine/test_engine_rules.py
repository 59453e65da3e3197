"""Engine rules of DESIGN §4 on small hand-written catalogs: each expected cost is worked out
in the test from the catalog's round prices (tests/engine/catalogs.py)."""

from __future__ import annotations

import math

import pytest

from model.engine.costing import cost_usage
from model.engine.frame import records_frame
from tests.engine.catalogs import book, catalog, gemini_pro, gpt_nocache, model, sonnet

T0 = "2026-03-01T10:00:00Z"


def row(model_id: str, **tokens: float | bool | str | None) -> dict[str, object]:
    return {"timestamp": T0, "model": model_id, "input_tokens": 0, "output_tokens": 0} | tokens


def direct_cost(*rows: dict[str, object], option: str = "direct", **kw: object) -> list[float]:
    costing = cost_usage(records_frame(rows), kw.pop("price_book", None) or book(), **kw)  # type: ignore[arg-type]
    return list(costing.option(option).list_cost)


def test_disjoint_token_classes_anthropic_cache_write() -> None:
    # research/pricing.md §(c)3 shape: 2k input, 50k written to 5-min cache, 1k output.
    (cost,) = direct_cost(
        row("claude-x", input_tokens=2000, cache_write_5m_tokens=50000, output_tokens=1000)
    )
    assert cost == pytest.approx((2000 * 3 + 50000 * 3.75 + 1000 * 15) / 1e6)  # $0.2085


def test_one_hour_write_is_dearer_than_five_minutes() -> None:
    five, hour = direct_cost(
        row("claude-x", cache_write_5m_tokens=1e6), row("claude-x", cache_write_1h_tokens=1e6)
    )
    assert (five, hour) == (pytest.approx(3.75), pytest.approx(6.0))


@pytest.mark.parametrize(
    ("prompt", "tier"),
    [(200_000, False), (200_001, True), (199_999, False)],
    ids=["at-threshold-stays-base", "one-above-switches", "below"],
)
def test_cliff_switches_strictly_above_threshold(prompt: int, tier: bool) -> None:
    (cost,) = direct_cost(row("gemini-x-pro", input_tokens=prompt, output_tokens=2000))
    p_in, p_out = (2.5, 15) if tier else (1.25, 10)
    assert cost == pytest.approx((prompt * p_in + 2000 * p_out) / 1e6)


def test_cliff_reprices_whole_request_including_cache_reads() -> None:
    # 150k uncached + 60k cache read = 210k prompt side > 200k: every token at the tier.
    (cost,) = direct_cost(
        row("gemini-x-pro", input_tokens=150_000, cache_read_tokens=60_000, output_tokens=1000)
    )
    assert cost == pytest.approx((150_000 * 2.5 + 60_000 * 0.25 + 1000 * 15) / 1e6)


def test_output_never_triggers_the_cliff() -> None:
    (cost,) = direct_cost(row("gemini-x-pro", input_tokens=1000, output_tokens=300_000))
    assert cost == pytest.approx((1000 * 1.25 + 300_000 * 10) / 1e6)


def test_bucket_uses_stated_band_not_average() -> None:
    # 10 requests of 150k each: the 1.5M total must not trigger the tier.
    base, over = direct_cost(
        row("gemini-x-pro", input_tokens=1_500_000, requests=10, long_context=False),
        row("gemini-x-pro", input_tokens=1_500_000, requests=10, long_context=True),
    )
    assert base == pytest.approx(1.5 * 1.25)
    assert over == pytest.approx(1.5 * 2.5)


def test_bucket_with_unknown_band_is_base_tier_with_warning() -> None:
    costing = cost_usage(records_frame([row("gemini-x-pro", input_tokens=1e6, requests=5)]), book())
    assert costing.option("direct").list_cost[0] == pytest.approx(1.25)
    assert any("long-context band unknown" in w for w in costing.warnings)


def test_batch_uses_vendor_batch_prices_including_cache() -> None:
    (cost,) = direct_cost(
        row(
            "claude-x",
            input_tokens=1e6,
            cache_read_tokens=1e6,
            cache_write_1h_tokens=1e6,
            output_tokens=1e6,
            batch=True,
        )
    )
    assert cost == pytest.approx(1.5 + 0.15 + 3 + 7.5)


def test_batch_without_batch_cache_price_charges_standard_cache() -> None:
    (cost,) = direct_cost(
        row("gemini-x-pro", input_tokens=100_000, cache_read_tokens=50_000, batch=True)
    )
    assert cost == pytest.approx((100_000 * 0.625 + 50_000 * 0.125) / 1e6)


def test_batch_above_threshold_is_tier_scaled_by_batch_ratio() -> None:
    (cost,) = direct_cost(row("gemini-x-pro", input_tokens=300_000, output_tokens=1e6, batch=True))
    assert cost == pytest.approx(300_000 * 2.5 * 0.5 / 1e6 + 15 * 0.5)


def test_options_without_batch_api_charge_standard_for_batch_rows() -> None:
    (cost,) = direct_cost(row("claude-x", input_tokens=1e6, batch=True), option="openrouter")
    assert cost == pytest.approx(3.0)


def test_model_without_cache_prices_charges_cached_tokens_as_input_and_warns() -> None:
    costing = cost_usage(records_frame([row("gpt-x-pro", cache_read_tokens=1e6)]), book())
    assert costing.option("direct").list_cost[0] == pytest.approx(30.0)
    assert any("without cache prices" in w for w in costing.warnings)


def test_reasoning_is_informational_output_already_counts_it() -> None:
    (cost,) = direct_cost(row("gpt-x-pro", output_tokens=10_000, reasoning_tokens=8_000))
    assert cost == pytest.approx(10_000 * 180 / 1e6)


def test_per_request_fee_times_requests() -> None:
    priced = book(
        catalog(models=[model("claude-x", "anthropic", "1", "1", per_request_usd="0.01")])
    )
    (cost,) = direct_cost(row("claude-x", input_tokens=1e6, requests=1), price_book=priced)
    assert cost == pytest.approx(1.0 + 0.01)


def test_unknown_models_are_reported_never_zero() -> None:
    costing = cost_usage(
        records_frame(
            [row("acme-omni-7", input_tokens=5)] * 3 + [row("claude-x", input_tokens=1e6)]
        ),
        book(),
    )
    assert costing.unpriced == {"acme-omni-7": 3}
    assert all(math.isnan(x) for x in costing.option("direct").list_cost[:3])
    assert costing.option("direct").token_cost_usd == pytest.approx(3.0)


def test_option_level_unpriced_for_models_it_does_not_sell() -> None:
    costing = cost_usage(records_frame([row("meta/llama-x", input_tokens=1e6)]), book())
    assert costing.unpriced == {}
    assert costing.option("direct").unpriced == {"meta/llama-x": 1}
    assert costing.option("openrouter").token_cost_usd == pytest.approx(0.5)


def test_free_rows_cost_nothing_on_the_aggregator_only() -> None:
    costing = cost_usage(records_frame([row("claude-x", input_tokens=1e6, free=True)]), book())
    assert costing.option("openrouter").token_cost_usd == 0.0
    assert costing.option("direct").token_cost_usd == pytest.approx(3.0)


def test_rows_priced_by_version_in_force_on_their_date() -> None:
    old = catalog("2026-01-01", [sonnet()])
    new = catalog("2026-06-01", [model("claude-x", "anthropic", "2", "10")])
    rows = [
        {
            "timestamp": "2025-12-31T23:59:59Z",
            "model": "claude-x",
            "input_tokens": 1e6,
            "output_tokens": 0,
        },
        {
            "timestamp": "2026-05-31T23:59:59Z",
            "model": "claude-x",
            "input_tokens": 1e6,
            "output_tokens": 0,
        },
        {
            "timestamp": "2026-06-01T00:00:00Z",
            "model": "claude-x",
            "input_tokens": 1e6,
            "output_tokens": 0,
        },
    ]
    costing = cost_usage(records_frame(rows), book(old, new))
    assert list(costing.option("direct").list_cost) == pytest.approx([3.0, 3.0, 2.0])
    assert costing.versions_used == ("2026-01-01", "2026-06-01")
    assert any("1 row dated before every pricing version" in w for w in costing.warnings)
    forced = cost_usage(records_frame(rows), book(old, new), pricing="2026-06-01")
    assert list(forced.option("direct").list_cost) == pytest.approx([2.0, 2.0, 2.0])
    latest = cost_usage(records_frame(rows), book(old, new), pricing="latest")
    assert latest.versions_used == ("2026-06-01",)


def test_tier_cache_price_missing_is_scaled_from_base() -> None:
    m = model(
        "g",
        "google",
        "1",
        "2",
        cache_read="0.1",
        long_context={"threshold_tokens": 10, "input": "2", "output": "3"},
    )
    (cost,) = direct_cost(
        row("g", input_tokens=0, cache_read_tokens=1e6), price_book=book(catalog(models=[m]))
    )
    assert cost == pytest.approx(0.2)  # 0.1 × (2 / 1)


def test_gpt_nocache_fixture_is_sold_direct() -> None:
    assert gpt_nocache().cache_read is None
    assert gemini_pro().long_context is not None
