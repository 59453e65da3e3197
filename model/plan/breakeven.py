"""Break-even numbers, from the fast evaluator's results.

- the discount at which a discounted option (the pooled gateway) costs the same as another;
- the top-up size above which a purchase fee's minimum stops exceeding its percentage;
- the reads per cache write (and hit rate) at which prompt caching pays for its writes;
(The cheapest option and by how much is :mod:`model.plan.verdict`.)
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, replace
from typing import Any

import numpy as np

from model.engine.adjustments import OptionAssumptions, discount_share
from model.engine.prices import CR, CW1H, CW5, IN, TIER
from model.plan.whatif import Compiled, Knobs, Result, evaluate, with_option

__all__ = [
    "CacheBreakEven",
    "DiscountBreakEven",
    "TopupBreakEven",
    "cache_break_even",
    "discount_break_even",
    "topup_break_even",
]


@dataclass(frozen=True)
class DiscountBreakEven:
    option: str  # the discounted (pooled) option
    versus: str
    discount: float  # uniform share off list at which both cost the same over the horizon
    current: dict[str, float]  # the discount in use, per vendor


def discount_break_even(comp: Compiled, base: Result | None = None) -> list[DiscountBreakEven]:
    """For every option with a discount: the uniform discount at which it costs the same as
    each other option over the horizon. Exact, because with no BYOK the option's total is
    ``T0 × (1 − d)`` (fees, if any, are a fixed share of token cost)."""
    base = base or evaluate(comp)
    out = []
    for co in comp.options:
        o = co.option
        if not (o.kind == "pooled" or o.discount != 0):
            continue
        zero = evaluate(comp, Knobs(assumptions=with_option(comp, o.id, discount=0.0)))
        t0 = zero.option(o.id).total_usd
        chosen = comp.assumptions.get(o.id, OptionAssumptions())
        current = {v: discount_share(o, chosen, v) for v in comp.vendors}
        for other in base.options:
            if other.id == o.id or t0 <= 0:
                continue
            out.append(DiscountBreakEven(o.id, other.id, 1.0 - other.total_usd / t0, current))
    return out


@dataclass(frozen=True)
class TopupBreakEven:
    option: str
    payment: str
    percent: float
    min_usd: float
    topup_usd: float  # top-up size at which the minimum fee equals the percentage
    chosen_topup_usd: float | None
    effective_rate: float  # fee per dollar at the chosen top-up size


def topup_break_even(comp: Compiled) -> list[TopupBreakEven]:
    """Top-up size above which a purchase fee's minimum stops exceeding its percentage:
    ``min_fee / percent`` ($0.80 / 5.5 % = $14.55 on OpenRouter's card fee)."""
    out = []
    for co in comp.options:
        o = co.option
        chosen = comp.assumptions.get(o.id, OptionAssumptions())
        topup = chosen.topup_usd or (float(o.default_topup_usd) if o.default_topup_usd else None)
        for payment, rule in o.purchase_fees.items():
            pct, min_usd = float(rule.percent), float(rule.min_usd)
            rate = pct if topup is None else max(pct * topup, min_usd) / topup
            be = min_usd / pct if pct > 0 and min_usd > 0 else 0.0
            out.append(TopupBreakEven(o.id, payment, pct, min_usd, be, topup, rate))
    return out


@dataclass(frozen=True)
class CacheBreakEven:
    model: str
    workloads: tuple[str, ...]
    ttl: str  # "5m", "1h", or "any" when writes cost no more than input
    reads_per_write: float  # reads of a written prefix needed to pay for the write premium
    hit_rate: float  # the same, as the share of prefix uses that are cache hits
    workload_reads_per_write: float | None  # what the workloads' own tokens imply
    note: str = ""
    versions: tuple[str, ...] = ()  # the pricing versions whose prices give this result


def cache_break_even(comp: Compiled) -> list[CacheBreakEven]:
    """When caching a prefix pays off, per model, from the direct option's actual prices.

    A prefix of N tokens written once at ``w`` and then read ``k`` times at ``r`` costs
    ``N(w + k·r)`` against ``N(1 + k)·p`` uncached, so caching pays for ``k > (w − p)/(p − r)``
    reads per write; as a hit rate ``h = k/(1 + k)``. Anthropic's 5-minute write at 1.25× and
    read at 0.1× give 0.25/0.9 ≈ 0.28 reads per write (h ≈ 22 %).

    Under ``by-date`` a price step inside the horizon can move the break-even: each result
    names the versions whose prices give it (one result when they all agree).
    """
    direct = next((co for co in comp.options if co.option.kind == "direct"), comp.options[0])
    by_model: dict[str, list[int]] = {}
    for i, w in enumerate(comp.scenario.workloads):
        by_model.setdefault(w.model, []).append(i)
    versions = comp.calendar.versions
    out = []
    for model_id, idx in by_model.items():
        found: dict[tuple[Any, ...], list[str]] = {}
        for v, version in enumerate(versions):
            for item in _cache_items(comp, direct.prices[v], comp.threshold[v], model_id, idx):
                found.setdefault(astuple(item), []).append(version)
        for fields, vs in found.items():
            out.append(replace(CacheBreakEven(*fields), versions=tuple(vs)))
    return out


def _cache_items(
    comp: Compiled, prices: np.ndarray, threshold: np.ndarray, model_id: str, idx: list[int]
) -> list[CacheBreakEven]:
    """The break-evens of one model under one version's (W, 4, 5) direct prices."""
    i = idx[0]
    prompt = comp.tokens[i, :4].sum()
    row = prices[i, TIER if prompt > threshold[i] else 0]
    p, r = row[IN], row[CR]
    reads = comp.tokens[idx, CR].sum()
    writes = comp.tokens[idx, CW5].sum() + comp.tokens[idx, CW1H].sum()
    own = float(reads / writes) if writes > 0 else None
    names = tuple(comp.scenario.workloads[j].name for j in idx)
    if np.isnan(p) or np.isnan(r) or r >= p:
        return [CacheBreakEven(model_id, names, "any", np.inf, 1.0, own, "no caching")]
    premium = [(ttl, row[col]) for ttl, col in (("5m", CW5), ("1h", CW1H))]
    if all(wp <= p for _, wp in premium):
        note = "writes cost no more than input: caching pays from the first read"
        return [CacheBreakEven(model_id, names, "any", 0.0, 0.0, own, note)]
    out = []
    for ttl, wp in premium:
        k = max(float((wp - p) / (p - r)), 0.0)
        out.append(CacheBreakEven(model_id, names, ttl, k, k / (1 + k), own))
    return out
