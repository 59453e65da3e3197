"""Hypothesis strategies: valid DESIGN §5 scenarios (every key, bounds included) and the
record of versions that priced their months."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from model.plan.currency import CURRENCIES
from model.plan.scenario import MORE_REQUIREMENTS, RATINGS, REQUIREMENTS, WEIGHT_GROUPS

VENDORS = ("anthropic", "openai", "google")
MODELS = ("claude-sonnet-4-5", "gpt-5.4", "gemini-2.5-pro", "gpt-4o")
# User text as people type it, hostile markup included.
texts = st.text(min_size=1, max_size=40) | st.sampled_from(
    ["<img src=x onerror=alert(1)>", "**bold** [x](javascript:alert(1))", "équipe plateforme"]
)
counts = st.floats(0, 1e9, allow_nan=False) | st.integers(0, 10**9).map(float)
shares = st.floats(0, 1, allow_nan=False)

workloads = st.fixed_dictionaries(
    {"name": texts, "model": st.sampled_from(MODELS), "requests_per_day": counts},
    optional={
        "input_tokens": counts,
        "cache_read_tokens": counts,
        "cache_write_5m_tokens": counts,
        "cache_write_1h_tokens": counts,
        "output_tokens": counts,
        "batch_share": shares,
    },
)
options = st.fixed_dictionaries(
    {},
    optional={
        "openrouter": st.fixed_dictionaries(
            {},
            optional={
                "payment": st.sampled_from(["card", "crypto"]),
                "topup_usd": st.floats(1, 1e6),
                "byok": st.booleans(),
            },
        ),
        "pooled": st.fixed_dictionaries(
            {},
            optional={
                "discount": shares | st.dictionaries(st.sampled_from(VENDORS), shares, min_size=1)
            },
        ),
        "direct": st.fixed_dictionaries({}, optional={"region": st.sampled_from(["us", "eu"])}),
    },
)
overrides = st.lists(
    st.fixed_dictionaries(
        {
            "option": st.sampled_from(["direct", "openrouter", "pooled"]),
            "criterion": st.sampled_from(REQUIREMENTS),
            "rating": st.sampled_from(RATINGS),
        },
        optional={"note": st.text(max_size=80)},
    ),
    max_size=4,
    unique_by=lambda o: (o["option"], o["criterion"]),
)
weights = st.dictionaries(st.sampled_from(WEIGHT_GROUPS), st.floats(0, 1e6)).filter(
    lambda w: not w or any(v > 0 for v in w.values())
)
months = st.tuples(st.integers(2000, 2199), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}")


@st.composite
def scenarios(draw: Any) -> dict[str, Any]:
    """A valid scenario mapping with every key the schema knows."""
    data = {
        "name": draw(texts),
        "pricing_version": draw(st.sampled_from(["by-date", "latest", "today", "2026-11-20"])),
        "start_month": draw(months),
        "days_per_month": draw(st.floats(1, 31)),
        "horizon_months": draw(st.integers(1, 120)),
        "monthly_growth": draw(st.floats(-0.99, 10)),
        "workloads": draw(st.lists(workloads, min_size=1, max_size=5)),
        "options": draw(options),
        "currency": draw(st.sampled_from(CURRENCIES)),
        "requirements": draw(
            st.lists(st.sampled_from(REQUIREMENTS + MORE_REQUIREMENTS), unique=True, max_size=5)
        ),
        "weights": draw(weights),
        "overrides": draw(overrides),
    }
    return data


version_ids = st.dates().map(lambda d: d.isoformat()).filter(lambda v: len(v) == 10)


@st.composite
def priced_by(draw: Any, horizon: int) -> list[list[str]]:
    """Per month, one or two versions (a step inside the month), oldest first."""
    return [sorted(draw(st.sets(version_ids, min_size=1, max_size=2))) for _ in range(horizon)]
