"""Lifecycle warnings: models of the scenario that are deprecated or retire within (or
before the end of) the horizon, with the successor to move to."""

from __future__ import annotations

import datetime as dt

from model.report.blocks import Paragraph, Section, Table
from model.report.context import ReportContext
from model.report.sections.common import source

KIND_WORDS = {"release": "released", "deprecation": "deprecated", "retirement": "retires"}


def build(ctx: ReportContext) -> Section:
    s = ctx.scenario
    start = s.start
    end = _month_end(start, s.horizon_months)
    used = {w.model for w in s.workloads}
    relevant = sorted(
        (w for w in ctx.lifecycle if w.model in used and w.date <= end),
        key=lambda w: (w.date, w.model),
    )
    title = "Lifecycle warnings"
    if not relevant:
        return Section(
            "lifecycle",
            title,
            (
                Paragraph(
                    f"No model of this scenario is deprecated or retires before {end:%Y-%m-%d}, "
                    "as far as the lifecycle data records."
                ),
            ),
        )
    rows = tuple(
        (
            w.model,
            KIND_WORDS.get(w.kind, w.kind),
            w.date.isoformat(),
            "before the horizon" if w.date < start else "within the horizon",
            w.successor or "—",
            source("announcement", w.source) if w.source else "",
        )
        for w in relevant
    )
    return Section(
        "lifecycle",
        title,
        (
            Paragraph(
                "A retired model is still priced at its last price in this report; plan the "
                "move to its successor.",
                tone="warning",
            ),
            Table(("Model", "Event", "Date", "When", "Successor", "Source"), rows),
        ),
    )


def _month_end(start: dt.date, months: int) -> dt.date:
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)
