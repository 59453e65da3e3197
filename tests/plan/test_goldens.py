"""Golden monthly numbers for two presets, worked out by hand from the bundled 2026-11-20
prices (USD per million tokens), and the rules they exercise: growth compounding, the
purchase-fee minimum per top-up, the pooled discount, batch share, the long-context cliff.

Every month has 365.25 / 12 = 30.4375 days.
"""

from __future__ import annotations

import numpy as np
import pytest

from model.plan import whatif
from model.plan.projection import project
from tests.plan.conftest import DAYS, with_options, with_workload

CENT = 0.005

# RAG chatbot: gpt-5.4-mini at $0.75 input, $0.075 cache read, $4.50 output.
# Per request: 4,000 × 0.75 + 1,500 × 0.075 + 350 × 4.5 = 4,687.5 $/MTok-token → $0.0046875.
RAG_PER_REQUEST = (4000 * 0.75 + 1500 * 0.075 + 350 * 4.5) / 1e6
RAG_MONTH_1 = 5000 * DAYS * RAG_PER_REQUEST  # 152,187.5 requests → $713.37890625

# Nightly batch: claude-haiku-4-5, $1 / $5 standard, $0.50 / $2.50 batch; 90 % batched.
HAIKU_STD = (6000 * 1 + 500 * 5) / 1e6  # $0.0085
HAIKU_BATCH = (6000 * 0.5 + 500 * 2.5) / 1e6  # $0.00425
BATCH_REQUESTS = 20000 * DAYS  # 608,750 a month


def test_rag_month_one_by_hand(book, preset) -> None:
    assert RAG_MONTH_1 == pytest.approx(713.37890625, abs=1e-9)
    p = project(preset("rag-chatbot"), book)
    m1 = {o: p.monthly(o).iloc[0] for o in ("direct", "openrouter", "pooled")}
    assert m1["direct"].total_usd == pytest.approx(713.37890625, abs=CENT)
    # OpenRouter passes list price through; card fee 5.5 % on $100 top-ups ($5.50 ≥ $0.80).
    assert m1["openrouter"].token_cost_usd == pytest.approx(713.37890625, abs=CENT)
    assert m1["openrouter"].fees_usd == pytest.approx(713.37890625 * 0.055, abs=CENT)
    assert m1["openrouter"].total_usd == pytest.approx(752.614746, abs=CENT)
    # Pooled example: 20 % off list, no fee.
    assert m1["pooled"].total_usd == pytest.approx(570.703125, abs=CENT)
    assert m1["pooled"].discount_usd == pytest.approx(142.67578125, abs=CENT)


def test_growth_compounds_monthly(book, preset) -> None:
    # 3 % a month: month m = month 1 × 1.03^(m − 1); month 12 = 713.3789 × 1.03^11 = 987.49.
    p = project(preset("rag-chatbot"), book)
    direct = p.monthly("direct")["total_usd"].to_numpy()
    expected = RAG_MONTH_1 * 1.03 ** np.arange(12)
    np.testing.assert_allclose(direct, expected, rtol=0, atol=CENT)
    assert direct[11] == pytest.approx(987.49, abs=0.01)
    assert p.totals()["direct"] == pytest.approx(RAG_MONTH_1 * (1.03**12 - 1) / 0.03, abs=CENT)


def test_batch_preset_by_hand(book, preset) -> None:
    p = project(preset("nightly-batch-summaries"), book)
    direct = 0.1 * BATCH_REQUESTS * HAIKU_STD + 0.9 * BATCH_REQUESTS * HAIKU_BATCH
    assert direct == pytest.approx(2845.90625)  # 517.4375 standard + 2,328.46875 batch
    # The pooled example has no batch API and OpenRouter's beta one is off by default: all at
    # standard prices.
    standard = BATCH_REQUESTS * HAIKU_STD  # 5,174.375
    months = {o: p.monthly(o)["total_usd"].to_numpy() for o in ("direct", "openrouter", "pooled")}
    np.testing.assert_allclose(months["direct"], direct, atol=CENT)
    np.testing.assert_allclose(months["openrouter"], standard * 1.055, atol=CENT)  # 5,458.97
    np.testing.assert_allclose(months["pooled"], standard * 0.8, atol=CENT)  # 4,139.50


@pytest.mark.parametrize(
    ("share", "expected"),
    [(0.0, BATCH_REQUESTS * HAIKU_STD), (0.5, BATCH_REQUESTS * (HAIKU_STD + HAIKU_BATCH) / 2),
     (1.0, BATCH_REQUESTS * HAIKU_BATCH)],
    ids=["none", "half", "all"],
)  # fmt: skip
def test_batch_share_moves_direct_only(book, preset, share: float, expected: float) -> None:
    s = with_workload(preset("nightly-batch-summaries"), batch_share=share)
    p = project(s, book)
    assert p.monthly("direct")["total_usd"].iloc[0] == pytest.approx(expected, abs=CENT)
    assert p.monthly("pooled")["total_usd"].iloc[0] == pytest.approx(
        BATCH_REQUESTS * HAIKU_STD * 0.8, abs=CENT
    )


@pytest.mark.parametrize(
    ("topup", "rate"),
    [(10.0, 0.08), (14.0, 0.8 / 14), (100.0, 0.055), (1000.0, 0.055)],
    ids=["$10: min fee", "$14: min fee", "$100", "$1000"],
)
def test_fee_minimum_per_topup(book, preset, topup: float, rate: float) -> None:
    # Fee per top-up = max(5.5 % × size, $0.80); $10 top-ups pay $0.80 each = 8 %.
    s = with_options(preset("nightly-batch-summaries"), openrouter={"topup_usd": topup})
    m1 = project(s, book).monthly("openrouter").iloc[0]
    assert m1.fees_usd == pytest.approx(BATCH_REQUESTS * HAIKU_STD * rate, abs=CENT)


def test_crypto_has_no_minimum(book, preset) -> None:
    s = with_options(
        preset("nightly-batch-summaries"), openrouter={"payment": "crypto", "topup_usd": 5}
    )
    m1 = project(s, book).monthly("openrouter").iloc[0]
    assert m1.fees_usd == pytest.approx(5174.375 * 0.05, abs=CENT)


def test_pooled_discount_per_vendor(book, preset) -> None:
    # A quote of 35 % off Anthropic only: Haiku traffic pays 65 % of list.
    s = with_options(preset("nightly-batch-summaries"), pooled={"discount": {"anthropic": 0.35}})
    m1 = project(s, book).monthly("pooled").iloc[0]
    assert m1.total_usd == pytest.approx(5174.375 * 0.65, abs=CENT)
    assert m1.discount_usd == pytest.approx(5174.375 * 0.35, abs=CENT)


def test_long_context_cliff(book, preset) -> None:
    # gemini-3.1-pro-preview above 200k prompt tokens: the whole request at $4 / $18.
    # 250k in + 4k out = (250,000 × 4 + 4,000 × 18) / 1e6 = $1.072 a review; follow-ups
    # below the cliff at $2 / $12: (2,000 × 2 + 800 × 12) / 1e6 = $0.0136.
    # Month 1: 300 × 30.4375 × 1.072 = 9,788.70 plus 900 × 30.4375 × 0.0136 = 372.555.
    p = project(preset("long-context-documents"), book)
    month_1 = 300 * DAYS * 1.072 + 900 * DAYS * (2000 * 2 + 800 * 12) / 1e6
    assert month_1 == pytest.approx(10161.255)
    assert p.monthly("direct")["total_usd"].iloc[0] == pytest.approx(month_1, abs=CENT)
    # Exactly at the threshold stays in the base tier: (200,000 × 2 + 4,000 × 12) / 1e6
    # = $0.448 a review → 9,131.25 × 0.448 + 372.555 = 4,463.355.
    below = with_workload(preset("long-context-documents"), input_tokens=200000)
    cheaper = project(below, book).monthly("direct")["total_usd"].iloc[0]
    assert cheaper == pytest.approx(
        300 * DAYS * (200000 * 2 + 4000 * 12) / 1e6 + 900 * DAYS * 0.0136, abs=CENT
    )
    assert cheaper == pytest.approx(4463.355, abs=CENT)


@pytest.mark.parametrize(
    "preset_id",
    ["ide-coding-agent", "rag-chatbot", "nightly-batch-summaries", "long-context-documents"],
)
def test_fast_path_matches_the_engine(book, preset, preset_id: str) -> None:
    """The what-if evaluator and project() agree to the cent, month by month, item by item."""
    s = preset(preset_id)
    p = project(s, book)
    r = whatif.evaluate(whatif.compile_scenario(s, book))
    for o in r.options:
        m = p.monthly(o.id)
        for col, fast in (
            ("token_cost_usd", o.monthly_token_cost),
            ("discount_usd", o.monthly_discount),
            ("fees_usd", o.monthly_fees),
            ("total_usd", o.monthly_total),
        ):
            np.testing.assert_allclose(m[col].to_numpy(), fast, rtol=1e-9, atol=1e-6)
