"""Side by side: one row per endpoint, the direct baseline first, the cheapest and the
fastest marked — each verdict saying what it compared (like with like)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from model.live.session import Session

CHEAPEST_BASIS = (
    "cost per call for the same prompt: the cost the endpoint reported where it reports one, "
    "else the list price of today's price data; purchase fees and discounts not included"
)
FASTEST_BASIS = (
    "median time to first token over the measured streamed runs (total time if not streamed)"
)


def _speed(summary: dict[str, Any]) -> float | None:
    return summary["ttft_p50_s"] if summary["ttft_p50_s"] is not None else summary["total_p50_s"]


def verdicts(session: Session) -> dict[str, Any]:
    """``{"cheapest": label|None, "fastest": label|None, ...bases}`` over endpoints with at
    least one successful run; ties go to the earlier row."""
    rows = [(r.endpoint.label, r.summary()) for r in session.reports]
    priced = [
        (label, s["billed_cost_usd_mean"])
        for label, s in rows
        if s["billed_cost_usd_mean"] is not None
    ]
    timed = [(label, _speed(s)) for label, s in rows if _speed(s) is not None]
    models = {r.pricing.model_id for r in session.reports if r.pricing and r.pricing.model_id}
    return {
        "cheapest": min(priced, key=lambda x: x[1])[0] if len(priced) > 1 else None,
        "cheapest_basis": CHEAPEST_BASIS,
        "fastest": min(timed, key=lambda x: x[1])[0] if len(timed) > 1 else None,  # type: ignore[arg-type,return-value]
        "fastest_basis": FASTEST_BASIS,
        "same_model": len(models) <= 1,
    }


def comparison_rows(session: Session) -> list[dict[str, Any]]:
    """The side-by-side table: baseline first, overhead against it, marks."""
    marks = verdicts(session)
    base = session.baseline()
    base_summary = base.summary() if base else None
    ordered = sorted(session.reports, key=lambda r: not r.endpoint.baseline)
    rows = []
    for rep in ordered:
        s = rep.summary()
        overhead = None
        if (
            base_summary
            and rep is not base
            and s["ttft_p50_s"] is not None
            and base_summary["ttft_p50_s"] is not None
        ):
            overhead = s["ttft_p50_s"] - base_summary["ttft_p50_s"]
        tags = [
            t
            for t, hit in (
                ("baseline", rep.endpoint.baseline),
                ("cheapest", marks["cheapest"] == rep.endpoint.label),
                ("fastest", marks["fastest"] == rep.endpoint.label),
            )
            if hit
        ]
        rows.append(
            {
                "endpoint": rep.endpoint.label,
                "marks": ", ".join(tags),
                "ok": f"{s['n']}/{s['runs']}",
                "ttft_p50_s": s["ttft_p50_s"],
                "ttft_vs_baseline_s": overhead,
                "ttft_p95_s": s["ttft_p95_s"],
                "total_p50_s": s["total_p50_s"],
                "list_cost_usd": s["cost_usd_mean"],
                "reported_cost_usd": s["reported_cost_usd_mean"],
                "cache": None if rep.probe is None else rep.probe.cached,
                "output_tokens_per_s_p50": s["output_tokens_per_s"]["p50"],
                "ttft_p90_s": s["ttft_p90_s"],
                "errors": s["errors"],
                "model": rep.endpoint.model,
            }
        )
    return rows
