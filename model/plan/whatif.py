"""The calculator's fast path: a scenario compiled once to per-request costs per option,
then re-evaluated in microseconds under what-if knobs (volume, tokens, growth, assumptions).

Why a second evaluator next to :func:`model.plan.projection.project`: a projection builds a
pandas frame of bucket rows (tens of ms for 20 workloads × 36 months), and ranges plus a
tornado need ~20 re-runs per page rerun. The cost of a scenario is linear in request volume
given each workload's price regime, so we price one request per workload with the *same*
price arrays (:func:`model.engine.prices.build_price_arrays`) and the same option adjustments
(:mod:`model.engine.adjustments`) as the engine, then scale. ``tests/plan`` checks that this
path and ``project()`` agree to the cent (also on generated scenarios).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from model.engine import columns as c
from model.engine.adjustments import OptionAssumptions, discount_share, monthly_fees, uplift_share
from model.engine.pricer import option_ids
from model.engine.prices import BATCH, CR, CW1H, CW5, IN, OUT, TIER, build_price_arrays
from model.plan.calendar import PricingCalendar, pricing_calendar
from model.plan.projection import check_scenario, sold_somewhere
from model.plan.scenario import Scenario
from pricing.schema import Catalog, Option
from pricing.versions import PriceBook

# ---------------------------------------------------------------------------------------
# Compiling a scenario


@dataclass(frozen=True)
class CompiledOption:
    """One option's prices for the scenario's workloads under each version used."""

    option: Option
    prices: np.ndarray  # (V, W, 4 regimes, 5 classes) USD per token; NaN where not sold
    per_request: np.ndarray  # (V, W) USD per request
    sold: np.ndarray  # (V, W) bool


@dataclass(frozen=True)
class Compiled:
    """A scenario's workloads as arrays plus every option's prices (see compile_scenario)."""

    scenario: Scenario
    calendar: PricingCalendar
    requests_per_day: np.ndarray  # (W,)
    tokens: np.ndarray  # (W, 5) per request, in model.engine.columns.TOKEN_CLASSES order
    batch_share: np.ndarray  # (W,)
    providers: tuple[str, ...]  # (W,)
    provider_code: np.ndarray  # (W,) index into ``vendors``
    vendors: tuple[str, ...]  # distinct providers, sorted
    assumptions: dict[str, OptionAssumptions]  # the scenario's, parsed once
    threshold: np.ndarray  # (V, W) long-context threshold (inf: no tier)
    options: tuple[CompiledOption, ...]
    #: Options reading less than all cacheable tokens from cache (id → share; see
    #: :func:`model.plan.projection.cache_missed` for what is assumed about writes).
    cache_effectiveness: dict[str, float] = field(default_factory=dict)

    @property
    def catalog(self) -> Catalog:
        """The newest version used (option names and terms, as in the engine)."""
        return self.calendar.newest

    @property
    def workload_names(self) -> list[str]:
        return [w.name for w in self.scenario.workloads]


def compile_scenario(scenario: Scenario, book: PriceBook) -> Compiled:
    """Lay out the prices of every version the scenario's days use; raises
    ``ScenarioError`` naming the key on what the data cannot price (as the projection)."""
    calendar = pricing_calendar(scenario, book)
    check_scenario(scenario, calendar)
    catalogs = calendar.catalogs
    ids = [w.model for w in scenario.workloads]
    uniq = sorted(set(ids))
    pos = np.array([uniq.index(m) for m in ids], dtype=np.int64)
    options = []
    chosen = scenario.assumptions()
    for option_id in option_ids(catalogs):
        opt_in = chosen[option_id].batch_api if option_id in chosen else None
        # memoized by the engine
        arrays = build_price_arrays(catalogs, option_id, uniq, batch_api=opt_in)
        options.append(
            CompiledOption(
                option=calendar.newest.option(option_id),
                prices=arrays.prices[:, pos],
                per_request=arrays.per_request[:, pos],
                sold=arrays.sold[:, pos],
            )
        )
    models = [sold_somewhere(k) for k in catalogs]
    thresholds = [
        [float(ms[m].long_context.threshold_tokens) if ms[m].long_context else np.inf for m in ids]
        for ms in models
    ]
    ws = scenario.workloads
    providers = tuple(models[-1][m].provider for m in ids)
    vendors = tuple(sorted(set(providers)))
    return Compiled(
        scenario=scenario,
        calendar=calendar,
        requests_per_day=np.array([w.requests_per_day for w in ws], dtype=float),
        tokens=np.array([[getattr(w, col) for col in c.TOKEN_CLASSES] for w in ws], dtype=float),
        batch_share=np.array([w.batch_share for w in ws], dtype=float),
        providers=providers,
        provider_code=np.array([vendors.index(p) for p in providers], dtype=np.int64),
        vendors=vendors,
        assumptions=scenario.assumptions(),
        threshold=np.array(thresholds).reshape(len(catalogs), len(ids)),
        options=tuple(options),
        cache_effectiveness=scenario.cache_effectiveness(),
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
    #: Only these workloads (indices); None: all. Options are compared on the workloads
    #: every option can sell (see :func:`model.plan.breakeven.comparable_cheapest`).
    only: tuple[int, ...] | None = None


@dataclass(frozen=True)
class OptionResult:
    """Monthly arrays of one option (the same items as :class:`model.engine.costing.OptionCost`)."""

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


def _cache_missed(tokens: np.ndarray, effectiveness: float) -> np.ndarray:
    """Cache reads that miss are charged as uncached input (as in the projection)."""
    t = tokens.copy()
    missed = t[..., CR] * (1.0 - effectiveness)
    t[..., IN] += missed
    t[..., CR] -= missed
    return t


def evaluate(comp: Compiled, knobs: Knobs | None = None) -> Result:
    """Monthly list cost, token cost (after discounts) and fees per option."""
    k = knobs or Knobs()
    s = comp.scenario
    n_m = s.horizon_months
    tokens = _tokens(comp, k)
    # Whole-request cliff: the regime follows each workload's (scaled) request size, against
    # each version's threshold: (V, W).
    prompt = tokens[:, IN] + tokens[:, CR] + tokens[:, CW5] + tokens[:, CW1H]
    over = prompt[None, :] > comp.threshold
    share = np.clip(comp.batch_share * k.batch_share, 0.0, 1.0)
    growth = s.monthly_growth if k.growth is None else k.growth
    # (V, M) request-days of each version's part of each month: days × share × growth.
    month_weight = comp.calendar.share * (s.days_per_month * (1.0 + growth) ** np.arange(n_m))
    per_day = comp.requests_per_day * k.volume  # (W,)
    if k.only is not None:
        per_day = np.where(np.isin(np.arange(len(per_day)), k.only), per_day, 0.0)
    req_std = per_day * (1 - share)
    req_batch = per_day * share
    v_idx = np.arange(comp.threshold.shape[0])[:, None]
    w_idx = np.arange(len(tokens))[None, :]
    regime_std = np.where(over, TIER, 0)  # (V, W)
    assumptions = {**comp.assumptions, **k.assumptions} if k.assumptions else comp.assumptions
    results = []
    for co in comp.options:
        share_cached = comp.cache_effectiveness.get(co.option.id, 1.0)
        tokens_o = tokens if share_cached >= 1 else _cache_missed(tokens, share_cached)
        p_std = co.prices[v_idx, w_idx, regime_std]  # (V, W, 5)
        p_batch = co.prices[v_idx, w_idx, regime_std + BATCH]
        # 0 tokens × a price the option lacks is 0, not NaN (as in the engine).
        unit_std = np.where(tokens_o == 0, 0.0, tokens_o * p_std).sum(axis=2) + co.per_request
        unit_batch = np.where(tokens_o == 0, 0.0, tokens_o * p_batch).sum(axis=2) + co.per_request
        daily_list = np.where(req_std > 0, req_std * unit_std, 0.0) + np.where(
            req_batch > 0, req_batch * unit_batch, 0.0
        )  # (V, W)
        chosen = assumptions.get(co.option.id, OptionAssumptions())
        daily_list = np.where(co.sold, daily_list, 0.0) * (1.0 + uplift_share(co.option, chosen))
        # Discount per vendor, then per workload (a lookup, not a call per workload).
        disc = np.array([discount_share(co.option, chosen, v) for v in comp.vendors])
        disc = disc[comp.provider_code]
        daily_token = daily_list * (1.0 - disc)
        m_list = daily_list.sum(axis=1) @ month_weight
        m_token = daily_token.sum(axis=1) @ month_weight
        purchase, byok = monthly_fees(co.option, chosen, m_list if chosen.byok else m_token)
        # A workload is unpriced on an option that cannot sell it on some day of the horizon.
        unsold = ((~co.sold) & (month_weight.sum(axis=1) > 0)[:, None]).any(axis=0)
        results.append(
            OptionResult(
                option=co.option,
                monthly_list=m_list,
                monthly_token_cost=m_token,
                monthly_purchase_fee=purchase,
                monthly_byok_fee=byok,
                workload_token_cost=(daily_token * month_weight.sum(axis=1)[:, None]).sum(axis=0),
                unpriced=tuple(int(i) for i in np.flatnonzero(unsold)),
            )
        )
    return Result(tuple(results), n_m)


def with_option(comp: Compiled, option_id: str, **changes: Any) -> dict[str, OptionAssumptions]:
    """Knobs.assumptions that change one option's assumptions (the rest as in the scenario)."""
    current = comp.assumptions.get(option_id, OptionAssumptions())
    return {option_id: current.with_(**changes)}


def discount_scaled(comp: Compiled, option: Option, factor: float) -> dict[str, Any]:
    """Knobs.assumptions with the option's discount (user quote or default) × ``factor``."""
    chosen = comp.assumptions.get(option.id, OptionAssumptions())
    return {
        option.id: chosen.with_(
            discount={
                v: float(np.clip(discount_share(option, chosen, v) * factor, 0, 1))
                for v in comp.vendors
            }
        )
    }
