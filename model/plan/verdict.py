"""The cheapest option, compared like with like (DESIGN §5 ``comparable``).

Options are compared on the workloads every option can sell. A workload whose model some
option does not sell (an open model on ``direct``) is left out of the comparison and
named, with what it costs where it is sold; it is never counted as $0 for the option that
cannot sell it, so that option is not crowned for it. Fees are recomputed on the compared
workloads' monthly spend (the purchase fee and the BYOK allowance are per month).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from model.engine.adjustments import OptionAssumptions, discount_share, monthly_fees
from model.plan.projection import Projection
from model.plan.whatif import Compiled, Knobs, Result, evaluate


@dataclass(frozen=True)
class Cheapest:
    """The verdict: ``option`` is None when no workload can be priced by every option."""

    option: str | None
    runner_up: str | None
    saving_month_usd: float  # average per month over the horizon vs the runner-up
    saving_total_usd: float
    comparable: tuple[str, ...]  # every option, cheapest first, on the compared workloads
    excluded: tuple[str, ...]  # options that cannot sell some workload
    totals: Mapping[str, float] = field(default_factory=dict)  # on the compared workloads
    workloads: tuple[int, ...] = ()  # the workloads compared
    left_out: tuple[int, ...] = ()  # workloads some option cannot sell

    @property
    def partial(self) -> bool:
        """True when some workload is outside the comparison."""
        return bool(self.left_out)


def cheapest(
    totals: Mapping[str, float],
    months: int,
    *,
    workloads: Sequence[int] = (),
    left_out: Sequence[int] = (),
    excluded: Sequence[str] = (),
) -> Cheapest:
    """Rank options by ``totals`` (which must cover the same workloads for every option)."""
    ranked = sorted(totals, key=lambda o: totals[o])
    if not ranked or (left_out and not workloads):
        return Cheapest(
            None, None, 0.0, 0.0, (), tuple(excluded), dict(totals), (), tuple(left_out)
        )
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    saving = totals[runner] - totals[best] if runner else 0.0
    return Cheapest(
        best,
        runner,
        saving / months,
        saving,
        tuple(ranked),
        tuple(excluded),
        dict(totals),
        tuple(workloads),
        tuple(left_out),
    )


def _split(n_workloads: int, unsold: Mapping[str, Sequence[int]]) -> tuple[list[int], list[int]]:
    out = sorted({w for ws in unsold.values() for w in ws})
    return [w for w in range(n_workloads) if w not in out], out


def projection_cheapest(projection: Projection) -> Cheapest:
    """The cheapest option on the engine's own rows (what the page headline and ``project``
    say)."""
    n_w = len(projection.scenario.workloads)
    unsold = {
        o.id: np.unique(projection.workload_index[np.isnan(o.list_cost)]).tolist()
        for o in projection.costing.options
    }
    workloads, left_out = _split(n_w, unsold)
    excluded = [o for o, ws in unsold.items() if ws]
    if not left_out:
        totals = projection.totals()
    else:
        keep = np.isin(projection.workload_index, workloads)
        assumptions = projection.scenario.assumptions()
        n_m = projection.scenario.horizon_months
        totals = {}
        for o in projection.costing.options:
            listed = np.bincount(
                projection.month_index, np.where(keep, np.nan_to_num(o.list_cost), 0.0), n_m
            )
            paid = np.bincount(
                projection.month_index, np.where(keep, np.nan_to_num(o.token_cost), 0.0), n_m
            )
            chosen = assumptions.get(o.id, OptionAssumptions())
            purchase, byok = monthly_fees(o.option, chosen, listed if chosen.byok else paid)
            totals[o.id] = float((paid + purchase + byok).sum())
    return cheapest(
        totals,
        projection.scenario.horizon_months,
        workloads=workloads,
        left_out=left_out,
        excluded=excluded,
    )


def compiled_cheapest(comp: Compiled, base: Result | None = None) -> Cheapest:
    """The same verdict from the fast evaluator (agrees with :func:`projection_cheapest`)."""
    base = base or evaluate(comp)
    unsold = {o.id: list(o.unpriced) for o in base.options}
    workloads, left_out = _split(len(comp.scenario.workloads), unsold)
    result = evaluate(comp, Knobs(only=tuple(workloads))) if left_out else base
    return cheapest(
        result.totals(),
        base.months,
        workloads=workloads,
        left_out=left_out,
        excluded=[o for o, ws in unsold.items() if ws],
    )


def verdict_json(projection: Projection, best: Cheapest | None = None) -> dict[str, Any]:
    """The ``comparable`` block and the verdict of ``project --json`` (DESIGN §5)."""
    best = best or projection_cheapest(projection)
    names = [w.name for w in projection.scenario.workloads]
    by_workload = projection.by_workload()
    left_out = []
    unsold = {o.id: _unsold(projection, o.id) for o in projection.costing.options}
    for w in best.left_out:
        sellers = [o for o, ws in unsold.items() if w not in ws]
        left_out.append(
            {
                "workload": names[w],
                "model": projection.scenario.workloads[w].model,
                "not_sold_by": [o for o, ws in unsold.items() if w in ws],
                "token_cost_usd": {o: float(by_workload.iloc[w][o]) for o in sellers},
            }
        )
    return {
        "comparable": {
            "workloads": [names[w] for w in best.workloads],
            "options": [{"id": o, "total_usd": best.totals[o]} for o in best.totals],
            "left_out": left_out,
        },
        "cheapest": None
        if best.option is None
        else {
            "option": best.option,
            "runner_up": best.runner_up,
            "saving_total_usd": best.saving_total_usd,
            "saving_month_usd": best.saving_month_usd,
            "example_discount": example_discount(projection, best.option),
        },
    }


def example_discount(projection: Projection, option_id: str) -> bool:
    """Whether the option's price rests on the catalog's example discount (the scenario
    states no quote of its own): a verdict for it must say so."""
    option = projection.catalog.option(option_id)
    chosen = projection.scenario.assumptions().get(option_id, OptionAssumptions())
    # The calculator writes the example's own numbers back as the user's: equal is unchanged.
    return bool(option.example) and all(
        discount_share(option, chosen, v) == float(option.discount_for(v)) for v in option.resells
    )


def _unsold(projection: Projection, option_id: str) -> set[int]:
    o = projection.costing.option(option_id)
    return set(np.unique(projection.workload_index[np.isnan(o.list_cost)]).tolist())


def project_json(projection: Projection) -> dict[str, Any]:
    """Everything ``python -m model project --json`` prints."""
    return projection.to_json() | verdict_json(projection)
