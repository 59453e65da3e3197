"""Project a workload scenario month by month under every option, with the same engine that
re-prices usage logs: each (month, pricing version) part × workload becomes a bucket row of
the canonical frame, dated on the first day that version prices in that month, so the
engine prices it by the version in force that day (DESIGN §4; see :mod:`calendar`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from model.engine import columns as c
from model.engine.adjustments import purchase_fee_rate, uplift_share
from model.engine.costing import Costing, cost_usage
from model.engine.frame import canonical_frame
from model.plan.calendar import PricingCalendar, pricing_calendar
from model.plan.scenario import Scenario, ScenarioError
from pricing.schema import Catalog, ModelPrice
from pricing.specs import BY_DATE
from pricing.versions import PriceBook


def scenario_catalog(scenario: Scenario, book: PriceBook) -> Catalog:
    """The version in force on the scenario's first day (or the one it pins): the one whose
    model list the calculator offers."""
    return pricing_calendar(scenario, book).catalogs[0]


def sold_somewhere(catalog: Catalog) -> dict[str, ModelPrice]:
    """List-priced models, then models only an option sells."""
    models = {m.model_id: m for m in catalog.models}
    for o in catalog.options:
        models.update({m.model_id: m for m in o.models})
    return models


def check_scenario(scenario: Scenario, calendar: PricingCalendar) -> None:
    """Refuse, naming the key, what the price data cannot honour: a workload's model missing
    from a version that prices some of its months, an option the data does not have, a
    payment method or region the option does not offer."""
    months = calendar.month_versions()
    for catalog in calendar.catalogs:
        models = sold_somewhere(catalog)
        for i, w in enumerate(scenario.workloads):
            if w.model not in models:
                priced = [
                    calendar.months[m] for m, vs in enumerate(months) if catalog.version in vs
                ]
                raise ScenarioError(
                    f"workloads.{i}.model: {w.model!r} is not in pricing version "
                    f"{catalog.version}, which prices {priced[0]}"
                    + (f" … {priced[-1]}" if len(priced) > 1 else "")
                )
    options = {o.id: o for o in calendar.newest.options}
    for option_id, chosen in scenario.assumptions().items():
        if option_id not in options:
            raise ScenarioError(
                f"options.{option_id}: no such option in pricing version "
                f"{calendar.newest.version} (known: {', '.join(options)})"
            )
        try:
            uplift_share(options[option_id], chosen)
            purchase_fee_rate(options[option_id], chosen)
        except ValueError as exc:
            raise ScenarioError(str(exc)) from None


@dataclass(frozen=True)
class Projection:
    """Monthly cost of a scenario per option; rows are (month part, workload, batch part)."""

    scenario: Scenario
    calendar: PricingCalendar
    costing: Costing
    month_index: np.ndarray  # (rows,) 0-based month of each row
    workload_index: np.ndarray  # (rows,) workload of each row

    @property
    def catalog(self) -> Catalog:
        """The newest version used: option names and terms (as in the engine)."""
        return self.calendar.newest

    @property
    def month_labels(self) -> list[str]:
        return list(self.calendar.months)

    @property
    def warnings(self) -> list[str]:
        return [*self.calendar.warnings, *self.costing.warnings]

    def monthly(self, option_id: str) -> pd.DataFrame:
        """token_cost, discount, fees and total per month of one option."""
        o = self.costing.option(option_id)
        return pd.DataFrame(
            {
                "month": range(1, self.scenario.horizon_months + 1),
                "start": self.month_labels,
                "token_cost_usd": o.monthly_token_cost,
                "discount_usd": o.monthly_discount,
                "fees_usd": o.monthly_purchase_fee + o.monthly_byok_fee,
                "total_usd": o.monthly_total,
            }
        )

    def by_workload(self) -> pd.DataFrame:
        """Token cost over the horizon per workload (rows) and option (columns)."""
        names = [w.name for w in self.scenario.workloads]
        data = {
            o.id: np.bincount(
                self.workload_index, weights=np.nan_to_num(o.token_cost), minlength=len(names)
            )
            for o in self.costing.options
        }
        return pd.DataFrame(data, index=pd.Index(names, name="workload"))

    def totals(self) -> dict[str, float]:
        return {o.id: o.total_usd for o in self.costing.options}

    def to_json(self) -> dict[str, Any]:
        """The ``project --json`` contract of DESIGN §5 (the ``comparable`` block and the
        verdict are added by :func:`model.plan.breakeven.project_json`)."""
        months = []
        labels = self.month_labels
        versions = self.calendar.month_versions()
        for i in range(self.scenario.horizon_months):
            months.append(
                {
                    "month": i + 1,
                    "start": labels[i],
                    "versions": versions[i],
                    "options": [
                        {
                            "id": o.id,
                            "kind": o.kind,
                            "token_cost_usd": float(o.monthly_token_cost[i]),
                            "discount_usd": float(o.monthly_discount[i]),
                            "fees_usd": float(o.monthly_purchase_fee[i] + o.monthly_byok_fee[i]),
                            "total_usd": float(o.monthly_total[i]),
                        }
                        for o in self.costing.options
                    ],
                }
            )
        out = {
            "scenario": self.scenario.name,
            "pricing_version": self.calendar.pricing,
            "versions_used": list(self.calendar.versions),
            "months": months,
            "totals": {
                o.id: {
                    "token_cost_usd": o.token_cost_usd,
                    "discount_usd": o.discount_usd,
                    "fees_usd": o.fees_usd,
                    "total_usd": o.total_usd,
                }
                for o in self.costing.options
            },
            "unpriced": {o.id: o.unpriced for o in self.costing.options if o.unpriced},
            "cache_effectiveness": self.scenario.cache_effectiveness(),
            "warnings": self.warnings,
        }
        _check_finite(out)
        return out


def _check_finite(value: Any) -> None:
    """Every number written is finite (DESIGN §6); the scenario's bounds make this hold, so
    a failure here is a bound missing in :mod:`model.plan.scenario`."""
    if isinstance(value, dict):
        for v in value.values():
            _check_finite(v)
    elif isinstance(value, list):
        for v in value:
            _check_finite(v)
    elif isinstance(value, float) and not math.isfinite(value):
        raise ScenarioError(
            "the scenario gives a number too large to compute (check requests_per_day, "
            "token counts and monthly_growth)"
        )


def workload_frame(
    scenario: Scenario, calendar: PricingCalendar
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Bucket rows: for each (month, version) part and workload, a standard and a batch part."""
    parts = calendar.parts()
    n_w, n_p = len(scenario.workloads), len(parts)
    part_version = np.array([v for v, _ in parts], dtype=np.int64)
    part_month = np.array([m for _, m in parts], dtype=np.int64)
    part = np.repeat(np.arange(n_p), n_w * 2)
    workload = np.tile(np.repeat(np.arange(n_w), 2), n_p)
    is_batch = np.tile(np.array([False, True]), n_p * n_w)
    month, version = part_month[part], part_version[part]
    share = calendar.share[version, month]
    per_day = np.array([w.requests_per_day for w in scenario.workloads])[workload]
    batch_share = np.array([w.batch_share for w in scenario.workloads])[workload]
    growth = (1.0 + scenario.monthly_growth) ** month
    requests = (
        per_day
        * scenario.days_per_month
        * share
        * growth
        * np.where(is_batch, batch_share, 1 - batch_share)
    )
    models = [sold_somewhere(k) for k in calendar.catalogs]

    def tier_band(v: int, w: int) -> bool:
        # Buckets are judged by their stated band: the workload's own request size, against
        # the threshold of the version that prices them.
        wl = scenario.workloads[w]
        tier = models[v][wl.model].long_context
        return tier is not None and wl.prompt_tokens > tier.threshold_tokens

    days = calendar.first_day[version, month]
    data: dict[str, Any] = {
        c.TIMESTAMP: pd.to_datetime(days.astype("datetime64[s]"), utc=True),
        c.MODEL: [scenario.workloads[i].model for i in workload],
        c.REQUESTS: requests,
        c.BATCH: is_batch,
        c.LONG_CONTEXT: [tier_band(v, w) for v, w in zip(version, workload, strict=True)],
    }
    for col in c.TOKEN_CLASSES:
        per_request = np.array([getattr(w, col) for w in scenario.workloads])[workload]
        data[col] = per_request * requests
    data[c.PROVIDER] = [models[v][scenario.workloads[w].model].provider
                        for v, w in zip(version, workload, strict=True)]  # fmt: skip
    keep = requests > 0
    frame = canonical_frame(pd.DataFrame(data)[keep].reset_index(drop=True))
    return frame, month[keep], workload[keep]


def project(scenario: Scenario, book: PriceBook) -> Projection:
    """Monthly spend per option for ``scenario``, each day by the version in force."""
    calendar = pricing_calendar(scenario, book)
    check_scenario(scenario, calendar)
    frame, month, workload = workload_frame(scenario, calendar)
    # An all-idle scenario has no rows to date: one version is enough to price nothing.
    catalogs = calendar.catalogs if len(frame) else calendar.catalogs[-1:]
    costing = cost_usage(
        frame,
        PriceBook(catalogs),
        pricing=BY_DATE,
        assumptions=scenario.assumptions(),
    )
    costing = _with_cache_effectiveness(costing, frame, scenario, PriceBook(catalogs))
    # The calendar says which days predate every version (the rows are dated on a part's
    # first day, which may not); its warning replaces the engine's row count.
    costing = replace(costing, counts={**costing.counts, "predate": 0})
    # Months with no traffic (zero volume) still appear: re-index onto the full horizon.
    costing = _full_horizon(costing, calendar.months)
    return Projection(scenario, calendar, costing, month, workload)


def cache_missed(frame: pd.DataFrame, effectiveness: float) -> pd.DataFrame:
    """The frame as billed through an option that reads only ``effectiveness`` of the
    cacheable tokens from cache: the rest of the cache reads are charged as uncached input.

    Assumption about writes: cache writes stay as the workload states them. A route that
    drops caching altogether (Claude through an OpenAI-compatible route without
    ``cache_control``) would bill them as plain input (cheaper by the write premium); a route
    whose reads miss may write again (dearer); neither is guessed. The prompt size is
    unchanged, so the long-context band is too.
    """
    out = frame.copy()
    missed = out[c.CACHE_READ].to_numpy() * (1.0 - effectiveness)
    out[c.INPUT] = out[c.INPUT].to_numpy() + missed
    out[c.CACHE_READ] = out[c.CACHE_READ].to_numpy() - missed
    return out


def _with_cache_effectiveness(
    costing: Costing, frame: pd.DataFrame, scenario: Scenario, book: PriceBook
) -> Costing:
    """Re-cost the options whose ``cache_effectiveness`` is below 1 on their own tokens."""
    chosen = scenario.cache_effectiveness()
    ids = {o.id for o in costing.options}
    replaced: dict[str, Any] = {}
    for share in sorted(set(chosen.values())):
        other = cost_usage(
            cache_missed(frame, share),
            book,
            pricing=BY_DATE,  # the same versions, day by day, as the main costing
            assumptions=scenario.assumptions(),
        )
        replaced.update({k: other.option(k) for k, v in chosen.items() if v == share and k in ids})
    if not replaced:
        return costing
    return replace(costing, options=tuple(replaced.get(o.id, o) for o in costing.options))


def _full_horizon(costing: Costing, labels: tuple[str, ...]) -> Costing:
    if costing.months == labels:
        return costing
    pos = [labels.index(m) for m in costing.months]

    def spread(arr: np.ndarray) -> np.ndarray:
        out = np.zeros(len(labels))
        out[pos] = arr
        return out

    options = tuple(
        replace(
            o,
            months=labels,
            monthly_token_cost=spread(o.monthly_token_cost),
            monthly_discount=spread(o.monthly_discount),
            monthly_purchase_fee=spread(o.monthly_purchase_fee),
            monthly_byok_fee=spread(o.monthly_byok_fee),
        )
        for o in costing.options
    )
    return replace(costing, options=options, months=labels)


__all__ = [
    "BY_DATE",
    "Projection",
    "check_scenario",
    "project",
    "scenario_catalog",
    "sold_somewhere",
    "workload_frame",
]
