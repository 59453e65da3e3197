"""Gatewise: router only. Pages are self-sufficient (each sets its own state defaults)."""

import streamlit as st

from pages.ui import layout, state

st.set_page_config(page_title=layout.APP_NAME, **layout.PAGE_CONFIG)
state.ensure_defaults()

# One line per working page; file stem == URL path (no url_path, no numeric prefixes).
# The home page is the default (served at "/"); every other page has its own path.
PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("pages/pricing_tables.py", title="Pricing tables", icon=":material/table_chart:"),
    st.Page("pages/calculator.py", title="Cost calculator", icon=":material/calculate:"),
    st.Page("pages/upload.py", title="Re-price a log", icon=":material/upload_file:"),
    st.Page("pages/scorecard.py", title="Scorecard", icon=":material/balance:"),
    st.Page("pages/test_call.py", title="Test call", icon=":material/network_check:"),
    st.Page("pages/report.py", title="Report", icon=":material/summarize:"),
]

st.navigation(PAGES, position="top").run()
