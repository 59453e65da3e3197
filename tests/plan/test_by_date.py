"""Each day of a scenario priced by the version in force that day (DESIGN §4), worked out by
hand on a fixture pricing folder (so new bundled versions never move these numbers):

- 2026-11-20: flash $0.75 in / $3.75 out (an introductory price), sonnet $3 / $15
- 2027-01-01: flash $1.50 / $7.50 (the step the bundled data has for Gemini 3.6 Flash)
- 2027-02-15: flash $3 / $15 — a step inside February: 14 of its 28 days at each price

A workload of 1,000 requests a day × (2,000 input + 500 output) tokens; a month is
365.25 / 12 = 30.4375 days, so 30,437.5 requests a month:
  2026-11-20: 2,000 × 0.75 + 500 × 3.75 = 3,375 $/MTok·token → $0.003375 a request → $102.7265625
  2027-01-01: $0.00675 a request → $205.453125 a month
  2027-02-15: $0.0135 a request; February = 30,437.5 × (0.00675 × 14/28 + 0.0135 × 14/28)
              = 30,437.5 × 0.010125 = $308.1796875
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from model.plan import analysis as calc
from model.plan import breakeven, verdict, whatif
from model.plan.calendar import describe, pricing_calendar
from model.plan.projection import project
from model.plan.scenario import ScenarioError, parse_scenario
from pricing.versions import PriceBook
from tests.conftest import _model, write_pricing_version

DAYS = 365.25 / 12
REQUESTS = 1000 * DAYS  # 30,437.5 a month
DEC, JAN = 102.7265625, 205.453125
FEB = REQUESTS * (0.00675 * 14 / 28 + 0.0135 * 14 / 28)  # 308.1796875
CENT = 0.005


def flash(inp: str, out: str, cache_read: str) -> dict[str, Any]:
    return _model("flash-x", "google", inp, out, cache_read=cache_read)


def sonnet(cache_write: str = "3.75") -> dict[str, Any]:
    return _model("sonnet-x", "anthropic", "3", "15", cache_read="0.3", cache_write_5m=cache_write)


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> PriceBook:
    root = tmp_path_factory.mktemp("pricing")
    write_pricing_version(root, "2026-11-20", [flash("0.75", "3.75", "0.075"), sonnet()])
    write_pricing_version(root, "2027-01-01", [flash("1.50", "7.50", "0.15"), sonnet()])
    # Sonnet's 5-minute write drops from $3.75 to $3.30: its cache break-even moves.
    write_pricing_version(root, "2027-02-15", [flash("3", "15", "0.3"), sonnet("3.30")])
    return PriceBook.load(root)


def scenario(**over: Any) -> Any:
    data: dict[str, Any] = {
        "name": "step",
        "start_month": "2026-12",
        "horizon_months": 3,
        "workloads": [
            {"name": "chat", "model": "flash-x", "requests_per_day": 1000,
             "input_tokens": 2000, "output_tokens": 500}
        ],
    }  # fmt: skip
    return parse_scenario(data | over)


def test_each_day_priced_by_the_version_in_force(steps: PriceBook) -> None:
    assert DEC == pytest.approx(REQUESTS * 0.003375) and FEB == pytest.approx(308.1796875)
    p = project(scenario(), steps)
    direct = p.monthly("direct")["total_usd"].to_numpy()
    np.testing.assert_allclose(direct, [DEC, JAN, FEB], rtol=0, atol=1e-9)
    # The option adjustments apply on top of each month's price: card fee 5.5 %, pooled −20 %.
    np.testing.assert_allclose(
        p.monthly("openrouter")["total_usd"], np.array([DEC, JAN, FEB]) * 1.055
    )
    np.testing.assert_allclose(p.monthly("pooled")["total_usd"], np.array([DEC, JAN, FEB]) * 0.8)


def test_json_says_which_versions_priced_which_months(steps: PriceBook) -> None:
    out = project(scenario(), steps).to_json()
    assert out["pricing_version"] == "by-date"
    assert out["versions_used"] == ["2026-11-20", "2027-01-01", "2027-02-15"]
    assert [m["versions"] for m in out["months"]] == [
        ["2026-11-20"],
        ["2027-01-01"],
        ["2027-01-01", "2027-02-15"],
    ]
    assert describe(pricing_calendar(scenario(), steps)) == [
        "2026-11-20 for 2026-12",
        "2027-01-01 for 2027-01 … 2027-02 (part)",
        "2027-02-15 for 2027-02 from the 15th",
    ]


@pytest.mark.parametrize(
    ("spec", "per_request", "version"),
    [("2026-11-20", 0.003375, "2026-11-20"), ("latest", 0.0135, "2027-02-15"),
     ("today", 0.00675, "2027-01-01")],
    ids=["a version id", "latest", "today"],
)  # fmt: skip
def test_a_pinned_version_prices_every_month(
    steps: PriceBook, monkeypatch: pytest.MonkeyPatch, spec: str, per_request: float, version: str
) -> None:
    # "today" names the version in force on today's date: 2027-01-20 here.
    monkeypatch.setattr("pricing.versions.today", lambda: dt.date(2027, 1, 20))
    p = project(scenario(pricing_version=spec), steps)
    np.testing.assert_allclose(p.monthly("direct")["total_usd"], [REQUESTS * per_request] * 3)
    out = p.to_json()
    assert out["pricing_version"] == version and out["versions_used"] == [version]
    assert all(m["versions"] == [version] for m in out["months"])


def test_fast_path_agrees_with_the_engine_across_steps(steps: PriceBook) -> None:
    s = scenario(
        monthly_growth=0.07,
        horizon_months=4,
        workloads=[
            {"name": "chat", "model": "flash-x", "requests_per_day": 1000, "input_tokens": 2000,
             "cache_read_tokens": 9000, "output_tokens": 500, "batch_share": 0.3},
            {"name": "agent", "model": "sonnet-x", "requests_per_day": 70, "input_tokens": 800,
             "cache_read_tokens": 30000, "cache_write_5m_tokens": 3000, "output_tokens": 900},
        ],
        options={"openrouter": {"topup_usd": 10}, "pooled": {"discount": {"google": 0.3}}},
    )  # fmt: skip
    p = project(s, steps)
    fast = whatif.evaluate(whatif.compile_scenario(s, steps))
    for o in fast.options:
        m = p.monthly(o.id)
        np.testing.assert_allclose(m["token_cost_usd"], o.monthly_token_cost, rtol=1e-12)
        np.testing.assert_allclose(m["fees_usd"], o.monthly_fees, rtol=1e-12)
        np.testing.assert_allclose(
            p.by_workload()[o.id].to_numpy(), o.workload_token_cost, rtol=1e-12
        )


def test_a_step_inside_a_month_moves_ranges_and_break_evens(steps: PriceBook) -> None:
    s = scenario()
    comp = whatif.compile_scenario(s, steps)
    # Ranges are linear below the cliff: the base line is the by-date projection.
    r = calc.ranges(comp, calc.Uncertainty(volume=0.5, tokens=0.0))
    direct = r[r["option"] == "direct"]
    np.testing.assert_allclose(direct["base"], [DEC, JAN, FEB])
    np.testing.assert_allclose(direct["high"], np.array([DEC, JAN, FEB]) * 1.5)
    # Pooled vs direct: the discount at which they cost the same is 0 (no fees on either);
    # vs OpenRouter 1 − 1.055 (cheaper even above list), whatever the steps.
    found = {b.versus: b.discount for b in breakeven.discount_break_even(comp)}
    assert found["direct"] == pytest.approx(0.0, abs=1e-12)
    assert found["openrouter"] == pytest.approx(-0.055, abs=1e-12)


def test_cache_break_even_names_the_versions_it_holds_for(steps: PriceBook) -> None:
    # Sonnet: input $3, read $0.30; 5m write $3.75 → (3.75 − 3) / 2.7 = 0.2778 reads per
    # write under the first two versions, $3.30 → 0.30 / 2.7 = 0.1111 from 2027-02-15.
    s = scenario(
        workloads=[{"name": "agent", "model": "sonnet-x", "requests_per_day": 10,
                    "input_tokens": 100, "cache_read_tokens": 900, "cache_write_5m_tokens": 100}]
    )  # fmt: skip
    found = breakeven.cache_break_even(whatif.compile_scenario(s, steps))
    by_versions = {c.versions: c for c in found if c.ttl == "5m"}
    assert by_versions[("2026-11-20", "2027-01-01")].reads_per_write == pytest.approx(0.75 / 2.7)
    assert by_versions[("2027-02-15",)].reads_per_write == pytest.approx(0.30 / 2.7)


def test_days_before_every_version_use_the_oldest_and_say_so(steps: PriceBook) -> None:
    # October (31 days) and 1–19 November (19 days) predate 2026-11-20: 50 days.
    p = project(scenario(start_month="2026-10"), steps)
    assert p.warnings == [
        "50 days of the horizon predate every pricing version; priced with the oldest (2026-11-20)"
    ]
    np.testing.assert_allclose(p.monthly("direct")["total_usd"], [DEC, DEC, DEC])


def test_months_far_ahead_are_priced_by_the_newest_version(steps: PriceBook) -> None:
    # 2099 is after today and after every version: priced by the newest, not an error.
    p = project(scenario(start_month="2099-01"), steps)
    np.testing.assert_allclose(p.monthly("direct")["total_usd"], [REQUESTS * 0.0135] * 3)
    assert p.to_json()["versions_used"] == ["2027-02-15"]


def test_a_model_missing_from_a_later_version_is_named(tmp_path: Path) -> None:
    write_pricing_version(tmp_path, "2026-11-20", [flash("0.75", "3.75", "0.075"), sonnet()])
    write_pricing_version(tmp_path, "2027-01-01", [sonnet()])
    book = PriceBook.load(tmp_path)
    with pytest.raises(
        ScenarioError,
        match=r"workloads\.0\.model: 'flash-x' is not in pricing version 2027-01-01, "
        r"which prices 2027-01 … 2027-02",
    ):
        project(scenario(), book)
    with pytest.raises(ScenarioError, match="2027-01-01"):
        whatif.compile_scenario(scenario(), book)
    # Pinned to the version that has it, the scenario prices.
    assert project(scenario(pricing_version="2026-11-20"), book).totals()["direct"] > 0


def test_an_unknown_pricing_version_names_the_key(steps: PriceBook) -> None:
    with pytest.raises(ScenarioError, match=r"pricing_version: unknown pricing version '2031"):
        project(scenario(pricing_version="2031-01-01"), steps)


def test_option_an_unknown_option_is_named(steps: PriceBook) -> None:
    with pytest.raises(ScenarioError, match=r"options\.gatewaze: no such option"):
        project(scenario(options={"gatewaze": {"discount": 0.1}}), steps)


def test_project_json_verdict(steps: PriceBook) -> None:
    out = verdict.project_json(project(scenario(), steps))
    total = DEC + JAN + FEB
    assert out["cheapest"]["option"] == "pooled" and out["cheapest"]["runner_up"] == "direct"
    assert out["cheapest"]["saving_total_usd"] == pytest.approx(0.2 * total)
    assert out["cheapest"]["example_discount"] is True
    assert out["comparable"]["workloads"] == ["chat"] and out["comparable"]["left_out"] == []
