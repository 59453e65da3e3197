"""Run settings, the key form and the run itself.

Keys are typed into unkeyed password fields of a form that clears on submit: they reach
:func:`execute` as a local mapping, go into the calls' headers, and are gone when the run
ends — never in session state, never in the results, never in an error shown.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from model.live.call import Endpoint
from model.live.compare import comparison_rows
from model.live.evidence import evidence
from model.live.guard import EndpointRefusedError, check_endpoint
from model.live.presets import BY_ID
from model.live.session import DEFAULT_PROMPT, RunConfig, run_session
from pages.ui import safe
from pages.ui.test_call import state as ts
from pricing import PriceBook

MAX_RUNS = 50
PROMPT_HELP = (
    "Empty: the default question. A unique tag goes before it on every run, so no prompt "
    "cache flatters latency."
)
PROBE_HELP = (
    "Was the second call billed as a cache read through this endpoint? Costs two longer "
    "calls per endpoint."
)


def settings() -> RunConfig:
    """What every endpoint is asked, how often, and whether to probe caching."""
    st.text_area(
        "Prompt",
        key=ts.PROMPT,
        placeholder=DEFAULT_PROMPT,
        height=68,
        help=PROMPT_HELP,
    )
    c1, c2, c3, c4, c5 = st.columns([1, 1, 1, 1.2, 1.6], vertical_alignment="bottom")
    c1.number_input(
        "Measured runs",
        1,
        MAX_RUNS,
        key=ts.RUNS,
        help="Per endpoint; 5 is indicative, 20–50 gives a steady p90.",
    )
    c2.number_input("Warm-ups (not counted)", 0, 5, key=ts.WARMUPS)
    c3.number_input("Max output tokens", 16, 4096, key=ts.MAX_TOKENS)
    c4.toggle("Stream (measures TTFT)", key=ts.STREAM)
    c5.checkbox(
        "Cache probe (a ~6,000-token prefix twice)",
        key=ts.PROBE,
        help=PROBE_HELP,
    )
    return RunConfig(
        prompt=st.session_state[ts.PROMPT].strip() or DEFAULT_PROMPT,
        max_tokens=int(st.session_state[ts.MAX_TOKENS]),
        runs=int(st.session_state[ts.RUNS]),
        warmups=int(st.session_state[ts.WARMUPS]),
        stream=bool(st.session_state[ts.STREAM]),
        cache_probe=bool(st.session_state[ts.PROBE]),
    )  # fmt: skip


def key_form(endpoints: list[Endpoint]) -> dict[str, str] | None:
    """One password field per endpoint; the keys when the form was submitted, else None."""
    with st.form("tc_keys", clear_on_submit=True, border=True):
        st.markdown("**API keys** — used for these calls only: never stored, logged or shown.")
        keys = {}
        for e in endpoints:
            hint = BY_ID[e.preset].key_hint if e.preset in BY_ID else ""
            keys[e.label] = st.text_input(
                f"API key for {e.label}", type="password", placeholder=hint, autocomplete="off"
            )
        submitted = st.form_submit_button(
            "Run test calls", type="primary", icon=":material/play_arrow:"
        )
    return {k: v.strip() for k, v in keys.items()} if submitted else None


def refusals(endpoints: list[Endpoint]) -> list[str]:
    """Endpoints that may not be called (checked after DNS resolution), in plain words."""
    problems = []
    for e in endpoints:
        try:
            check_endpoint(e.base_url)
        except EndpointRefusedError as exc:
            problems.append(f"{e.label}: {exc}")
    return problems


def execute(
    endpoints: list[Endpoint], keys: Mapping[str, str], config: RunConfig, book: PriceBook
) -> None:
    """Check, run with a progress bar, and store the results (never the keys)."""
    missing = [e.label for e in endpoints if not keys.get(e.label)]
    if missing:
        st.warning(
            safe.md("No key typed for: " + ", ".join(missing) + ". Nothing was sent.", limit=300)
        )
        return
    problems = refusals(endpoints)
    if problems:
        for p in problems:
            st.warning(safe.md(p, limit=300), icon=":material/block:")
        return
    bar = st.progress(0.0, text="Starting…")

    def progress(done: int, planned: int, what: str) -> None:
        bar.progress(done / planned, text=f"{done} of {planned} calls — {what}")

    try:
        session = run_session(endpoints, keys, config, book=book, progress=progress)
    except Exception as exc:  # never a traceback (DESIGN §6); the message carries no key
        bar.empty()
        st.warning(f"The test could not run ({exc.__class__.__name__}).")
        return
    bar.empty()
    st.session_state[ts.RESULT] = session.to_json()
    st.session_state[ts.TABLE] = comparison_rows(session)
    st.session_state[ts.EVIDENCE] = evidence(session, st.session_state[ts.VANTAGE])
