"""Project a workload scenario month by month under every option, with the same engine that
re-prices usage logs: each month × workload becomes a bucket row of the canonical frame.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from model.engine import columns as c
from model.engine.costing import Costing, cost_usage
from model.engine.frame import canonical_frame
from model.plan.scenario import Scenario, ScenarioError
from pricing.schema import Catalog
from pricing.versions import BY_DATE, PriceBook


def scenario_catalog(scenario: Scenario, book: PriceBook) -> Catalog:
    """The version that prices a scenario: the one named, else the one in force on its start."""
    return book.resolve(scenario.pricing_version, scenario.start)


def _sold_somewhere(catalog: Catalog) -> dict[str, Any]:
    models = {m.model_id: m for m in catalog.models}
    for o in catalog.options:
        models.update({m.model_id: m for m in o.models})
    return models


@dataclass(frozen=True)
class Projection:
    """Monthly cost of a scenario per option; rows are (month, workload, batch part)."""

    scenario: Scenario
    catalog: Catalog
    costing: Costing
    month_index: np.ndarray  # (rows,) 0-based month of each row
    workload_index: np.ndarray  # (rows,) workload of each row

    @property
    def month_labels(self) -> list[str]:
        return [
            (self.scenario.start + pd.DateOffset(months=i)).strftime("%Y-%m")
            for i in range(self.scenario.horizon_months)
        ]

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
        """The ``project --json`` contract of DESIGN §5."""
        months = []
        labels = self.month_labels
        for i in range(self.scenario.horizon_months):
            months.append(
                {
                    "month": i + 1,
                    "start": labels[i],
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
        return {
            "scenario": self.scenario.name,
            "pricing_version": self.catalog.version,
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
            "warnings": list(self.costing.warnings),
        }


def workload_frame(
    scenario: Scenario, catalog: Catalog
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Bucket rows: for each month and workload, a standard part and a batch part."""
    models = _sold_somewhere(catalog)
    for i, w in enumerate(scenario.workloads):
        if w.model not in models:
            raise ScenarioError(
                f"workloads.{i}.model: {w.model!r} is not in pricing version {catalog.version}"
            )
    n_w, n_m = len(scenario.workloads), scenario.horizon_months
    month = np.repeat(np.arange(n_m), n_w * 2)
    workload = np.tile(np.repeat(np.arange(n_w), 2), n_m)
    is_batch = np.tile(np.array([False, True]), n_m * n_w)
    per_day = np.array([w.requests_per_day for w in scenario.workloads])[workload]
    share = np.array([w.batch_share for w in scenario.workloads])[workload]
    growth = (1.0 + scenario.monthly_growth) ** month
    requests = per_day * scenario.days_per_month * growth * np.where(is_batch, share, 1 - share)
    starts = pd.date_range(scenario.start, periods=n_m, freq="MS", tz="UTC")

    def tier_band(w: Any) -> bool:
        tier = models[w.model].long_context
        return tier is not None and w.prompt_tokens > tier.threshold_tokens

    data: dict[str, Any] = {
        c.TIMESTAMP: starts[month],
        c.MODEL: [scenario.workloads[i].model for i in workload],
        c.REQUESTS: requests,
        c.BATCH: is_batch,
        # Buckets are judged by their stated band: the workload's own request size.
        c.LONG_CONTEXT: [tier_band(scenario.workloads[i]) for i in workload],
    }
    for col in c.TOKEN_CLASSES:
        per_request = np.array([getattr(w, col) for w in scenario.workloads])[workload]
        data[col] = per_request * requests
    data[c.PROVIDER] = [models[scenario.workloads[i].model].provider for i in workload]
    keep = requests > 0
    frame = canonical_frame(pd.DataFrame(data)[keep].reset_index(drop=True))
    return frame, month[keep], workload[keep]


def project(scenario: Scenario, book: PriceBook) -> Projection:
    """Monthly spend per option for ``scenario``."""
    catalog = scenario_catalog(scenario, book)
    frame, month, workload = workload_frame(scenario, catalog)
    costing = cost_usage(
        frame,
        PriceBook((catalog,)),
        pricing=catalog.version,
        assumptions=scenario.assumptions(),
    )
    costing = _with_cache_effectiveness(costing, frame, scenario, catalog)
    # Months with no traffic (zero volume) still appear: re-index onto the full horizon.
    costing = _full_horizon(costing, scenario)
    return Projection(scenario, catalog, costing, month, workload)


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
    costing: Costing, frame: pd.DataFrame, scenario: Scenario, catalog: Catalog
) -> Costing:
    """Re-cost the options whose ``cache_effectiveness`` is below 1 on their own tokens."""
    chosen = scenario.cache_effectiveness()
    ids = {o.id for o in costing.options}
    replaced: dict[str, Any] = {}
    for share in sorted(set(chosen.values())):
        other = cost_usage(
            cache_missed(frame, share),
            PriceBook((catalog,)),
            pricing=catalog.version,
            assumptions=scenario.assumptions(),
        )
        replaced.update({k: other.option(k) for k, v in chosen.items() if v == share and k in ids})
    if not replaced:
        return costing
    return replace(costing, options=tuple(replaced.get(o.id, o) for o in costing.options))


def _full_horizon(costing: Costing, scenario: Scenario) -> Costing:
    labels = [
        (scenario.start + pd.DateOffset(months=i)).strftime("%Y-%m")
        for i in range(scenario.horizon_months)
    ]
    if list(costing.months) == labels:
        return costing
    pos = [labels.index(m) for m in costing.months]

    def spread(arr: np.ndarray) -> np.ndarray:
        out = np.zeros(len(labels))
        out[pos] = arr
        return out

    options = tuple(
        replace(
            o,
            months=tuple(labels),
            monthly_token_cost=spread(o.monthly_token_cost),
            monthly_discount=spread(o.monthly_discount),
            monthly_purchase_fee=spread(o.monthly_purchase_fee),
            monthly_byok_fee=spread(o.monthly_byok_fee),
        )
        for o in costing.options
    )
    return replace(costing, options=options, months=tuple(labels))


__all__ = ["BY_DATE", "Projection", "project", "scenario_catalog", "workload_frame"]
