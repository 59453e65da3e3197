"""Price usage that arrives already summed into buckets (a columnar engine's group-by).

A log too large to hold — or just large enough that building a frame costs more than
reading it — is read by an embedded columnar engine, which decides each row's regime
inputs and sums the token classes by (day, raw model name, batch, free, request or
bucket, stated long-context band, prompt band). This module turns those buckets into the
same :class:`~model.engine.pricer.Layout` the frame path builds, weighted by the rows each
bucket holds, and prices it with the same :func:`~model.engine.costing.cost_layout`: the
totals are those of the row path by construction (tests compare them to 1e-9).

The regime of a request row depends on its model's long-context threshold, which is known
only after name resolution; the engine therefore counts, per row, how many of the price
book's distinct thresholds the prompt side is strictly above (the *prompt band*): a row is
above its model's threshold ``t_k`` exactly when its band exceeds ``k``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from model.engine.adjustments import OptionAssumptions
from model.engine.costing import Costing, cost_layout
from model.engine.pricer import (
    Layout,
    catalogs_for,
    known_models,
    pair_thresholds,
    pairs,
    versions_by_day,
)
from model.engine.prices import BATCH, TIER
from model.engine.totals import RowStats
from pricing.names import NameResolver
from pricing.specs import BY_DATE
from pricing.versions import PriceBook


@dataclass(frozen=True)
class Buckets:
    """Usage rows summed by (day, raw model name, batch, free, single, band, prompt band)."""

    names: tuple[str, ...]  # distinct raw model names (as the source spells them)
    name_code: np.ndarray  # (B,) index into names
    day: np.ndarray  # (B,) int64 UTC days since 1970-01-01
    batch: np.ndarray  # (B,) bool
    free: np.ndarray  # (B,) bool, as the source states it (`:free` variants added here)
    single: np.ndarray  # (B,) bool: rows of exactly one request, judged by their own prompt
    long_context: np.ndarray  # (B,) float 1 / 0 / NaN: the band a bucket row states
    prompt_band: np.ndarray  # (B,) int: thresholds the prompt side is strictly above
    thresholds: tuple[float, ...]  # the ascending thresholds prompt_band counts
    tokens: np.ndarray  # (5, B) summed token classes, in TOKEN_CLASSES order
    requests: np.ndarray  # (B,) summed requests
    rows: np.ndarray  # (B,) source rows
    cached_rows: np.ndarray  # (B,) source rows with any cached tokens
    stats: RowStats

    @property
    def n_rows(self) -> int:
        return int(self.rows.sum())


def _regimes(lay: Layout, b: Buckets) -> tuple[np.ndarray, int]:
    """Regime of every bucket and the rows of tiered models whose band is unknown."""
    threshold = pair_thresholds(lay).take(lay.combo_code)
    edges = np.asarray(b.thresholds, dtype=np.float64)
    tiered = np.isfinite(threshold)
    k = np.searchsorted(edges, np.where(tiered, threshold, 0.0))
    if tiered.any() and not np.array_equal(edges.take(k[tiered]), threshold[tiered]):
        raise ValueError("prompt bands were counted against other thresholds than the book's")
    over = np.where(b.single, tiered & (b.prompt_band > k), b.long_context == 1.0)
    unknown = ~b.single & np.isnan(b.long_context) & tiered
    regime = b.batch.astype(np.int32) * BATCH + over.astype(np.int32) * TIER
    return regime, int(b.rows[unknown].sum())


def cost_buckets(
    b: Buckets,
    book: PriceBook,
    *,
    pricing: str | None = BY_DATE,
    assumptions: Mapping[str, OptionAssumptions] | None = None,
    resolver: NameResolver | None = None,
) -> Costing:
    """Price buckets under every option, as :func:`~model.engine.costing.cost_usage` prices
    rows: names resolved as :func:`~model.engine.normalize.normalize_models` does, each day
    by its version, then the shared group pricing."""
    resolver = resolver or NameResolver.from_book(book)
    catalogs = catalogs_for(book, pricing)
    resolved = resolver.resolve_many(b.names)
    shown = [resolved[n].model_id or n for n in b.names]
    names = sorted(set(shown))
    to_name = np.array([names.index(s) for s in shown], dtype=np.int64)
    name_code = to_name.take(b.name_code) if len(b.names) else np.zeros(0, dtype=np.int64)
    known = known_models(catalogs)
    position = {mid: i for i, mid in enumerate(known)}
    unknown = len(known)
    to_model = np.array([position.get(n, unknown) for n in names], dtype=np.int64)
    model_code = to_model.take(name_code) if len(names) else np.zeros(0, dtype=np.int64)
    version_index, early = versions_by_day(catalogs, b.day)
    combo_code, combo_version, combo_model = pairs(
        version_index, model_code, len(catalogs), unknown
    )
    tokens = tuple(np.asarray(t, dtype=np.float64) for t in b.tokens)
    lay = Layout(
        model_ids=tuple(known),
        model_code=model_code,
        version_index=version_index,
        catalogs=catalogs,
        names=np.asarray(names, dtype=object),
        name_code=name_code,
        tokens=tokens,
        prompt=np.zeros(len(b.day)),  # regimes come from the prompt bands
        requests=np.asarray(b.requests, dtype=np.float64),
        band=np.asarray(b.long_context, dtype=np.float64),
        batch=np.asarray(b.batch, dtype=bool),
        combo_code=combo_code,
        combo_version=combo_version,
        combo_model=combo_model,
        predate_rows=int(b.rows[early].sum()),
        day=np.asarray(b.day, dtype=np.int64),
        row_weight=np.asarray(b.rows, dtype=np.float64),
        cached_weight=np.asarray(b.cached_rows, dtype=np.float64),
    )
    regime, unknown_band = _regimes(lay, b)
    variant_free = np.array([resolved[n].free for n in b.names] + [False], dtype=bool)
    free = np.asarray(b.free, dtype=bool) | variant_free.take(b.name_code)
    return cost_layout(lay, regime, free, unknown_band, pricing=pricing, assumptions=assumptions)
