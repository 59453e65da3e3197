"""The test-call results a report may include: the last session of the Test call page (its
evidence object, which holds no key) and any saved evidence files uploaded here."""

from __future__ import annotations

import hashlib
import json

import streamlit as st

from model.live.evidence import EvidenceError, parse_evidence
from model.report.context import LiveCallRun, live_runs_from_evidence
from pages.ui import safe
from pages.ui.report import keys as k
from pages.ui.test_call import state as test_call_state


def picker() -> tuple[tuple[LiveCallRun, ...], str]:
    """The runs to include and a key that identifies them for the report cache."""
    runs: list[LiveCallRun] = []
    parts: list[str] = []
    with st.expander("Include test-call results (optional)"):
        last = st.session_state.get(test_call_state.EVIDENCE)
        if last:
            n = len(last.get("endpoints") or [])
            st.checkbox(
                f"The last test call on the Test call page ({n} endpoint(s), "
                f"{safe.md(last.get('date', ''))})",
                value=True,
                key=k.USE_LAST_CALLS,
            )
            if st.session_state[k.USE_LAST_CALLS]:
                runs += live_runs_from_evidence(last, "the Test call page")
                parts.append(json.dumps(last, sort_keys=True, default=str))
        else:
            st.caption("Run a test call on the Test call page, or load its evidence files here.")
        files = st.file_uploader(
            "Test-call evidence (JSON: the Test call page's download or testcall --evidence-out)",
            type=["json"],
            accept_multiple_files=True,
            key=k.CALL_FILES,
        )
        for file in files or []:
            try:
                runs += live_runs_from_evidence(
                    parse_evidence(file.getvalue(), file.name), file.name
                )
                parts.append(file.file_id)
            except EvidenceError as exc:
                st.error(safe.md(exc, limit=300))
    key = hashlib.sha256("\n".join(parts).encode()).hexdigest() if parts else ""
    return tuple(runs), key
