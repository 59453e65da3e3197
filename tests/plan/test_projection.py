"""Scenario projection: golden monthly numbers worked out by hand, growth compounding,
batch share, scenario validation naming the key, and agreement with the per-row engine."""

from __future__ import annotations

import pytest

from model.plan.projection import project
from model.plan.scenario import ScenarioError, parse_scenario
from tests.engine.catalogs import book

DAYS = 365.25 / 12  # 30.4375


def scenario(**over: object) -> dict[str, object]:
    base: dict[str, object] = {
        "name": "t",
        "start_month": "2026-12",
        "horizon_months": 3,
        "workloads": [
            {
                "name": "agent",
                "model": "claude-x",
                "requests_per_day": 1000,
                "input_tokens": 6000,
                "cache_read_tokens": 20000,
                "cache_write_5m_tokens": 2000,
                "output_tokens": 800,
            }
        ],
    }
    return base | over


def test_golden_month_one_direct() -> None:
    p = project(parse_scenario(scenario()), book())
    per_request = (6000 * 3 + 20000 * 0.3 + 2000 * 3.75 + 800 * 15) / 1e6  # $0.0435
    month = 1000 * DAYS * per_request  # $1,324.03125
    direct = p.monthly("direct")
    assert direct["total_usd"][0] == pytest.approx(month)
    assert month == pytest.approx(1324.03125)
    # OpenRouter: same tokens, plus 5.5 % card fee on $100 top-ups.
    assert p.monthly("openrouter")["total_usd"][0] == pytest.approx(month * 1.055)
    # Pooled example: 20 % off list.
    assert p.monthly("pooled")["total_usd"][0] == pytest.approx(month * 0.8)


def test_growth_compounds_monthly() -> None:
    p = project(parse_scenario(scenario(monthly_growth=0.05)), book())
    totals = p.monthly("direct")["total_usd"]
    assert totals[1] / totals[0] == pytest.approx(1.05)
    assert totals[2] / totals[0] == pytest.approx(1.05**2)


def test_batch_share_goes_to_batch_prices_on_direct_only() -> None:
    s = scenario(
        workloads=[
            {
                "name": "nightly",
                "model": "claude-x",
                "requests_per_day": 100,
                "input_tokens": 10000,
                "output_tokens": 1000,
                "batch_share": 0.5,
            }
        ]
    )
    p = project(parse_scenario(s), book())
    full = 100 * DAYS * (10000 * 3 + 1000 * 15) / 1e6
    assert p.monthly("direct")["token_cost_usd"][0] == pytest.approx(full * 0.75)
    assert p.monthly("openrouter")["token_cost_usd"][0] == pytest.approx(full)


def test_long_context_workload_priced_at_the_tier() -> None:
    s = scenario(
        workloads=[
            {
                "name": "docs",
                "model": "gemini-x-pro",
                "requests_per_day": 10,
                "input_tokens": 250_000,
                "output_tokens": 2000,
            }
        ]
    )
    p = project(parse_scenario(s), book())
    assert p.monthly("direct")["total_usd"][0] == pytest.approx(10 * DAYS * 0.655)


def test_json_contract_shape() -> None:
    out = project(parse_scenario(scenario()), book()).to_json()
    assert out["pricing_version"] == "by-date"
    assert out["versions_used"] == ["2026-01-01"]
    assert [m["start"] for m in out["months"]] == ["2026-12", "2027-01", "2027-02"]
    assert [m["versions"] for m in out["months"]] == [["2026-01-01"]] * 3
    first = out["months"][0]["options"][0]
    assert set(first) == {"id", "kind", "token_cost_usd", "discount_usd", "fees_usd", "total_usd"}


def test_by_workload_sums_to_total_token_cost() -> None:
    s = scenario(
        workloads=[
            {"name": "a", "model": "claude-x", "requests_per_day": 10, "input_tokens": 100},
            {"name": "b", "model": "gpt-x-pro", "requests_per_day": 5, "output_tokens": 100},
        ]
    )
    p = project(parse_scenario(s), book())
    table = p.by_workload()
    assert table["direct"].sum() == pytest.approx(p.costing.option("direct").token_cost_usd)
    assert table.loc["b", "direct"] == pytest.approx(3 * 5 * DAYS * 100 * 180 / 1e6)


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"colour": "blue"}, "colour: unknown key"),
        ({"horizon_months": 0}, "horizon_months"),
        ({"start_month": "2026-13"}, "start_month"),
        (
            {
                "workloads": [
                    {"name": "x", "model": "claude-x", "requests_per_day": 1, "input_tokens": -5}
                ]
            },
            "workloads.0.input_tokens",
        ),
        (
            {
                "workloads": [
                    {"name": "x", "model": "claude-x", "requests_per_day": 1, "batch_share": 1.5}
                ]
            },
            "workloads.0.batch_share",
        ),
        ({"options": {"pooled": {"discount": 2}}}, "options"),
        ({"options": {"openrouter": {"topup": 5}}}, "topup"),
        ({"requirements": ["hipaa-ish"]}, "requirements"),
    ],
)
def test_invalid_scenarios_name_the_key(patch: dict[str, object], message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        parse_scenario(scenario(**patch))


def test_unknown_model_names_the_workload() -> None:
    s = scenario(workloads=[{"name": "x", "model": "nope", "requests_per_day": 1}])
    with pytest.raises(ScenarioError, match=r"workloads.0.model: 'nope'"):
        project(parse_scenario(s), book())


def test_zero_traffic_costs_nothing_every_month() -> None:
    s = scenario(
        workloads=[
            {"name": "idle", "model": "claude-x", "requests_per_day": 0, "input_tokens": 100}
        ]
    )
    p = project(parse_scenario(s), book())
    assert list(p.monthly("direct")["total_usd"]) == [0.0, 0.0, 0.0]
    assert p.to_json()["months"][2]["options"][1]["total_usd"] == 0.0


def test_empty_usage_frame_costs_nothing() -> None:
    from model.engine.costing import cost_usage
    from model.engine.frame import records_frame

    frame = records_frame(
        [
            {
                "timestamp": "2026-03-01T00:00:00Z",
                "model": "claude-x",
                "input_tokens": 1,
                "output_tokens": 1,
            }
        ]
    ).iloc[:0]
    costing = cost_usage(frame, book())
    assert costing.option("direct").total_usd == 0.0
    assert costing.unpriced == {}
