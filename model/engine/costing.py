"""Cost a canonical usage frame under every option: per row, per month, per model, itemized.

One entry point, :func:`cost_usage`, serves the reprice CLI, the upload page and the
scenario projection (which prices synthetic bucket rows), so every screen shows one engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from model.engine import columns as c
from model.engine.adjustments import (
    OptionAssumptions,
    discount_share,
    monthly_fees,
    uplift_share,
)
from model.engine.pricer import (
    Layout,
    catalogs_used,
    group_rows,
    layout,
    option_ids,
    price_groups,
    price_option,
    row_regimes,
)
from pricing.schema import Catalog, Option
from pricing.specs import BY_DATE
from pricing.versions import PriceBook

if TYPE_CHECKING:  # pandas is imported only where a frame is read (not by bucket pricing)
    import pandas as pd


@dataclass(frozen=True)
class OptionCost:
    """What the usage costs through one option: monthly totals, per-model totals, and the
    per-row costs (computed on first use: totals come from grouped rows, row views such as
    exports and reconciliation need the rows)."""

    option: Option
    row_costs: Callable[[], tuple[np.ndarray, np.ndarray]] = field(repr=False)
    model_token_cost: np.ndarray  # (models + 1,) by model code, the last is "unknown"
    model_sold_rows: np.ndarray  # (models + 1,) rows of each model this option priced
    months: tuple[str, ...]
    monthly_token_cost: np.ndarray
    monthly_discount: np.ndarray
    monthly_purchase_fee: np.ndarray
    monthly_byok_fee: np.ndarray
    unpriced: dict[str, int]
    vendors: dict[str, float]
    #: Per group of :attr:`Costing.groups` (rows summed by month, version × model, regime,
    #: free): list and token cost (0 where not sold) and whether this option sells it. What
    #: :func:`model.engine.totals.comparable` needs to compare options on the same rows.
    group_list_cost: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    group_token_cost: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    group_sold: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool), repr=False)

    @cached_property
    def _rows(self) -> tuple[np.ndarray, np.ndarray]:
        return self.row_costs()

    @property
    def list_cost(self) -> np.ndarray:
        """Per row: cost at list price (uplift included), NaN where not sold."""
        return self._rows[0]

    @property
    def token_cost(self) -> np.ndarray:
        """Per row: what the tokens cost through this option (after its discount)."""
        return self._rows[1]

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
class GroupIndex:
    """What each priced group is: its month index, model code and row count."""

    month: np.ndarray  # (G,)
    model: np.ndarray  # (G,) model code (see Layout.model_ids)
    rows: np.ndarray  # (G,)


@dataclass(frozen=True)
class Costing:
    """Every option's cost of one usage frame, plus what could not be priced and why."""

    frame: pd.DataFrame | None  # None when priced from buckets summed elsewhere
    layout: Layout
    options: tuple[OptionCost, ...]
    months: tuple[str, ...]
    month_code: np.ndarray
    unpriced: dict[str, int]
    versions_used: tuple[str, ...]
    pricing: str
    counts: dict[str, int] = field(default_factory=dict)  # see ENGINE_NOTES
    groups: GroupIndex | None = None
    assumptions: Mapping[str, OptionAssumptions] = field(default_factory=dict)

    @property
    def warnings(self) -> tuple[str, ...]:
        oldest = self.layout.catalogs[0].version
        return tuple(
            engine_warnings(self.counts, self.unpriced, oldest, unpublished(self.layout.catalogs))
        )

    @property
    def priced(self) -> np.ndarray:
        """Rows some option's catalog knows (the rows in the totals)."""
        return self.layout.known

    def option(self, option_id: str) -> OptionCost:
        return next(o for o in self.options if o.id == option_id)


def _rows(n: int) -> str:
    return f"{n:,} row{'' if n == 1 else 's'}"


def unpublished(catalogs: Sequence[Catalog]) -> dict[str, str]:
    """Models known by name whose price is not published (id → reason)."""
    return {m.model_id: m.reason for k in catalogs for m in k.unpriced}


def engine_warnings(
    counts: Mapping[str, int],
    unpriced: Mapping[str, int],
    oldest: str,
    not_published: Mapping[str, str] | None = None,
) -> list[str]:
    """Sentences for the engine's counters (kept as numbers so chunks can be added up).

    Unpriced models whose price the vendor does not publish are named as such (with the
    reason), apart from names no catalog knows."""
    out = []
    if counts.get("predate"):
        out.append(
            f"{_rows(counts['predate'])} dated before every pricing version; priced with the "
            f"oldest ({oldest})"
        )
    if counts.get("unknown_band"):
        out.append(
            f"{_rows(counts['unknown_band'])} (aggregated): long-context band unknown for "
            "a model with a long-context tier; priced at the base tier"
        )
    if counts.get("no_cache"):
        out.append(
            f"{_rows(counts['no_cache'])}: cached tokens on a model without cache prices, "
            "charged as input"
        )
    reasons = not_published or {}
    known = {k: v for k, v in unpriced.items() if k in reasons}
    for name, rows in sorted(known.items()):
        out.append(
            f"{name} ({_rows(rows)}): price not published, left out of every total — "
            + reasons[name]
        )
    unknown = {k: v for k, v in unpriced.items() if k not in reasons}
    if unknown:
        listed = ", ".join(f"{k} ({_rows(v)})" for k, v in sorted(unknown.items()))
        out.append(f"unknown models, left out of every total: {listed}")
    return out


def _count_by_name(lay: Layout, mask: np.ndarray) -> dict[str, int]:
    codes = lay.name_code[mask]
    weights = None if lay.row_weight is None else lay.row_weight[mask][codes >= 0]
    counts = np.bincount(codes[codes >= 0], weights=weights, minlength=len(lay.names))
    return {str(lay.names[i]): int(n) for i, n in enumerate(counts) if n}


def _providers(lay: Layout) -> list[str]:
    """Provider of each catalog-known model, indexed by model code (last: unknown → "")."""
    provider: dict[str, str] = {}
    for k in lay.catalogs:
        provider.update({m.model_id: m.provider for m in k.models})
        for o in k.options:
            provider.update({m.model_id: m.provider for m in o.models})
    return [provider[mid] for mid in lay.model_ids] + [""]


def _months(lay: Layout) -> tuple[tuple[str, ...], np.ndarray]:
    """Calendar month of each row as a small integer: each distinct day is converted once."""
    if not len(lay.day):
        return (), np.zeros(0, dtype=np.int64)
    first = int(lay.day.min())
    span = np.arange(first, int(lay.day.max()) + 1).astype("datetime64[D]")
    month_of_day = span.astype("datetime64[M]").astype(np.int64)
    m0, m1 = int(month_of_day[0]), int(month_of_day[-1])
    labels = tuple(str(np.datetime64(m, "M")) for m in range(m0, m1 + 1))
    return labels, (month_of_day - m0).take(lay.day - first)


def _row_costs(
    lay: Layout,
    option: Option,
    regime: np.ndarray,
    free: np.ndarray,
    uplift: float,
    share_by_code: np.ndarray,
    batch_api: bool | None = None,
) -> Callable[[], tuple[np.ndarray, np.ndarray]]:
    """Deferred per-row list and token cost, with the same adjustments as the totals."""

    def compute() -> tuple[np.ndarray, np.ndarray]:
        rows = price_option(lay, option.id, regime, batch_api)
        list_cost = rows.list_cost * (1.0 + uplift) if uplift else rows.list_cost
        if option.kind == "aggregator" and free.any():
            list_cost = np.where(free & rows.sold, 0.0, list_cost)
        if share_by_code.any():
            return list_cost, list_cost * (1.0 - share_by_code.take(lay.model_code))
        return list_cost, list_cost

    return compute


def cost_usage(
    frame: pd.DataFrame,
    book: PriceBook,
    *,
    pricing: str | None = BY_DATE,
    assumptions: Mapping[str, OptionAssumptions] | None = None,
) -> Costing:
    """Price every row of ``frame`` under every option of the price book.

    Totals are computed on rows grouped by (month, version × model, regime, free) — a few
    hundred groups for a million-row log — and per-row costs only when asked for.
    """
    lay = layout(frame, book, pricing)
    regime, unknown_band = row_regimes(lay)
    free = frame[c.FREE].to_numpy(dtype=bool)
    return cost_layout(
        lay, regime, free, unknown_band, pricing=pricing, assumptions=assumptions, frame=frame
    )


def cost_layout(
    lay: Layout,
    regime: np.ndarray,
    free: np.ndarray,
    unknown_band: int,
    *,
    pricing: str | None = BY_DATE,
    assumptions: Mapping[str, OptionAssumptions] | None = None,
    frame: pd.DataFrame | None = None,
) -> Costing:
    """Price a layout whose rows have their regime decided: the one pricing step behind
    :func:`cost_usage` (rows of a frame) and :func:`model.engine.buckets.cost_buckets`
    (buckets a columnar engine summed), so both give the same totals by construction."""
    assumptions = assumptions or {}
    months, month_code = _months(lay)
    n_months = len(months)
    known = lay.known
    provider_names = _providers(lay)
    groups = group_rows(lay, regime, month_code, n_months, free)
    group_model = lay.combo_model.take(groups.pair)
    n_codes = len(provider_names)
    provider_index = {name: i for i, name in enumerate(sorted(set(provider_names)))}
    group_provider = (
        np.array([provider_index[provider_names[m]] for m in range(n_codes)], dtype=np.int64).take(
            group_model
        )
        if n_codes
        else group_model
    )
    newest = lay.catalogs[-1]

    results = []
    no_cache = 0
    for option_id in option_ids(lay.catalogs):
        option = newest.option(option_id)
        chosen = assumptions.get(option_id, OptionAssumptions())
        list_cost, sold, option_no_cache = price_groups(groups, lay, option_id, chosen.batch_api)
        if option.kind == "direct":
            no_cache = option_no_cache
        uplift = uplift_share(option, chosen)
        if uplift:
            list_cost = list_cost * (1.0 + uplift)
        if option.kind == "aggregator":
            # `:free` variants were served free by the aggregator; elsewhere they cost list.
            list_cost = np.where(groups.free & sold, 0.0, list_cost)
        share_by_code = np.array(
            [discount_share(option, chosen, p) if p else 0.0 for p in provider_names]
        )
        token_cost = list_cost * (1.0 - share_by_code.take(group_model))
        listed = np.where(sold, list_cost, 0.0)
        paid = np.where(sold, token_cost, 0.0)
        m_list = np.bincount(groups.month, weights=listed, minlength=n_months)
        m_token = np.bincount(groups.month, weights=paid, minlength=n_months)
        purchase, byok = monthly_fees(option, chosen, m_list if chosen.byok else m_token)
        by_provider = np.bincount(group_provider, weights=paid, minlength=len(provider_index))
        # Every vendor the option resells appears, at $0 when the log has none of its models.
        vendor_totals: dict[str, float] = dict.fromkeys(option.resells, 0.0)
        for name, i in provider_index.items():
            if name and by_provider[i]:
                vendor_totals[name] = vendor_totals.get(name, 0.0) + float(by_provider[i])
        sold_rows = np.bincount(group_model, weights=groups.rows * sold, minlength=n_codes)
        unsold_rows = np.bincount(group_model, weights=groups.rows * ~sold, minlength=n_codes)
        results.append(
            OptionCost(
                option=option,
                row_costs=_row_costs(
                    lay, option, regime, free, uplift, share_by_code, chosen.batch_api
                ),
                model_token_cost=np.bincount(group_model, weights=paid, minlength=n_codes),
                model_sold_rows=sold_rows,
                months=months,
                monthly_token_cost=m_token,
                monthly_discount=m_list - m_token,
                monthly_purchase_fee=purchase,
                monthly_byok_fee=byok,
                unpriced={
                    lay.model_ids[i]: int(unsold_rows[i])
                    for i in np.flatnonzero(unsold_rows[: lay.unknown_code])
                },
                vendors=vendor_totals,
                group_list_cost=listed,
                group_token_cost=paid,
                group_sold=np.asarray(sold, dtype=bool),
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
        groups=GroupIndex(groups.month, group_model, groups.rows),
        assumptions=dict(assumptions),
    )
