"""Calculator insights: break-even numbers and the capacity check of new direct accounts."""

from __future__ import annotations

import streamlit as st

from model import display
from model.plan import analysis as calc
from model.plan import charts, currency
from model.plan.capacity import RateLimits, VendorCapacity, check_capacity, load_ratelimits
from model.plan.projection import Projection
from pages.ui import formatting, loaders
from pages.ui import scenario_state as ss


def _names(projection: Projection) -> dict[str, str]:
    return {o.id: o.name for o in projection.catalog.options}


@st.cache_resource(show_spinner=False)
def _limits(path: str) -> RateLimits:
    return load_ratelimits(loaders.data_dir() / path)


def break_even(projection: Projection, analysis: calc.Analysis) -> None:
    names = _names(projection)
    lines = []
    for d in analysis.discount_break_even:
        now = ", ".join(f"{v} {formatting.pct(s)}" for v, s in d.current.items())
        if abs(d.discount) < 1e-9:
            verdict = "costs the same at list price; any discount makes it cheaper"
        elif d.discount < 0:
            verdict = (
                f"cheaper at any discount — even {formatting.pct(-d.discount, digits=2)} above list"
            )
        elif d.discount >= 1:
            verdict = "never cheaper"
        else:
            verdict = (
                f"cheaper from a uniform discount of **{formatting.pct(d.discount, digits=2)}**"
            )
        lines.append(f"- {names[d.option]} vs {names[d.versus]}: {verdict} (yours: {now}).")
    for t in analysis.topup_break_even:
        if t.min_usd:
            lines.append(
                f"- {names[t.option]} {t.payment} fee: top-ups above "
                f"**{display.money(t.topup_usd)}** pay {formatting.pct(t.percent)}; "
                f"yours ({display.money(t.chosen_topup_usd)}) "
                f"pay {formatting.pct(t.effective_rate, digits=2)}."
            )
    for c in analysis.cache_break_even:
        own = (
            f"; your workloads read each write ≈{c.workload_reads_per_write:.1f}×"
            if c.workload_reads_per_write is not None
            else ""
        )
        if c.note:
            lines.append(f"- {c.model} cache: {c.note}{own}.")
        else:
            lines.append(
                f"- {c.model} {c.ttl} cache: pays after **{c.reads_per_write:.2f} reads per "
                f"write** (hit rate {formatting.pct(c.hit_rate)}){own}."
            )
    st.markdown("\n".join(lines))
    st.caption(
        "Discount break-even is exact: the gateway's total is (1 − discount) × its list cost. "
        "Cache: a prefix written at w and read k times at r costs w + k·r against (1 + k)·p."
    )


def capacity(projection: Projection, rate: currency.FxRate) -> None:
    ss.pref(ss.PEAK)
    st.number_input(
        "Peak factor (busiest minute ÷ average minute)",
        min_value=1.0,
        max_value=50.0,
        step=0.5,
        key=ss.PEAK,
    )
    ss.remember(ss.PEAK)
    limits = _limits("capacity/ratelimits.yaml")
    result = check_capacity(projection, limits, float(st.session_state[ss.PEAK]))
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
        st.info(f"**{agg.name}**: {agg.note} ([source]({agg.source.url}), checked "
                f"{agg.source.checked})")  # fmt: skip
    st.caption(f"Tier data checked {limits.checked}; see each vendor's notes for caveats.")


def _vendor_capacity(v: VendorCapacity, rate: currency.FxRate) -> None:
    m = v.months
    problems = m[m["status"].isin(["capped", "throttled"])]
    peak = m.loc[m["need_usd"].idxmax()]
    money = lambda usd: currency.money(usd, rate)  # noqa: E731
    if v.fits_new_account:
        st.success(f"**{v.name}**: fits a new account ({v.entry_tier}) in every month.")
    else:
        need = (
            f"**{v.required_tier}**"
            if v.required_tier
            else ("a tier above the published ones, or one whose cap is not published")
        )
        if v.required_tier and v.reach_days_prepaid is not None:
            need += f" (reachable after {v.reach_days_prepaid} days if you prepay its threshold"
            need += (
                f"; day {v.reach_days_organic} paying as you go)"
                if v.reach_days_organic is not None
                else ")"
            )
        listed = "; ".join(
            f"{r.start} {r.status}"
            + (
                f" for {r.capped_days} days, {money(r.unmet_usd)} not served"
                if r.capped_days
                else ""
            )
            for r in problems.itertuples()
        )
        st.warning(
            f"**{v.name}**: does not fit a new account. It starts in {v.entry_tier}; the peak "
            f"month ({peak['start']}) needs {money(peak['need_usd'])}, so it needs {need}. "
            + (f"A new account paying as it goes would be: {listed}." if listed else
               "Paying as it goes, it moves up before it is capped.")
        )  # fmt: skip
    with st.expander(f"{v.name}: month by month, caveats and sources"):
        st.dataframe(m, hide_index=True, width="stretch")
        st.caption(" ".join(v.notes))
        st.caption(" · ".join(f"[{s.url}]({s.url}) (checked {s.checked})" for s in v.sources))
