"""The Pricing tables page's controls and renderers: the version pair to compare, the
models table, option cards and the diff. Widget keys come from :mod:`pages.ui.state`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model import display
from model.catalog import options as catalog_options
from model.catalog import provenance as catalog_provenance
from model.catalog import view as catalog_view
from pages.ui import formatting, safe, state, widgets
from pricing import Catalog, Option, PriceBook
from pricing.versions import today as today_utc

PRICE = "$%g"  # sprintf-js: $3, $0.075, $1.25 (USD per million tokens)


def version_pair_picker(book: PriceBook) -> tuple[str, str]:
    """Two versions to compare (``old`` defaults to the one before the newest)."""
    choices = list(reversed(book.versions))
    left, right, _ = st.columns([1, 1, 2])
    with left:
        widgets.warn_unknown_version(state.COMPARE_OLD, choices, choices[min(1, len(choices) - 1)])
        old = st.selectbox(
            "Old version",
            choices,
            index=min(1, len(choices) - 1),
            key=state.COMPARE_OLD,
            bind="query-params",
        )
        st.caption(widgets.version_note(book, old))
    with right:
        widgets.warn_unknown_version(state.COMPARE_NEW, choices, choices[0])
        new = st.selectbox(
            "New version",
            choices,
            index=0,
            key=state.COMPARE_NEW,
            bind="query-params",
        )
        st.caption(widgets.version_note(book, new))
    return old, new


def provenance(catalog: Catalog, shown: int | None = None) -> str:
    """One line saying which prices these are."""
    count = len(catalog.models) + len(catalog.unpriced)
    models = (
        f"{shown} of {count} models" if shown is not None and shown != count else f"{count} models"
    )
    return (
        f"Pricing version **{catalog.version}**, in force from {catalog.effective_from:%d %b %Y}"
        f" · {models} · {len(catalog.options)} buying options · USD per million tokens (MTok)"
    )


def freshness(frame: pd.DataFrame) -> None:
    """Say how many of the shown prices rest on a vendor page nobody read lately."""
    flagged = catalog_view.flagged(frame)
    if flagged:
        st.caption(
            f":material/flag: {flagged} of {len(frame)} prices: the vendor's pricing page has not "
            f"been read in the last {catalog_provenance.STALE_AFTER_DAYS} days (or never; the "
            "price rests on the dataset it was imported from). See *Page read* and *Imported "
            "from*. Prices are USD per million tokens."
        )


def models_table(frame: pd.DataFrame) -> None:
    """The list-price table of :func:`model.catalog.view.models_frame`, with each model's
    status and the provenance of its price."""
    money = st.column_config.NumberColumn
    st.dataframe(
        frame,
        hide_index=True,
        placeholder="—",
        column_order=[c for c in catalog_view.MODEL_COLUMNS if c != "deprecated_on"],
        column_config={
            "provider": st.column_config.TextColumn("Vendor", pinned=True),
            "model_id": st.column_config.TextColumn("Model id", pinned=True),
            "display_name": "Name",
            "input": money("Input", format=PRICE, help="USD per million input tokens"),
            "output": money("Output", format=PRICE, help="USD per million output tokens"),
            "cache_read": money("Cache read", format=PRICE, help="Empty: no prompt caching"),
            "cache_write_5m": money("Cache write 5m", format=PRICE),
            "cache_write_1h": money("Cache write 1h", format=PRICE),
            "long_context_threshold": money(
                "Long ctx above",
                format="localized",
                help="Prompt tokens above which every price "
                "of the request switches to the long-context tier",
            ),
            "long_context_input": money("Long ctx input", format=PRICE),
            "long_context_output": money("Long ctx output", format=PRICE),
            "batch_input": money("Batch input", format=PRICE, help="Empty: no batch API"),
            "batch_output": money("Batch output", format=PRICE),
            "context_window": money("Context", format="localized", help="Context window, tokens"),
            "status": st.column_config.TextColumn(
                "Status",
                help="At the vendor today: current, deprecated, retires or retired. "
                "A retired model keeps its last price (old logs need it).",
            ),
            "successor": "Successor",
            "price_from": st.column_config.DateColumn(
                "Price since", format="YYYY-MM-DD", help="Date this price took effect"
            ),
            "caveats": st.column_config.TextColumn(
                "Caveats", width="medium", help="Unverified periods, unconfirmed prices"
            ),
            "source_url": st.column_config.LinkColumn(
                "Pricing page",
                display_text=r"https?://(?:www\.)?([^/]+)",
                help="Where the price comes from: the vendor's pricing page",
            ),
            "dataset": st.column_config.TextColumn(
                "Imported from", help="Dataset the price was imported from (name and version)"
            ),
            "read_on": st.column_config.DateColumn(
                "Page read",
                format="YYYY-MM-DD",
                help="When someone last read the vendor's pricing page (empty: never)",
            ),
            "read_flag": st.column_config.TextColumn(
                "Flag", help="Vendor page not read in the last 60 days"
            ),
            "checked": st.column_config.DateColumn(
                "As of", format="YYYY-MM-DD", help="Date the number is as of"
            ),
            "notes": st.column_config.TextColumn("Notes", width="large"),
            "openrouter_slug": "OpenRouter slug",
        },
    )


#: A source URL rendered as a link only when it is a plain https address (option files may
#: come from anyone's pricing folder): anything else is shown as escaped text.
def option_card(option: Option) -> None:
    """One buying option: its terms, an example label when the numbers are assumptions,
    and its sources with when each page was read. Text from the option file is escaped."""
    with st.container(border=True):
        st.markdown(f"**{safe.md(option.name)}** · {safe.md(option.id)}")
        if option.example:
            st.caption(
                ":orange-badge[example assumption] These numbers are an illustration to "
                "replace with your own quote, not a published price."
            )
        if option.description:
            st.caption(safe.md(option.description, limit=None))
        facts = catalog_options.option_facts(option)
        st.markdown(
            "\n".join(
                f"- {safe.md(label)}: **{safe.md(text, limit=None)}**" for label, text in facts
            )
        )
        sources = catalog_provenance.option_sources(option, today_utc())
        if sources:
            st.caption(
                "Sources (⚑: page not read in the last 60 days): "
                + " · ".join(f"{safe.link(url)} ({safe.md(note)})" for url, note in sources)
            )


#: Reading order of the change summary.
_DIRECTIONS = ("cheaper", "dearer", "new price", "price dropped", "added", "removed")


def diff_summary(old: str, new: str, counts: dict[str, int]) -> str:
    """``From 2026-01-01 to 2026-02-01: 1 price cheaper · 1 dearer · 1 model added``."""
    words = {
        "cheaper": "price{s} cheaper",
        "dearer": "price{s} dearer",
        "new price": "new price{s}",
        "price dropped": "price{s} dropped",
        "added": "model{s} added",
        "removed": "model{s} removed",
    }
    parts = [
        f"{counts[d]} " + words[d].format(s="" if counts[d] == 1 else "s")
        for d in _DIRECTIONS
        if counts.get(d)
    ]
    return f"From **{old}** to **{new}**: " + (" · ".join(parts) or "model prices unchanged")


def _diff_value(field: str, value: float) -> str:
    if field.endswith("threshold_tokens"):
        return formatting.tokens(value)
    if field == "per_request_usd":
        return display.money(value, digits=4) + " /request"
    return formatting.price(value)


def diff_table(frame: pd.DataFrame) -> None:
    """The rows of :func:`model.catalog.view.diff_frame`, as text (prices, thresholds and
    shares mix units)."""
    shown = pd.DataFrame(
        {
            "Change": frame["direction"],
            "Vendor": frame["provider"],
            "Model id": frame["model_id"],
            "Price": frame["field"].map(catalog_view.field_label),
            "Old": [
                _diff_value(f, v) if f else ""
                for f, v in zip(frame["field"], frame["old"], strict=True)
            ],
            "New": [
                _diff_value(f, v) if f else ""
                for f, v in zip(frame["field"], frame["new"], strict=True)
            ],
            "Change %": frame["change"].map(
                lambda x: display.pct(x, signed=True) if pd.notna(x) else ""
            ),
        }
    )
    st.dataframe(shown, hide_index=True)
