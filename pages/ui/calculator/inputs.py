"""Calculator inputs: presets, scenario settings, the workloads editor and every option
assumption, each written back to the stored scenario (:mod:`pages.ui.scenario_state`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from model import display
from model.plan.facts import model_facts_by_version
from model.plan.scenario import next_month
from pages.ui import price_notes
from pages.ui import scenario_state as ss
from pricing import Catalog, Option, PriceBook
from pricing.versions import today as today_utc

BY_DATE = "by-date"
VENDORS = {"anthropic": "Anthropic", "openai": "OpenAI", "google": "Google"}


def vendor_name(provider: str) -> str:
    return VENDORS.get(provider, provider.title())


PRICE = "$%g"


def _months_around(today: dt.date) -> list[str]:
    return [f"{today.year + (today.month - 1 + i) // 12}-{(today.month - 1 + i) % 12 + 1:02d}"
            for i in range(-12, 25)]  # fmt: skip


def settings(book: PriceBook) -> None:
    """Pricing version, start month, horizon and growth."""
    s = ss.scenario()
    versions = [BY_DATE, *reversed(book.versions)]
    ss.seed(ss.VERSION, s.get("pricing_version", BY_DATE))
    months = _months_around(today_utc())
    if s.get("start_month") not in months:
        months.append(s.get("start_month") or next_month())
    ss.seed(ss.START, s.get("start_month") or next_month())
    ss.seed(ss.HORIZON, int(s.get("horizon_months", 12)))
    ss.seed(ss.GROWTH, round(100 * float(s.get("monthly_growth", 0.0)), 4))
    a, b, c, d = st.columns(4)
    a.selectbox(
        "Pricing version",
        versions,
        key=ss.VERSION,
        format_func=lambda v: "by date (the version in force each day)" if v == BY_DATE else v,
        help="By date, each day is priced by the version in force that day, so a scheduled "
        "price change inside the horizon applies from its date. Pick a version to price every "
        "month with it.",
    )
    b.selectbox("Start month", sorted(months), key=ss.START)
    c.number_input("Horizon (months)", min_value=1, max_value=120, step=1, key=ss.HORIZON)
    d.number_input(
        "Growth per month (%)",
        min_value=-99.0,
        max_value=1000.0,
        step=1.0,
        key=ss.GROWTH,
        help="Month m has volume × (1 + g)^(m−1).",
    )
    ss.update(
        pricing_version=st.session_state[ss.VERSION],
        start_month=st.session_state[ss.START],
        horizon_months=int(st.session_state[ss.HORIZON]),
        monthly_growth=float(st.session_state[ss.GROWTH]) / 100,
    )


def _model_options(catalog: Catalog, current: list[str]) -> list[str]:
    listed = sorted(catalog.models, key=lambda m: (m.provider, m.model_id))
    ids = [m.model_id for m in listed]
    return ids + [m for m in current if m not in ids]


def workloads_editor(catalog: Catalog) -> pd.DataFrame:
    """The editable workload rows (with the chosen models' prices beside them)."""
    base = ss.editor_base()
    providers = {m.model_id: m.provider for m in catalog.models}
    tokens = st.column_config.NumberColumn
    # A fixed container key gives browser tests a stable handle (the editor's own key
    # changes when a preset remounts it).
    edited = st.container(key="calc_workloads_editor").data_editor(
        base,
        key=ss.editor_key(),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn("Workload", required=True),
            "model": st.column_config.SelectboxColumn(
                "Model",
                options=_model_options(catalog, list(base["model"].dropna())),
                format_func=lambda m: f"{vendor_name(providers.get(m, '?'))} · {m}",
                required=True,
                width="medium",
            ),
            "requests_per_day": tokens("Requests/day", min_value=0, format="localized"),
            "input_tokens": tokens("Uncached input", min_value=0, format="localized",
                                   help="Tokens per request not read from a cache"),
            "cache_read_tokens": tokens("Cache read", min_value=0, format="localized"),
            "cache_write_5m_tokens": tokens("Cache write 5m", min_value=0, format="localized"),
            "cache_write_1h_tokens": tokens("Cache write 1h", min_value=0, format="localized"),
            "output_tokens": tokens("Output", min_value=0, format="localized",
                                    help="Per request, reasoning included"),
            "batch_share": tokens("Batch share", min_value=0.0, max_value=1.0, step=0.05,
                                  format="percent", help="0–1: share of requests sent through a "
                                  "batch API (direct only; others charge standard prices)"),
        },
    )  # fmt: skip
    return edited


@st.cache_resource(show_spinner=False, max_entries=64)
def _facts(
    key: tuple[int, ...],  # noqa: ARG001 - the cache key of _catalogs (underscored: not hashed)
    model_ids: tuple[str, ...],
    _catalogs: tuple[Catalog, ...],
) -> pd.DataFrame:
    return model_facts_by_version(_catalogs, model_ids)


def model_prices(catalogs: tuple[Catalog, ...], model_ids: list[str]) -> None:
    """Context window and prices of the chosen models (USD per million tokens) in the first
    version that prices the scenario, and a row per later version that changes them."""
    facts = _facts(tuple(id(k) for k in catalogs), tuple(model_ids), catalogs).copy()
    if facts.empty:
        return
    # Columns nobody uses (no long-context tier among these models) are dropped; a missing
    # price reads "—" (not offered), never "None" or $0.
    facts = facts.dropna(axis=1, how="all")
    prices = [
        c
        for c in facts.columns
        if c
        not in (
            "version",
            "model",
            "vendor",
            "source",
            "checked",
            "context_tokens",
            "long_context_above",
        )
    ]
    for col in prices:
        facts[col] = facts[col].map(lambda v: "—" if pd.isna(v) else f"${v:g}")
    for col in ("context_tokens", "long_context_above"):
        if col in facts:
            facts[col] = facts[col].map(lambda v: "—" if pd.isna(v) else f"{v:,.0f}")
    facts["vendor"] = facts["vendor"].map(vendor_name)
    st.dataframe(
        facts,
        hide_index=True,
        width="stretch",
        column_config={
            "version": "Version",
            "model": "Model",
            "vendor": "Vendor",
            "context_tokens": "Context (tokens)",
            "input": "Input",
            "cache_read": "Cache read",
            "cache_write_5m": "Write 5m",
            "cache_write_1h": "Write 1h",
            "output": "Output",
            "batch_input": "Batch input",
            "long_context_above": "Long ctx above",
            "long_context_input": "Long ctx input",
            "long_context_output": "Long ctx output",
            "source": st.column_config.LinkColumn(
                "Source", display_text=r"https?://(?:www\.)?([^/]+)"
            ),
            "checked": st.column_config.DateColumn("Checked", format="YYYY-MM-DD"),
        },
    )  # fmt: skip
    versions = " and ".join(k.version for k in catalogs)
    st.caption(
        f"USD per million tokens, pricing version {versions} (a later version's row: its prices "
        "apply from its date). — : not offered. Above the long-context threshold every price of "
        "the request switches tier."
    )


def _aggregator(option: Option, chosen: dict[str, Any]) -> None:
    payments = list(option.purchase_fees)
    pay_key, topup_key, byok_key = (k + option.id for k in (ss.PAYMENT, ss.TOPUP, ss.BYOK))
    ss.seed(pay_key, chosen.get("payment") or option.default_payment or payments[0])
    ss.seed(topup_key, float(chosen.get("topup_usd") or option.default_topup_usd or 100))
    ss.seed(byok_key, bool(chosen.get("byok", False)))
    st.selectbox(
        "Payment method",
        payments,
        key=pay_key,
        format_func=lambda p: f"{p} ({display.pct(option.purchase_fees[p].percent)}"
        + (f", min {display.money(option.purchase_fees[p].min_usd)})"
           if option.purchase_fees[p].min_usd else ")"),
    )  # fmt: skip
    st.number_input("Top-up size (USD)", min_value=1.0, step=10.0, key=topup_key)
    rule = option.purchase_fees[st.session_state[pay_key]]
    if rule.min_usd and rule.percent:
        st.caption(
            f"The {display.money(rule.min_usd)} minimum fee makes top-ups under "
            f"{display.money(rule.min_usd / rule.percent)} dearer than "
            f"{display.pct(rule.percent)}."
        )
    if option.byok is not None:
        st.toggle(
            "BYOK (bring your own vendor keys)",
            key=byok_key,
            help=f"Vendors bill tokens at list; {option.name} charges "
            f"{display.pct(option.byok.percent)} of list spend above "
            f"{display.money(option.byok.free_allowance_usd, digits=0)} a month.",
        )
    ss.set_option(
        option.id,
        payment=st.session_state[pay_key],
        topup_usd=float(st.session_state[topup_key]),
        byok=bool(st.session_state.get(byok_key, False)),
        batch_api=price_notes.beta_batch_toggle(option, chosen),
    )


def _discounted(option: Option, chosen: dict[str, Any]) -> None:
    current = chosen.get("discount")
    values = {}
    label = "your quote — example value" if option.example else "your quote"
    st.caption(f"Discount off list per vendor ({label}).")
    for vendor in option.resells:
        if isinstance(current, dict):
            share = current.get(vendor, 0.0)
        else:
            share = float(option.discount_for(vendor)) if current is None else float(current)
        key = ss.DISCOUNT + vendor
        ss.seed(key, round(100 * share, 4))
        st.number_input(
            f"{vendor_name(vendor)} discount (%)", min_value=0.0, max_value=100.0, step=1.0, key=key
        )
        values[vendor] = float(st.session_state[key]) / 100
    ss.set_option(option.id, discount=values)


def _region(option: Option, chosen: dict[str, Any]) -> None:
    choices = ["", *option.regional_uplift]
    key = ss.REGION + option.id
    ss.seed(key, chosen.get("region") or "")
    st.selectbox(
        "Regional / data-residency processing",
        choices,
        key=key,
        format_func=lambda r: "none (global)" if not r
        else f"{r} (+{display.pct(option.regional_uplift[r])})",
        help="Where the catalog lists an uplift for it (e.g. Anthropic inference_geo, "
        "OpenAI regional processing).",
    )  # fmt: skip
    ss.set_option(option.id, region=st.session_state[key] or None)


def option_assumptions(catalog: Catalog) -> None:
    """One column per option with its editable assumptions."""
    options = ss.scenario().get("options", {})
    for column, option in zip(st.columns(len(catalog.options)), catalog.options, strict=True):
        with column.container(border=True):
            st.markdown(f"**{option.name}**")
            chosen = options.get(option.id, {})
            if option.purchase_fees:
                _aggregator(option, chosen)
            if option.kind == "pooled" or option.discount != 0:
                _discounted(option, chosen)
            if option.regional_uplift:
                _region(option, chosen)
            if option.kind == "direct":
                st.caption("List prices; batch API at the vendor's batch prices.")
            if chosen.get("cache_effectiveness") is not None:
                _cache_effectiveness(option, float(chosen["cache_effectiveness"]))


def _cache_effectiveness(option: Option, share: float) -> None:
    """Shown when set (e.g. carried from a test call's cache probe), with a way back to 100 %."""
    st.caption(
        f"Cache effectiveness {display.pct(share)}: of the workloads' cache reads, the rest "
        "is charged as uncached input (cache writes as stated)."
    )
    st.button(
        "Reset to 100 %",
        key=f"calc_cache_reset_{option.id}",
        on_click=ss.set_option,
        args=(option.id,),
        kwargs={"cache_effectiveness": None},
    )


def model_ids(catalog: Catalog) -> list[str]:
    """Every model id the version prices (list-priced models and option-only ones)."""
    return [m.model_id for m in catalog.models] + [
        m.model_id for o in catalog.options for m in o.models
    ]
