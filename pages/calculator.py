"""Cost calculator: a workload in, monthly spend per option out — with fees, ranges,
break-even and capacity."""

import streamlit as st

from model.plan.scenario import ScenarioError
from pages.ui import layout, loaders, price_notes, state
from pages.ui import scenario_state as ss
from pages.ui.calculator import inputs, insights, results

# The page may run without app.py (deep link after a server start, AppTest): set its own frame.
layout.configure_page()
state.ensure_defaults()
ss.ensure_defaults()

st.title("Cost calculator")
st.caption(
    "Describe your traffic as workloads; see what it costs per month bought direct, through "
    "OpenRouter or through a pooled gateway — fees, discounts and limits included."
)
book = loaders.price_book_or_stop()
inputs.preset_picker()
inputs.scenario_upload()

st.subheader("1 · Scenario")
inputs.settings(book)
try:
    catalog = book.resolve(ss.scenario()["pricing_version"], ss.current_start())
except ValueError as exc:
    st.error(str(exc))
    st.stop()
edited = inputs.workloads_editor(catalog)
workloads, problems = ss.check_rows(edited, inputs.model_ids(catalog), catalog.version)
for problem in problems:
    st.error(f"{problem} — this row is left out of the totals.", icon=":material/error:")
if not any(w["requests_per_day"] > 0 for w in workloads):
    st.info("Add at least one valid workload row with requests per day above 0 to see costs.")
    st.stop()
ss.update(workloads=workloads)
with st.expander("Prices and context windows of the chosen models", expanded=True):
    inputs.model_prices(catalog, [w["model"] for w in workloads])

st.subheader("2 · Buying options")
inputs.option_assumptions(catalog)

try:
    scenario = ss.current_scenario(workloads)
except ScenarioError as exc:
    st.error(str(exc))
    st.stop()
price_notes.workload_notes(book, scenario)

st.subheader("3 · Results")
rate = results.fx_rate()
with st.expander("Uncertainty and sensitivity settings"):
    uncertainty = results.uncertainty()
with st.spinner("Pricing every option…"):
    projection, analysis = results.compute(scenario, book, uncertainty)
results.headline(projection, rate)
results.provenance(projection)
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
    insights.capacity(projection, rate)

results.download(scenario)
