"""Vectorized cost engine: canonical usage frame × price book → list cost per row per option.

Implements DESIGN §4: disjoint token classes, the whole-request long-context cliff (strictly
above the threshold, cache prices too), batch prices, models without caching, per-request
fees, unknown models reported (never $0), and each row priced by the version in force on its
date or by one chosen version. Free rows, discounts and fees are applied by
:mod:`model.costing` and :mod:`model.adjustments`.

Speed matters (a million-row log must cost little more than reading it): rows are mapped to
integer model codes once, prices are gathered from per-option arrays with one fancy index
per token class, and unknown models point at a trailing all-NaN price row instead of being
masked out (masking would copy every column).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model import columns as c
from model.prices import BATCH, N_REGIMES, TIER, PriceArrays, build_price_arrays
from pricing.schema import Catalog
from pricing.versions import BY_DATE, PriceBook


@dataclass(frozen=True)
class Layout:
    """Per-row inputs shared by every option: model code, version index, token arrays."""

    model_ids: tuple[str, ...]  # catalog-known ids, in code order
    model_code: np.ndarray  # (N,) int; len(model_ids) = unknown to every version used
    version_index: np.ndarray  # (N,) int into ``catalogs``
    catalogs: tuple[Catalog, ...]
    names: np.ndarray  # (K,) object: distinct values of the frame's model column
    name_code: np.ndarray  # (N,) int codes into ``names`` (-1 for a missing name)
    tokens: tuple[np.ndarray, ...]  # (N,) float64 per token class, in TOKEN_CLASSES order
    prompt: np.ndarray  # (N,) prompt-side tokens: input + cache read + cache writes
    requests: np.ndarray  # (N,) float64, NaN where the source has no count
    band: np.ndarray  # (N,) float64 long-context flag of buckets: 1, 0 or NaN (unknown)
    batch: np.ndarray  # (N,) bool
    combo_code: np.ndarray  # (N,) int32 index into the (version, model) pairs present
    combo_version: np.ndarray  # (C,) version index of each pair
    combo_model: np.ndarray  # (C,) model code of each pair
    predate_rows: int = 0  # rows older than every version (priced with the oldest)

    @property
    def unknown_code(self) -> int:
        return len(self.model_ids)

    @property
    def known(self) -> np.ndarray:
        return self.model_code < len(self.model_ids)


def _catalogs_for(book: PriceBook, pricing: str | None) -> tuple[Catalog, ...]:
    return book.catalogs if pricing in (None, BY_DATE) else (book.get(pricing),)


def _floats(frame: pd.DataFrame, col: str) -> np.ndarray:
    return frame[col].to_numpy(dtype=np.float64, na_value=np.nan)


def layout(frame: pd.DataFrame, book: PriceBook, pricing: str | None = BY_DATE) -> Layout:
    """Assign every row its model code and pricing version; gather the row arrays once."""
    catalogs = _catalogs_for(book, pricing)
    early = 0
    cat = frame[c.MODEL].astype("category")
    names = np.asarray(cat.cat.categories, dtype=object)
    name_code = cat.cat.codes.to_numpy(dtype=np.int64, copy=False)
    known = sorted(
        {m.model_id for k in catalogs for m in k.models}
        | {m.model_id for k in catalogs for o in k.options for m in o.models}
    )
    position = {mid: i for i, mid in enumerate(known)}
    unknown = len(known)
    # The trailing entry catches name code -1 (a missing model name).
    name_to_model = np.array(
        [position.get(str(n), unknown) for n in names] + [unknown], dtype=np.int64
    )
    model_code = name_to_model[name_code]

    if len(catalogs) == 1:
        version_index = np.zeros(len(frame), dtype=np.int64)
    else:
        starts = np.array([np.datetime64(k.effective_from, "D") for k in catalogs])
        days = frame[c.TIMESTAMP].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
        version_index = np.searchsorted(starts, days, side="right") - 1
        early = int((version_index < 0).sum())
        version_index = np.maximum(version_index, 0)
    tokens = tuple(_floats(frame, col) for col in c.TOKEN_CLASSES)
    # A log touches a handful of (version, model) pairs: price those once and gather per row
    # from a tiny table (a bincount-based remap, so no sort of a million codes).
    pair = version_index * (unknown + 1) + model_code
    present = np.flatnonzero(np.bincount(pair, minlength=1))
    remap = np.zeros(len(catalogs) * (unknown + 1), dtype=np.int32)
    remap[present] = np.arange(len(present), dtype=np.int32)
    return Layout(
        model_ids=tuple(known),
        model_code=model_code,
        version_index=version_index,
        catalogs=catalogs,
        names=names,
        name_code=name_code,
        tokens=tokens,
        prompt=tokens[0] + tokens[1] + tokens[2] + tokens[3],
        requests=_floats(frame, c.REQUESTS),
        band=_floats(frame, c.LONG_CONTEXT),
        batch=frame[c.BATCH].to_numpy(dtype=bool),
        combo_code=remap[pair],
        combo_version=present // (unknown + 1),
        combo_model=present % (unknown + 1),
        predate_rows=early,
    )


@dataclass(frozen=True)
class OptionRows:
    """List cost of every row through one option (NaN where it cannot price the row)."""

    option_id: str
    list_cost: np.ndarray  # (N,) USD before the option's discount and fees
    sold: np.ndarray  # (N,) bool
    unknown_band: int  # buckets of a tiered model whose band the source did not state
    no_cache: int  # rows with cached tokens on a model without cache prices


def arrays_for(lay: Layout, option_id: str) -> PriceArrays:
    """The option's price arrays for this layout, with a trailing unknown-model row."""
    return build_price_arrays(lay.catalogs, option_id, lay.model_ids)


def price_option(lay: Layout, option_id: str) -> OptionRows:
    """List cost per row through ``option_id``."""
    arrays = arrays_for(lay, option_id)
    cv, cm, combo = lay.combo_version, lay.combo_model, lay.combo_code
    if not len(combo):  # an empty log (or a scenario with no traffic) costs nothing
        empty = np.zeros(0)
        return OptionRows(option_id, empty, np.zeros(0, dtype=bool), 0, 0)
    threshold = arrays.threshold[cv, cm].take(combo)
    # A bucket (anything but exactly one request) is never judged by its average request:
    # it uses the band its source states (DESIGN §4); a request row by its own prompt size.
    bucket = lay.requests != 1.0
    over = np.where(bucket, lay.band == 1.0, lay.prompt > threshold)
    unknown_band = int(np.count_nonzero(bucket & np.isnan(lay.band) & np.isfinite(threshold)))
    regime = lay.batch.astype(np.int32) * BATCH + over.astype(np.int32) * TIER
    # (classes, pairs × regimes): one contiguous 1-D table per token class for fast take().
    table = arrays.prices[cv, cm].reshape(len(cv) * N_REGIMES, -1).T.copy()
    index = combo * N_REGIMES + regime
    cost = lay.tokens[0] * table[0].take(index)
    for k in range(1, len(lay.tokens)):
        cost += lay.tokens[k] * table[k].take(index)
    per_request = arrays.per_request[cv, cm]
    if per_request.any():
        cost += np.nan_to_num(lay.requests) * per_request.take(combo)
    sold = arrays.sold[cv, cm].take(combo)
    no_cache_pairs = arrays.no_cache[cv, cm] & arrays.sold[cv, cm]
    no_cache = 0
    if no_cache_pairs.any():
        cached = (lay.tokens[1] + lay.tokens[2] + lay.tokens[3]) > 0
        no_cache = int(np.count_nonzero(cached & no_cache_pairs.take(combo)))
    return OptionRows(option_id, cost, sold, unknown_band, no_cache)


def catalogs_used(lay: Layout) -> list[str]:
    """Versions that priced at least one known row."""
    used = np.unique(lay.version_index[lay.known])
    return [lay.catalogs[i].version for i in used]


def option_ids(catalogs: Sequence[Catalog]) -> list[str]:
    """Option ids present in every catalog, in the newest catalog's order."""
    common = set.intersection(*({o.id for o in k.options} for k in catalogs))
    return [o.id for o in catalogs[-1].options if o.id in common]
