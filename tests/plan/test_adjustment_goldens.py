"""Option adjustments on a scenario, worked out by hand — not by comparing the fast path with
the engine (they share the adjustment code, so agreeing proves little). Both paths are
checked against the same hand numbers.

Fixture prices: sonnet-x $3 input. One workload: 1,000 requests a day × 10,000 input tokens
= $0.03 a request; a month is 30.4375 days → 30,437.5 requests → $913.125 at list.
Options: ``direct`` charges a 10 % uplift for region ``us``; ``gateway`` is an aggregator
that takes 10 % off list, sells BYOK at 5 % of list spend above $100 a month, and charges a
card fee of 5.5 % (min $0.80) on $100 top-ups.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from model.plan import whatif
from model.plan.projection import project
from model.plan.scenario import ScenarioError, parse_scenario
from pricing.versions import PriceBook
from tests.conftest import SRC, _model, write_pricing_version

LIST = 1000 * (365.25 / 12) * 10_000 * 3 / 1e6  # $913.125 a month

OPTIONS: dict[str, dict[str, Any]] = {
    "direct": {"id": "direct", "kind": "direct", "name": "Direct", "resells": ["anthropic"],
               "regional_uplift": {"us": "0.10"}, "sources": [SRC]},
    "gateway": {
        "id": "gateway", "kind": "aggregator", "name": "Gateway", "resells": ["anthropic"],
        "discount": "0.10",
        "purchase_fees": {"card": {"percent": "0.055", "min_usd": "0.80", "source": SRC}},
        "default_payment": "card", "default_topup_usd": "100",
        "byok": {"percent": "0.05", "free_allowance_usd": "100", "source": SRC},
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> PriceBook:
    root = tmp_path_factory.mktemp("pricing")
    write_pricing_version(root, "2026-11-20", [_model("sonnet-x", "anthropic", "3", "15")], OPTIONS)
    return PriceBook.load(root)


def scenario(**options: dict[str, Any]) -> Any:
    return parse_scenario(
        {"start_month": "2026-12", "horizon_months": 2, "options": options,
         "workloads": [{"name": "w", "model": "sonnet-x", "requests_per_day": 1000,
                        "input_tokens": 10_000}]}
    )  # fmt: skip


def both_paths(s: Any, book: PriceBook, option_id: str) -> list[dict[str, np.ndarray]]:
    """Month 1 of ``option_id`` through the engine and through the fast path."""
    engine = project(s, book).monthly(option_id)
    fast = whatif.evaluate(whatif.compile_scenario(s, book)).option(option_id)
    return [
        {k: engine[f"{k}_usd"].to_numpy() for k in ("token_cost", "discount", "fees", "total")},
        {"token_cost": fast.monthly_token_cost, "discount": fast.monthly_discount,
         "fees": fast.monthly_fees, "total": fast.monthly_total},
    ]  # fmt: skip


def test_regional_uplift_by_hand(book: PriceBook) -> None:
    # us: 913.125 × 1.10 = $1,004.4375 a month on direct; the gateway is untouched.
    assert LIST == pytest.approx(913.125)
    for month in both_paths(scenario(direct={"region": "us"}), book, "direct"):
        np.testing.assert_allclose(month["total"], [1004.4375] * 2, rtol=1e-12)
    plain = both_paths(scenario(), book, "direct")
    np.testing.assert_allclose(plain[0]["total"], [913.125] * 2, rtol=1e-12)


def test_byok_fee_on_list_cost_with_a_discount_by_hand(book: PriceBook) -> None:
    # Token cost after the 10 % discount: 913.125 × 0.9 = $821.8125.
    # BYOK fee on LIST spend above the allowance: 5 % × (913.125 − 100) = $40.65625
    # (on the discounted cost it would be 5 % × 721.8125 = $36.090625).
    # Those credits carry the card fee: 40.65625 × 5.5 % = $2.23609375.
    fee = 0.05 * (913.125 - 100)
    assert fee == pytest.approx(40.65625)
    for month in both_paths(scenario(gateway={"byok": True}), book, "gateway"):
        np.testing.assert_allclose(month["token_cost"], [821.8125] * 2, rtol=1e-12)
        np.testing.assert_allclose(month["discount"], [91.3125] * 2, rtol=1e-12)
        np.testing.assert_allclose(month["fees"], [fee + fee * 0.055] * 2, rtol=1e-12)
        np.testing.assert_allclose(month["total"], [821.8125 + 42.89234375] * 2, rtol=1e-12)


def test_no_byok_pays_the_card_fee_on_discounted_credits(book: PriceBook) -> None:
    # Credits bought = token cost $821.8125; fee 5.5 % = $45.19968750.
    for month in both_paths(scenario(), book, "gateway"):
        np.testing.assert_allclose(month["fees"], [821.8125 * 0.055] * 2, rtol=1e-12)


@pytest.mark.parametrize("region", ["eu", "US", "mars"])
def test_an_unknown_region_is_refused_not_priced(book: PriceBook, region: str) -> None:
    # Refused by name (never priced with no uplift, nor with a guessed one).
    s = scenario(direct={"region": region})
    with pytest.raises(ScenarioError, match=rf"options\.direct\.region: '{region}' .*known: us"):
        project(s, book)
    with pytest.raises(ScenarioError, match=r"options\.direct\.region"):
        whatif.compile_scenario(s, book)


def test_a_region_on_an_option_without_regions_is_refused(book: PriceBook) -> None:
    with pytest.raises(ScenarioError, match=r"options\.gateway\.region: 'us' .*known: none"):
        project(scenario(gateway={"region": "us"}), book)
