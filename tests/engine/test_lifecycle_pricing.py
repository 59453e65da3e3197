"""Engine side of the 2026-11-30 price data: retired models keep their last price on every
option under every pricing spec; OpenRouter's beta batch API only when the scenario opts in;
a model whose price is not published is unpriced with its reason, never $0.
Arithmetic by hand in each test (USD per million tokens from data/pricing)."""

from __future__ import annotations

import pytest

from model.engine.adjustments import OptionAssumptions
from model.engine.costing import cost_usage
from model.engine.frame import records_frame
from pricing.versions import PriceBook


def _row(model: str, day: str = "2026-12-15", **tokens: float) -> dict[str, object]:
    return {
        "timestamp": f"{day}T12:00:00Z",
        "model": model,
        "input_tokens": 0,
        "output_tokens": 0,
    } | tokens


@pytest.mark.parametrize("spec", ["by-date", "2026-12-01", "today", "latest"])
def test_retired_model_is_priced_at_its_last_price_on_every_option(
    bundled_book: PriceBook, spec: str
) -> None:
    # claude-sonnet-4-5 retired on 2026-11-30; its last price is $3 in / $15 out.
    frame = records_frame(
        [_row("claude-sonnet-4-5", input_tokens=1_000_000, output_tokens=100_000)]
    )
    costing = cost_usage(frame, bundled_book, pricing=spec)
    expected = 1_000_000 * 3 / 1e6 + 100_000 * 15 / 1e6  # $4.50
    assert not costing.unpriced
    assert costing.option("direct").token_cost_usd == pytest.approx(expected)
    assert costing.option("openrouter").token_cost_usd == pytest.approx(expected)
    # the pooled example: 20 % off list → $3.60
    assert costing.option("pooled").token_cost_usd == pytest.approx(expected * 0.8)


def test_openrouter_beta_batch_api_only_when_the_scenario_opts_in(bundled_book: PriceBook) -> None:
    # gpt-5.4: standard $2.50 in, batch $1.25 in (the vendor's per-model batch price);
    # 100k tokens stay below its 272k long-context tier.
    frame = records_frame([_row("gpt-5.4", input_tokens=100_000, batch=True)])
    off = cost_usage(frame, bundled_book)
    on = cost_usage(
        frame,
        bundled_book,
        assumptions={
            "openrouter": OptionAssumptions(batch_api=True),
            "pooled": OptionAssumptions(batch_api=True),  # no batch API at all: no effect
        },
    )
    assert off.option("direct").token_cost_usd == pytest.approx(0.125)  # 100k × $1.25 / 1e6
    assert off.option("openrouter").token_cost_usd == pytest.approx(0.25)  # beta: off by default
    assert on.option("openrouter").token_cost_usd == pytest.approx(0.125)
    # the purchase fee still applies: $0.125 of credits in $100 top-ups at 5.5 % (min $0.80):
    # 0.00125 top-ups × max(5.5 % × $100, $0.80) = 0.00125 × $5.50 = $0.006875
    assert on.option("openrouter").fees_usd == pytest.approx(0.006875)
    assert on.option("pooled").token_cost_usd == pytest.approx(0.25 * 0.8)


def test_unpublished_price_is_unpriced_with_its_reason(bundled_book: PriceBook) -> None:
    frame = records_frame(
        [_row("claude-mythos-5-2", input_tokens=1000), _row("claude-haiku-4-5", input_tokens=1000)]
    )
    costing = cost_usage(frame, bundled_book)
    assert costing.unpriced == {"claude-mythos-5-2": 1}
    assert costing.option("direct").token_cost_usd == pytest.approx(1000 * 1 / 1e6)
    (warning,) = [w for w in costing.warnings if "claude-mythos-5-2" in w]
    assert "price not published" in warning and "unknown models" not in warning
