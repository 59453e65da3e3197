"""The display currency and its rate, shared by the calculator, scorecard and report pages.

The currency is part of the scenario (``currency:``, DESIGN §5), so it travels with a
scenario file and a share link; a rate the user typed in (their bank's) is a preference of
the calculator, used while the same currency stays selected.
"""

from __future__ import annotations

import streamlit as st

from model.plan import currency
from pages.ui import loaders
from pages.ui import scenario_state as ss

#: Which currency the user's own rate was typed for (a key inside the calculator's prefs).
CUSTOM_FOR = "fx_for"


@st.cache_resource(show_spinner=False)
def _rates(folder: str) -> currency.RateTable:
    return currency.reference_rates(loaders.data_dir() / folder)


def rate_table() -> currency.RateTable:
    """The newest reference rates available offline (data/fx and the packaged ECB day)."""
    return _rates("fx")


def current_rate() -> currency.FxRate:
    """The rate the pages show numbers at: the user's own for the scenario's currency when
    they typed one for it, else the dated reference rate."""
    code = str(ss.scenario().get("currency", "USD"))
    prefs = st.session_state.get(ss.PREFS, {})
    if code != "USD" and prefs.get(ss.FX_CUSTOM) and prefs.get(CUSTOM_FOR) == code:
        return currency.user_rate(code, float(prefs.get(ss.FX_RATE, 1.0)))
    return rate_table().rate(code)


def use_rate(code: str, per_usd: float | None) -> None:
    """Show ``code`` at ``per_usd`` (a rate from a share link); ``None``: the reference."""
    prefs = st.session_state.setdefault(ss.PREFS, {})
    for key in (ss.FX_CUSTOM, ss.FX_RATE):
        st.session_state.pop(key, None)  # the widgets re-seed from the preferences
    if per_usd is None or code == "USD":
        prefs[ss.FX_CUSTOM] = False
        return
    prefs.update({ss.FX_CUSTOM: True, ss.FX_RATE: per_usd, CUSTOM_FOR: code})
