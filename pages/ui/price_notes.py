"""What the price data says about the models a page prices: lifecycle warnings (retired or
retiring, with the date and the successor), prices not published, the date of OpenRouter's
own catalog, and OpenRouter's beta batch API switch.

Shared by the calculator and the upload page: each calls one function here, so the same
facts read the same everywhere (the words come from :mod:`pricing.lifecycle`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import streamlit as st

from model.plan.scenario import Scenario
from pages.ui import safe
from pages.ui import scenario_state as ss
from pricing import Catalog, Option, PriceBook
from pricing.lifecycle import lifecycle_warnings
from pricing.versions import today as today_utc


def _months(first: dt.date, last: dt.date) -> str:
    """``2026-12 … 2027-11`` (or one month)."""
    a, b = f"{first:%Y-%m}", f"{last:%Y-%m}"
    return a if a == b else f"{a} … {b}"


def _own_catalog_dates(catalogs: Iterable[Catalog], model_ids: set[str]) -> dict[str, dt.date]:
    """Option name → as-of date of its own catalog, for the models of ``model_ids`` it
    alone sells (OpenRouter's open models, priced from its /models API)."""
    out: dict[str, dt.date] = {}
    for catalog in catalogs:
        for option in catalog.options:
            days = [m.source.checked for m in option.models if m.model_id in model_ids]
            if days:
                out[option.name] = min(days)
    return out


def model_notes(
    book: PriceBook,
    model_ids: Iterable[str],
    start: dt.date,
    end: dt.date,
    *,
    horizon: bool = False,
) -> None:
    """Warnings for ``model_ids`` used from ``start`` to ``end``, plus the date of any
    option's own catalog that prices them. For a calculator ``horizon`` the warning names
    the months priced at a retired model's last price."""
    ids = set(model_ids)
    for w in lifecycle_warnings(book.catalogs, ids, start, end):
        text = safe.md(w.message, limit=None)
        if horizon and w.kind in ("retired", "retiring") and w.day is not None:
            months = _months(max(w.day, start), end)
            text += f" Months of this horizon priced at its last price: {months}."
        st.warning(text, icon=":material/event_busy:")
    for name, day in _own_catalog_dates(book.catalogs, ids).items():
        st.caption(
            f"Models only {safe.md(name)} sells are priced from its own models list as of "
            f"{day} (the newest snapshot in the data)."
        )


def workload_notes(book: PriceBook, scenario: Scenario) -> None:
    """:func:`model_notes` for a calculator scenario over its horizon."""
    start = scenario.start
    # the horizon's last day: the day before the month after its last month
    year, month = divmod(start.month - 1 + scenario.horizon_months, 12)
    end = dt.date(start.year + year, month + 1, 1) - dt.timedelta(days=1)
    model_notes(book, (w.model for w in scenario.workloads), start, end, horizon=True)


def log_notes(book: PriceBook, summary: dict[str, Any], today: dt.date | None = None) -> None:
    """:func:`model_notes` for a re-priced log (its DESIGN §5 summary): the models in it that
    are retired, or retire within a year of today (a projection of the log would use them)."""
    ids = [*(summary.get("models") or {}), *(summary.get("unpriced") or {})]
    if not ids:
        return
    today = today or today_utc()
    model_notes(book, ids, today, today + dt.timedelta(days=365))


def beta_batch_toggle(option: Option, chosen: dict[str, Any]) -> bool | None:
    """A switch for an option's beta batch API (off by default), with a note that it exists;
    None when the option has no beta batch API."""
    beta = option.beta_batch_api
    if beta is None:
        return None
    key = ss.BATCH_API + option.id
    ss.seed(key, bool(chosen.get("batch_api", False)))
    st.toggle(
        "Use its beta batch API",
        key=key,
        help=safe.md(beta.terms, limit=None),
    )
    st.caption(
        f"{safe.md(option.name)} documents a batch API in beta since {beta.since} (typically "
        "half price). Off by default; on, batch-share traffic pays the vendors' per-model "
        "batch prices plus the purchase fee."
    )
    return bool(st.session_state[key])
