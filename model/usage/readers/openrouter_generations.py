"""OpenRouter per-generation CSV (Activity/Logs export), usage-formats §1a — real sample.

One row per request. ``tokens_prompt`` *includes* ``tokens_cached`` (verified on the real
file with gpt-5-nano arithmetic), ``tokens_completion`` includes ``tokens_reasoning``;
``created_at`` is UTC without a suffix. There is no cache-write column: writes, if any,
are inside ``tokens_prompt`` and get priced as plain input (warned for Anthropic rows).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from model.engine import columns as c
from model.usage.readers import fingerprints
from model.usage.readers.base import Probe, Reader, UsageRead
from model.usage.readers.records import (
    cached_inside,
    equals_any,
    load_csv,
    model_columns,
    require,
    slug_vendor,
    timestamps,
)
from model.usage.readers.validate import count, reported_cost, to_float

NAME = "openrouter_generations_csv"
REQUIRED = ("generation_id", "created_at", "model_permaslug", "tokens_prompt", "cost_total")
_F = pa.float64()
TYPES = {
    "generation_id": pa.string(),
    "created_at": pa.string(),
    "cost_total": _F,
    "byok_usage_inference": _F,
    "tokens_prompt": _F,
    "tokens_completion": _F,
    "tokens_reasoning": _F,
    "tokens_cached": _F,
    "model_permaslug": pa.string(),
    "variant": pa.string(),
}


def detect(probe: Probe) -> bool:
    return probe.kind == "csv" and fingerprints.matches(NAME, probe.columns)


def read(data: bytes, filename: str, probe: Probe) -> UsageRead:
    require(probe, filename, NAME, REQUIRED)
    rows = load_csv(
        data,
        filename,
        probe,
        TYPES,
        key_columns=("created_at", "model_permaslug", "tokens_prompt"),
        label_columns=("generation_id",),
    )
    v, n = rows.values, rows.n
    timestamps(rows, "created_at")
    model_columns(rows, "model_permaslug")
    v[c.PROVIDER] = slug_vendor(rows.col("model_permaslug"), n)
    prompt = rows.tokens("tokens_prompt", required=True)
    cached = rows.tokens("tokens_cached")
    v[c.INPUT] = cached_inside(rows, prompt, cached, "tokens_cached > tokens_prompt")
    v[c.CACHE_READ] = cached
    v[c.OUTPUT] = rows.tokens("tokens_completion", required=True)
    v[c.REASONING] = rows.tokens("tokens_reasoning")
    rows.issues.note(
        "tokens_reasoning above tokens_completion — reasoning is informational, output kept",
        v[c.REASONING] > v[c.OUTPUT],
    )
    v[c.REQUESTS] = np.ones(n)
    slug_free = _ends_with_free(rows.col("model_permaslug"), n)
    v[c.FREE] = equals_any(rows.col("variant"), n, ("free",)) | slug_free
    v[c.REPORTED_COST] = reported_cost(rows.issues, rows.col("cost_total"), n)
    _byok_note(rows)
    _cache_write_note(rows)
    return rows.finish(filename, NAME)


def _ends_with_free(arr: pa.ChunkedArray | None, n: int) -> np.ndarray:
    import pyarrow.compute as pc

    if arr is None:
        return np.zeros(n, dtype=bool)
    hit = pc.ends_with(pc.utf8_trim_whitespace(arr), ":free")
    return pc.fill_null(hit, False).to_numpy(zero_copy_only=False)


def _byok_note(rows) -> None:
    byok = rows.col("byok_usage_inference")
    if byok is None:
        return
    values, _m, _u = to_float(byok)
    rows.issues.note(
        "BYOK requests: cost_total excludes what your own provider key was charged "
        "(byok_usage_inference)",
        np.nan_to_num(values) > 0,
    )


def _cache_write_note(rows) -> None:
    vendor = rows.values[c.PROVIDER]
    anthropic = np.asarray((vendor == "anthropic").fillna(False), dtype=bool)
    if anthropic.any():
        rows.warnings.append(
            f"{count(int(anthropic.sum()), 'Anthropic row')}: this export has no"
            f" cache-write column, "
            "so any cache writes are inside tokens_prompt and priced as plain input"
        )


READER = Reader(
    name=NAME,
    description="OpenRouter generations CSV (Activity › Export): one row per request",
    detect=detect,
    read=read,
)
