"""OpenRouter aggregated Activity, CSV export and ``GET /api/v1/activity`` JSON (§1b).

One row per day × model (× endpoint in the JSON).

``Requests`` is the bucket count; there is no cached-token column, so every prompt
token is priced as uncached input (flagged: cache savings cannot be re-priced).
``Usage`` is USD; ``BYOK Usage`` is not OpenRouter spend.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from model.engine import columns as c
from model.usage.readers import fingerprints
from model.usage.readers.base import Probe, Reader, UsageRead
from model.usage.readers.jsonrows import rows_from_records
from model.usage.readers.records import (
    Rows,
    load_csv,
    model_columns,
    require,
    slug_vendor,
    timestamps,
)
from model.usage.readers.validate import count, reported_cost

NAME = "openrouter_activity_csv"
JSON_NAME = "openrouter_activity_json"
REQUIRED = ("date", "slug", "usage", "requests", "prompt_tokens", "completion_tokens")
_F = pa.float64()
TYPES = {
    "date": pa.string(),
    "slug": pa.string(),
    "usage": _F,
    "byok_usage": _F,
    "requests": _F,
    "prompt_tokens": _F,
    "completion_tokens": _F,
    "reasoning_tokens": _F,
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
        key_columns=("date", "slug", "prompt_tokens"),
        label_columns=("date", "slug"),
    )
    return _map(rows, filename, NAME, model="slug", cost="usage")


def detect_json(probe: Probe) -> bool:
    items = probe.obj.get("data") if isinstance(probe.obj, dict) else None
    return (
        isinstance(items, list)
        and bool(items)
        and all(isinstance(i, dict) for i in items)
        and all("model_permaslug" in i and "byok_usage_inference" in i for i in items)
    )


def read_json(_data: bytes, filename: str, probe: Probe) -> UsageRead:
    rows = rows_from_records(
        probe.obj["data"], filename, text_columns=("date", "model", "model_permaslug")
    )
    return _map(rows, filename, JSON_NAME, model="model", cost="usage")


def _map(rows: Rows, filename: str, fmt: str, *, model: str, cost: str) -> UsageRead:
    v, n = rows.values, rows.n
    timestamps(rows, "date")
    model_columns(rows, model)
    v[c.PROVIDER] = slug_vendor(rows.col(model), n)
    v[c.INPUT] = rows.tokens("prompt_tokens", required=True)
    v[c.OUTPUT] = rows.tokens("completion_tokens", required=True)
    v[c.REASONING] = rows.tokens("reasoning_tokens")
    v[c.REQUESTS] = rows.tokens("requests", default=np.nan)
    v[c.REPORTED_COST] = reported_cost(rows.issues, rows.col(cost), n)
    rows.warnings.append(
        f"{count(n, 'row')}: the Activity export has no cached-token count, so all prompt "
        "tokens are priced as uncached input (cache savings cannot be re-priced)"
    )
    rows.warnings.append(
        f"{count(n, 'row')} are daily buckets: long-context use is unknown, priced at base rates"
    )
    return rows.finish(filename, fmt)


READER = Reader(
    name=NAME,
    description="OpenRouter Activity CSV: daily buckets per model, no cache counts",
    detect=detect,
    read=read,
)
JSON_READER = Reader(
    name=JSON_NAME,
    description="OpenRouter Activity API (/api/v1/activity, JSON): daily buckets, no cache",
    detect=detect_json,
    read=read_json,
)
