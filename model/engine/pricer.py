"""Vectorized cost engine: canonical usage frame × price book → list cost per row per option.

Implements DESIGN §4: disjoint token classes, the whole-request long-context cliff (strictly
above the threshold, cache prices too), batch prices, models without caching, per-request
fees, unknown models reported (never $0), and each row priced by the version in force on its
date or by one chosen version. Free rows, discounts and fees are applied by
:mod:`model.engine.costing` and :mod:`model.engine.adjustments`.

Speed matters (a million-row log must cost little more than reading it): rows are mapped to
integer model codes once, prices are gathered from per-option arrays with one fancy index
per token class, and unknown models point at a trailing all-NaN price row instead of being
masked out (masking would copy every column).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from model.engine import columns as c
from model.engine.prices import BATCH, N_REGIMES, TIER, PriceArrays, build_price_arrays
from pricing.schema import Catalog
from pricing.specs import BY_DATE
from pricing.versions import PriceBook

if TYPE_CHECKING:  # pandas is imported only where a frame is read (not by bucket pricing)
    import pandas as pd

NS_PER_DAY = 86_400 * 10**9
EPOCH = dt.date(1970, 1, 1)


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
    day: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # (N,) UTC day
    #: Source rows behind each layout row, when the layout rows are buckets of rows summed
    #: elsewhere (a columnar engine's group-by); None: each layout row is one source row.
    row_weight: np.ndarray | None = None
    #: Of those, the rows with any cached tokens (the "no cache prices" count).
    cached_weight: np.ndarray | None = None

    @property
    def unknown_code(self) -> int:
        return len(self.model_ids)

    @property
    def models_present(self) -> frozenset[int]:
        """Model codes that occur in the frame (only their prices are laid out)."""
        return frozenset(int(m) for m in self.combo_model)

    @property
    def known(self) -> np.ndarray:
        return self.model_code < len(self.model_ids)

    def count_rows(self, mask: np.ndarray | None = None) -> int:
        """Source rows of the layout rows in ``mask`` (all when None)."""
        if self.row_weight is None:
            return len(self.model_code) if mask is None else int(np.count_nonzero(mask))
        return int(self.row_weight.sum() if mask is None else self.row_weight[mask].sum())

    def cached(self) -> np.ndarray:
        """Per layout row: source rows with any cached tokens."""
        if self.cached_weight is not None:
            return self.cached_weight
        return ((self.tokens[1] + self.tokens[2] + self.tokens[3]) > 0).astype(np.float64)


def catalogs_for(book: PriceBook, pricing: str | None) -> tuple[Catalog, ...]:
    return book.catalogs if pricing in (None, BY_DATE) else (book.get(pricing),)


def _floats(frame: pd.DataFrame, col: str) -> np.ndarray:
    return frame[col].to_numpy(dtype=np.float64, na_value=np.nan)


def known_models(catalogs: Sequence[Catalog]) -> list[str]:
    """Every model id the catalogs (or their options) price, sorted: the model codes."""
    return sorted(
        {m.model_id for k in catalogs for m in k.models}
        | {m.model_id for k in catalogs for o in k.options for m in o.models}
    )


def versions_by_day(catalogs: Sequence[Catalog], day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of the version in force on each day (the oldest before every version), and
    which entries of ``day`` precede every version (priced with the oldest)."""
    if len(catalogs) == 1 or not len(day):
        # One forced version prices every day: none is "before every version".
        return np.zeros(len(day), dtype=np.int64), np.zeros(len(day), dtype=bool)
    starts = np.array([(k.effective_from - EPOCH).days for k in catalogs], dtype=np.int64)
    # Versions change on few days: resolve each distinct day once, then broadcast.
    first = int(day.min())
    span = np.arange(first, int(day.max()) + 1)
    by_day = np.searchsorted(starts, span, side="right") - 1
    version_index = by_day.take(day - first)
    early = version_index < 0
    return np.maximum(version_index, 0), early


def pairs(
    version_index: np.ndarray, model_code: np.ndarray, n_versions: int, unknown: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(pair code per row, version of each pair, model of each pair) for the (version,
    model) pairs present. A log touches a handful of pairs: they are priced once and
    gathered per row from a tiny table (a bincount-based remap, no sort of a million codes)."""
    pair = version_index * (unknown + 1) + model_code
    present = np.flatnonzero(np.bincount(pair, minlength=1))
    remap = np.zeros(n_versions * (unknown + 1), dtype=np.int32)
    remap[present] = np.arange(len(present), dtype=np.int32)
    return remap[pair], present // (unknown + 1), present % (unknown + 1)


def layout(frame: pd.DataFrame, book: PriceBook, pricing: str | None = BY_DATE) -> Layout:
    """Assign every row its model code and pricing version; gather the row arrays once."""
    catalogs = catalogs_for(book, pricing)
    cat = frame[c.MODEL].astype("category")
    names = np.asarray(cat.cat.categories, dtype=object)
    name_code = cat.cat.codes.to_numpy(dtype=np.int64, copy=False)
    known = known_models(catalogs)
    position = {mid: i for i, mid in enumerate(known)}
    unknown = len(known)
    # The trailing entry catches name code -1 (a missing model name).
    name_to_model = np.array(
        [position.get(str(n), unknown) for n in names] + [unknown], dtype=np.int64
    )
    model_code = name_to_model[name_code]

    # Whole days since the epoch by integer division: converting a million timestamps with
    # astype("datetime64[D]") costs several times more.
    day = frame[c.TIMESTAMP].to_numpy(dtype="datetime64[ns]").view(np.int64) // NS_PER_DAY
    version_index, early = versions_by_day(catalogs, day)
    tokens = tuple(_floats(frame, col) for col in c.TOKEN_CLASSES)
    combo_code, combo_version, combo_model = pairs(
        version_index, model_code, len(catalogs), unknown
    )
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
        combo_code=combo_code,
        combo_version=combo_version,
        combo_model=combo_model,
        predate_rows=int(np.count_nonzero(early)),
        day=day,
    )


@dataclass(frozen=True)
class OptionRows:
    """List cost of every row through one option (NaN where it cannot price the row)."""

    option_id: str
    list_cost: np.ndarray  # (N,) USD before the option's discount and fees
    sold: np.ndarray  # (N,) bool
    unknown_band: int  # buckets of a tiered model whose band the source did not state
    no_cache: int  # rows with cached tokens on a model without cache prices


def arrays_for(lay: Layout, option_id: str, batch_api: bool | None = None) -> PriceArrays:
    """The option's price arrays for this layout, with a trailing unknown-model row."""
    return build_price_arrays(lay.catalogs, option_id, lay.model_ids, lay.models_present, batch_api)


def pair_thresholds(lay: Layout) -> np.ndarray:
    """Long-context threshold of each (version, model) pair present; ``inf`` without a tier.

    Every option that sells a model sells the same :class:`~pricing.schema.ModelPrice` (list
    prices pass through; discounts and fees come after), so the threshold — and with it the
    regime of each row — does not depend on the option.
    """
    per_version: list[dict[str, float]] = []
    for k in lay.catalogs:
        models = list(k.models) + [m for o in k.options for m in o.models]
        per_version.append(
            {m.model_id: m.long_context.threshold_tokens for m in models if m.long_context}
        )
    out = np.full(len(lay.combo_model), np.inf)
    for i, (v, m) in enumerate(zip(lay.combo_version, lay.combo_model, strict=True)):
        if m < lay.unknown_code:
            out[i] = per_version[v].get(lay.model_ids[m], np.inf)
    return out


def row_regimes(lay: Layout) -> tuple[np.ndarray, int]:
    """Price regime of every row (base / tier / batch / batch tier), and how many buckets of
    a tiered model did not state their band (priced at the base tier)."""
    threshold = pair_thresholds(lay).take(lay.combo_code)
    # A bucket (anything but exactly one request) is never judged by its average request:
    # it uses the band its source states (DESIGN §4); a request row by its own prompt size.
    bucket = lay.requests != 1.0
    over = np.where(bucket, lay.band == 1.0, lay.prompt > threshold)
    unknown_band = int(np.count_nonzero(bucket & np.isnan(lay.band) & np.isfinite(threshold)))
    regime = lay.batch.astype(np.int32) * BATCH + over.astype(np.int32) * TIER
    return regime, unknown_band


@dataclass(frozen=True)
class Groups:
    """Rows summed by (month, pair, regime, free): everything totals need, so that each
    option is priced on a few hundred groups instead of every row."""

    month: np.ndarray  # (G,) month index
    pair: np.ndarray  # (G,) index into the layout's (version, model) pairs
    regime: np.ndarray  # (G,)
    free: np.ndarray  # (G,) bool
    tokens: np.ndarray  # (5, G) per token class
    requests: np.ndarray  # (G,) NaN counted as 0
    rows: np.ndarray  # (G,)
    cached_rows: np.ndarray  # (G,) rows with any cached tokens


def group_rows(
    lay: Layout, regime: np.ndarray, month_code: np.ndarray, n_months: int, free: np.ndarray
) -> Groups:
    """Sum the rows by (month, pair, regime, free) with one bincount per quantity."""
    n_pairs = len(lay.combo_model)
    key = ((month_code * n_pairs + lay.combo_code) * N_REGIMES + regime) * 2 + free
    size = max(n_months * n_pairs * N_REGIMES * 2, 1)
    # Bucket layouts weigh each layout row by the source rows it sums; a row with no
    # source rows (never produced) would vanish from `present` like any empty group.
    rows = np.bincount(key, weights=lay.row_weight, minlength=size)
    present = np.flatnonzero(np.bincount(key, minlength=size))

    def total(weights: np.ndarray) -> np.ndarray:
        return np.bincount(key, weights=weights, minlength=size)[present]

    rest, is_free = np.divmod(present, 2)
    rest, group_regime = np.divmod(rest, N_REGIMES)
    group_month, group_pair = np.divmod(rest, max(n_pairs, 1))
    return Groups(
        month=group_month,
        pair=group_pair,
        regime=group_regime,
        free=is_free.astype(bool),
        tokens=np.array([total(t) for t in lay.tokens]).reshape(len(lay.tokens), -1),
        requests=total(np.nan_to_num(lay.requests)),
        rows=rows[present].astype(np.int64),
        cached_rows=total(lay.cached()),
    )


def price_groups(
    groups: Groups, lay: Layout, option_id: str, batch_api: bool | None = None
) -> tuple[np.ndarray, np.ndarray, int]:
    """List cost of each group through ``option_id`` (NaN where not sold), the sold mask, and
    rows with cached tokens on a model the option sells without cache prices."""
    arrays = arrays_for(lay, option_id, batch_api)
    cv, cm = lay.combo_version, lay.combo_model
    if not len(groups.rows):
        return np.zeros(0), np.zeros(0, dtype=bool), 0
    table = arrays.prices[cv, cm].reshape(len(cv) * N_REGIMES, -1).T
    index = groups.pair * N_REGIMES + groups.regime
    cost = (groups.tokens * table[:, index]).sum(axis=0)
    cost += groups.requests * arrays.per_request[cv, cm].take(groups.pair)
    sold = arrays.sold[cv, cm].take(groups.pair)
    no_cache = arrays.no_cache[cv, cm].take(groups.pair) & sold
    return cost, sold, int(groups.cached_rows[no_cache].sum())


def price_option(
    lay: Layout, option_id: str, regime: np.ndarray | None = None, batch_api: bool | None = None
) -> OptionRows:
    """List cost per row through ``option_id`` (for row-level views: exports, reconciliation)."""
    arrays = arrays_for(lay, option_id, batch_api)
    cv, cm, combo = lay.combo_version, lay.combo_model, lay.combo_code
    if not len(combo):  # an empty log (or a scenario with no traffic) costs nothing
        empty = np.zeros(0)
        return OptionRows(option_id, empty, np.zeros(0, dtype=bool), 0, 0)
    unknown_band = 0
    if regime is None:
        regime, unknown_band = row_regimes(lay)
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


def catalogs_used(lay: Layout) -> list[str]:  # presence only: weights do not matter
    """Versions that priced at least one known row."""
    used = np.flatnonzero(np.bincount(lay.version_index[lay.known], minlength=len(lay.catalogs)))
    return [lay.catalogs[i].version for i in used]


def option_ids(catalogs: Sequence[Catalog]) -> list[str]:
    """Option ids present in every catalog, in the newest catalog's order."""
    common = set.intersection(*({o.id for o in k.options} for k in catalogs))
    return [o.id for o in catalogs[-1].options if o.id in common]
