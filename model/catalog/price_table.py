"""The price data as a dated table, for re-pricing where the usage already lives (a warehouse).

``prices``: one row per (option, model, regime, token class) and date range in which that
price holds — the engine's own price arrays (:func:`model.engine.prices.build_price_arrays`),
so every rule of DESIGN §4 is already in the numbers: vendor batch prices only through an
option with a batch API (standard prices otherwise), the long-context tier's prices (cache
included), cache classes without a price charged as input, per-request fees (class
``request``). Consecutive versions with the same price are one row: ``valid_from``
inclusive, ``valid_to`` exclusive; a model's first price holds from ``0001-01-01`` when it
is in the oldest version (the engine prices rows older than every version with the oldest),
its last until ``9999-12-31``.

``option_terms``: the option adjustments applied as a second step (DESIGN §4): discount
share per vendor, regional uplift, purchase fee per dollar of credits bought, BYOK terms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from model.engine.adjustments import (
    OptionAssumptions,
    discount_share,
    purchase_fee_rate,
    uplift_share,
)
from model.engine.pricer import known_models, option_ids
from model.engine.prices import N_REGIMES, build_price_arrays
from pricing.versions import PriceBook

REGIMES = ("base", "long_context", "batch", "batch_long_context")
#: Token classes in the engine's order, then the per-request fee.
CLASSES = ("input", "cache_read", "cache_write_5m", "cache_write_1h", "output", "request")
SINCE_EVER = dt.date(1, 1, 1)
FOREVER = dt.date(9999, 12, 31)

PRICE_COLUMNS = (
    "option_id",
    "option_kind",
    "provider",
    "model_id",
    "regime",
    "token_class",
    "usd_per_unit",
    "threshold_tokens",
    "valid_from",
    "valid_to",
    "version",
)
TERM_COLUMNS = (
    "option_id",
    "option_kind",
    "provider",
    "discount_share",
    "uplift_share",
    "purchase_fee_rate",
    "byok",
    "byok_percent",
    "byok_allowance_usd",
)


@dataclass(frozen=True)
class PriceTables:
    """Column-oriented tables (name → list of values), ready for Parquet, CSV or SQL."""

    prices: dict[str, list[object]]
    option_terms: dict[str, list[object]]


def _providers(book: PriceBook) -> dict[str, str]:
    out: dict[str, str] = {}
    for k in book.catalogs:
        out.update({m.model_id: m.provider for m in k.models})
        out.update({m.model_id: m.provider for o in k.options for m in o.models})
    return out


def _runs(values: np.ndarray, split: np.ndarray) -> list[tuple[int, int, int]]:
    """(column, first version, last version) of each run of equal, non-NaN values down the
    version axis of ``values`` (versions × columns); a run also ends where ``split`` (the
    model's long-context threshold) changes."""
    n_v = values.shape[0]
    same = (values[1:] == values[:-1]) | (np.isnan(values[1:]) & np.isnan(values[:-1]))
    same &= split[1:] == split[:-1]
    starts = np.vstack([np.ones((1, values.shape[1]), dtype=bool), ~same])
    cols, first = np.nonzero(starts.T)  # by column, then version
    last = np.full(len(first), n_v - 1)
    inner = cols[1:] == cols[:-1]
    last[:-1][inner] = first[1:][inner] - 1
    keep = ~np.isnan(values[first, cols])
    return list(zip(cols[keep].tolist(), first[keep].tolist(), last[keep].tolist(), strict=True))


def price_rows(book: PriceBook, assumptions: Mapping[str, OptionAssumptions]) -> dict[str, list]:
    """The ``prices`` table (see the module docstring)."""
    catalogs = book.catalogs
    model_ids = known_models(catalogs)
    provider = _providers(book)
    starts = [k.effective_from for k in catalogs]
    table: dict[str, list[object]] = {name: [] for name in PRICE_COLUMNS}
    width = N_REGIMES * len(CLASSES)
    for option_id in option_ids(catalogs):
        option = catalogs[-1].option(option_id)
        chosen = assumptions.get(option_id, OptionAssumptions())
        arrays = build_price_arrays(catalogs, option_id, model_ids, None, chosen.batch_api)
        n_v = arrays.sold.shape[0]
        per_request = np.repeat(arrays.per_request[:, :, None, None], N_REGIMES, axis=2)
        cells = np.concatenate([arrays.prices, per_request], axis=3)  # (V, M, R, 6)
        cells = np.where(arrays.sold[:, :, None, None], cells, np.nan)
        threshold = np.where(np.isfinite(arrays.threshold), arrays.threshold, -1.0)
        split = np.repeat(threshold[:, :, None], width, axis=2).reshape(n_v, -1)
        flat = cells.reshape(n_v, -1)
        for col, a, b in _runs(flat, split):
            model, rest = divmod(col, width)
            if model >= len(model_ids):
                continue  # the engine's trailing "unknown model" row is never sold
            regime, cls = divmod(rest, len(CLASSES))
            if CLASSES[cls] == "request" and not flat[a, col]:
                continue  # no per-request fee: nothing to add
            t = threshold[a, model]
            table["option_id"].append(option_id)
            table["option_kind"].append(option.kind)
            table["provider"].append(provider.get(model_ids[model], ""))
            table["model_id"].append(model_ids[model])
            table["regime"].append(REGIMES[regime])
            table["token_class"].append(CLASSES[cls])
            table["usd_per_unit"].append(float(flat[a, col]))
            table["threshold_tokens"].append(None if t < 0 else int(t))
            table["valid_from"].append(SINCE_EVER if a == 0 else starts[a])
            table["valid_to"].append(FOREVER if b == n_v - 1 else starts[b + 1])
            table["version"].append(catalogs[a].version)
    return table


def term_rows(book: PriceBook, assumptions: Mapping[str, OptionAssumptions]) -> dict[str, list]:
    """The ``option_terms`` table: one row per option and vendor, with the assumptions."""
    latest = book.latest
    vendors = sorted(set(_providers(book).values()))
    table: dict[str, list[object]] = {name: [] for name in TERM_COLUMNS}
    for option_id in option_ids(book.catalogs):
        option = latest.option(option_id)
        chosen = assumptions.get(option_id, OptionAssumptions())
        byok = option.byok if chosen.byok else None
        for vendor in vendors:
            table["option_id"].append(option_id)
            table["option_kind"].append(option.kind)
            table["provider"].append(vendor)
            table["discount_share"].append(discount_share(option, chosen, vendor))
            table["uplift_share"].append(uplift_share(option, chosen))
            table["purchase_fee_rate"].append(purchase_fee_rate(option, chosen))
            table["byok"].append(byok is not None)
            table["byok_percent"].append(float(byok.percent) if byok else 0.0)
            table["byok_allowance_usd"].append(float(byok.free_allowance_usd) if byok else 0.0)
    return table


def price_tables(
    book: PriceBook, assumptions: Mapping[str, OptionAssumptions] | None = None
) -> PriceTables:
    """Both tables for ``book`` under the option ``assumptions`` (batch API opt-ins, top-up
    size, payment method, discounts, region, BYOK)."""
    chosen = dict(assumptions or {})
    return PriceTables(price_rows(book, chosen), term_rows(book, chosen))
