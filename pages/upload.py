"""Usage-log upload: a real export re-priced under every option, reconciled against the bill,
projected forward. Parsed in memory only; bad files get a one-line message and the page
keeps working."""

import streamlit as st

from model.usage.readers import UsageFormatError
from pages.ui import layout, loaders, price_notes, state
from pages.ui.upload import loaders as ul
from pages.ui.upload import state as ustate
from pages.ui.upload import views

# The page may run without app.py (deep link after a server start, AppTest): set its own frame.
layout.configure_page()
state.ensure_defaults()
ustate.ensure_defaults(ul.default_discount_pct())

st.title("Re-price a usage log")
st.caption(
    "Upload what your team already exported (OpenRouter, OpenAI, Anthropic Console, LiteLLM, "
    "Cursor, Claude Code or the generic CSV) and see what the same tokens cost through each "
    "way of buying. Nothing is stored: the file is read in memory."
)
loaders.price_book_or_stop()

pick, fmt_col, discount_col = st.columns([3, 2, 1.3], vertical_alignment="bottom")
with pick:
    source = views.source_picker()
with fmt_col:
    fmt = views.format_picker()
with discount_col:
    discount = views.discount_input()
views.provenance(source)
if source is None:
    st.info("Upload a usage export, or pick **Try a sample** to see a real one re-priced.")
    st.stop()

mapping = views.mapping_step(source) if fmt == ustate.MAP_COLUMNS else None
if fmt == ustate.MAP_COLUMNS and mapping is None:
    st.stop()
cached_in_input = bool(st.session_state[ustate.CACHED_IN_INPUT])
try:
    analysis = ul.analyse(source, fmt, mapping, cached_in_input, discount)
    views.understood(analysis)
    price_notes.log_notes(analysis.book, analysis.summary)
    if not views.nothing_priced(analysis):
        views.totals(analysis)
        views.breakdowns(analysis)
        views.reconciliation(analysis)
        views.projection(analysis)
        views.downloads(analysis)
except UsageFormatError as exc:
    views.show_failure(source.name, exc)
    if fmt == "auto" and "not a known usage export" in str(exc):
        st.info("If this is a CSV of another tool, pick **Format → map the columns myself**.")
except Exception as exc:
    # A bug must never show a traceback (DESIGN §6): say what failed, keep the app working.
    views.show_failure(source.name, exc)
