"""Cost calculator: a workload in, monthly spend per option out — with fees, ranges,
break-even and capacity."""

import streamlit as st

from model.plan.calendar import pricing_calendar
from model.plan.scenario import ScenarioError, parse_scenario
from pages.ui import layout, price_notes, safe, share, state
from pages.ui import scenario_state as ss
from pages.ui.calculator import headline, inputs, insights, loading, results

# The page may run without app.py (deep link after a server start, AppTest): set its own frame.
layout.configure_page()
state.ensure_defaults()
ss.ensure_defaults()
share.open_from_url()

st.title("Cost calculator")
st.caption(
    "Describe your traffic as workloads; see what it costs per month bought direct, through "
    "OpenRouter or through a pooled gateway — fees, discounts and limits included."
)
share.messages()
book = share.price_book()  # a share link's versions while its scenario is in use
loading.preset_picker()
loading.scenario_upload(book)

st.subheader("1 · Scenario")
inputs.settings(book)
try:  # the versions that price the horizon (the first one lists the models on offer)
    calendar = pricing_calendar(parse_scenario(ss.scenario(), origin="calculator"), book)
except ScenarioError as exc:
    st.error(safe.md(exc, limit=400))
    loading.reset_button()
    st.stop()
catalog = calendar.catalogs[0]
edited = inputs.workloads_editor(catalog)
workloads, problems = ss.check_rows(edited, inputs.model_ids(catalog), catalog.version)
for problem in problems:  # names a workload and its model: the user's text, escaped
    st.error(
        f"{safe.md(problem, limit=300)} — this row is left out of the totals.",
        icon=":material/error:",
    )
if not any(w["requests_per_day"] > 0 for w in workloads):
    st.info("Add at least one valid workload row with requests per day above 0 to see costs.")
    st.stop()
ss.update(workloads=workloads)
with st.expander("Prices and context windows of the chosen models", expanded=True):
    inputs.model_prices(calendar.catalogs, [w["model"] for w in workloads])

st.subheader("2 · Buying options")
inputs.option_assumptions(catalog)

st.subheader("3 · Results")
rate = results.fx_rate()
with st.expander("Uncertainty and sensitivity settings"):
    uncertainty = results.uncertainty()
try:
    scenario = ss.current_scenario(workloads)
    with st.spinner("Pricing every option…"):
        projection, analysis = results.compute(scenario, book, uncertainty)
    capacity = insights.check(projection)
except ScenarioError as exc:  # e.g. a model a later version of the horizon does not list
    st.error(safe.md(exc, limit=400))
    loading.reset_button()
    st.stop()
price_notes.workload_notes(book, scenario)  # models retired or retiring in the horizon
headline.headline(projection, rate, insights.shortfall(capacity))
headline.provenance(projection)
share.pinned_note(scenario)
results.spend_charts(projection, rate)

tabs = st.tabs(["Itemized", "Ranges", "Sensitivity", "Break-even", "Capacity (new accounts)"])
with tabs[0]:
    results.itemized(projection, rate)
with tabs[1]:
    results.ranges(projection, analysis, rate)
with tabs[2]:
    results.tornado(projection, analysis, rate)
with tabs[3]:
    insights.break_even(projection, analysis)
with tabs[4]:
    insights.capacity(capacity, rate)

results.download(scenario)
share.link_block(scenario, book, "calculator")
