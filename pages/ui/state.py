"""Session-state keys and their defaults: the only module that spells out key strings.

Every page calls :func:`ensure_defaults` first, because a page may run without ``app.py``
(a deep link right after a server start, or AppTest with a ``pages/`` folder).
A key bound to the URL (``bind="query-params"``) is also its query-parameter name.
"""

from __future__ import annotations

import copy
from typing import Any, Final

import streamlit as st

# Shared across pages ------------------------------------------------------------------
#: Pricing version picked on any page (bound to ``?version=``); data-dependent default
#: (the newest version), so it is not in DEFAULTS.
PRICING_VERSION: Final = "version"

# Pricing tables page -------------------------------------------------------------------
PRICING_VENDORS: Final = "pricing_vendors"
PRICING_SEARCH: Final = "pricing_search"
#: The two versions compared (bound to ``?old=`` and ``?new=``).
COMPARE_OLD: Final = "old"
COMPARE_NEW: Final = "new"

#: Plain, picklable defaults set once per session. Widget keys here must not also get a
#: ``value=``/``default=`` argument (Streamlit warns about setting both).
DEFAULTS: Final[dict[str, Any]] = {
    PRICING_VENDORS: [],
    PRICING_SEARCH: "",
}


def ensure_defaults() -> None:
    """Set every missing key to its default; never overwrites (idempotent)."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = copy.deepcopy(value)
