"""Ranges, sensitivity, break-evens and the cheapest option — and the fast evaluator
against the engine on generated scenarios."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.plan import analysis as calc
from model.plan import breakeven, verdict, whatif
from model.plan.projection import project
from model.plan.scenario import parse_scenario
from tests.plan.conftest import DAYS, START, VERSION, with_options, with_workload

CENT = 0.005


def test_ranges_scale_linearly_below_the_cliff(book, preset) -> None:
    # RAG costs are linear in volume and tokens: low = base × 0.75 × 0.85, high × 1.25 × 1.15.
    s = preset("rag-chatbot")
    r = calc.ranges(whatif.compile_scenario(s, book), calc.Uncertainty(volume=0.25, tokens=0.15))
    direct = r[r["option"] == "direct"]
    np.testing.assert_allclose(direct["low"], direct["base"] * 0.75 * 0.85, rtol=1e-12)
    np.testing.assert_allclose(direct["high"], direct["base"] * 1.25 * 1.15, rtol=1e-12)
    assert list(direct["month"]) == list(range(1, 13))


def test_high_range_crosses_the_cliff(book, preset) -> None:
    # A 190k prompt × 1.15 = 218.5k is above 200k: the high case jumps to the tier price.
    s = with_workload(preset("long-context-documents"), input_tokens=190000)
    r = calc.ranges(whatif.compile_scenario(s, book), calc.Uncertainty(volume=0.0, tokens=0.15))
    first = r[(r["option"] == "direct") & (r["month"] == 1)].iloc[0]
    # gemini-3.1-pro-preview: $4 / $18 above the cliff, $2 / $12 below it.
    review_high = 300 * DAYS * (218500 * 4 + 4600 * 18) / 1e6
    follow_high = 900 * DAYS * (2300 * 2 + 920 * 12) / 1e6
    assert first["high"] == pytest.approx(review_high + follow_high, abs=CENT)


def test_sensitivity_volume_swing(book, preset) -> None:
    s = preset("rag-chatbot")
    comp = whatif.compile_scenario(s, book)
    sens = calc.sensitivity(comp, step=0.2)
    row = sens[(sens["option"] == "direct") & sens["assumption"].str.startswith("Requests")]
    base = project(s, book).totals()["direct"] / 12
    assert row["base_usd"].iloc[0] == pytest.approx(base, abs=CENT)
    assert row["swing_usd"].iloc[0] == pytest.approx(0.4 * base, abs=CENT)
    # Sorted by swing within each option; the pooled discount only moves the pooled option.
    for _, group in sens.groupby("option"):
        assert list(group["swing_usd"]) == sorted(group["swing_usd"], reverse=True)
    discount = sens[sens["assumption"].str.contains("discount")]
    assert (discount[discount["option"] != "pooled"]["swing_usd"] == 0).all()
    assert (discount[discount["option"] == "pooled"]["swing_usd"] > 0).all()


def test_pooled_discount_break_even_is_exact(book, preset) -> None:
    # Batch preset: pooled at list = 5,174.375/month (no batch API), direct = 2,845.90625.
    # Break-even d = 1 − 2,845.90625 / 5,174.375 = 0.45 exactly; vs OpenRouter 1 − 1.055.
    s = preset("nightly-batch-summaries")
    found = {b.versus: b for b in breakeven.discount_break_even(whatif.compile_scenario(s, book))}
    assert found["direct"].discount == pytest.approx(0.45, abs=1e-12)
    assert found["openrouter"].discount == pytest.approx(-0.055, abs=1e-12)
    assert found["direct"].current == {"anthropic": 0.2}
    # At that discount both options cost the same, to the cent (through the engine).
    at_break_even = project(with_options(s, pooled={"discount": 0.45}), book).totals()
    assert at_break_even["pooled"] == pytest.approx(at_break_even["direct"], abs=CENT)


def test_topup_break_even(book, preset) -> None:
    s = with_options(preset("rag-chatbot"), openrouter={"topup_usd": 10})
    card = next(
        t for t in breakeven.topup_break_even(whatif.compile_scenario(s, book)) if t.min_usd
    )
    assert card.topup_usd == pytest.approx(0.80 / 0.055)  # $14.55
    assert round(card.topup_usd, 2) == 14.55
    assert card.effective_rate == pytest.approx(0.08)


def test_cache_break_even_from_prices(book, preset) -> None:
    # Sonnet 4.6: input $3, read $0.30, write 5m $3.75, 1h $6.
    # 5m: (3.75 − 3) / (3 − 0.3) = 0.2778 reads per write (hit rate 0.2174); 1h: 3 / 2.7.
    found = breakeven.cache_break_even(whatif.compile_scenario(preset("ide-coding-agent"), book))
    sonnet = {c.ttl: c for c in found if c.model == "claude-sonnet-4-6"}
    assert sonnet["5m"].reads_per_write == pytest.approx(0.75 / 2.7)
    assert sonnet["5m"].hit_rate == pytest.approx(0.75 / 3.45)
    assert sonnet["1h"].reads_per_write == pytest.approx(3 / 2.7)
    assert sonnet["5m"].workload_reads_per_write == pytest.approx(40000 / 4000)
    # GPT-5.4 mini charges writes as input: caching pays from the first read.
    (gpt,) = breakeven.cache_break_even(whatif.compile_scenario(preset("rag-chatbot"), book))
    assert gpt.reads_per_write == 0.0 and "first read" in gpt.note


def test_cheapest_and_by_how_much(book, preset) -> None:
    s = preset("nightly-batch-summaries")
    best = verdict.projection_cheapest(project(s, book))
    assert (best.option, best.runner_up) == ("direct", "pooled")
    assert best.saving_month_usd == pytest.approx(5174.375 * 0.8 - 2845.90625, abs=CENT)
    assert best.saving_total_usd == pytest.approx(12 * (4139.5 - 2845.90625), abs=CENT)


def test_analyze_bundles_everything(book, preset) -> None:
    a = calc.analyze(calc.bench_scenario(preset("ide-coding-agent")), book)
    assert len(a.compiled.scenario.workloads) == 20 and a.base.months == 36
    assert set(a.ranges["option"]) == {"direct", "openrouter", "pooled"}
    assert len(a.ranges) == 3 * 36 and not a.sensitivity.empty


def test_unknown_model_names_the_workload(book, preset) -> None:
    s = with_workload(preset("rag-chatbot"), model="acme-omni-7")
    with pytest.raises(ValueError, match=r"workloads\.0\.model: 'acme-omni-7'"):
        whatif.compile_scenario(s, book)


MODELS = ["claude-sonnet-4-6", "claude-haiku-4-5", "gpt-5.4-mini", "gemini-2.5-pro", "gpt-5-mini"]
tokens = st.floats(min_value=0, max_value=300_000, allow_nan=False)
workload = st.fixed_dictionaries(
    {
        "name": st.just("w"),
        "model": st.sampled_from(MODELS),
        # ≥ 1: an all-zero scenario is a separate case (see test_zero_volume_is_zero_cost).
        "requests_per_day": st.floats(min_value=1, max_value=1e5, allow_nan=False),
        "input_tokens": tokens,
        "cache_read_tokens": tokens,
        "cache_write_5m_tokens": st.floats(min_value=0, max_value=1e4),
        "cache_write_1h_tokens": st.floats(min_value=0, max_value=1e4),
        "output_tokens": st.floats(min_value=0, max_value=3e4),
        "batch_share": st.floats(min_value=0, max_value=1),
    }
)


@given(
    workloads=st.lists(workload, min_size=1, max_size=4),
    growth=st.floats(min_value=-0.2, max_value=0.3),
    horizon=st.integers(min_value=1, max_value=14),
    topup=st.floats(min_value=1, max_value=500),
    byok=st.booleans(),
    discount=st.floats(min_value=0, max_value=0.6),
    region=st.sampled_from([None, "us_inference_geo"]),
)
def test_fast_path_equals_engine_on_generated_scenarios(
    book, workloads, growth, horizon, topup, byok, discount, region
) -> None:
    s = parse_scenario(
        {
            "pricing_version": VERSION,
            "start_month": START,
            "horizon_months": horizon,
            "monthly_growth": growth,
            "workloads": [{**w, "name": f"w{i}"} for i, w in enumerate(workloads)],
            "options": {
                "openrouter": {"topup_usd": topup, "byok": byok},
                "pooled": {"discount": {"anthropic": discount, "google": discount / 2}},
                "direct": {"region": region} if region else {},
            },
        }
    )
    p = project(s, book)
    r = whatif.evaluate(whatif.compile_scenario(s, book))
    for o in r.options:
        engine = p.monthly(o.id)["total_usd"].to_numpy()
        np.testing.assert_allclose(o.monthly_total, engine, rtol=1e-9, atol=1e-6)


def test_zero_volume_is_zero_cost(book, preset) -> None:
    # The fast path prices a workload with no traffic at $0 (the page stops before the
    # engine when every workload has zero requests: see the AppTest).
    s = with_workload(preset("rag-chatbot"), requests_per_day=0)
    r = whatif.evaluate(whatif.compile_scenario(s, book))
    assert all(o.total_usd == 0 for o in r.options)
