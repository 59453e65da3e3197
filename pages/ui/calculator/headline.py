"""The calculator's verdict: the cheapest option compared like with like, what it rests on
(workloads left out, new direct accounts' caps) said next to it, each option's average
month, and which pricing versions priced which months."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st

from model.plan import currency, verdict
from model.plan.calendar import describe
from model.plan.capacity import Shortfall
from model.plan.projection import Projection
from pages.ui import safe
from pages.ui.calculator.results import option_names
from pages.ui.formatting import source_links
from pricing.specs import BY_DATE


def headline(projection: Projection, rate: currency.FxRate, short: Shortfall | None) -> None:
    """The cheapest option (compared like with like) and by how much; next to it, what it
    rests on: workloads left out of the comparison and new direct accounts' caps. Then each
    option's average month, labelled as one."""
    names, kinds = option_names(projection)
    best = verdict.projection_cheapest(projection)
    n = projection.scenario.horizon_months
    money = lambda usd: currency.money(usd, rate)  # noqa: E731
    workloads = projection.scenario.workloads
    if best.option is None:
        st.warning(
            "No workload can be priced by every option, so no option is named cheapest: "
            "each total below covers only the workloads that option sells.",
            icon=":material/balance:",
        )
    else:
        if best.runner_up:
            line = (
                f"**Cheapest: {names[best.option]}**, saving "
                f"**{money(best.saving_month_usd)}/month** on average vs {names[best.runner_up]} "
                f"({money(best.saving_total_usd)} over {n} months)."
            )
        else:
            line = f"**Cheapest: {names[best.option]}** (the only option)."
        if best.partial:
            line += (
                f" Compared on the {len(best.workloads)} of {len(workloads)} workloads every "
                "option sells."
            )
        if verdict.example_discount(projection, best.option):
            line += " Its discount is an example value: enter your own quote above."
        st.success(safe.money(line), icon=":material/savings:")
    for w in best.left_out:
        sellers = [o for o in names if o not in _unsold_by(projection, w)]
        cost = projection.by_workload().iloc[w]
        where = ", ".join(f"{money(float(cost[o]))} through {names[o]}" for o in sellers)
        st.warning(
            safe.money(
                f"Workload “{safe.md(workloads[w].name)}” ({safe.md(workloads[w].model)}) is left "
                f"out of the comparison: {', '.join(names[o] for o in _unsold_by(projection, w))} "
                f"cannot sell it. Over the horizon it costs {where or 'nothing priced'}."
            )
        )
    if short is not None:
        _capacity_note(projection, best, short, names, kinds, money)
    totals = projection.totals()
    first = {o.id: float(o.monthly_total[0]) for o in projection.costing.options}
    for column, o in zip(st.columns(len(totals)), projection.costing.options, strict=True):
        column.metric(
            f"{names[o.id]} · average month",
            f"{money(totals[o.id] / n)}/mo",
            help=f"The horizon's total ÷ {n} months. Month 1: {money(first[o.id])}; "
            f"month {n}: {money(float(o.monthly_total[-1]))}; total {money(totals[o.id])}"
            + ("; covers only the workloads it sells" if o.unpriced else ""),
        )


def _unsold_by(projection: Projection, workload: int) -> list[str]:
    rows = projection.workload_index == workload
    return [o.id for o in projection.costing.options if np.isnan(o.list_cost[rows]).any()]


def _capacity_note(
    projection: Projection,
    best: verdict.Cheapest,
    short: Shortfall,
    names: dict[str, str],
    kinds: dict[str, str],
    money: Callable[[float], str],
) -> None:
    """A capped or throttled new direct account, said next to the headline: it changes the
    answer when direct is the cheapest."""
    what = []
    if short.capped_days:
        what.append(f"capped for {short.capped_days} days ({money(short.unmet_usd)} not served)")
    if short.throttled_days:
        what.append(f"throttled at its peak on {short.throttled_days} days")
    months = ", ".join(short.months[:3]) + (" …" if len(short.months) > 3 else "")
    problem = (
        f"a new {' and '.join(short.vendors)} account would be {' and '.join(what)} in {months} "
        "(see the Capacity tab)"
    )
    if best.option is not None and kinds.get(best.option) == "direct":
        others = [o for o in best.comparable if kinds.get(o) != "direct"]
        alt = (
            f" Without that limit, the cheapest is {names[others[0]]} at "
            f"{money(best.totals[others[0]] / projection.scenario.horizon_months)}/mo on average."
            if others
            else ""
        )
        st.warning(
            safe.money(f"{names[best.option]} is cheapest only once your accounts are in the "
                       f"tier this needs: {problem}.{alt}"),
            icon=":material/speed:",
        )  # fmt: skip
    else:
        direct = next((names[o] for o, k in kinds.items() if k == "direct"), "Direct")
        st.info(
            safe.money(f"{direct}'s figures assume accounts in the tier this needs: {problem}.")
        )


def provenance(projection: Projection) -> None:
    """Which versions priced which months, the days per month, and the sources."""
    cat = projection.catalog
    sources = sorted({s.url for o in cat.options for s in o.sources})
    spans = "; ".join(describe(projection.calendar))
    how = (
        "by date (each day by the version in force)"
        if projection.calendar.pricing == BY_DATE
        else "pinned"
    )
    st.caption(
        f"Prices {how}: {spans} · fees and discounts as of {cat.version} · "
        f"{projection.scenario.days_per_month:g} days/month · sources: " + source_links(sources)
    )
    for warning in projection.warnings:
        st.warning(safe.md(warning, limit=400))
