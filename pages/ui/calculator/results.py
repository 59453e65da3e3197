"""Calculator results: cached engine runs and the renderers of every result block.

The base numbers come from :func:`model.plan.projection.project` (the engine the CLI uses), so
the page and ``python -m model project`` agree to the cent; ranges, the tornado and the
break-evens come from :mod:`model.plan.analysis`'s fast path.
"""

from __future__ import annotations

import json

import streamlit as st

from model.display import formula_safe
from model.plan import analysis as calc
from model.plan import charts, currency, verdict
from model.plan.projection import Projection, project
from model.plan.scenario import Scenario
from pages.ui import fx, safe, scenario_files
from pages.ui import scenario_state as ss
from pricing import PriceBook

# --- computation (cached per scenario; objects are immutable, so shared, not copied) -----


@st.cache_resource(show_spinner=False, max_entries=32)
def _project(text: str, book_id: int, _book: PriceBook) -> Projection:  # noqa: ARG001
    return project(Scenario.model_validate_json(text), _book)


@st.cache_resource(show_spinner=False, max_entries=32)
def _analyze(
    text: str,
    book_id: int,  # noqa: ARG001 - the cache key of _book (underscored: not hashed)
    _book: PriceBook,
    u: tuple[float, float, float],
) -> calc.Analysis:
    return calc.analyze(Scenario.model_validate_json(text), _book, calc.Uncertainty(*u))


def compute(
    scenario: Scenario, book: PriceBook, u: calc.Uncertainty
) -> tuple[Projection, calc.Analysis]:
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True)
    # Plain tuples as cache keys: hashing a dataclass costs a deep copy on every rerun.
    key = (u.volume, u.tokens, u.sensitivity)
    return _project(text, id(book), book), _analyze(text, id(book), book, key)


# --- analysis settings -----------------------------------------------------------------


def uncertainty() -> calc.Uncertainty:
    a, b, c = st.columns(3)
    for col, key, label in (
        (a, ss.UNC_VOLUME, "Uncertainty on volume (± %)"),
        (b, ss.UNC_TOKENS, "Uncertainty on tokens per request (± %)"),
        (c, ss.SENS_STEP, "Tornado step (± %)"),
    ):
        ss.pref(key)
        col.number_input(label, min_value=0, max_value=90, step=5, key=key)
        ss.remember(key)
    return calc.Uncertainty(
        volume=st.session_state[ss.UNC_VOLUME] / 100,
        tokens=st.session_state[ss.UNC_TOKENS] / 100,
        sensitivity=st.session_state[ss.SENS_STEP] / 100,
    )


def fx_rate() -> currency.FxRate:
    """Currency picker (the scenario's ``currency``); the rate and its date beside it."""
    table = fx.rate_table()
    a, b, c = st.columns([1, 1, 2])
    ss.seed(ss.CURRENCY, ss.scenario().get("currency", "USD"))
    a.selectbox("Currency", currency.CURRENCIES, key=ss.CURRENCY)
    code = st.session_state[ss.CURRENCY]
    if code != ss.scenario().get("currency"):
        ss.update(currency=code)
    rate = table.rate(code)
    if code != "USD":
        ss.pref(ss.FX_CUSTOM)
        b.toggle("Use my own rate", key=ss.FX_CUSTOM)
        ss.remember(ss.FX_CUSTOM)
        if st.session_state[ss.FX_CUSTOM]:
            if st.session_state[ss.PREFS].get(fx.CUSTOM_FOR) != code:
                st.session_state[ss.FX_RATE] = round(rate.per_usd, 4)
            ss.pref(ss.FX_RATE)
            b.number_input(f"{code} per USD", min_value=0.0001, format="%.4f", key=ss.FX_RATE)
            ss.remember(ss.FX_RATE)
            st.session_state[ss.PREFS][fx.CUSTOM_FOR] = code
    rate = fx.current_rate()
    source = safe.link(rate.source, "ECB") if rate.source.startswith("http") else rate.source
    c.caption(f"{rate.label}. Computed in USD, converted for display only. Source: {source}.")
    return rate


# --- results -----------------------------------------------------------------------------


def option_names(projection: Projection) -> tuple[dict[str, str], dict[str, str]]:
    """Option names and kinds by id."""
    opts = projection.catalog.options
    return {o.id: o.name for o in opts}, {o.id: o.kind for o in opts}


def spend_charts(projection: Projection, rate: currency.FxRate) -> None:
    names, kinds = option_names(projection)
    monthly = {o.id: projection.monthly(o.id) for o in projection.costing.options}
    left, right = st.columns(2)
    left.plotly_chart(
        charts.monthly_spend(monthly, names, kinds, rate=rate.per_usd, currency=rate.currency),
        key="calc_chart_monthly",
    )
    right.plotly_chart(
        charts.monthly_spend(
            monthly, names, kinds, rate=rate.per_usd, currency=rate.currency, cumulative=True
        ),
        key="calc_chart_cumulative",
    )


def itemized(projection: Projection, rate: currency.FxRate) -> None:
    names, _ = option_names(projection)
    frame = calc.itemized(projection)
    # Workload names are the user's: the table's CSV download must not carry a formula.
    frame["item"] = frame["item"].map(formula_safe)
    money_cols = ["list_usd", "discount_usd", "token_cost_usd", "fees_usd", "total_usd"]
    frame[money_cols] = frame[money_cols] * rate.per_usd
    frame["option"] = frame["option"].map(names)
    fmt = "%,.0f" if rate.currency in currency.NO_DECIMALS else "%,.2f"
    money = lambda label: st.column_config.NumberColumn(label, format=fmt)  # noqa: E731
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            "option": "Option",
            "item": "Workload / fee",
            "list_usd": money(f"List ({rate.currency})"),
            "discount_usd": money("Discount"),
            "token_cost_usd": money("Token cost"),
            "fees_usd": money("Fees"),
            "total_usd": money("Total"),
        },
    )
    st.caption(
        f"Over the whole horizon ({projection.scenario.horizon_months} months), in "
        f"{rate.currency}. Token cost = list − discount; fees are charged per credit purchase."
    )


def ranges(projection: Projection, analysis: calc.Analysis, rate: currency.FxRate) -> None:
    names, kinds = option_names(projection)
    st.plotly_chart(
        charts.range_band(
            analysis.ranges,
            projection.month_labels,
            names,
            kinds,
            rate=rate.per_usd,
            currency=rate.currency,
        ),
        key="calc_chart_range",
    )


def tornado(projection: Projection, analysis: calc.Analysis, rate: currency.FxRate) -> None:
    names, _ = option_names(projection)
    ids = list(names)
    best = verdict.projection_cheapest(projection).option
    ss.seed(ss.TORNADO_OPTION, best if best in ids else ids[0])
    st.segmented_control("Option", ids, key=ss.TORNADO_OPTION, format_func=names.get)
    chosen = st.session_state[ss.TORNADO_OPTION] or best
    sens = analysis.sensitivity[analysis.sensitivity["option"] == chosen]
    st.plotly_chart(
        charts.tornado(sens, names[chosen], rate=rate.per_usd, currency=rate.currency),
        key="calc_chart_tornado",
    )


def download(scenario: Scenario) -> None:
    scenario_files.download(
        scenario,
        key="calc_download",
        label="Download scenario (YAML)",
        help="Run `python -m model project scenario.yaml --json` on it for the same numbers.",
    )
