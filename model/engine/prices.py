"""Price arrays: a catalog's prices laid out as float64 arrays per option, for vectorized costing.

A price cell is NaN where the option does not sell the model. Regimes are the four price
sets a request can fall into: base, long-context tier, batch, batch at the long-context tier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from pricing.schema import Catalog, ModelPrice, Option

BASE, TIER, BATCH, BATCH_TIER = range(4)
N_REGIMES = 4
# Token classes in the order of model.engine.columns.TOKEN_CLASSES.
IN, CR, CW5, CW1H, OUT = range(5)
N_CLASSES = 5


@dataclass(frozen=True)
class PriceArrays:
    """Prices of one option under every version, indexed ``[version, model, regime, class]``.

    The model axis has one trailing row more than the model ids: the "unknown model" row.

    ``threshold`` is ``inf`` for models without a long-context tier; ``no_cache`` marks models
    whose cached tokens are charged as input (no cache price published).
    """

    prices: np.ndarray  # (V, M, 4, 5) USD per token
    per_request: np.ndarray  # (V, M) USD per request
    threshold: np.ndarray  # (V, M) prompt tokens; tier applies strictly above
    sold: np.ndarray  # (V, M) bool
    no_cache: np.ndarray  # (V, M) bool
    has_tier: np.ndarray  # (V, M) bool


def _f(x: Decimal | None) -> float:
    return float("nan") if x is None else float(x)


def _scaled(price: Decimal | None, num: Decimal, den: Decimal) -> float:
    """``price × num / den`` — used to derive a tier's or batch's missing cache price so the
    discount keeps the vendor's shape (e.g. batch at the tier is half the tier price)."""
    if price is None or den == 0:
        return float("nan")
    return float(price * num / den)


def _base_row(m: ModelPrice) -> list[float]:
    return [_f(m.input), _f(m.cache_read), _f(m.cache_write_5m), _f(m.cache_write_1h), _f(m.output)]


def _tier_row(m: ModelPrice) -> list[float]:
    t = m.long_context
    if t is None:
        return _base_row(m)

    def cache(tier_price: Decimal | None, base_price: Decimal | None) -> float:
        if tier_price is not None:
            return float(tier_price)
        return _scaled(base_price, t.input, m.input)

    return [
        float(t.input),
        cache(t.cache_read, m.cache_read),
        cache(t.cache_write_5m, m.cache_write_5m),
        cache(t.cache_write_1h, m.cache_write_1h),
        float(t.output),
    ]


def _batch_rows(m: ModelPrice) -> tuple[list[float], list[float]]:
    """Batch prices, and batch prices at the long-context tier.

    Missing batch cache prices are the standard cache prices (what litellm and genai-prices
    do); a missing batch tier is the tier scaled by the batch/standard ratio of input and
    output (OpenAI bills batch >272k at half the tier).
    """
    b = m.batch
    assert b is not None
    base = _base_row(m)
    batch = [
        float(b.input),
        _f(b.cache_read) if b.cache_read is not None else base[CR],
        _f(b.cache_write_5m) if b.cache_write_5m is not None else base[CW5],
        _f(b.cache_write_1h) if b.cache_write_1h is not None else base[CW1H],
        float(b.output),
    ]
    if m.long_context is None:
        return batch, batch
    if b.long_context is not None:
        bt = b.long_context
        tier = _tier_row(m)
        return batch, [
            float(bt.input),
            _f(bt.cache_read) if bt.cache_read is not None else tier[CR],
            _f(bt.cache_write_5m) if bt.cache_write_5m is not None else tier[CW5],
            _f(bt.cache_write_1h) if bt.cache_write_1h is not None else tier[CW1H],
            float(bt.output),
        ]
    tier = _tier_row(m)
    in_ratio = float(b.input / m.input) if m.input else 1.0
    out_ratio = float(b.output / m.output) if m.output else 1.0
    # Cache prices at the batch tier: the batch cache rule applied to the tier's cache prices.
    cache_ratio = [
        batch[k] / base[k] if base[k] and not np.isnan(base[k]) else 1.0 for k in (CR, CW5, CW1H)
    ]
    return batch, [
        tier[IN] * in_ratio,
        tier[CR] * cache_ratio[0],
        tier[CW5] * cache_ratio[1],
        tier[CW1H] * cache_ratio[2],
        tier[OUT] * out_ratio,
    ]


def option_models(catalog: Catalog, option: Option) -> dict[str, ModelPrice]:
    """Models an option sells in a catalog: the list-priced models of the vendors it resells
    plus its own catalog."""
    sold = {m.model_id: m for m in catalog.models if m.provider in option.resells}
    sold.update({m.model_id: m for m in option.models})
    return sold


_CACHE: dict[tuple[object, ...], tuple[Sequence[Catalog], PriceArrays]] = {}


def uses_batch_api(option: Option, opt_in: bool | None) -> bool:
    """Whether batch-share traffic pays batch prices through ``option``: its batch API, or
    its beta batch API when the scenario opts in (``options.<id>.batch_api: true``)."""
    return option.batch_api or bool(opt_in and option.beta_batch_api is not None)


def build_price_arrays(
    catalogs: Sequence[Catalog],
    option_id: str,
    model_ids: Sequence[str],
    needed: frozenset[int] | None = None,
    batch_api: bool | None = None,
) -> PriceArrays:
    """Lay out ``option_id``'s prices for ``model_ids`` under each catalog version;
    ``batch_api`` opts in to the option's beta batch API (see :func:`uses_batch_api`).

    Memoized: the calculator re-prices the same catalogs dozens of times per rerun (ranges,
    sensitivity). The cache holds the catalogs themselves, so their ids cannot be reused.
    """
    key = (tuple(id(k) for k in catalogs), option_id, tuple(model_ids), needed, bool(batch_api))
    hit = _CACHE.get(key)
    if hit is not None:
        return hit[1]
    arrays = _build(catalogs, option_id, model_ids, needed, bool(batch_api))
    if len(_CACHE) > 256:
        _CACHE.clear()
    _CACHE[key] = (tuple(catalogs), arrays)
    return arrays


def _build(
    catalogs: Sequence[Catalog],
    option_id: str,
    model_ids: Sequence[str],
    needed: frozenset[int] | None,
    batch_api: bool,
) -> PriceArrays:
    # One extra model row, never sold and all NaN, for rows whose model no catalog knows.
    n_v, n_m = len(catalogs), len(model_ids) + 1
    prices = np.full((n_v, n_m, N_REGIMES, N_CLASSES), np.nan)
    per_request = np.zeros((n_v, n_m))
    threshold = np.full((n_v, n_m), np.inf)
    sold = np.zeros((n_v, n_m), dtype=bool)
    no_cache = np.zeros((n_v, n_m), dtype=bool)
    has_tier = np.zeros((n_v, n_m), dtype=bool)
    for v, catalog in enumerate(catalogs):
        option = catalog.option(option_id)
        batch_prices = uses_batch_api(option, batch_api)
        models = option_models(catalog, option)
        for i, model_id in enumerate(model_ids):
            # A log touches a few models of hundreds: lay out only those (None: all).
            m = models.get(model_id) if needed is None or i in needed else None
            if m is None:
                continue
            sold[v, i] = True
            base, tier = _base_row(m), _tier_row(m)
            if batch_prices and m.batch is not None:
                batch, batch_tier = _batch_rows(m)
            else:  # no batch API: batch-share traffic pays standard prices
                batch, batch_tier = base, tier
            prices[v, i] = [base, tier, batch, batch_tier]
            # No cache price means no caching: cached tokens are charged as input.
            if m.cache_read is None:
                no_cache[v, i] = True
                for r in range(N_REGIMES):
                    for k in (CR, CW5, CW1H):
                        prices[v, i, r, k] = prices[v, i, r, IN]
            else:
                # A model with cache reads but no write price (OpenAI before gpt-5.6, Gemini)
                # charges nothing extra for writes: they are billed as input.
                for r in range(N_REGIMES):
                    for k in (CW5, CW1H):
                        if np.isnan(prices[v, i, r, k]):
                            prices[v, i, r, k] = prices[v, i, r, IN]
            if m.long_context is not None:
                threshold[v, i] = m.long_context.threshold_tokens
                has_tier[v, i] = True
            per_request[v, i] = float(m.per_request_usd or 0)
    return PriceArrays(prices / 1e6, per_request, threshold, sold, no_cache, has_tier)
