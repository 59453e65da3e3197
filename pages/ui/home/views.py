"""The home page: what Gatewise answers, where to start, and what the price data says today.

The three ways to buy are worded as the founding comparison puts them (its TL;DR), so the
first screen says what the rest of the app weighs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, NamedTuple

import pandas as pd
import streamlit as st

from model.catalog.news import PriceNews, VersionChange
from pages.ui import formatting, widgets

PAGES_DIR: Final = Path(__file__).resolve().parents[2]

#: (kind, one line) — the founding article's TL;DR, one line each.
WAYS_TO_BUY: Final = (
    (
        "Direct API",
        "Most control and compliance (enterprise contracts, SLA, BAA, day-zero models); "
        "one account, key and bill per vendor.",
    ),
    (
        "Aggregator (OpenRouter)",
        "The widest model catalog through one OpenAI-compatible key, at roughly list price "
        "plus a platform fee.",
    ),
    (
        "Pooled gateway",
        "One key for Claude, GPT and Gemini, pay-as-you-go with per-request logging, often "
        "below list — an independent third party you evaluate on trust.",
    ),
)


class Start(NamedTuple):
    page: str
    need: str
    label: str
    icon: str


#: Where a user starts, by what they have; a page that does not exist yet is not offered.
STARTS: Final = (
    Start("calculator", "I know my workload", "Cost calculator", ":material/calculate:"),
    Start("upload", "I have a usage export", "Re-price a log", ":material/upload_file:"),
    Start("scorecard", "I must weigh compliance and trust", "Scorecard", ":material/balance:"),
    Start("test_call", "I want to try an endpoint", "Test call", ":material/bolt:"),
    Start("report", "I must convince a colleague", "Report", ":material/description:"),
)


def ways_to_buy() -> None:
    for column, (kind, line) in zip(st.columns(len(WAYS_TO_BUY)), WAYS_TO_BUY, strict=True):
        with column.container(border=True):
            st.markdown(f"**{kind}**")
            st.caption(line)


def where_to_start() -> None:
    starts = [s for s in STARTS if (PAGES_DIR / f"{s.page}.py").is_file()]
    for column, start in zip(st.columns(len(starts)), starts, strict=True):
        with column.container(border=True):
            st.caption(start.need)
            widgets.page_link(start.page, start.label, start.icon)


def _move(old: float, new: float) -> str:
    return "—" if pd.isna(old) else f"{formatting.price(old)} → {formatting.price(new)}"


def _change_table(change: VersionChange, rows: int) -> None:
    table = change.by_model.head(rows)
    spread = zip(table["change_min"], table["change_max"], strict=True)
    st.dataframe(
        pd.DataFrame(
            {
                "Model": table["model_id"],
                "Input (per MTok)": list(map(_move, table["input_old"], table["input_new"])),
                "Output (per MTok)": list(map(_move, table["output_old"], table["output_new"])),
                "Change": [f"{a:+.0%}" if a == b else f"{a:+.0%} to {b:+.0%}" for a, b in spread],
                "Prices changed": [", ".join(f) for f in table["fields"]],
            }
        ),
        hide_index=True,
    )
    if len(change.by_model) > rows:
        st.caption(f"… and {len(change.by_model) - rows} more models on the Pricing tables page.")


def price_data(news: PriceNews, *, rows: int = 6) -> None:
    """The version in force today and the latest changes, newest first."""
    st.markdown(
        f"Prices in force today: version **{news.today}** (since "
        f"{news.today_from:%d %b %Y}). Every number in the app says which version priced it."
    )
    for change in news.recent:
        when = "from" if change.scheduled else "since"
        head = f"**{change.version}** ({'scheduled, ' if change.scheduled else ''}{when} "
        head += f"{change.effective_from:%d %b %Y}) against {change.previous}: "
        parts = [
            f"{formatting.count(n, 'price')} {k}"
            for k in ("cheaper", "dearer")
            if (n := change.counts.get(k))
        ]
        parts += [f"{formatting.count(len(change.added), 'model')} added"] if change.added else []
        st.markdown(head + (", ".join(parts) or "no price moved") + ".")
        if not change.by_model.empty:
            _change_table(change, rows)
    widgets.page_link(
        "pricing_tables", "Browse and compare every version", ":material/table_chart:"
    )
