"""Cost a canonical usage frame under every option: per row, per month, per model, itemized.

One entry point, :func:`cost_usage`, serves the reprice CLI, the upload page and the
scenario projection (which prices synthetic bucket rows), so every screen shows one engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from model import columns as c
from model.adjustments import (
    OptionAssumptions,
    discount_share,
    monthly_fees,
    uplift_share,
)
from model.engine import Layout, catalogs_used, layout, no_cache_rows, option_ids, price_option
from pricing.schema import Option
from pricing.versions import BY_DATE, PriceBook


@dataclass(frozen=True)
class OptionCost:
    """What the usage costs through one option. Arrays are per row (NaN: not priced here)."""

    option: Option
    list_cost: np.ndarray
    token_cost: np.ndarray
    months: tuple[str, ...]
    monthly_token_cost: np.ndarray
    monthly_discount: np.ndarray
    monthly_purchase_fee: np.ndarray
    monthly_byok_fee: np.ndarray
    unpriced: dict[str, int]
    vendors: dict[str, float]

    @property
    def id(self) -> str:
        return self.option.id

    @property
    def kind(self) -> str:
        return self.option.kind

    @property
    def token_cost_usd(self) -> float:
        return float(self.monthly_token_cost.sum())

    @property
    def discount_usd(self) -> float:
        return float(self.monthly_discount.sum())

    @property
    def fees_usd(self) -> float:
        return float(self.monthly_purchase_fee.sum() + self.monthly_byok_fee.sum())

    @property
    def total_usd(self) -> float:
        return self.token_cost_usd + self.fees_usd

    @property
    def monthly_total(self) -> np.ndarray:
        return self.monthly_token_cost + self.monthly_purchase_fee + self.monthly_byok_fee


@dataclass(frozen=True)
class Costing:
    """Every option's cost of one usage frame, plus what could not be priced and why."""

    frame: pd.DataFrame
    layout: Layout
    options: tuple[OptionCost, ...]
    months: tuple[str, ...]
    month_code: np.ndarray
    unpriced: dict[str, int]
    versions_used: tuple[str, ...]
    pricing: str
    warnings: tuple[str, ...] = field(default=())

    @property
    def priced(self) -> np.ndarray:
        """Rows some option's catalog knows (the rows in the totals)."""
        return self.layout.model_code >= 0

    def option(self, option_id: str) -> OptionCost:
        return next(o for o in self.options if o.id == option_id)

    def cheapest(self) -> OptionCost:
        return min(self.options, key=lambda o: o.total_usd)


def _count_by_name(lay: Layout, mask: np.ndarray) -> dict[str, int]:
    counts = np.bincount(lay.name_code[mask & (lay.name_code >= 0)], minlength=len(lay.names))
    return {str(lay.names[i]): int(n) for i, n in enumerate(counts) if n}


def _providers(lay: Layout) -> np.ndarray:
    """Provider of each catalog-known model, as object array indexed by model code."""
    provider: dict[str, str] = {}
    for k in lay.catalogs:
        provider.update({m.model_id: m.provider for m in k.models})
        for o in k.options:
            provider.update({m.model_id: m.provider for m in o.models})
    return np.array([provider[mid] for mid in lay.model_ids] + [""], dtype=object)


def _months(frame: pd.DataFrame) -> tuple[tuple[str, ...], np.ndarray]:
    ts = frame[c.TIMESTAMP].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
    uniq, code = np.unique(ts.astype("datetime64[M]"), return_inverse=True)
    return tuple(str(m) for m in uniq), code.astype(np.int64)


def cost_usage(
    frame: pd.DataFrame,
    book: PriceBook,
    *,
    pricing: str | None = BY_DATE,
    assumptions: Mapping[str, OptionAssumptions] | None = None,
) -> Costing:
    """Price every row of ``frame`` under every option of the price book."""
    assumptions = assumptions or {}
    lay = layout(frame, book, pricing)
    warnings = list(lay.warnings)
    months, month_code = _months(frame)
    n_months = len(months)
    known = lay.model_code >= 0
    providers = _providers(lay)[lay.model_code]
    free = frame[c.FREE].to_numpy(dtype=bool)
    newest = lay.catalogs[-1]

    results = []
    band_warned = False
    for option_id in option_ids(lay.catalogs):
        option = newest.option(option_id)
        chosen = assumptions.get(option_id, OptionAssumptions())
        rows, unknown_band = price_option(frame, lay, option_id)
        if unknown_band and not band_warned:
            warnings.append(
                f"{unknown_band} aggregated rows: long-context band unknown for a model with a "
                "long-context tier; priced at the base tier"
            )
            band_warned = True
        list_cost = rows.list_cost * (1.0 + uplift_share(option, chosen))
        if option.kind == "aggregator":
            # `:free` variants were served free by the aggregator; elsewhere they cost list.
            list_cost = np.where(free & rows.sold, 0.0, list_cost)
        share = np.zeros(len(frame))
        for provider in {str(p) for p in np.unique(providers[known])}:
            share[providers == provider] = discount_share(option, chosen, provider)
        token_cost = list_cost * (1.0 - share)
        priced = rows.sold & known
        m_list = np.bincount(month_code[priced], weights=list_cost[priced], minlength=n_months)
        m_token = np.bincount(month_code[priced], weights=token_cost[priced], minlength=n_months)
        purchase, byok = monthly_fees(option, chosen, m_token if not chosen.byok else m_list)
        # Every vendor the option resells appears, at $0 when the log has none of its models.
        vendor_totals: dict[str, float] = dict.fromkeys(option.resells, 0.0)
        for provider in sorted({str(p) for p in np.unique(providers[priced])}):
            sel = priced & (providers == provider)
            vendor_totals[provider] = float(token_cost[sel].sum())
        results.append(
            OptionCost(
                option=option,
                list_cost=list_cost,
                token_cost=token_cost,
                months=months,
                monthly_token_cost=m_token,
                monthly_discount=m_list - m_token,
                monthly_purchase_fee=purchase,
                monthly_byok_fee=byok,
                unpriced=_count_by_name(lay, known & ~rows.sold),
                vendors=vendor_totals,
            )
        )
        no_cache = no_cache_rows(frame, lay, option_id) if option.kind == "direct" else 0
        if no_cache:
            warnings.append(
                f"{no_cache} rows: cached tokens on a model without cache prices, charged as input"
            )
    unpriced = _count_by_name(lay, ~known)
    if unpriced:
        listed = ", ".join(f"{k} ({v} rows)" for k, v in sorted(unpriced.items()))
        warnings.append(f"unknown models, left out of every total: {listed}")
    return Costing(
        frame=frame,
        layout=lay,
        options=tuple(results),
        months=months,
        month_code=month_code,
        unpriced=unpriced,
        versions_used=tuple(catalogs_used(lay)),
        pricing=pricing or BY_DATE,
        warnings=tuple(warnings),
    )
