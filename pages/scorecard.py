"""Trade-off scorecard: what each way of buying gives up — compliance, catalog, trust,
integration, billing and cost — for your priorities, with the evidence behind every rating."""

import streamlit as st

from model.plan.scenario import ScenarioError
from pages.ui import layout, safe, scenario_files, share, state
from pages.ui import scenario_state as ss
from pages.ui.scorecard import controls, data, views
from pages.ui.scorecard import keys as k

# The page may run without app.py (deep link after a server start, AppTest): set its own frame.
layout.configure_page()
state.ensure_defaults()
ss.ensure_defaults()
share.open_from_url()

st.title("Trade-off scorecard")
st.caption(
    "Price is half the decision. Tick what you cannot do without, weigh the rest, and see "
    "which way of buying fits — with the source, date and wording behind every rating. It "
    "scores the scenario the cost calculator holds."
)
share.messages()
book = share.price_book()  # a share link's versions while its scenario is in use
criteria = data.criteria_or_stop()
controls.archetype_picker()
scenario_files.upload(book, key=k.UPLOAD)
scenario = controls.scenario_or_stop()
st.caption(f"Scenario: {safe.md(scenario.name)} — edit its workloads in the calculator.")
share.pinned_note(scenario)
answer = st.container()  # the verdict, filled once the inputs below are read

st.subheader("1 · Must-haves")
st.caption("An option that does not show a sourced “yes” is out, whatever its score.")
controls.must_haves(criteria, scenario)

st.subheader("2 · Weights")
controls.weights(criteria, scenario)

with st.expander("Your own ratings (overrides)"):
    st.caption("Replace any rating with what you were told in writing; it is marked as yours.")
    controls.overrides(criteria, scenario, [o.id for o in book.latest.options])
with st.expander("Cost basis"):
    costs = controls.cost_basis()

scenario = controls.scenario_or_stop()
try:
    with st.spinner("Scoring every option…"):
        card = data.scorecard(scenario, book, criteria, costs)
except ScenarioError as exc:
    st.error(str(exc))
    st.stop()

with answer:
    views.verdict(card)
    views.eliminated(card)

st.subheader("3 · Ranking")
views.ranking(card, criteria)
views.explanation(card, criteria)

st.subheader("4 · By group")
views.groups(card, criteria)

st.subheader("5 · How robust is it?")
views.robustness(card, criteria)

st.subheader("6 · Evidence")
views.evidence(card, criteria)
views.download(scenario)
share.link_block(scenario, book, "scorecard")
