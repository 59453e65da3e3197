"""Where the cost score's totals come from: the calculator's projection of the scenario (the
default), or a usage log re-priced under every option (the ``reprice --json`` summary that the
Re-price page downloads). Either way, an option whose total leaves models out is marked
incomplete, so its cost score becomes a range rather than a flattering number."""

from __future__ import annotations

import math
from typing import Any

from model.plan.projection import Projection
from model.scorecard.ratings import CostBasis


class CostsError(ValueError):
    """A re-price summary that cannot serve as the cost basis; names the key."""


def projection_costs(projection: Projection) -> CostBasis:
    """The calculator's total over the scenario's horizon, per option."""
    s, calendar = projection.scenario, projection.calendar
    versions = list(calendar.versions)
    # By date, several versions price the horizon: name them all, not just the newest.
    priced = (
        f"price version {versions[0]}"
        if len(versions) == 1
        else f"priced {calendar.pricing} (versions {', '.join(versions)})"
    )
    label = f"calculator projection, {s.horizon_months} months from {s.start_month}, {priced}"
    return CostBasis(
        {o.id: o.total_usd for o in projection.costing.options},
        {o.id: not o.unpriced for o in projection.costing.options},
        label,
    )


def costs_from_reprice(summary: Any, origin: str = "re-price summary") -> CostBasis:
    """Totals of a ``python -m model reprice --json`` summary (DESIGN §5 ``options``)."""
    if not isinstance(summary, dict) or not isinstance(summary.get("options"), list):
        raise CostsError(f"{origin}: options: expected the list of a reprice --json summary")
    totals, complete = {}, {}
    for i, o in enumerate(summary["options"]):
        if not isinstance(o, dict) or not isinstance(o.get("id"), str):
            raise CostsError(f"{origin}: options.{i}.id: expected an option id")
        total = o.get("total_usd")
        if isinstance(total, bool) or not isinstance(total, int | float):
            raise CostsError(f"{origin}: options.{i}.total_usd: expected a number")
        if not math.isfinite(total) or total < 0:
            raise CostsError(f"{origin}: options.{i}.total_usd: must be finite and ≥ 0")
        totals[o["id"]] = float(total)
        complete[o["id"]] = not o.get("unpriced")
    if not totals:
        raise CostsError(f"{origin}: options: empty")
    period = summary.get("period") or {}
    label = (
        f"re-priced log ({summary.get('format', 'usage log')}, {summary.get('rows', '?')} rows,"
        f" {str(period.get('start', ''))[:10]} to {str(period.get('end', ''))[:10]})"
    )
    return CostBasis(totals, complete, label)
