"""The report page's preview, drawn natively from the report's sections (the same blocks
the HTML and Markdown files are rendered from), and its downloads. User text is shown as
text: escaped inside our sentences (``safe.md``), in dataframe cells or in code blocks."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from model.plan.scenario import Scenario
from model.report.blocks import Bullets, Chart, Link, Paragraph, Preformatted, Section, Table
from model.report.build import Report
from model.report.pdf import PdfUnavailableError, html_to_pdf, unavailable_reason
from pages.ui import safe, scenario_files
from pages.ui.report import data
from pages.ui.report import keys as k

_TONES = {"good": st.success, "note": st.info, "warning": st.warning}


def _frame(table: Table) -> pd.DataFrame:
    columns, seen = [], set()
    for c in table.columns:  # unique headers (an empty one, twice, is two columns)
        while c in seen:
            c += " "
        seen.add(c)
        columns.append(c)
    rows = [[f"{c.text} ({c.url})" if isinstance(c, Link) else c for c in r] for r in table.rows]
    return pd.DataFrame(rows, columns=columns)


def _block(block: object, key: str) -> None:
    if isinstance(block, Paragraph):
        lead = f"**{safe.md(block.lead, limit=None)}** " if block.lead else ""
        text = lead + safe.md(block.text, limit=None)
        _TONES.get(block.tone, st.markdown)(text)
    elif isinstance(block, Bullets):
        st.markdown("\n".join(f"- {safe.md(item, limit=None)}" for item in block.items))
    elif isinstance(block, Table):
        st.dataframe(_frame(block), hide_index=True, width="stretch", key=key)
        if block.caption:
            st.caption(safe.md(block.caption, limit=None))
    elif isinstance(block, Chart):
        st.plotly_chart(go.Figure(block.figure), key=key, width="stretch")
    elif isinstance(block, Preformatted):
        if block.label:
            st.caption(safe.md(block.label, limit=None))
        st.code(block.text, language=None, wrap_lines=True)


def _section(section: Section) -> None:
    st.subheader(section.title, anchor=section.id)
    for i, block in enumerate(section.blocks):
        _block(block, f"report_{section.id}_{i}")


def preview(report: Report) -> None:
    st.caption(f"Preview · {safe.md(report.meta, limit=None)}")
    with st.container(border=True, key="report_preview"):
        for section in report.sections:
            _section(section)


def downloads(report: Report, scenario: Scenario) -> None:
    """HTML, Markdown, PDF (made on request: Chromium takes a few seconds) and the scenario."""
    stem = "gatewise-report"
    a, b, c, d = st.columns(4)
    a.download_button("Report (HTML)", data=report.html, file_name=f"{stem}.html",
                      mime="text/html", on_click="ignore", key=k.DOWNLOAD_HTML,
                      icon=":material/download:", width="stretch")  # fmt: skip
    b.download_button("Report (Markdown)", data=report.markdown, file_name=f"{stem}.md",
                      mime="text/markdown", on_click="ignore", key=k.DOWNLOAD_MD,
                      icon=":material/download:", width="stretch")  # fmt: skip
    with c:
        _pdf(report, stem)
    with d:
        scenario_files.download(
            scenario,
            key=k.DOWNLOAD_YAML,
            label="Scenario (YAML)",
            help="Run `python -m model report scenario.yaml --out r.html` on it.",
            width="stretch",
        )
    st.caption(
        "The HTML file stands alone: charts, styles and data are inside it (no network needed); "
        "print it to PDF from a browser, or take the PDF here."
    )


def _pdf(report: Report, stem: str) -> None:
    reason = unavailable_reason()
    if reason:
        st.button("Report (PDF)", disabled=True, key=k.MAKE_PDF, width="stretch")
        st.caption(safe.md(reason, limit=None))
        return
    made: dict[str, bytes] = st.session_state.setdefault(k.PDF, {})
    key = data.key_of(report)
    if key not in made:
        if st.button("Make PDF", key=k.MAKE_PDF, width="stretch", icon=":material/picture_as_pdf:"):
            with st.spinner("Printing with Chromium…"):
                try:
                    made.clear()  # keep one PDF per session
                    made[key] = html_to_pdf(report.html())
                except PdfUnavailableError as exc:
                    st.error(safe.md(exc, limit=300))
                    return
        else:
            return
    st.download_button("Report (PDF)", data=made[key], file_name=f"{stem}.pdf",
                       mime="application/pdf", on_click="ignore", key=k.DOWNLOAD_PDF,
                       icon=":material/download:", width="stretch")  # fmt: skip
