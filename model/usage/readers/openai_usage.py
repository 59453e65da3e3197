"""OpenAI completions usage: dashboard export (CSV/TSV, real sample) and Usage API pages.

Buckets (1m/1h/1d) grouped by model; ``num_model_requests`` is the bucket count.
``input_tokens`` *includes* cached reads (verified on real rows: input = uncached +
cached) and, in newer exports, cache writes. OpenAI bills cache writes at the input
price, so writes stay in ``input_tokens`` here. ``output_tokens`` includes reasoning
(not broken out). Rows without a model come from ungrouped exports: kept under
``unknown/ungrouped`` and reported unpriced. Days without usage (only the time columns
filled) are not records. ``batch`` or the ``flex`` tier mark batch-priced traffic.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from model.engine import columns as c
from model.usage.readers import fingerprints
from model.usage.readers.base import Probe, Reader, UsageRead
from model.usage.readers.errors import UsageFormatError
from model.usage.readers.jsonrows import bucket_results, rows_from_records
from model.usage.readers.records import (
    Rows,
    cached_inside,
    const_text,
    equals_any,
    flag,
    load_csv,
    model_columns,
    timestamps,
)
from model.usage.readers.timestamps import epoch_seconds
from model.usage.readers.validate import unknown_long_context

CSV_NAME = "openai_usage_csv"
JSON_NAME = "openai_usage_json"
UNGROUPED = "unknown/ungrouped"
RESULT_OBJECT = "organization.usage.completions.result"
_TIME = ("start_time", "end_time", "start_time_iso", "end_time_iso")
_F = pa.float64()
TYPES = {
    "start_time": pa.string(),
    "start_time_iso": pa.string(),
    "model": pa.string(),
    "num_model_requests": _F,
    "batch": pa.string(),
    "service_tier": pa.string(),
    "input_tokens": _F,
    "output_tokens": _F,
    "input_cached_tokens": _F,
    "input_uncached_tokens": _F,
    "input_cache_write_tokens": _F,
}


def detect_csv(probe: Probe) -> bool:
    return probe.kind == "csv" and fingerprints.matches(CSV_NAME, probe.columns)


def read_csv(data: bytes, filename: str, probe: Probe) -> UsageRead:
    if "input_tokens" not in probe.columns:
        raise UsageFormatError(
            filename,
            "this OpenAI usage export has only time columns: the organization had no usage",
            "export a period with usage",
        )
    rows = load_csv(
        data,
        filename,
        probe,
        TYPES,
        key_columns=("model", "num_model_requests", "input_tokens", "output_tokens"),
        label_columns=("start_time",),
    )
    return _map(rows, filename, CSV_NAME)


def _page_results(obj: Any) -> list[dict[str, Any]] | None:
    """Results of one page or a list of pages, each with its bucket's times; else None."""
    return bucket_results(obj, _TIME)


def is_page_of(obj: Any, result_object: str) -> bool:
    results = _page_results(obj)
    return bool(results) and all(r.get("object") == result_object for r in results)


def detect_json(probe: Probe) -> bool:
    return probe.kind == "json" and is_page_of(probe.obj, RESULT_OBJECT)


def read_json(_data: bytes, filename: str, probe: Probe) -> UsageRead:
    results = _page_results(probe.obj) or []
    rows = rows_from_records(results, filename, text_columns=("start_time_iso", "model"))
    if probe.obj and isinstance(probe.obj, dict) and probe.obj.get("has_more"):
        rows.warnings.append(
            "the API page says has_more: later pages are not in this file (fetch them all)"
        )
    return _map(rows, filename, JSON_NAME)


def _map(rows: Rows, filename: str, fmt: str) -> UsageRead:
    v, n = rows.values, rows.n
    if rows.col("start_time_iso") is not None:
        timestamps(rows, "start_time_iso")
    else:
        _epoch_timestamps(rows)
    model_columns(rows, "model", ungrouped=UNGROUPED)
    v[c.PROVIDER] = const_text("openai", n)
    total = rows.tokens("input_tokens", required=True)
    cached = rows.tokens("input_cached_tokens")
    v[c.INPUT] = cached_inside(rows, total, cached, "input_cached_tokens > input_tokens")
    v[c.CACHE_READ] = cached
    v[c.OUTPUT] = rows.tokens("output_tokens", required=True)
    v[c.REQUESTS] = rows.tokens("num_model_requests", default=np.nan)
    flex = equals_any(rows.col("service_tier"), n, ("flex",))
    v[c.BATCH] = np.asarray(flag(rows, "batch"), dtype=bool) | flex
    v[c.LONG_CONTEXT] = unknown_long_context(n)
    rows.issues.note(
        "priority/scale service tier — priced at standard rates",
        equals_any(rows.col("service_tier"), n, ("priority", "scale")),
    )
    return rows.finish(filename, fmt)


def _epoch_timestamps(rows: Rows) -> None:
    """``start_time`` in unix seconds (JSON numbers or CSV text such as ``1759622400.0``)."""
    arr = rows.col("start_time")
    if arr is not None and pa.types.is_floating(arr.type):
        secs = arr.to_numpy(zero_copy_only=False)
        rows.values[c.TIMESTAMP] = epoch_seconds(rows.issues, "start_time", secs)
        return
    timestamps(rows, "start_time")


CSV_READER = Reader(
    name=CSV_NAME,
    description="OpenAI dashboard usage export (completions, CSV/TSV): buckets per model",
    detect=detect_csv,
    read=read_csv,
)
JSON_READER = Reader(
    name=JSON_NAME,
    description="OpenAI Usage API page (/v1/organization/usage/completions, JSON)",
    detect=detect_json,
    read=read_json,
)
