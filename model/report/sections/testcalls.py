"""Live test-call results, when some were run: latency and cost per call, with the date and
the evidence file they were saved in (no key, header or prompt is part of a run summary)."""

from __future__ import annotations

from model.report.blocks import Paragraph, Section, Table
from model.report.context import ReportContext


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def build(ctx: ReportContext) -> Section | None:
    if not ctx.test_calls:
        return None
    from model.display import money

    rows = tuple(
        (
            r.when.strftime("%Y-%m-%d %H:%M UTC"),
            r.target,
            r.api,
            r.model,
            r.status if r.error is None else f"{r.status}: {r.error}",
            str(r.runs),
            f"{_s(r.ttft_p50_s)} / {_s(r.ttft_p95_s)}",
            f"{_s(r.total_p50_s)} / {_s(r.total_p95_s)}",
            money(r.cost_usd_mean, small=True),
            r.evidence or "",
        )
        for r in sorted(ctx.test_calls, key=lambda r: r.when)
    )
    return Section(
        "test-calls",
        "Test-call results",
        (
            Paragraph(
                "Measured calls to each endpoint (warm-ups excluded). Latency varies by hour "
                "and region: these are samples, not guarantees."
            ),
            Table(
                (
                    "When",
                    "Endpoint",
                    "API",
                    "Model",
                    "Status",
                    "Runs",
                    "First token p50 / p95",
                    "Total p50 / p95",
                    "Mean cost",
                    "Evidence",
                ),
                rows,
                numeric=(False, False, False, False, False, True, True, True, True, False),
            ),
        ),
    )
