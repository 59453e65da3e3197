"""The cost calculator's service layer: ranges, sensitivity (tornado), the itemized table and
one :func:`analyze` call for the page and ``make bench``. The fast evaluator lives in
:mod:`model.plan.whatif`, break-evens in :mod:`model.plan.breakeven` (import them from
there). No streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from model.engine.adjustments import OptionAssumptions
from model.plan.breakeven import (
    CacheBreakEven,
    DiscountBreakEven,
    TopupBreakEven,
    cache_break_even,
    discount_break_even,
    topup_break_even,
)
from model.plan.projection import Projection
from model.plan.scenario import Scenario
from model.plan.verdict import Cheapest, compiled_cheapest
from model.plan.whatif import (
    Compiled,
    Knobs,
    Result,
    compile_scenario,
    discount_scaled,
    evaluate,
    with_option,
)
from pricing.versions import PriceBook

# ---------------------------------------------------------------------------------------
# Ranges and sensitivity


@dataclass(frozen=True)
class Uncertainty:
    """User-set uncertainty: ± share on request volume and on tokens per request."""

    volume: float = 0.25
    tokens: float = 0.15
    #: Step of each tornado bar (± share of the assumption's value).
    sensitivity: float = 0.2


def ranges(comp: Compiled, u: Uncertainty) -> pd.DataFrame:
    """Low/base/high monthly total per option: volume and tokens both at their low or high."""
    cases = {
        "low": Knobs(
            volume=1 - u.volume,
            **{k: 1 - u.tokens for k in ("input", "cache_read", "cache_write", "output")},
        ),
        "base": Knobs(),
        "high": Knobs(
            volume=1 + u.volume,
            **{k: 1 + u.tokens for k in ("input", "cache_read", "cache_write", "output")},
        ),
    }
    n_m = comp.scenario.horizon_months
    parts = []
    for knobs in cases.values():
        parts.append({o.id: o.monthly_total for o in evaluate(comp, knobs).options})
    ids = list(parts[0])
    # Built from arrays, not row dicts: this runs on every page rerun.
    return pd.DataFrame(
        {
            "option": np.repeat(ids, n_m),
            "month": np.tile(np.arange(1, n_m + 1), len(ids)),
            **{
                case: np.concatenate([part[i] for i in ids])
                for case, part in zip(cases, parts, strict=True)
            },
        }
    )


def sensitivity_knobs(comp: Compiled, step: float) -> list[tuple[str, Knobs, Knobs]]:
    """(label, low, high) for each assumption that drives a number."""
    s = comp.scenario
    g = s.monthly_growth
    pp = max(step * 0.25, 0.01)  # growth moves in percentage points, not a share of ~0
    lo, hi = 1 - step, 1 + step
    items = [
        (f"Requests per day ±{step:.0%}", Knobs(volume=lo), Knobs(volume=hi)),
        (f"Uncached input tokens ±{step:.0%}", Knobs(input=lo), Knobs(input=hi)),
        (f"Output tokens ±{step:.0%}", Knobs(output=lo), Knobs(output=hi)),
        (f"Cache-read tokens ±{step:.0%}", Knobs(cache_read=lo), Knobs(cache_read=hi)),
        (f"Cache-write tokens ±{step:.0%}", Knobs(cache_write=lo), Knobs(cache_write=hi)),
        (
            f"Cache hit share ±{step * 50:.0f} pp",
            Knobs(cache_hit_shift=-step / 2),
            Knobs(cache_hit_shift=step / 2),
        ),
        (f"Monthly growth ±{pp * 100:.0f} pp", Knobs(growth=g - pp), Knobs(growth=g + pp)),
    ]
    if comp.batch_share.any():
        items.append((f"Batch share ±{step:.0%}", Knobs(batch_share=lo), Knobs(batch_share=hi)))
    for co in comp.options:
        o = co.option
        if o.kind == "pooled" or o.discount != 0:
            items.append(
                (
                    f"{o.name}: discount ±{step:.0%}",
                    Knobs(assumptions=discount_scaled(comp, o, lo)),
                    Knobs(assumptions=discount_scaled(comp, o, hi)),
                )
            )
        if o.purchase_fees:
            chosen = comp.assumptions.get(o.id, OptionAssumptions())
            topup = chosen.topup_usd or float(o.default_topup_usd or 100)
            items.append(
                (
                    f"{o.name}: top-up size ±{step:.0%}",
                    Knobs(assumptions=with_option(comp, o.id, topup_usd=topup * lo)),
                    Knobs(assumptions=with_option(comp, o.id, topup_usd=topup * hi)),
                )
            )
    return items


def sensitivity(comp: Compiled, step: float = 0.2, base: Result | None = None) -> pd.DataFrame:
    """Tornado data: average monthly spend per option with each assumption at its low and
    high value, the others at base. Sorted by swing, largest first, per option."""
    base = base or evaluate(comp)
    n = base.months
    rows = []
    for label, low, high in sensitivity_knobs(comp, step):
        r_low, r_high = evaluate(comp, low), evaluate(comp, high)
        for o in base.options:
            b = o.total_usd / n
            lo_v, hi_v = r_low.option(o.id).total_usd / n, r_high.option(o.id).total_usd / n
            rows.append(
                {
                    "option": o.id,
                    "assumption": label,
                    "base_usd": b,
                    "low_usd": lo_v,
                    "high_usd": hi_v,
                    "swing_usd": abs(hi_v - lo_v),
                }
            )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["option", "swing_usd"], ascending=[True, False], kind="stable")


# ---------------------------------------------------------------------------------------
# One call for the page and the bench


@dataclass(frozen=True)
class Analysis:
    compiled: Compiled
    base: Result
    ranges: pd.DataFrame
    sensitivity: pd.DataFrame
    discount_break_even: list[DiscountBreakEven]
    topup_break_even: list[TopupBreakEven]
    cache_break_even: list[CacheBreakEven]
    cheapest: Cheapest


def analyze(
    scenario: Scenario, book: PriceBook, uncertainty: Uncertainty | None = None
) -> Analysis:
    """Everything the calculator shows beyond the base projection. This is what ``make
    bench`` times (target: 20 workloads × 36 months < 50 ms)."""
    u = uncertainty or Uncertainty()
    comp = compile_scenario(scenario, book)
    base = evaluate(comp)
    return Analysis(
        compiled=comp,
        base=base,
        ranges=ranges(comp, u),
        sensitivity=sensitivity(comp, u.sensitivity, base),
        discount_break_even=discount_break_even(comp, base),
        topup_break_even=topup_break_even(comp),
        cache_break_even=cache_break_even(comp),
        cheapest=compiled_cheapest(comp, base),
    )


def itemized(projection: Projection) -> pd.DataFrame:
    """Per option and workload over the horizon: list cost, discount, token cost; then the
    option's fees as their own lines (fees are charged on the month's credits, not per
    workload). Numbers come from the engine's rows."""
    names = [w.name for w in projection.scenario.workloads]
    rows: list[dict[str, Any]] = []
    for o in projection.costing.options:
        lst = np.bincount(
            projection.workload_index, np.nan_to_num(o.list_cost), minlength=len(names)
        )
        tok = np.bincount(
            projection.workload_index, np.nan_to_num(o.token_cost), minlength=len(names)
        )
        for i, name in enumerate(names):
            rows.append(
                {
                    "option": o.id,
                    "item": name,
                    "list_usd": lst[i],
                    "discount_usd": lst[i] - tok[i],
                    "token_cost_usd": tok[i],
                    "fees_usd": 0.0,
                    "total_usd": tok[i],
                }
            )
        for label, arr in (
            ("purchase fee", o.monthly_purchase_fee),
            ("BYOK fee", o.monthly_byok_fee),
        ):
            if arr.any():
                fee = float(arr.sum())
                rows.append(
                    {
                        "option": o.id,
                        "item": label,
                        "list_usd": 0.0,
                        "discount_usd": 0.0,
                        "token_cost_usd": 0.0,
                        "fees_usd": fee,
                        "total_usd": fee,
                    }
                )
    return pd.DataFrame(rows)


def bench_scenario(template: Scenario, workloads: int = 20, months: int = 36) -> Scenario:
    """A large scenario for ``make bench``: ``template``'s workloads repeated, with varied
    volumes so no two rows are identical."""
    base = template.workloads
    ws = tuple(
        base[i % len(base)].model_copy(
            update={
                "name": f"workload {i + 1}",
                "requests_per_day": base[i % len(base)].requests_per_day * (1 + 0.1 * i),
            }
        )
        for i in range(workloads)
    )
    return template.model_copy(update={"workloads": ws, "horizon_months": months})


def bench_recompute(runs: int = 30) -> str:
    """``make bench``: median time to recompute a 20-workload, 36-month scenario for every
    option with ranges and sensitivity (goal < 50 ms), next to one engine projection of the
    same scenario. One PriceBook for all runs, as the app keeps one."""
    import statistics
    import time

    from model.paths import data_dir, pricing_dir
    from model.plan.presets import load_presets
    from model.plan.projection import project

    book = PriceBook.load(pricing_dir())
    template = load_presets(data_dir() / "scenarios" / "presets")[0].scenario
    scenario = bench_scenario(template)

    def median_ms(fn: Any) -> float:
        fn()  # warm the price-array memo
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times) * 1000

    fast = median_ms(lambda: analyze(scenario, book))
    engine = median_ms(lambda: project(scenario, book))
    n_w, n_m = len(scenario.workloads), scenario.horizon_months
    return (
        f"calculator: {n_w} workloads × {n_m} months, all options, ranges + sensitivity "
        f"(analyze): {fast:.1f} ms median of {runs} (goal < 50 ms)\n"
        f"            engine projection of the same scenario (project): {engine:.1f} ms"
    )
