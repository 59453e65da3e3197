"""Breakdowns of a re-priced log and reconciliation against what the source says was billed.

The option that billed the log is implied by its format (an OpenRouter export was billed by
OpenRouter, an Anthropic console export by Anthropic); the reconciliation compares that
option's computed cost with the reported cost, per model and day, and flags differences
beyond a tolerance (discounts, credits, rounding, stale prices).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.engine import columns as c
from model.engine.costing import Costing

#: Which option kind billed each export format. Observability tools (LiteLLM, Cursor, Claude
#: Code) do not bill; their reported costs are estimates of the vendor's list price.
BILLED_BY: dict[str, str] = {
    "openrouter_generations_csv": "aggregator",
    "openrouter_activity_csv": "aggregator",
}

DEFAULT_REL_TOLERANCE = 0.005  # 0.5 %
DEFAULT_ABS_TOLERANCE = 0.01  # a cent: exports round to cents


def billing_kind(fmt: str) -> str:
    """The option kind whose prices a format's reported costs should match."""
    return BILLED_BY.get(fmt, "direct")


def _period(frame: pd.DataFrame, by: str) -> pd.Series:
    ts = frame[c.TIMESTAMP].dt.tz_convert("UTC").dt.tz_localize(None)
    if by == "month":
        return ts.dt.to_period("M").astype(str)
    return ts.dt.strftime("%Y-%m-%d")


def cost_table(costing: Costing, by: str = "model") -> pd.DataFrame:
    """Total cost per option (columns) by ``model``, ``day`` or ``month`` (rows).

    Token cost only (after discounts); fees are monthly and shown separately. Rows of
    unknown models are excluded, as in every total.
    """
    known = costing.priced
    frame = costing.frame[known]
    if by == "model":
        keys = frame[c.MODEL].astype(str)
    elif by in ("day", "month"):
        keys = _period(frame, by)
    else:
        raise ValueError(f"unknown breakdown {by!r}: use model, day or month")
    # NaN (not 0) where an option does not sell a model: "not available" is not "free".
    data = {o.id: o.token_cost[known] for o in costing.options}
    table = pd.DataFrame(data, index=keys.to_numpy()).groupby(level=0).sum(min_count=1)
    table.index.name = by
    return table


@dataclass(frozen=True)
class Reconciliation:
    """Computed vs reported cost for the option that billed the log."""

    option_id: str
    table: pd.DataFrame  # model, day, rows, reported_usd, computed_usd, diff_usd, diff_pct, flagged
    reported_usd: float
    computed_usd: float

    @property
    def flagged(self) -> pd.DataFrame:
        return self.table[self.table["flagged"]]

    @property
    def diff_pct(self) -> float | None:
        if not self.reported_usd:
            return None
        return (self.computed_usd - self.reported_usd) / self.reported_usd * 100


def reconcile(
    costing: Costing,
    fmt: str,
    *,
    rel_tolerance: float = DEFAULT_REL_TOLERANCE,
    abs_tolerance: float = DEFAULT_ABS_TOLERANCE,
    option_id: str | None = None,
) -> Reconciliation | None:
    """Compare computed and reported cost per model and day; None when nothing is reported."""
    frame = costing.frame
    reported = frame[c.REPORTED_COST].to_numpy(dtype=np.float64, na_value=np.nan)
    has = ~np.isnan(reported)
    if not has.any():
        return None
    if option_id is None:
        kind = billing_kind(fmt)
        option_id = next(o.id for o in costing.options if o.kind == kind)
    option = costing.option(option_id)
    computed = option.token_cost
    rows = has & costing.priced
    table = pd.DataFrame(
        {
            "model": frame[c.MODEL].astype(str).to_numpy()[has],
            "day": _period(frame, "day").to_numpy()[has],
            "rows": 1,
            "reported_usd": reported[has],
            # A row this option cannot price (unknown model) has no computed cost.
            "computed_usd": np.where(rows[has], np.nan_to_num(computed[has]), np.nan),
        }
    )
    grouped = (
        table.groupby(["model", "day"], sort=True)
        .agg(
            rows=("rows", "sum"),
            reported_usd=("reported_usd", "sum"),
            computed_usd=("computed_usd", lambda s: s.sum(min_count=1)),
        )
        .reset_index()
    )
    grouped["diff_usd"] = grouped["computed_usd"] - grouped["reported_usd"]
    grouped["diff_pct"] = np.where(
        grouped["reported_usd"] != 0,
        grouped["diff_usd"] / grouped["reported_usd"].where(grouped["reported_usd"] != 0) * 100,
        np.nan,
    )
    tolerance = np.maximum(abs_tolerance, rel_tolerance * grouped["reported_usd"].abs())
    grouped["flagged"] = grouped["computed_usd"].isna() | (grouped["diff_usd"].abs() > tolerance)
    return Reconciliation(
        option_id=option_id,
        table=grouped,
        reported_usd=float(reported[rows].sum()),
        computed_usd=float(np.nan_to_num(computed[rows]).sum()),
    )
