"""LiteLLM proxy spend logs (``LiteLLM_SpendLogs`` table dumped to CSV), usage-formats §5e.

One row per request. ``prompt_tokens`` follows the OpenAI convention (cache reads and
writes *inside*); the cache counts are not columns but live in the ``metadata`` JSON
(``usage_object``), read here with vectorized regular expressions rather than per-row
JSON parsing. Cache writes carry no TTL: priced as 5 minutes, with a warning.
``spend`` is LiteLLM's own estimate. ``messages``/``response`` (prompt text) are never
loaded. ``custom_llm_provider`` names the route (``bedrock`` serves Claude), so it sets
``provider`` only when it is a vendor.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from model.engine import columns as c
from model.usage.readers import fingerprints
from model.usage.readers.base import Probe, Reader, UsageRead
from model.usage.readers.records import Rows, load_csv, model_columns, require, timestamps
from model.usage.readers.validate import count, reported_cost, text

NAME = "litellm_spend_logs_csv"
_F = pa.float64()
_S = pa.string()
TYPES = {
    "request_id": _S,
    "call_type": _S,
    "spend": _F,
    "prompt_tokens": _F,
    "completion_tokens": _F,
    "starttime": _S,
    "model": _S,
    "custom_llm_provider": _S,
    "metadata": _S,
    "status": _S,
}
_VENDORS = {"openai": "openai", "anthropic": "anthropic", "gemini": "google"}


def detect(probe: Probe) -> bool:
    return probe.kind == "csv" and fingerprints.matches(NAME, probe.columns)


def read(data: bytes, filename: str, probe: Probe) -> UsageRead:
    require(probe, filename, NAME, ("starttime", "model", "prompt_tokens", "completion_tokens"))
    rows = load_csv(
        data,
        filename,
        probe,
        TYPES,
        key_columns=("request_id", "model", "prompt_tokens"),
        label_columns=("request_id",),
    )
    v, n = rows.values, rows.n
    timestamps(rows, "starttime")
    model_columns(rows, "model")
    v[c.PROVIDER] = _provider(rows.col("custom_llm_provider"), n)
    prompt = rows.tokens("prompt_tokens", required=True)
    meta = rows.col("metadata")
    read_ = _meta_count(meta, n, "cache_read_input_tokens")
    read_ = np.where(np.isnan(read_), _meta_count(meta, n, "cached_tokens"), read_)
    read_ = np.nan_to_num(read_)
    write = np.nan_to_num(_meta_count(meta, n, "cache_creation_input_tokens"))
    over = read_ + write > prompt
    rows.issues.drop("cached tokens above the prompt total (metadata usage_object)", over)
    v[c.INPUT] = np.maximum(prompt - read_ - write, 0.0)
    v[c.CACHE_READ] = read_
    v[c.CACHE_WRITE_5M] = write
    k = int((write > 0).sum())
    if k:
        rows.warnings.append(
            f"{count(k, 'row')}: cache-write TTL unknown (cache_creation_input_tokens),"
            f" priced as 5 minutes"
        )
    v[c.OUTPUT] = rows.tokens("completion_tokens", required=True)
    v[c.REASONING] = np.nan_to_num(_meta_count(meta, n, "reasoning_tokens"))
    v[c.REQUESTS] = np.ones(n)
    v[c.REPORTED_COST] = reported_cost(rows.issues, rows.col("spend"), n)
    _failures(rows)
    return rows.finish(filename, NAME)


def _meta_count(meta: pa.ChunkedArray | None, n: int, key: str) -> np.ndarray:
    """First ``"key": <int>`` in the metadata JSON (or Python-repr) text; NaN if absent."""
    if meta is None:
        return np.full(n, np.nan)
    found = pc.extract_regex(meta, rf"[\"']{key}[\"']\s*:\s*(?P<v>\d+)")
    digits = pc.if_else(pc.is_valid(found), pc.struct_field(found, [0]), pa.scalar(None, _S))
    return digits.cast(_F).to_numpy(zero_copy_only=False)


def _provider(arr: pa.ChunkedArray | None, n: int):
    if arr is None:
        return text(None, n)
    low = pc.utf8_lower(pc.utf8_trim_whitespace(arr))
    keys = pa.array(list(_VENDORS))
    idx = pc.index_in(low, value_set=keys)
    vendor = pc.take(pa.array(list(_VENDORS.values())), idx)
    return text(vendor, n)


def _failures(rows: Rows) -> None:
    status = rows.col("status")
    if status is None:
        return
    low = pc.utf8_lower(pc.utf8_trim_whitespace(status))
    failed = pc.fill_null(pc.equal(low, "failure"), False).to_numpy(zero_copy_only=False)
    rows.issues.note("failed requests (status failure) — kept with the tokens logged", failed)


READER = Reader(
    name=NAME,
    description="LiteLLM proxy spend logs (LiteLLM_SpendLogs as CSV): one row per request",
    detect=detect,
    read=read,
)
