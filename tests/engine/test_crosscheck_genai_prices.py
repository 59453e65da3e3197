"""Cross-check against an independent library: for every direct model that genai-prices also
knows, the engine's cost of sampled requests equals ``genai_prices.calc_price`` to 1e-9
relative — except the disagreements listed below, each with its reason. A new disagreement
(or a listed one that disappears) fails the test."""

from __future__ import annotations

import datetime as dt

import pytest
from genai_prices import Usage, calc_price

from model.engine.costing import cost_usage
from model.engine.frame import records_frame
from pricing.versions import PriceBook

VERSION = "2026-11-20"
WHEN = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)

# (uncached input, cache read, cache write 5m, output): plain, cached, writing, long context.
SAMPLES = [
    (3_000, 0, 0, 700),
    (5_000, 40_000, 0, 1_000),
    (2_000, 0, 30_000, 500),
    (250_000, 30_000, 0, 2_000),
    (300_000, 0, 0, 5_000),
]

KNOWN_DISAGREEMENTS = {
    "claude-sonnet-4-5": "genai-prices keeps a >200k tier; Anthropic's first-party API has a 200k "
    "window, so the tier cannot fire there (research/pricing.md, Disagreements; langfuse audit)",
    "claude-sonnet-4-20250514": "we keep litellm 1.98.0's >200k tier of the 1M-context beta; "
    "genai-prices lists no tier for the retired model",
}


def _genai_cost(model_id: str, provider: str, i: int, cr: int, cw: int, o: int) -> float | None:
    # genai-prices counts cache reads and writes *inside* input_tokens (OpenAI convention).
    usage = Usage(
        input_tokens=i + cr + cw, cache_read_tokens=cr, cache_write_tokens=cw, output_tokens=o
    )
    try:
        return float(
            calc_price(
                usage, model_id, provider_id=provider, genai_request_timestamp=WHEN
            ).total_price
        )
    except LookupError:
        return None


def test_engine_agrees_with_genai_prices(bundled_book: PriceBook) -> None:
    catalog = bundled_book.get(VERSION)
    rows, expected = [], []
    for m in catalog.models:
        for i, cr, cw, o in SAMPLES:
            theirs = _genai_cost(m.model_id, m.provider, i, cr, cw, o)
            if theirs is None:
                break  # genai-prices does not know this model
            rows.append(
                {
                    "timestamp": "2026-11-21T00:00:00Z",
                    "model": m.model_id,
                    "input_tokens": i,
                    "cache_read_tokens": cr,
                    "cache_write_5m_tokens": cw,
                    "output_tokens": o,
                }
            )
            expected.append((m.model_id, (i, cr, cw, o), theirs))
    compared_models = {mid for mid, _, _ in expected}
    assert len(compared_models) >= 50, "the cross-check must cover most of the catalog"
    ours = cost_usage(records_frame(rows), bundled_book, pricing=VERSION).option("direct")
    disagree: dict[str, list[str]] = {}
    for (mid, sample, theirs), mine in zip(expected, ours.list_cost, strict=True):
        if mine != pytest.approx(theirs, rel=1e-9, abs=1e-12):
            disagree.setdefault(mid, []).append(f"{sample}: ours {mine:.6f} vs {theirs:.6f}")
    assert set(disagree) == set(KNOWN_DISAGREEMENTS), disagree
