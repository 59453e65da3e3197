"""Vectorized cost engine: canonical usage frame × price book → cost per row per option.

Implements DESIGN §4: disjoint token classes, the whole-request long-context cliff (strictly
above the threshold, cache prices too), batch prices, models without caching, per-request
fees, free rows, unknown models reported (never $0), and each row priced by the version in
force on its date or by one chosen version. Fees and discounts are applied afterwards by
:mod:`model.adjustments`, on monthly totals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from model import columns as c
from model.prices import BATCH, N_REGIMES, TIER, PriceArrays, build_price_arrays
from pricing.schema import Catalog
from pricing.versions import BY_DATE, PriceBook


@dataclass(frozen=True)
class Layout:
    """Where each row sits: model code, version index, regime inputs. Shared by all options."""

    model_ids: tuple[str, ...]  # catalog-known ids, in code order
    model_code: np.ndarray  # (N,) int, -1 = unknown to every catalog version used
    version_index: np.ndarray  # (N,) int into ``catalogs``
    catalogs: tuple[Catalog, ...]
    names: np.ndarray  # (K,) object: category names of the frame's model column
    name_code: np.ndarray  # (N,) int codes into ``names``
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OptionRows:
    """List cost of every row through one option (NaN where it cannot price the row)."""

    option_id: str
    list_cost: np.ndarray  # (N,) USD before the option's discount and fees
    sold: np.ndarray  # (N,) bool


def _catalogs_for(book: PriceBook, pricing: str | None) -> tuple[Catalog, ...]:
    return book.catalogs if pricing in (None, BY_DATE) else (book.get(pricing),)


def layout(frame: pd.DataFrame, book: PriceBook, pricing: str | None = BY_DATE) -> Layout:
    """Assign every row its model code and pricing version."""
    catalogs = _catalogs_for(book, pricing)
    warnings: list[str] = []
    cat = frame[c.MODEL].astype("category")
    names = np.asarray(cat.cat.categories, dtype=object)
    name_code = cat.cat.codes.to_numpy(dtype=np.int64, copy=False)
    known = sorted(
        {m.model_id for k in catalogs for m in k.models}
        | {m.model_id for k in catalogs for o in k.options for m in o.models}
    )
    position = {mid: i for i, mid in enumerate(known)}
    name_to_model = np.array([position.get(str(n), -1) for n in names] + [-1], dtype=np.int64)
    model_code = name_to_model[name_code]  # NaN model (code -1) → the trailing -1

    if len(catalogs) == 1:
        version_index = np.zeros(len(frame), dtype=np.int64)
    else:
        starts = np.array(
            [np.datetime64(k.effective_from, "ns") for k in catalogs], dtype="datetime64[ns]"
        )
        ts = frame[c.TIMESTAMP].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
        days = ts.astype("datetime64[D]").astype("datetime64[ns]")
        version_index = np.searchsorted(starts, days, side="right") - 1
        early = int((version_index < 0).sum())
        if early:
            warnings.append(
                f"{early} rows predate every pricing version; priced with the oldest "
                f"({catalogs[0].version})"
            )
            version_index = np.maximum(version_index, 0)
    return Layout(tuple(known), model_code, version_index, catalogs, names, name_code, warnings)


def _regime(
    frame: pd.DataFrame, arrays: PriceArrays, lay: Layout, known: np.ndarray
) -> tuple[np.ndarray, int]:
    """Regime per row and the number of buckets whose long-context band was unknown."""
    v, m = lay.version_index[known], lay.model_code[known]
    prompt = (
        frame[c.INPUT].to_numpy()[known]
        + frame[c.CACHE_READ].to_numpy()[known]
        + frame[c.CACHE_WRITE_5M].to_numpy()[known]
        + frame[c.CACHE_WRITE_1H].to_numpy()[known]
    )
    requests = frame[c.REQUESTS].to_numpy(dtype=np.float64, na_value=np.nan)[known]
    # A bucket (anything but exactly one request) is never judged by its average request:
    # it uses the band its source states (DESIGN §4).
    bucket = requests != 1.0
    band = frame[c.LONG_CONTEXT].to_numpy(dtype=np.float64, na_value=np.nan)[known]
    over = np.where(bucket, band == 1.0, prompt > arrays.threshold[v, m])
    unknown_band = int((bucket & np.isnan(band) & arrays.has_tier[v, m]).sum())
    batch = frame[c.BATCH].to_numpy(dtype=bool)[known]
    return np.where(batch, BATCH, 0) + np.where(over, TIER, 0), unknown_band


def price_option(frame: pd.DataFrame, lay: Layout, option_id: str) -> tuple[OptionRows, int]:
    """List cost per row through ``option_id``; also the count of buckets with unknown band."""
    arrays = build_price_arrays(lay.catalogs, option_id, lay.model_ids)
    n = len(frame)
    cost = np.full(n, np.nan)
    sold = np.zeros(n, dtype=bool)
    known = lay.model_code >= 0
    if not known.any():
        return OptionRows(option_id, cost, sold), 0
    v, m = lay.version_index[known], lay.model_code[known]
    is_sold = arrays.sold[v, m]
    regime, unknown_band = _regime(frame, arrays, lay, known)
    flat = arrays.prices.reshape(-1, arrays.prices.shape[-1])
    row = (v * arrays.prices.shape[1] + m) * N_REGIMES + regime
    total = np.zeros(int(known.sum()))
    for k, col in enumerate(c.TOKEN_CLASSES):
        tokens = frame[col].to_numpy()[known]
        price = flat[row, k]
        # 0 tokens × a price the option lacks is 0, not NaN.
        total += np.where(tokens == 0, 0.0, tokens * price)
    requests = frame[c.REQUESTS].to_numpy(dtype=np.float64, na_value=0.0)[known]
    total += requests * arrays.per_request[v, m]
    total[~is_sold] = np.nan
    cost[known] = total
    sold[known] = is_sold
    return OptionRows(option_id, cost, sold), unknown_band


def no_cache_rows(frame: pd.DataFrame, lay: Layout, option_id: str) -> int:
    """Rows with cached tokens on a model that has no cache price (charged as input)."""
    arrays = build_price_arrays(lay.catalogs, option_id, lay.model_ids)
    known = lay.model_code >= 0
    v, m = lay.version_index[known], lay.model_code[known]
    cached = (
        frame[c.CACHE_READ].to_numpy()[known]
        + frame[c.CACHE_WRITE_5M].to_numpy()[known]
        + frame[c.CACHE_WRITE_1H].to_numpy()[known]
    ) > 0
    return int((cached & arrays.no_cache[v, m] & arrays.sold[v, m]).sum())


def catalogs_used(lay: Layout) -> list[str]:
    """Versions that priced at least one known row."""
    used = np.unique(lay.version_index[lay.model_code >= 0])
    return [lay.catalogs[i].version for i in used]


def option_ids(catalogs: Sequence[Catalog]) -> list[str]:
    """Option ids present in every catalog, in the newest catalog's order."""
    common = set.intersection(*({o.id for o in k.options} for k in catalogs))
    return [o.id for o in catalogs[-1].options if o.id in common]


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)
