"""Shareable report: the decision, its numbers and its evidence in one file — HTML that
works offline, Markdown for docs and tickets, PDF — and the share link of the scenario."""

import streamlit as st

from model.plan.scenario import ScenarioError, parse_scenario
from model.share.link import ShareLinkError
from pages.ui import layout, safe, scenario_files, share, state
from pages.ui import scenario_state as ss
from pages.ui.report import data, testcalls, usage, views
from pages.ui.report import keys as k
from pages.ui.scorecard import data as score_data

# The page may run without app.py (deep link after a server start, AppTest): set its own frame.
layout.configure_page()
state.ensure_defaults()
ss.ensure_defaults()
share.open_from_url()

st.title("Shareable report")
st.caption(
    "Everything a colleague needs to check the decision: the recommendation and why, the "
    "assumptions, monthly spend priced by the version in force, fees, break-evens, the "
    "scorecard with its evidence, the capacity check and lifecycle warnings — in one file that "
    "opens offline, or one link that reopens the same numbers."
)
share.messages()
book = share.price_book()  # a share link's versions while its scenario is in use
criteria = score_data.criteria_or_stop()
scenario_files.upload(book, key=k.UPLOAD)
try:
    scenario = parse_scenario(ss.scenario(), origin="scenario")
except ScenarioError as exc:
    st.error(safe.md(exc, limit=400))
    st.stop()
st.caption(
    f"Scenario: {safe.md(scenario.name)} — edit it in the calculator (workloads, options) and "
    "the scorecard (must-haves, weights, your ratings)."
)
share.pinned_note(scenario)
evidence, evidence_key = usage.picker()
calls, calls_key = testcalls.picker()

try:
    link = share.share_url(scenario, book, "report")
except (ScenarioError, ShareLinkError):
    link = None  # too large for a link: the report says so by leaving it out
try:
    with st.spinner("Building the report…"):
        report = data.report(
            scenario, book, criteria, evidence, evidence_key, link, calls, calls_key
        )
except ScenarioError as exc:
    st.error(safe.md(exc, limit=400))
    st.stop()

st.subheader("Download")
views.downloads(report, scenario)
share.link_block(scenario, book, "report")
st.divider()
views.preview(report)
