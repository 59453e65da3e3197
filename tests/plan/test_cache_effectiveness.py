"""The option assumption ``cache_effectiveness`` (DESIGN §5): the share of cacheable tokens
actually read from cache through an option — what a test call's cache probe measures.
Cache reads that miss are charged as uncached input; cache writes stay as stated."""

from __future__ import annotations

import numpy as np
import pytest

from model.plan import whatif
from model.plan.projection import project
from model.plan.scenario import ScenarioError, dump_scenario, parse_scenario
from tests.plan.conftest import DAYS, START, VERSION

CENT = 0.005


def scenario(**options: dict) -> dict:
    return {
        "name": "agent",
        "pricing_version": VERSION,
        "start_month": START,
        "horizon_months": 3,
        "workloads": [
            {
                "name": "agent turns",
                "model": "claude-sonnet-4-6",
                "requests_per_day": 1000,
                "input_tokens": 3000,
                "cache_read_tokens": 40000,
                "cache_write_5m_tokens": 4000,
                "output_tokens": 1200,
            }
        ],
        "options": {"openrouter": {"payment": "card", "topup_usd": 100}, **options},
    }


# claude-sonnet-4-6 at 2026-11-20 ($/MTok): in 3, cache read 0.30, write 5m 3.75, out 15.
# Direct, per request: 3,000×3 + 40,000×0.30 + 4,000×3.75 + 1,200×15
#   = 9,000 + 12,000 + 15,000 + 18,000 = 54,000 → $0.054.
# OpenRouter reading only 25 % from cache: 10,000 read, 30,000 missed → 33,000 input:
#   33,000×3 + 10,000×0.30 + 15,000 + 18,000 = 99,000 + 3,000 + 33,000 = 135,000 → $0.135.
REQUESTS = 1000 * DAYS  # 30,437.5 a month
DIRECT_MONTH = REQUESTS * 0.054  # $1,643.625
OPENROUTER_TOKENS = REQUESTS * 0.135  # $4,109.0625 (2.5 × direct: the caching blow-up)


def test_missed_reads_are_charged_as_input(book) -> None:
    s = parse_scenario(
        scenario(openrouter={"payment": "card", "topup_usd": 100, "cache_effectiveness": 0.25})
    )
    p = project(s, book)
    direct, openrouter = p.monthly("direct").iloc[0], p.monthly("openrouter").iloc[0]
    assert DIRECT_MONTH == pytest.approx(1643.625)
    assert direct.total_usd == pytest.approx(DIRECT_MONTH, abs=CENT)  # untouched: 100 %
    assert openrouter.token_cost_usd == pytest.approx(4109.0625, abs=CENT)
    assert openrouter.fees_usd == pytest.approx(4109.0625 * 0.055, abs=CENT)  # on what is bought
    assert p.monthly("pooled").iloc[0].total_usd == pytest.approx(DIRECT_MONTH * 0.8, abs=CENT)
    assert p.to_json()["cache_effectiveness"] == {"openrouter": 0.25}


def test_no_cache_at_all(book) -> None:
    # 0 %: every read is input: 43,000×3 + 15,000 + 18,000 = 162,000 → $0.162 a request.
    p = project(parse_scenario(scenario(pooled={"cache_effectiveness": 0.0})), book)
    assert p.monthly("pooled").iloc[0].token_cost_usd == pytest.approx(
        REQUESTS * 0.162 * 0.8, abs=CENT
    )


def test_full_effectiveness_changes_nothing(book) -> None:
    plain = project(parse_scenario(scenario()), book).totals()
    full = project(parse_scenario(scenario(direct={"cache_effectiveness": 1.0})), book).totals()
    assert full == pytest.approx(plain)


@pytest.mark.parametrize("share", [0.0, 0.25, 0.5, 0.9])
def test_fast_path_agrees_with_the_engine(book, share: float) -> None:
    s = parse_scenario(
        scenario(
            openrouter={"cache_effectiveness": share}, pooled={"cache_effectiveness": share / 2}
        )
    )
    p = project(s, book)
    r = whatif.evaluate(whatif.compile_scenario(s, book))
    for o in r.options:
        np.testing.assert_allclose(
            p.monthly(o.id)["total_usd"].to_numpy(), o.monthly_total, rtol=1e-9, atol=1e-6
        )
        np.testing.assert_allclose(
            p.by_workload()[o.id].to_numpy(), o.workload_token_cost, rtol=1e-9
        )


def test_any_option_may_carry_it_and_it_round_trips() -> None:
    s = parse_scenario(
        scenario(direct={"cache_effectiveness": 0.97}, acme={"cache_effectiveness": 0.1})
    )
    assert s.cache_effectiveness() == {"direct": 0.97, "acme": 0.1}
    assert parse_scenario(__import__("yaml").safe_load(dump_scenario(s))) == s


@pytest.mark.parametrize("value", [1.5, -0.1, "half", float("nan")])
def test_impossible_values_name_the_key(value: object) -> None:
    with pytest.raises(ScenarioError, match="cache_effectiveness"):
        parse_scenario(scenario(openrouter={"cache_effectiveness": value}))
