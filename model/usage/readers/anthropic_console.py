"""Anthropic Console exports (usage-formats §3a/§3b): the token CSV and the cost CSV.

Usage (token) CSV: one row per day (or hour) × model × key × tier; token columns are
disjoint (``no_cache`` excludes reads and writes, Anthropic style). ``context_window``
``≤ 200k`` / ``> 200k`` (also the API's ``0-200k`` / ``200k-1M``) sets ``long_context``.
Older exports have one ``usage_input_tokens_cache_write`` column: read as 5-minute
writes with a warning (TTL unknown). There is no request count (``requests`` null).
``speed = fast`` rows are priced differently: their ``model_raw`` gets a ``(fast)``
qualifier so that name resolution never folds them into the base model's price.

Cost CSV (real 2024 samples): money per day × model × key × token_type, no tokens,
display-name models (``Claude 3.5 Sonnet 2024-10-22``), USD rounded to whole cents.
Rows carry ``reported_cost_usd`` only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from model.engine import columns as c
from model.usage.readers import fingerprints
from model.usage.readers.base import Probe, Reader, UsageRead
from model.usage.readers.records import (
    Rows,
    const_text,
    equals_any,
    load_csv,
    model_columns,
    require,
    timestamps,
)
from model.usage.readers.validate import count, reported_cost, text

USAGE_NAME = "anthropic_console_usage_csv"
COST_NAME = "anthropic_console_cost_csv"
_F = pa.float64()
_S = pa.string()
USAGE_TYPES = {
    "usage_date_utc": _S,
    "model_version": _S,
    "usage_type": _S,
    "context_window": _S,
    "usage_input_tokens_no_cache": _F,
    "usage_input_tokens_cache_write_5m": _F,
    "usage_input_tokens_cache_write_1h": _F,
    "usage_input_tokens_cache_write": _F,
    "usage_input_tokens_cache_read": _F,
    "usage_output_tokens": _F,
    "speed": _S,
}
COST_TYPES = {
    "usage_date_utc": _S,
    "model": _S,
    "usage_type": _S,
    "context_window": _S,
    "token_type": _S,
    "cost_usd": _S,
    "speed": _S,
}
_LONG = ("> 200k", ">200k", "200k-1m", "gt_200k", "long")
_SHORT = ("≤ 200k", "≤200k", "<= 200k", "0-200k", "le_200k", "short")


def detect_usage(probe: Probe) -> bool:
    return probe.kind == "csv" and fingerprints.matches(USAGE_NAME, probe.columns)


def detect_cost(probe: Probe) -> bool:
    return probe.kind == "csv" and fingerprints.matches(COST_NAME, probe.columns)


def read_usage_csv(data: bytes, filename: str, probe: Probe) -> UsageRead:
    require(probe, filename, USAGE_NAME, ("usage_date_utc", "model_version", "usage_output_tokens"))
    rows = load_csv(
        data,
        filename,
        probe,
        USAGE_TYPES,
        key_columns=("usage_date_utc", "model_version", "usage_input_tokens_no_cache"),
        label_columns=("usage_date_utc", "model_version"),
    )
    v, n = rows.values, rows.n
    timestamps(rows, "usage_date_utc")
    model_columns(rows, "model_version")
    _fast_mode(rows)
    v[c.PROVIDER] = const_text("anthropic", n)
    v[c.INPUT] = rows.tokens("usage_input_tokens_no_cache", required=True)
    v[c.CACHE_READ] = rows.tokens("usage_input_tokens_cache_read")
    v[c.CACHE_WRITE_5M] = rows.tokens("usage_input_tokens_cache_write_5m")
    v[c.CACHE_WRITE_1H] = rows.tokens("usage_input_tokens_cache_write_1h")
    if rows.col("usage_input_tokens_cache_write") is not None:
        legacy = rows.tokens("usage_input_tokens_cache_write")
        v[c.CACHE_WRITE_5M] = v[c.CACHE_WRITE_5M] + legacy
        k = int((legacy > 0).sum())
        if k:
            rows.warnings.append(
                f"{count(k, 'row')}: cache-write TTL unknown (usage_input_tokens_cache_write), "
                "priced as 5 minutes"
            )
    elif rows.col("usage_input_tokens_cache_read") is None:
        rows.warnings.append(
            "this export has no cache columns: cache reads and writes, if any, are missing"
        )
    v[c.OUTPUT] = rows.tokens("usage_output_tokens", required=True)
    v[c.REQUESTS] = np.full(n, np.nan)  # the console export has no request count
    v[c.BATCH] = equals_any(rows.col("usage_type"), n, ("batch",))
    v[c.LONG_CONTEXT] = _long_context(rows)
    return rows.finish(filename, USAGE_NAME)


def read_cost_csv(data: bytes, filename: str, probe: Probe) -> UsageRead:
    require(probe, filename, COST_NAME, ("usage_date_utc", "model", "cost_usd"))
    rows = load_csv(
        data,
        filename,
        probe,
        COST_TYPES,
        key_columns=("usage_date_utc", "model", "cost_usd"),
        label_columns=("usage_date_utc", "model"),
    )
    v, n = rows.values, rows.n
    timestamps(rows, "usage_date_utc")
    model_columns(rows, "model")
    _fast_mode(rows)
    v[c.PROVIDER] = const_text("anthropic", n)
    cost = reported_cost(rows.issues, rows.col("cost_usd"), n)
    v[c.REPORTED_COST] = cost
    v[c.REQUESTS] = np.full(n, np.nan)
    v[c.BATCH] = equals_any(rows.col("usage_type"), n, ("batch",))
    v[c.LONG_CONTEXT] = _long_context(rows)
    rows.warnings.append(
        f"{count(n, 'row')} come from a cost export: they carry"
        f" the reported cost only (no tokens), "
        "so they can reconcile spend but cannot be re-priced"
    )
    zero = int((cost == 0).sum())
    if zero:
        rows.warnings.append(
            f"{count(zero, 'row')} show $0.00: the console rounds each row to whole cents, so "
            "small amounts are lost from the reported total"
        )
    return rows.finish(filename, COST_NAME)


def _long_context(rows: Rows) -> pd.arrays.BooleanArray:
    n = rows.n
    window = rows.col("context_window")
    long_ = equals_any(window, n, _LONG)
    short = equals_any(window, n, _SHORT)
    return pd.arrays.BooleanArray(long_, ~(long_ | short))


def _fast_mode(rows: Rows) -> None:
    """Fast-mode rows get ``model_raw`` = ``"<model> (fast)"`` (see module docstring)."""
    fast = equals_any(rows.col("speed"), rows.n, ("fast",))
    if not fast.any():
        return
    raw = rows.values[c.MODEL_RAW]
    qualified = pc.binary_join_element_wise(
        pa.array(raw, type=pa.string()), pa.scalar(" (fast)"), ""
    )
    rows.values[c.MODEL_RAW] = text(
        pa.chunked_array([pc.if_else(pa.array(fast), qualified, pa.array(raw, type=pa.string()))]),
        rows.n,
    )
    rows.issues.note(
        "fast mode — named '<model> (fast)' so it is not priced as the base model", fast
    )


USAGE_READER = Reader(
    name=USAGE_NAME,
    description="Anthropic Console usage (token) CSV: per day × model, 5m/1h cache writes",
    detect=detect_usage,
    read=read_usage_csv,
)
COST_READER = Reader(
    name=COST_NAME,
    description="Anthropic Console cost CSV: USD per token type, rounded to cents; no tokens",
    detect=detect_cost,
    read=read_cost_csv,
)
