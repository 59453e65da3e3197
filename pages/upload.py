"""Usage-log upload: real exports re-priced under every option (compared on the rows every
option prices), reconciled against the bill — the export's own, or a cost export of the same
period uploaded with it — and projected forward. Parsed in memory only; a bad file gets a
one-line message and the page keeps working."""

import streamlit as st

from pages.ui import layout, loaders, price_notes, state
from pages.ui.report import usage as report_usage
from pages.ui.upload import bills, inputs, outlook, views
from pages.ui.upload import loaders as ul
from pages.ui.upload import state as ustate

# The page may run without app.py (deep link after a server start, AppTest): set its own frame.
layout.configure_page()
state.ensure_defaults()
ustate.ensure_defaults(ul.default_discount_pct())

st.title("Re-price a usage log")
st.caption(
    "Upload what your team already exported (OpenRouter, OpenAI, Anthropic Console, LiteLLM, "
    "Cursor, Claude Code, or the generic columns as CSV, Parquet or Arrow) and see what the "
    "same tokens cost through each "
    "way of buying. Add the cost export of the same period to compare with the bill. "
    "Nothing is stored: files are read in memory."
)
loaders.price_book_or_stop()

pick, fmt_col, discount_col = st.columns([3, 2, 1.3], vertical_alignment="bottom")
with pick:
    sources = inputs.source_picker()
with fmt_col:
    fmt = inputs.format_picker()
with discount_col:
    discount = inputs.discount_input()
inputs.provenance(sources)
if not sources:
    st.info(
        "Upload a usage export (and, if you have it, the cost export of the same period), "
        "or pick **Try a sample** to see a real one re-priced."
    )
    st.stop()

mapping = None
if fmt == ustate.MAP_COLUMNS:
    if len(sources) > 1:
        st.info("Map the columns of one file at a time: upload only that file.")
        st.stop()
    mapping = inputs.mapping_step(sources[0])
    if mapping is None:
        st.stop()
cached_in_input = bool(st.session_state[ustate.CACHED_IN_INPUT])
try:
    batch = ul.analyse(sources, fmt, mapping, cached_in_input, discount)
    inputs.failures(batch)
    views.files_read(batch)
    analysis = batch.usage
    if analysis is not None:
        views.understood(analysis)
        price_notes.log_notes(analysis.book, analysis.summary)
        if not views.nothing_priced(analysis):
            views.totals(analysis)
            views.breakdowns(analysis)
            bills.reconciliation(analysis)
            outlook.projection(analysis)
            views.downloads(analysis)
            report_usage.remember(
                analysis.name, analysis.summary, ul.tables(analysis).reconciliation
            )
    elif batch.bills:
        bills.cost_only(batch.bills)
    if fmt == "auto" and any("not a known usage export" in str(f.error) for f in batch.failures):
        st.info("If this is a CSV of another tool, pick **Format → map the columns myself**.")
except Exception as exc:
    # A bug must never show a traceback (DESIGN §6): say what failed, keep the app working.
    inputs.show_failure(", ".join(s.name for s in sources), exc)
