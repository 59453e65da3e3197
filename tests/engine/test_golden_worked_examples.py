"""The worked examples of research/pricing.md §(c), priced by the engine on the bundled
catalog (version 2026-11-20), with the arithmetic written out in each test."""

from __future__ import annotations

import pytest

from model.engine.costing import cost_usage
from model.engine.frame import records_frame
from pricing.versions import PriceBook

VERSION = "2026-11-20"


def direct(book: PriceBook, model_id: str, **tokens: float) -> float:
    row = {
        "timestamp": "2026-11-21T00:00:00Z",
        "model": model_id,
        "input_tokens": 0,
        "output_tokens": 0,
    } | tokens
    costing = cost_usage(records_frame([row]), book, pricing=VERSION)
    assert not costing.unpriced, costing.unpriced
    return float(costing.option("direct").list_cost[0])


def test_1_gemini_25_pro_cliff_whole_request(bundled_book: PriceBook) -> None:
    # 250,000 prompt tokens > 200k: all at $2.50 in / $15 out.
    expected = 250_000 * 2.50 / 1e6 + 2_000 * 15 / 1e6
    assert expected == pytest.approx(0.655)
    got = direct(bundled_book, "gemini-2.5-pro", input_tokens=250_000, output_tokens=2_000)
    assert got == pytest.approx(expected, rel=1e-12)
    wrong_marginal = 200_000 * 1.25 / 1e6 + 50_000 * 2.50 / 1e6 + 2_000 * 10 / 1e6  # $0.395
    assert got != pytest.approx(wrong_marginal)


def test_1_gpt_54_above_272k(bundled_book: PriceBook) -> None:
    expected = 300_000 * 5 / 1e6 + 5_000 * 22.50 / 1e6
    assert expected == pytest.approx(1.6125)
    got = direct(bundled_book, "gpt-5.4", input_tokens=300_000, output_tokens=5_000)
    assert got == pytest.approx(expected, rel=1e-12)


def test_3_sonnet_46_cache_write_then_read(bundled_book: PriceBook) -> None:
    write = 2_000 * 3 / 1e6 + 50_000 * 3.75 / 1e6 + 1_000 * 15 / 1e6
    read = 2_000 * 3 / 1e6 + 50_000 * 0.30 / 1e6 + 1_000 * 15 / 1e6
    assert (write, read) == (pytest.approx(0.2085), pytest.approx(0.036))
    assert direct(
        bundled_book,
        "claude-sonnet-4-6",
        input_tokens=2_000,
        cache_write_5m_tokens=50_000,
        output_tokens=1_000,
    ) == pytest.approx(write)
    assert direct(
        bundled_book,
        "claude-sonnet-4-6",
        input_tokens=2_000,
        cache_read_tokens=50_000,
        output_tokens=1_000,
    ) == pytest.approx(read)


def test_4_one_hour_write_is_2x_input(bundled_book: PriceBook) -> None:
    # Sonnet 4.5: 1-hour write $6/MTok (2 × $3); pricing it at 1.25× under-reports by 37.5 %.
    one_hour = direct(bundled_book, "claude-sonnet-4-5", cache_write_1h_tokens=1_000_000)
    five_min = direct(bundled_book, "claude-sonnet-4-5", cache_write_5m_tokens=1_000_000)
    assert (one_hour, five_min) == (pytest.approx(6.0), pytest.approx(3.75))
    assert 1 - five_min / one_hour == pytest.approx(0.375)


def test_5_reasoning_inside_output_o3(bundled_book: PriceBook) -> None:
    # 10,000 completion tokens of which 8,000 reasoning: 10k × $8, not 18k.
    got = direct(bundled_book, "o3", output_tokens=10_000, reasoning_tokens=8_000)
    assert got == pytest.approx(10_000 * 8 / 1e6)


def test_5_gemini_thoughts_added_to_output(bundled_book: PriceBook) -> None:
    # 500 candidates + 3,000 thoughts = 3,500 output tokens × $2.50 (readers add thoughts).
    got = direct(bundled_book, "gemini-2.5-flash", output_tokens=500 + 3_000)
    assert got == pytest.approx(0.00875)


def test_6_batch_halves_input_and_output(bundled_book: PriceBook) -> None:
    got = direct(
        bundled_book,
        "claude-sonnet-4-5",
        input_tokens=1e6,
        output_tokens=1e6,
        cache_read_tokens=1e6,
        batch=True,
    )
    assert got == pytest.approx(1.5 + 7.5 + 0.15)


def test_sonnet_45_has_no_first_party_tier(bundled_book: PriceBook) -> None:
    # research/pricing.md disagreements: flat on Anthropic's API (200k window).
    got = direct(bundled_book, "claude-sonnet-4-5", input_tokens=250_000)
    assert got == pytest.approx(250_000 * 3 / 1e6)


def test_gemini_4_argon_step_between_versions(bundled_book: PriceBook) -> None:
    """The audit's step: $2/MTok input through 2026-11-30, $4/MTok from 2026-12-01."""
    row = {
        "timestamp": "2026-11-30T23:00:00Z",
        "model": "gemini-4-argon",
        "input_tokens": 100_000,
        "output_tokens": 0,
    }
    before = cost_usage(records_frame([row]), bundled_book, pricing="2026-11-20")
    after = cost_usage(records_frame([row]), bundled_book, pricing="2026-12-01")
    by_date = cost_usage(records_frame([row]), bundled_book)
    assert before.option("direct").token_cost_usd == pytest.approx(0.2)  # 100k × $2 / 1e6
    assert after.option("direct").token_cost_usd == pytest.approx(0.4)  # 100k × $4 / 1e6
    assert by_date.option("direct").token_cost_usd == pytest.approx(0.2)  # its day: 11-30
    row["timestamp"] = "2026-12-01T00:00:00Z"
    assert cost_usage(records_frame([row]), bundled_book).option(
        "direct"
    ).token_cost_usd == pytest.approx(0.4)


def test_gpt_56_sol_promotion_from_2026_08_21(bundled_book: PriceBook) -> None:
    row = {
        "timestamp": "2026-09-01T00:00:00Z",
        "model": "gpt-5.6-sol",
        "input_tokens": 100_000,
        "output_tokens": 0,
    }  # below the 272k tier
    first = cost_usage(records_frame([row]), bundled_book, pricing="2026-08-22")
    assert first.option("direct").token_cost_usd == pytest.approx(0.4)  # 100k × $4 / 1e6
