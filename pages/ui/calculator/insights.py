"""Calculator insights: break-even numbers and the capacity check of new direct accounts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from model.plan import analysis as calc
from model.plan import charts, currency
from model.plan.capacity import (
    RateLimits,
    VendorCapacity,
    check_capacity,
    describe_tier,
    load_ratelimits,
    shortfall,
)
from model.plan.projection import Projection
from model.plan.wording import break_even_lines
from pages.ui import loaders, safe
from pages.ui import scenario_state as ss


def _names(projection: Projection) -> dict[str, str]:
    return {o.id: o.name for o in projection.catalog.options}


@st.cache_resource(show_spinner=False)
def _limits(path: str) -> RateLimits:
    return load_ratelimits(loaders.data_dir() / path)


def break_even(projection: Projection, analysis: calc.Analysis) -> None:
    bold = lambda text: f"**{text}**"  # noqa: E731
    lines = break_even_lines(analysis, _names(projection), strong=bold)
    st.markdown("\n".join(f"- {line}" for line in lines))
    st.caption(
        "Discount break-even is exact: the gateway's total is (1 − discount) × its list cost. "
        "Cache: a prefix written at w and read k times at r costs w + k·r against (1 + k)·p."
    )


def peak_factor() -> float:
    """The peak factor the capacity check uses (its widget lives in the Capacity tab; the
    headline needs the check first, so the value is read from the stored preference)."""
    return float(ss.pref(ss.PEAK))


def check(projection: Projection) -> list[VendorCapacity]:
    """New direct accounts against their tiers (computed once: the headline and the
    Capacity tab read the same result)."""
    return check_capacity(projection, _limits("capacity/ratelimits.yaml"), peak_factor())


__all__ = ["break_even", "capacity", "check", "peak_factor", "shortfall"]


def capacity(result: list[VendorCapacity], rate: currency.FxRate) -> None:
    st.number_input(
        "Peak factor (busiest minute ÷ average minute)",
        min_value=1.0,
        max_value=50.0,
        step=0.5,
        key=ss.PEAK,
    )
    ss.remember(ss.PEAK)
    limits = _limits("capacity/ratelimits.yaml")
    for v in result:
        _vendor_capacity(v, rate)
    if result:
        st.plotly_chart(
            charts.capacity_timeline(
                {v.name: v.months for v in result}, rate=rate.per_usd, currency=rate.currency
            ),
            key="calc_chart_capacity",
        )
    for agg in limits.aggregators:
        st.info(f"**{agg.name}**: {agg.note} ({safe.link(agg.source.url, 'source')}, checked "
                f"{agg.source.checked})")  # fmt: skip
    st.caption(f"Tier data checked {limits.checked}; see each vendor's notes for caveats.")


def _tier(v: VendorCapacity, name: str, *, reach: bool = True) -> str:
    tier = v.tier_named(name)
    return describe_tier(tier, reach=reach) if tier else name


def _vendor_capacity(v: VendorCapacity, rate: currency.FxRate) -> None:
    """One sentence per vendor, read from the same month rows as the chart."""
    m = v.months
    money = lambda usd: currency.money(usd, rate)  # noqa: E731
    problems = v.problems
    moves = m[m["moved_up_day"] > 0]
    path = "; ".join(
        f"it reaches {_tier(v, r.tier)} on day {r.moved_up_day} of {r.start}"
        for r in moves.itertuples()
    )
    start = f"A new account starts in {_tier(v, m['tier_at_start'].iloc[0], reach=False)}"
    if problems.empty:
        if v.fits_new_account:
            line = f"**{v.name}**: fits a new account in every month. {start}."
        else:
            line = (
                f"**{v.name}**: a new account paying as it goes serves every month. {start}; "
                f"{path or 'it never needs more'}, before its cap stops any traffic."
            )
        st.success(safe.money(line))
    else:
        listed = "; ".join(_month_problem(r, money) for r in problems.itertuples())
        need = _tier(v, v.required_tier) if v.required_tier else (
            "a tier above the published ones, or one whose cap is not published")  # fmt: skip
        prepaid = (
            f" An account that prepays reaches it after {v.reach_days_prepaid} days."
            if v.required_tier and v.reach_days_prepaid is not None
            else ""
        )
        st.warning(
            safe.money(
                f"**{v.name}**: a new account paying as it goes would not serve all of it: "
                f"{listed}. {start}" + (f"; {path}" if path else "") + f". The peak month needs "
                f"{need}.{prepaid}"
            )
        )
    with st.expander(f"{v.name}: month by month, tiers, caveats and sources"):
        st.dataframe(m, hide_index=True, width="stretch")
        st.caption(safe.money("Tiers: " + "; ".join(describe_tier(t) for t in v.tiers) + "."))
        st.caption(" ".join(v.notes))
        st.caption(" · ".join(f"{safe.link(s.url)} (checked {s.checked})" for s in v.sources))


def _month_problem(r: Any, money: Callable[[float], str]) -> str:
    parts = []
    if r.capped_days:
        parts.append(f"capped for {r.capped_days} days, {money(r.unmet_usd)} not served")
    if r.throttled_days:
        parts.append(f"throttled at its peak minute on {r.throttled_days} days")
    return f"{r.start} " + " and ".join(parts)
