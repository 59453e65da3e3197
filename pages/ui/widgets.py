"""Controls shared by several pages; they return plain values.

Widget keys come from :mod:`pages.ui.state`. Controls bound to the URL validate what the
link asked for and say so when they fall back.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from pages.ui import safe, state
from pricing import PriceBook
from pricing.specs import TODAY

PICKER_WIDTH = 320


def version_note(book: PriceBook, version: str) -> str:
    """Where ``version`` stands against today: in force, scheduled, or superseded.

    Shown beside the picker rather than inside its labels: a selectbox bound to the URL
    accepts only option labels as ``?version=`` values, so labels stay bare version ids."""
    current = book.get(TODAY).version
    starts = book.get(version).effective_from
    if version == current:
        return f"In force today (since {starts:%d %b %Y})."
    if version > current:
        return f"Scheduled: takes effect on {starts:%d %b %Y}."
    return f"Superseded: was in force from {starts:%d %b %Y}; today's version is {current}."


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


def page_link(page: str, label: str, icon: str) -> None:
    """A link to ``pages/<page>.py``; a plain link to the same path when the script runs
    without ``st.navigation`` (a page file run on its own, as in AppTest), where Streamlit's
    page links raise."""
    try:
        st.page_link(f"pages/{page}.py", label=label, icon=icon)
    except StreamlitPageNotFoundError:
        st.markdown(f"{icon} [{label}](/{page})")
