"""Figure builders: the traces carry the numbers given, and every figure is valid plotly
(the builders skip validation for speed, so this test does it)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from model.plan import analysis as calc
from model.plan import charts
from model.plan.capacity import check_capacity, load_ratelimits
from model.plan.projection import project
from tests.conftest import DATA


def _valid(fig: go.Figure) -> dict:
    spec = fig.to_dict()
    go.Figure(spec)  # raises on an invalid property
    return spec


def test_every_figure_is_valid_and_carries_the_numbers(book, preset) -> None:
    s = preset("long-context-documents")
    p = project(s, book)
    a = calc.analyze(s, book)
    names = {o.id: o.name for o in p.catalog.options}
    kinds = {o.id: o.kind for o in p.catalog.options}
    monthly = {o: p.monthly(o) for o in names}

    spec = _valid(charts.monthly_spend(monthly, names, kinds, rate=2.0, currency="XYZ"))
    assert [t["name"] for t in spec["data"]] == list(names.values())
    np.testing.assert_allclose(spec["data"][0]["y"], monthly["direct"]["total_usd"] * 2.0)
    assert spec["layout"]["yaxis"]["title"]["text"] == "XYZ per month"

    spec = _valid(charts.monthly_spend(monthly, names, kinds, cumulative=True))
    np.testing.assert_allclose(spec["data"][1]["y"][-1], p.totals()["openrouter"])

    spec = _valid(charts.range_band(a.ranges, p.month_labels, names, kinds))
    assert len(spec["data"]) == 2 * len(names)

    sens = a.sensitivity[a.sensitivity["option"] == "direct"]
    spec = _valid(charts.tornado(sens, "Direct"))
    assert spec["data"][0]["y"][-1] == sens[sens["swing_usd"] > 0]["assumption"].iloc[0]

    limits = load_ratelimits(DATA / "capacity" / "ratelimits.yaml")
    result = check_capacity(p, limits)
    spec = _valid(charts.capacity_timeline({v.name: v.months for v in result}))
    # December on Gemini: $2,000 served (green-red by status), $4,542.54 stacked on top as
    # not served: the bars add up to the month's need, as the page's sentence says.
    served, unmet = spec["data"][0], spec["data"][1]
    first = result[0].months.iloc[0]
    assert served["y"][0] == first["served_usd"] and unmet["base"][0] == first["served_usd"]
    assert served["y"][0] + unmet["y"][0] == pytest.approx(first["need_usd"])
    assert "not served" in unmet["name"] and "Tier 1 → Tier 3" in served["customdata"][0][0]


def test_month_axes_tick_by_month(book, preset) -> None:
    # A three-month horizon on a date axis would get day ticks; every month chart ticks by
    # month and names the month.
    p = project(preset("rag-chatbot", horizon_months=3), book)
    names = {o.id: o.name for o in p.catalog.options}
    kinds = {o.id: o.kind for o in p.catalog.options}
    monthly = {o: p.monthly(o) for o in names}
    for fig in (
        charts.monthly_spend(monthly, names, kinds),
        charts.range_band(calc.analyze(p.scenario, book).ranges, p.month_labels, names, kinds),
    ):
        axis = _valid(fig)["layout"]["xaxis"]
        assert (axis["dtick"], axis["tickformat"]) == ("M1", "%b %Y")
