"""Controls shared by several pages; they return plain values.

Widget keys come from :mod:`pages.ui.state`. Controls bound to the URL validate what the
link asked for and say so when they fall back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from pages.ui import safe, state
from pricing import PriceBook
from pricing.versions import TODAY

PICKER_WIDTH = 320


def version_label(book: PriceBook) -> Callable[[str], str]:
    """Say which version is in force today and which are scheduled price changes."""
    current = book.get(TODAY).version

    def label(v: str) -> str:
        if v == current:
            return f"{v} (in force today)"
        return f"{v} (scheduled)" if v > current else v

    return label


def version_note(book: PriceBook, chosen: str) -> str:
    """A caption for a bound version picker. The picker shows plain ids: Streamlit writes a
    bound selectbox's *formatted* option to the URL, so a label such as "(scheduled)" would
    break ``?version=2026-12-01`` links and change meaning the day the version takes effect."""
    return version_label(book)(chosen)


def warn_unknown_version(key: str, choices: Sequence[str], fallback: str) -> None:
    """Warn when the URL names a version that does not exist (the bound widget then ignores
    it and shows ``fallback``)."""
    requested = st.query_params.get(key)
    if requested is not None and requested not in choices:
        st.warning(
            f"The pricing version in the link (“{safe.md(requested, limit=40)}”) does not "
            f"exist; showing {fallback}. Known versions: {', '.join(choices)}."
        )


def pricing_version_picker(
    book: PriceBook, *, key: str = state.PRICING_VERSION, label: str = "Pricing version"
) -> str:
    """Select a version id, newest first, the one in force today by default (a scheduled
    future version is listed but not preselected); bound to ``?<key>=`` for sharing."""
    choices = list(reversed(book.versions))
    default = choices.index(book.get(TODAY).version)
    warn_unknown_version(key, choices, choices[default])
    chosen = st.selectbox(
        label,
        choices,
        index=default,
        key=key,
        bind="query-params",
        width=PICKER_WIDTH,
        help="A version is the set of prices in force from its date (a price change makes "
        "a new one); later dates are scheduled changes.",
    )
    st.caption(version_note(book, chosen))
    return str(chosen)
