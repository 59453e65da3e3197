"""The cost calculator's fast path: a scenario compiled once to per-request costs, then
re-evaluated in microseconds for ranges, sensitivity and break-even analysis.

Why a second evaluator next to :func:`model.projection.project`: a projection builds a
pandas frame of bucket rows (≈70 ms for 20 workloads × 36 months), and ranges plus a
tornado need ~20 re-runs per page rerun. The cost of a scenario is linear in request volume
given each workload's price regime, so we price one request per workload with the *same*
price arrays (:func:`model.prices.build_price_arrays`) and the same option adjustments
(:mod:`model.adjustments`) as the engine, then scale. ``tests/calculator`` checks that this
path and ``project()`` agree to the cent; the page shows ``project()``'s numbers for the base
case and uses this path only for what-ifs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from model import columns as c
from model.adjustments import OptionAssumptions, discount_share, monthly_fees, uplift_share
from model.engine import option_ids
from model.prices import BATCH, CR, CW1H, CW5, IN, OUT, TIER, build_price_arrays
from model.projection import Projection, scenario_catalog
from model.scenario import Scenario, ScenarioError
from pricing.schema import Catalog, ModelPrice, Option
from pricing.versions import PriceBook

# ---------------------------------------------------------------------------------------
# Compiling a scenario


@dataclass(frozen=True)
class CompiledOption:
    """One option's prices for the scenario's workloads, laid out for numpy."""

    option: Option
    prices: np.ndarray  # (W, 4 regimes, 5 classes) USD per token; NaN where not sold
    per_request: np.ndarray  # (W,) USD per request
    sold: np.ndarray  # (W,) bool


@dataclass(frozen=True)
class Compiled:
    """A scenario's workloads as arrays plus every option's prices (see compile_scenario)."""

    scenario: Scenario
    catalog: Catalog
    requests_per_day: np.ndarray  # (W,)
    tokens: np.ndarray  # (W, 5) per request, in model.columns.TOKEN_CLASSES order
    batch_share: np.ndarray  # (W,)
    providers: tuple[str, ...]  # (W,)
    provider_code: np.ndarray  # (W,) index into ``vendors``
    vendors: tuple[str, ...]  # distinct providers, sorted
    assumptions: dict[str, OptionAssumptions]  # the scenario's, parsed once
    threshold: np.ndarray  # (W,) long-context threshold (inf: no tier)
    options: tuple[CompiledOption, ...]

    @property
    def workload_names(self) -> list[str]:
        return [w.name for w in self.scenario.workloads]


def _sold_somewhere(catalog: Catalog) -> dict[str, ModelPrice]:
    # Same lookup as the projection: list-priced models, then models only an option sells.
    models = {m.model_id: m for m in catalog.models}
    for o in catalog.options:
        models.update({m.model_id: m for m in o.models})
    return models


def compile_scenario(scenario: Scenario, book: PriceBook) -> Compiled:
    """Resolve the pricing version and lay out prices; raises ``ScenarioError`` on an
    unknown model (naming the workload, as the projection does)."""
    catalog = scenario_catalog(scenario, book)
    models = _sold_somewhere(catalog)
    for i, w in enumerate(scenario.workloads):
        if w.model not in models:
            raise ScenarioError(
                f"workloads.{i}.model: {w.model!r} is not in pricing version {catalog.version}"
            )
    ids = [w.model for w in scenario.workloads]
    uniq = sorted(set(ids))
    pos = np.array([uniq.index(m) for m in ids], dtype=np.int64)
    options = []
    for option_id in option_ids((catalog,)):
        arrays = build_price_arrays((catalog,), option_id, uniq)  # memoized by the engine
        options.append(
            CompiledOption(
                option=catalog.option(option_id),
                prices=arrays.prices[0, pos],
                per_request=arrays.per_request[0, pos],
                sold=arrays.sold[0, pos],
            )
        )
    thresholds = [
        float(models[m].long_context.threshold_tokens) if models[m].long_context else np.inf
        for m in ids
    ]
    ws = scenario.workloads
    providers = tuple(models[m].provider for m in ids)
    vendors = tuple(sorted(set(providers)))
    return Compiled(
        scenario=scenario,
        catalog=catalog,
        requests_per_day=np.array([w.requests_per_day for w in ws], dtype=float),
        tokens=np.array([[getattr(w, col) for col in c.TOKEN_CLASSES] for w in ws], dtype=float),
        batch_share=np.array([w.batch_share for w in ws], dtype=float),
        providers=providers,
        provider_code=np.array([vendors.index(p) for p in providers], dtype=np.int64),
        vendors=vendors,
        assumptions=scenario.assumptions(),
        threshold=np.array(thresholds),
        options=tuple(options),
    )


# ---------------------------------------------------------------------------------------
# Evaluating


@dataclass(frozen=True)
class Knobs:
    """What-if multipliers and overrides on top of a compiled scenario (1.0 / None = as is)."""

    volume: float = 1.0
    input: float = 1.0
    cache_read: float = 1.0
    cache_write: float = 1.0
    output: float = 1.0
    #: Share of the prompt's uncached+cache-read tokens moved between the two, keeping the
    #: prompt size: +0.1 turns 10 % of uncached input into cache reads.
    cache_hit_shift: float = 0.0
    batch_share: float = 1.0
    growth: float | None = None
    #: Replaces the scenario's assumptions of an option (id → assumptions).
    assumptions: Mapping[str, OptionAssumptions] = field(default_factory=dict)


@dataclass(frozen=True)
class OptionResult:
    """Monthly arrays of one option (the same items as :class:`model.costing.OptionCost`)."""

    option: Option
    monthly_list: np.ndarray
    monthly_token_cost: np.ndarray
    monthly_purchase_fee: np.ndarray
    monthly_byok_fee: np.ndarray
    workload_token_cost: np.ndarray  # (W,) over the horizon
    unpriced: tuple[int, ...]  # workload indices the option cannot sell

    @property
    def id(self) -> str:
        return self.option.id

    @property
    def monthly_discount(self) -> np.ndarray:
        return self.monthly_list - self.monthly_token_cost

    @property
    def monthly_fees(self) -> np.ndarray:
        return self.monthly_purchase_fee + self.monthly_byok_fee

    @property
    def monthly_total(self) -> np.ndarray:
        return self.monthly_token_cost + self.monthly_fees

    @property
    def total_usd(self) -> float:
        return float(self.monthly_total.sum())


@dataclass(frozen=True)
class Result:
    options: tuple[OptionResult, ...]
    months: int

    def option(self, option_id: str) -> OptionResult:
        return next(o for o in self.options if o.id == option_id)

    def totals(self) -> dict[str, float]:
        return {o.id: o.total_usd for o in self.options}


def _tokens(comp: Compiled, k: Knobs) -> np.ndarray:
    t = comp.tokens.copy()
    if k.cache_hit_shift:
        # Move tokens between uncached input and cache reads; the prompt size is unchanged.
        pool = t[:, IN] + t[:, CR]
        hit = np.where(pool > 0, t[:, CR] / np.where(pool > 0, pool, 1.0), 0.0)
        hit = np.clip(hit + k.cache_hit_shift, 0.0, 1.0)
        t[:, CR], t[:, IN] = pool * hit, pool * (1 - hit)
    t[:, IN] *= k.input
    t[:, CR] *= k.cache_read
    t[:, CW5] *= k.cache_write
    t[:, CW1H] *= k.cache_write
    t[:, OUT] *= k.output
    return t


def evaluate(comp: Compiled, knobs: Knobs | None = None) -> Result:
    """Monthly list cost, token cost (after discounts) and fees per option."""
    k = knobs or Knobs()
    s = comp.scenario
    n_m = s.horizon_months
    tokens = _tokens(comp, k)
    # Whole-request cliff: the regime follows each workload's (scaled) request size.
    over = tokens[:, IN] + tokens[:, CR] + tokens[:, CW5] + tokens[:, CW1H] > comp.threshold
    share = np.clip(comp.batch_share * k.batch_share, 0.0, 1.0)
    growth = s.monthly_growth if k.growth is None else k.growth
    # (M,) requests per workload-day multiplier: days × compounding growth.
    month_factor = s.days_per_month * (1.0 + growth) ** np.arange(n_m)
    per_month = comp.requests_per_day * k.volume  # (W,) per day
    req_std = per_month * (1 - share)
    req_batch = per_month * share
    w_idx = np.arange(len(tokens))
    assumptions = {**comp.assumptions, **k.assumptions} if k.assumptions else comp.assumptions
    results = []
    for co in comp.options:
        regime_std = np.where(over, TIER, 0)
        p_std = co.prices[w_idx, regime_std]  # (W, 5)
        p_batch = co.prices[w_idx, regime_std + BATCH]
        # 0 tokens × a price the option lacks is 0, not NaN (as in the engine).
        unit_std = np.where(tokens == 0, 0.0, tokens * p_std).sum(axis=1) + co.per_request
        unit_batch = np.where(tokens == 0, 0.0, tokens * p_batch).sum(axis=1) + co.per_request
        daily_list = np.where(req_std > 0, req_std * unit_std, 0.0) + np.where(
            req_batch > 0, req_batch * unit_batch, 0.0
        )
        chosen = assumptions.get(co.option.id, OptionAssumptions())
        daily_list = np.where(co.sold, daily_list, 0.0) * (1.0 + uplift_share(co.option, chosen))
        # Discount per vendor, then per workload (a lookup, not a call per workload).
        disc = np.array([discount_share(co.option, chosen, v) for v in comp.vendors])
        disc = disc[comp.provider_code]
        daily_token = daily_list * (1.0 - disc)
        m_list = daily_list.sum() * month_factor
        m_token = daily_token.sum() * month_factor
        purchase, byok = monthly_fees(co.option, chosen, m_list if chosen.byok else m_token)
        results.append(
            OptionResult(
                option=co.option,
                monthly_list=m_list,
                monthly_token_cost=m_token,
                monthly_purchase_fee=purchase,
                monthly_byok_fee=byok,
                workload_token_cost=daily_token * month_factor.sum(),
                unpriced=tuple(int(i) for i in np.flatnonzero(~co.sold)),
            )
        )
    return Result(tuple(results), n_m)


# ---------------------------------------------------------------------------------------
# Ranges, sensitivity, break-even, cheapest


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


def _set_option(comp: Compiled, option_id: str, **changes: Any) -> dict[str, OptionAssumptions]:
    current = comp.assumptions.get(option_id, OptionAssumptions())
    return {option_id: current.with_(**changes)}


def _discount_scaled(comp: Compiled, option: Option, factor: float) -> dict[str, Any]:
    """The option's discount (user quote or default) scaled by ``factor``, per vendor."""
    chosen = comp.assumptions.get(option.id, OptionAssumptions())
    vendors = comp.vendors
    return {
        option.id: chosen.with_(
            discount={
                v: float(np.clip(discount_share(option, chosen, v) * factor, 0, 1)) for v in vendors
            }
        )
    }


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
                    Knobs(assumptions=_discount_scaled(comp, o, lo)),
                    Knobs(assumptions=_discount_scaled(comp, o, hi)),
                )
            )
        if o.purchase_fees:
            chosen = comp.assumptions.get(o.id, OptionAssumptions())
            topup = chosen.topup_usd or float(o.default_topup_usd or 100)
            items.append(
                (
                    f"{o.name}: top-up size ±{step:.0%}",
                    Knobs(assumptions=_set_option(comp, o.id, topup_usd=topup * lo)),
                    Knobs(assumptions=_set_option(comp, o.id, topup_usd=topup * hi)),
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
        zero = evaluate(comp, Knobs(assumptions=_set_option(comp, o.id, discount=0.0)))
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


def cache_break_even(comp: Compiled) -> list[CacheBreakEven]:
    """When caching a prefix pays off, per model, from the direct option's actual prices.

    A prefix of N tokens written once at ``w`` and then read ``k`` times at ``r`` costs
    ``N(w + k·r)`` against ``N(1 + k)·p`` uncached, so caching pays for ``k > (w − p)/(p − r)``
    reads per write; as a hit rate ``h = k/(1 + k)``. Anthropic's 5-minute write at 1.25× and
    read at 0.1× give 0.25/0.9 ≈ 0.28 reads per write (h ≈ 22 %).
    """
    direct = next((co for co in comp.options if co.option.kind == "direct"), comp.options[0])
    by_model: dict[str, list[int]] = {}
    for i, w in enumerate(comp.scenario.workloads):
        by_model.setdefault(w.model, []).append(i)
    out = []
    for model_id, idx in by_model.items():
        i = idx[0]
        prompt = comp.tokens[i, :4].sum()
        prices = direct.prices[i, TIER if prompt > comp.threshold[i] else 0]
        p, r = prices[IN], prices[CR]
        reads = comp.tokens[idx, CR].sum()
        writes = comp.tokens[idx, CW5].sum() + comp.tokens[idx, CW1H].sum()
        own = float(reads / writes) if writes > 0 else None
        names = tuple(comp.scenario.workloads[j].name for j in idx)
        if np.isnan(p) or np.isnan(r) or r >= p:
            out.append(CacheBreakEven(model_id, names, "any", np.inf, 1.0, own, "no caching"))
            continue
        premium = [(ttl, prices[col]) for ttl, col in (("5m", CW5), ("1h", CW1H))]
        if all(wp <= p for _, wp in premium):
            note = "writes cost no more than input: caching pays from the first read"
            out.append(CacheBreakEven(model_id, names, "any", 0.0, 0.0, own, note))
            continue
        for ttl, wp in premium:
            k = max(float((wp - p) / (p - r)), 0.0)
            out.append(CacheBreakEven(model_id, names, ttl, k, k / (1 + k), own))
    return out


@dataclass(frozen=True)
class Cheapest:
    option: str
    runner_up: str | None
    saving_month_usd: float  # average per month over the horizon vs the runner-up
    saving_total_usd: float
    comparable: tuple[str, ...]  # options that priced every workload
    excluded: tuple[str, ...]  # options that cannot sell some workload


def cheapest(totals: Mapping[str, float], months: int, unpriced: Mapping[str, Any]) -> Cheapest:
    """The cheapest option among those that can price every workload, and by how much."""
    comparable = [o for o in totals if not unpriced.get(o)]
    excluded = tuple(o for o in totals if unpriced.get(o))
    ranked = sorted(comparable or totals, key=lambda o: totals[o])
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    saving = totals[runner] - totals[best] if runner else 0.0
    return Cheapest(best, runner, saving / months, saving, tuple(ranked), excluded)


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
    unpriced = {o.id: o.unpriced for o in base.options}
    return Analysis(
        compiled=comp,
        base=base,
        ranges=ranges(comp, u),
        sensitivity=sensitivity(comp, u.sensitivity, base),
        discount_break_even=discount_break_even(comp, base),
        topup_break_even=topup_break_even(comp),
        cache_break_even=cache_break_even(comp),
        cheapest=cheapest(base.totals(), base.months, unpriced),
    )


def projection_cheapest(projection: Projection) -> Cheapest:
    """:func:`cheapest` on the engine's own totals (what the page's headline line uses)."""
    unpriced = {o.id: o.unpriced for o in projection.costing.options}
    return cheapest(projection.totals(), projection.scenario.horizon_months, unpriced)


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


def with_workloads(scenario: Scenario, workloads: Sequence[Any]) -> Scenario:
    """``scenario`` with other workloads, validated (errors name ``workloads.N.key``)."""
    from model.scenario import parse_scenario

    data = scenario.model_dump(mode="json")
    data["workloads"] = [w if isinstance(w, dict) else w.model_dump() for w in workloads]
    return parse_scenario(data, origin="scenario")


__all__ = [
    "Analysis",
    "Knobs",
    "Uncertainty",
    "analyze",
    "cache_break_even",
    "cheapest",
    "compile_scenario",
    "discount_break_even",
    "evaluate",
    "itemized",
    "ranges",
    "replace",
    "sensitivity",
    "topup_break_even",
]


def model_facts(catalog: Catalog, model_ids: Sequence[str]) -> pd.DataFrame:
    """What a user should see beside the chosen models: context window and prices (USD per
    million tokens), in the order given. Unknown ids get a row with only the id."""
    models = _sold_somewhere(catalog)
    rows = []
    for mid in dict.fromkeys(model_ids):
        m = models.get(mid)
        if m is None:
            rows.append({"model": mid, "vendor": "not in this version"})
            continue
        lc = m.long_context
        rows.append(
            {
                "model": mid,
                "vendor": m.provider,
                "context_tokens": m.context_window or m.max_input_tokens,
                "input": float(m.input),
                "cache_read": None if m.cache_read is None else float(m.cache_read),
                "cache_write_5m": None if m.cache_write_5m is None else float(m.cache_write_5m),
                "cache_write_1h": None if m.cache_write_1h is None else float(m.cache_write_1h),
                "output": float(m.output),
                "batch_input": float(m.batch.input) if m.batch else None,
                "long_context_above": lc.threshold_tokens if lc else None,
                "long_context_input": float(lc.input) if lc else None,
                "long_context_output": float(lc.output) if lc else None,
                "source": m.source.url,
                "checked": m.source.checked,
            }
        )
    frame = pd.DataFrame(rows)
    numeric = [k for k in frame.columns if k not in ("model", "vendor", "source", "checked")]
    # Missing prices are NaN (shown empty), never None or 0.
    frame[numeric] = frame[numeric].astype(float)
    return frame


def bench_recompute(runs: int = 30) -> str:
    """``make bench``: median time to recompute a 20-workload, 36-month scenario for every
    option with ranges and sensitivity (goal < 50 ms), next to one engine projection of the
    same scenario. One PriceBook for all runs, as the app keeps one."""
    import statistics
    import time

    from model.paths import data_dir, pricing_dir
    from model.presets import load_presets
    from model.projection import project

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
