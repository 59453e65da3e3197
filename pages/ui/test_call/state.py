"""Session keys of the test-call page and its endpoint rows.

The rows (preset, base URL, format, model) live in one plain dict under :data:`ROWS`, so they
survive page switches; widgets are re-seeded from it. Keys are never stored: they are typed
into unkeyed password fields inside a form that clears on submit, and exist only for the
run (DESIGN §6). Results are stored as JSON-able dicts without any key.
"""

from __future__ import annotations

import copy
from typing import Any, Final

import streamlit as st

PREFIX: Final = "tc_"
ROWS: Final = "tc_rows"  # {row id: {"preset", "base_url", "api", "model", "label"}}
NEXT_ID: Final = "tc_next_id"
MODEL: Final = "tc_model"  # the catalog model being tested
RESULT: Final = "tc_result"  # the last session's JSON (see model.live.session.Session.to_json)
EVIDENCE: Final = "tc_evidence"  # the last session's evidence object
TABLE: Final = "tc_table"  # the side-by-side rows of the last session
CARRIED: Final = "tc_carried"  # option id → cache effectiveness carried into the calculator
RECORDED: Final = "tc_recorded"  # option id → prompt-caching rating recorded in the scorecard
# Run settings (widgets)
PROMPT: Final = "tc_prompt"
MAX_TOKENS: Final = "tc_max_tokens"
RUNS: Final = "tc_runs"
WARMUPS: Final = "tc_warmups"
STREAM: Final = "tc_stream"
PROBE: Final = "tc_probe"
VANTAGE: Final = "tc_vantage"
# Per-row widgets: prefix + row id
W_PRESET: Final = "tc_w_preset_"
W_URL: Final = "tc_w_url_"
W_API: Final = "tc_w_api_"
W_MODEL: Final = "tc_w_model_"

DEFAULTS: Final[dict[str, Any]] = {
    ROWS: {},
    NEXT_ID: 0,
    MODEL: None,
    RESULT: None,
    EVIDENCE: None,
    TABLE: None,
    CARRIED: {},
    RECORDED: {},
    PROMPT: "",
    MAX_TOKENS: 200,
    RUNS: 5,
    WARMUPS: 1,
    STREAM: True,
    PROBE: False,
    VANTAGE: "",
}


def ensure_defaults() -> None:
    """Set every missing key to its default; never overwrites (idempotent)."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = copy.deepcopy(value)


def rows() -> dict[int, dict[str, str]]:
    return st.session_state[ROWS]


def add_row(**row: str) -> int:
    row_id = int(st.session_state[NEXT_ID])
    st.session_state[NEXT_ID] = row_id + 1
    st.session_state[ROWS] = {**rows(), row_id: dict(row)}
    return row_id


def remove_row(row_id: int) -> None:
    st.session_state[ROWS] = {k: v for k, v in rows().items() if k != row_id}
    for prefix in (W_PRESET, W_URL, W_API, W_MODEL):
        st.session_state.pop(f"{prefix}{row_id}", None)


def update_row(row_id: int, **changes: str) -> None:
    st.session_state[ROWS] = {**rows(), row_id: {**rows()[row_id], **changes}}
