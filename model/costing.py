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
from model.engine import Layout, catalogs_used, layout, option_ids, price_option
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
    counts: dict[str, int] = field(default_factory=dict)  # see ENGINE_NOTES

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(engine_warnings(self.counts, self.unpriced, self.layout.catalogs[0].version))

    @property
    def priced(self) -> np.ndarray:
        """Rows some option's catalog knows (the rows in the totals)."""
        return self.layout.known

    def option(self, option_id: str) -> OptionCost:
        return next(o for o in self.options if o.id == option_id)

    def cheapest(self) -> OptionCost:
        return min(self.options, key=lambda o: o.total_usd)


def engine_warnings(
    counts: Mapping[str, int], unpriced: Mapping[str, int], oldest: str
) -> list[str]:
    """Sentences for the engine's counters (kept as numbers so chunks can be added up)."""
    out = []
    if counts.get("predate"):
        out.append(
            f"{counts['predate']} rows predate every pricing version; priced with the "
            f"oldest ({oldest})"
        )
    if counts.get("unknown_band"):
        out.append(
            f"{counts['unknown_band']} aggregated rows: long-context band unknown for a "
            "model with a long-context tier; priced at the base tier"
        )
    if counts.get("no_cache"):
        out.append(
            f"{counts['no_cache']} rows: cached tokens on a model without cache prices, "
            "charged as input"
        )
    if unpriced:
        listed = ", ".join(f"{k} ({v} rows)" for k, v in sorted(unpriced.items()))
        out.append(f"unknown models, left out of every total: {listed}")
    return out


def _count_by_name(lay: Layout, mask: np.ndarray) -> dict[str, int]:
    codes = lay.name_code[mask]
    counts = np.bincount(codes[codes >= 0], minlength=len(lay.names))
    return {str(lay.names[i]): int(n) for i, n in enumerate(counts) if n}


def _providers(lay: Layout) -> list[str]:
    """Provider of each catalog-known model, indexed by model code (last: unknown → "")."""
    provider: dict[str, str] = {}
    for k in lay.catalogs:
        provider.update({m.model_id: m.provider for m in k.models})
        for o in k.options:
            provider.update({m.model_id: m.provider for m in o.models})
    return [provider[mid] for mid in lay.model_ids] + [""]


def _months(frame: pd.DataFrame) -> tuple[tuple[str, ...], np.ndarray]:
    """Calendar month of each row as a small integer, without sorting a million timestamps."""
    stamps = frame[c.TIMESTAMP].to_numpy(dtype="datetime64[ns]").astype("datetime64[M]")
    if not len(stamps):
        return (), np.zeros(0, dtype=np.int64)
    ordinal = stamps.astype(np.int64)
    first, last = int(ordinal.min()), int(ordinal.max())
    labels = tuple(str(np.datetime64(m, "M")) for m in range(first, last + 1))
    return labels, ordinal - first


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
    months, month_code = _months(frame)
    n_months = len(months)
    known = lay.known
    provider_names = _providers(lay)
    free = frame[c.FREE].to_numpy(dtype=bool)
    newest = lay.catalogs[-1]

    results = []
    unknown_band = no_cache = 0
    for option_id in option_ids(lay.catalogs):
        option = newest.option(option_id)
        chosen = assumptions.get(option_id, OptionAssumptions())
        rows = price_option(lay, option_id)
        unknown_band = max(unknown_band, rows.unknown_band)
        if option.kind == "direct":
            no_cache = rows.no_cache
        priced = rows.sold  # unknown models are never sold
        list_cost = rows.list_cost
        uplift = uplift_share(option, chosen)
        if uplift:
            list_cost = list_cost * (1.0 + uplift)
        if option.kind == "aggregator" and free.any():
            # `:free` variants were served free by the aggregator; elsewhere they cost list.
            list_cost = np.where(free & priced, 0.0, list_cost)
        share_by_code = np.array(
            [discount_share(option, chosen, p) if p else 0.0 for p in provider_names]
        )
        token_cost = (
            list_cost * (1.0 - share_by_code[lay.model_code]) if share_by_code.any() else list_cost
        )
        listed = np.where(priced, list_cost, 0.0)
        paid = np.where(priced, token_cost, 0.0)
        m_list = np.bincount(month_code, weights=listed, minlength=n_months)
        m_token = np.bincount(month_code, weights=paid, minlength=n_months)
        purchase, byok = monthly_fees(option, chosen, m_list if chosen.byok else m_token)
        # Every vendor the option resells appears, at $0 when the log has none of its models.
        by_code = np.bincount(lay.model_code, weights=paid, minlength=len(provider_names))
        vendor_totals: dict[str, float] = dict.fromkeys(option.resells, 0.0)
        for code in np.flatnonzero(by_code):
            name = provider_names[code]
            vendor_totals[name] = vendor_totals.get(name, 0.0) + float(by_code[code])
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
                unpriced=_count_by_name(lay, known & ~priced),
                vendors=vendor_totals,
            )
        )
    unpriced = _count_by_name(lay, ~known)
    return Costing(
        frame=frame,
        layout=lay,
        options=tuple(results),
        months=months,
        month_code=month_code,
        unpriced=unpriced,
        versions_used=tuple(catalogs_used(lay)),
        # A forced spec ("latest", "today", an id) is reported as the version it resolved to.
        pricing=BY_DATE if pricing in (None, BY_DATE) else lay.catalogs[0].version,
        counts={"predate": lay.predate_rows, "unknown_band": unknown_band, "no_cache": no_cache},
    )
