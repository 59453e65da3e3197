"""Property tests (hypothesis) for the cost engine: DESIGN §4 invariants, and agreement with
an exact Decimal reference to 1e-9 relative."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.engine.costing import cost_usage
from model.engine.frame import records_frame
from tests.engine.catalogs import book, gemini_pro, gpt_nocache, sonnet
from tests.engine.decimal_reference import reference_cost

MODELS = {m.model_id: m for m in (sonnet(), gemini_pro(), gpt_nocache())}
BOOK = book()
token = st.integers(min_value=0, max_value=400_000)


@st.composite
def requests(draw: st.DrawFn) -> dict[str, object]:
    return {
        "timestamp": "2026-03-01T00:00:00Z",
        "model": draw(st.sampled_from(sorted(MODELS))),
        "input_tokens": draw(token),
        "cache_read_tokens": draw(token),
        "cache_write_5m_tokens": draw(token),
        "cache_write_1h_tokens": draw(token),
        "output_tokens": draw(token),
        "batch": draw(st.booleans()),
    }


def costs(rows: list[dict[str, object]], option: str = "direct") -> np.ndarray:
    return cost_usage(records_frame(rows), BOOK).option(option).list_cost


@given(st.lists(requests(), min_size=1, max_size=30))
def test_matches_exact_decimal_reference(rows: list[dict[str, object]]) -> None:
    got = costs(rows)
    for r, value in zip(rows, got, strict=True):
        exact = reference_cost(
            MODELS[str(r["model"])],
            input_tokens=int(r["input_tokens"]),  # type: ignore[call-overload]
            cache_read=int(r["cache_read_tokens"]),  # type: ignore[call-overload]
            cw5=int(r["cache_write_5m_tokens"]),  # type: ignore[call-overload]
            cw1h=int(r["cache_write_1h_tokens"]),  # type: ignore[call-overload]
            output=int(r["output_tokens"]),  # type: ignore[call-overload]
            batch=bool(r["batch"]),
        )
        assert value == pytest.approx(float(exact), rel=1e-9, abs=1e-15)


@given(st.lists(requests(), min_size=1, max_size=30))
def test_never_negative(rows: list[dict[str, object]]) -> None:
    costing = cost_usage(records_frame(rows), BOOK)
    for o in costing.options:
        assert (o.list_cost >= 0).all()
        assert o.total_usd >= 0


@given(requests())
def test_batch_never_dearer_than_standard(r: dict[str, object]) -> None:
    standard, batch = costs([r | {"batch": False}, r | {"batch": True}])
    assert batch <= standard + 1e-12


@given(requests(), st.integers(min_value=2, max_value=50))
def test_linear_in_tokens_within_a_tier(r: dict[str, object], k: int) -> None:
    # As a bucket with the same band, k requests' worth of tokens cost k times one.
    one = r | {"requests": 1}
    (single,) = costs([one])
    threshold = 200_000
    prompt = sum(
        int(r[c])
        for c in (
            "input_tokens",
            "cache_read_tokens",  # type: ignore[call-overload]
            "cache_write_5m_tokens",
            "cache_write_1h_tokens",
        )
    )
    scaled = {
        c: int(r[c]) * k
        for c in (
            "input_tokens",
            "cache_read_tokens",  # type: ignore[call-overload]
            "cache_write_5m_tokens",
            "cache_write_1h_tokens",
            "output_tokens",
        )
    }
    band = r["model"] == "gemini-x-pro" and prompt > threshold
    (bucket,) = costs([r | scaled | {"requests": k, "long_context": band}])
    assert bucket == pytest.approx(k * single, rel=1e-9, abs=1e-15)


@given(st.integers(min_value=0, max_value=150_000), st.integers(min_value=0, max_value=10_000))
def test_cliff_switches_exactly_above_threshold(cache_read: int, output: int) -> None:
    def at(prompt: int) -> float:
        (value,) = costs(
            [
                {
                    "timestamp": "2026-03-01T00:00:00Z",
                    "model": "gemini-x-pro",
                    "input_tokens": prompt - cache_read,
                    "cache_read_tokens": cache_read,
                    "output_tokens": output,
                }
            ]
        )
        return float(value)

    base = (200_000 - cache_read) * 1.25 + cache_read * 0.125 + output * 10
    tier = (200_001 - cache_read) * 2.5 + cache_read * 0.25 + output * 15
    assert at(200_000) == pytest.approx(base / 1e6, rel=1e-12)
    assert at(200_001) == pytest.approx(tier / 1e6, rel=1e-12)


@settings(max_examples=25)
@given(st.lists(requests(), min_size=1, max_size=20), st.floats(min_value=0, max_value=1))
def test_pooled_discount_is_exactly_list_minus_token_cost(
    rows: list[dict[str, object]], discount: float
) -> None:
    from model.engine.adjustments import OptionAssumptions

    costing = cost_usage(
        records_frame(rows), BOOK, assumptions={"pooled": OptionAssumptions(discount=discount)}
    )
    pooled, direct = costing.option("pooled"), costing.option("openrouter")
    listed = float(np.nansum(direct.list_cost))
    assert pooled.token_cost_usd == pytest.approx(listed * (1 - discount), rel=1e-9, abs=1e-12)
    assert pooled.discount_usd == pytest.approx(listed * discount, rel=1e-9, abs=1e-12)


def test_fixture_dates_are_sane() -> None:
    assert BOOK.in_force(dt.date(2026, 3, 1)).version == "2026-01-01"
