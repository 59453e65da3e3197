"""Test call: one real request per option, side by side — time to first token, tokens, cost,
and whether prompt caching passes through that channel. Keys live only for the call."""

import streamlit as st

from pages.ui import layout, loaders, state
from pages.ui import scenario_state as ss
from pages.ui.test_call import endpoints, results, run
from pages.ui.test_call import state as ts

# The page may run without app.py (deep link after a server start, AppTest): set its own frame.
layout.configure_page()
state.ensure_defaults()
ts.ensure_defaults()
ss.ensure_defaults()

st.title("Test call")
st.caption(
    "Send the same prompt through each way of buying — direct, OpenRouter, a pooled gateway — "
    "with your own keys, and compare time to first token, tokens, cost and cache behaviour. "
    "Calls go only to public https hosts; keys are used for the call and never kept."
)
book = loaders.price_book_or_stop()
models = endpoints.catalog_models(book)

st.subheader("1 · Model and endpoints")
model = endpoints.model_picker(models)
rows = endpoints.rows_editor(models, model)
chosen = [e for _, e in rows]
if not chosen:
    st.info("Add an endpoint with a base URL and a model id to test.")
    st.stop()
if not any(e.baseline for e in chosen):
    st.caption("No direct-to-vendor row: without one, a gateway's overhead cannot be read.")

st.subheader("2 · Run")
config = run.settings()
keys = run.key_form(chosen)
if keys is not None:
    run.execute(chosen, keys, config, book)
    del keys  # the keys end with the run

result = st.session_state[ts.RESULT]
st.subheader("3 · Results")
if result is None:
    st.info("Type a key for each endpoint and press **Run test calls**.")
else:
    st.caption(f"Measured {result['started_at'][:19].replace('T', ' ')} UTC.")
    results.verdict(result, st.session_state[ts.TABLE])
    results.side_by_side(st.session_state[ts.TABLE])
    results.endpoint_details(result)
    if any(e["cache_probe"] for e in result["endpoints"]):
        st.markdown("#### Cache probe")
        results.cache_probe(result)
    results.evidence_download()

st.subheader("4 · Use it in your tools")
st.caption("Drop-in settings for the endpoints above; put your key where it says so.")
results.drop_in(chosen)
