"""OpenRouter aggregated Activity CSV (usage-formats §1b): one row per day × model.

``Requests`` is the bucket count; there is no cached-token column, so every prompt
token is priced as uncached input (flagged: cache savings cannot be re-priced).
``Usage`` is USD; ``BYOK Usage`` is not OpenRouter spend.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from model import columns as c
from model.readers.base import Probe, Reader, UsageRead
from model.readers.records import load_csv, model_columns, require, slug_vendor, timestamps
from model.readers.validate import count, reported_cost

NAME = "openrouter_activity_csv"
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
    return probe.kind == "csv" and probe.has("slug", "usage", "byok_usage", "prompt_tokens")


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
    v, n = rows.values, rows.n
    timestamps(rows, "date")
    model_columns(rows, "slug")
    v[c.PROVIDER] = slug_vendor(rows.col("slug"), n)
    v[c.INPUT] = rows.tokens("prompt_tokens", required=True)
    v[c.OUTPUT] = rows.tokens("completion_tokens", required=True)
    v[c.REASONING] = rows.tokens("reasoning_tokens")
    v[c.REQUESTS] = rows.tokens("requests", default=np.nan)
    v[c.REPORTED_COST] = reported_cost(rows.issues, rows.col("usage"), n)
    rows.warnings.append(
        f"{count(n, 'row')}: the Activity export has no cached-token count, so all prompt tokens "
        "are priced as uncached input (cache savings cannot be re-priced)"
    )
    rows.warnings.append(
        f"{count(n, 'row')} are daily buckets: long-context use is unknown, priced at base rates"
    )
    return rows.finish(filename, NAME)


READER = Reader(
    name=NAME,
    description="OpenRouter Activity CSV: daily buckets per model, no cache counts",
    detect=detect,
    read=read,
)
