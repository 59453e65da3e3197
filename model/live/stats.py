"""Summaries of measured runs: p50/p90/p95 with numpy's default (linear, R-7) percentile,
n, spread (min, max, interquartile range) and error count — over successful runs only,
errors counted beside (peers-2026-11.md §4.1)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from model.live.call import CallResult


def distribution(values: Iterable[float | None]) -> dict[str, Any]:
    """n, p50, p90, p95, min, max and IQR of the non-null values (nulls when there are none)."""
    data = np.array([v for v in values if v is not None], dtype=float)
    if not len(data):
        return {
            "n": 0,
            "p50": None,
            "p90": None,
            "p95": None,
            "min": None,
            "max": None,
            "iqr": None,
        }
    p25, p50, p75, p90, p95 = np.percentile(data, [25, 50, 75, 90, 95])
    return {
        "n": len(data),
        "p50": float(p50),
        "p90": float(p90),
        "p95": float(p95),
        "min": float(data.min()),
        "max": float(data.max()),
        "iqr": float(p75 - p25),
    }


def _mean(values: Iterable[float | None]) -> float | None:
    data = [v for v in values if v is not None]
    return float(np.mean(data)) if data else None


def summarize(runs: Sequence[CallResult]) -> dict[str, Any]:
    """The ``summary`` object of DESIGN §5 plus the distributions it is taken from."""
    ok = [r for r in runs if r.ok]
    ttft = distribution(r.ttft_s for r in ok)
    total = distribution(r.total_s for r in ok)
    billed = [r.reported.cost_usd if r.reported.cost_usd is not None else r.cost_usd for r in ok]
    return {
        "n": len(ok),
        "runs": len(runs),
        "errors": len(runs) - len(ok),
        "ttft_p50_s": ttft["p50"],
        "ttft_p90_s": ttft["p90"],
        "ttft_p95_s": ttft["p95"],
        "total_p50_s": total["p50"],
        "total_p90_s": total["p90"],
        "total_p95_s": total["p95"],
        "cost_usd_mean": _mean(r.cost_usd for r in ok),
        "reported_cost_usd_mean": _mean(r.reported.cost_usd for r in ok),
        "billed_cost_usd_mean": _mean(billed),
        "ttft_s": ttft,
        "first_visible_s": distribution(r.first_visible_s for r in ok),
        "first_reasoning_s": distribution(r.first_reasoning_s for r in ok),
        "total_s": total,
        "output_tokens_per_s": distribution(r.output_tps for r in ok),
        "error_types": sorted({r.error.type for r in runs if r.error is not None}),
    }
