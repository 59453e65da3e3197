"""The usage log a report may include: the one last re-priced on the Re-price page (kept as
a small plain summary when it was analysed; the file itself is not kept), or a saved
``reprice --json`` summary uploaded here."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import streamlit as st

from model.report.context import ReconciledModel, UsageEvidence
from model.report.usage import UsageSummaryError, reconciled_models, usage_from_summary
from model.usage.reconcile import Reconciliation
from pages.ui import safe
from pages.ui.report import keys as k

MAX_SUMMARY_BYTES = 2_000_000  # a summary is a few KB


def remember(name: str, summary: dict[str, Any], rec: Reconciliation | None) -> None:
    """Called by the Re-price page: keep what a report needs of the log just analysed."""
    st.session_state[k.LAST_USAGE] = {
        "source": name,
        "summary": summary,
        "billed_by": rec.option_id if rec else None,
        "reconciliation": [asdict(r) for r in reconciled_models(rec)],
    }


def _last() -> UsageEvidence | None:
    kept = st.session_state.get(k.LAST_USAGE)
    if not kept:
        return None
    return UsageEvidence(
        summary=kept["summary"],
        source=kept["source"],
        billed_by=kept["billed_by"],
        reconciliation=tuple(ReconciledModel(**r) for r in kept["reconciliation"]),
    )


def picker() -> tuple[UsageEvidence | None, str]:
    """The usage log to include (or None) and a key that identifies it for the cache."""
    with st.expander("Include a usage log (optional)"):
        last = _last()
        if last is not None:
            st.checkbox(
                f"The log re-priced on the Re-price page ({safe.md(last.source)})",
                value=True,
                key=k.USE_LAST,
            )
            if st.session_state[k.USE_LAST]:
                return last, "last:" + json.dumps(st.session_state[k.LAST_USAGE], default=str)
        else:
            st.caption("Re-price a log on the Re-price page, or load its summary here.")
        file = st.file_uploader(
            "A re-price summary (JSON, the Re-price page's download)", type=["json"], key=k.SUMMARY
        )
        if file is None:
            return None, ""
        if file.size > MAX_SUMMARY_BYTES:
            st.error(safe.md(f"{file.name}: {file.size:,} bytes is too large for a summary."))
            return None, ""
        try:
            evidence = usage_from_summary(json.loads(file.getvalue()), file.name)
        except (ValueError, UsageSummaryError) as exc:
            st.error(safe.md(" ".join(str(exc).split()), limit=300))
            return None, ""
        return evidence, f"file:{file.file_id}"
