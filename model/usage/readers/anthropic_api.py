"""Anthropic Admin API usage report JSON (usage-formats §3c legacy and §3e analytics).

``GET /v1/organizations/usage_report/messages`` (and the newer analytics report) return
``{"data": [{"starting_at", "ending_at", "results": [...]}], "has_more", "next_page"}``.
Token fields are Anthropic-style and disjoint; cache writes are nested per TTL
(``cache_creation.ephemeral_5m_input_tokens`` / ``_1h_``; the flattened third-party
spelling ``cache_creation_5m_input_tokens`` is accepted too). The legacy report has no
request count (``requests`` null); the analytics one has ``requests``. ``service_tier``
``batch``/``flex``/``flex_discount`` is batch-priced; ``context_window`` ``200k-1M`` is
long context. Results without a model (not grouped by model) are kept as
``unknown/ungrouped``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from model.engine import columns as c
from model.usage.readers.anthropic_console import _fast_mode, _long_context
from model.usage.readers.base import Probe, Reader, UsageRead
from model.usage.readers.jsonrows import bucket_results, rows_from_records
from model.usage.readers.records import const_text, equals_any, model_columns, timestamps

NAME = "anthropic_usage_report_json"
UNGROUPED = "unknown/ungrouped"


def _results(obj: Any) -> list[dict[str, Any]] | None:
    return bucket_results(obj, ("starting_at",))


def detect(probe: Probe) -> bool:
    if probe.kind != "json":
        return False
    results = _results(probe.obj)
    return bool(results) and all("uncached_input_tokens" in r for r in results)


def read(_data: bytes, filename: str, probe: Probe) -> UsageRead:
    results = _results(probe.obj) or []
    rows = rows_from_records(
        results, filename, text_columns=("starting_at", "model", "context_window", "speed")
    )
    v, n = rows.values, rows.n
    timestamps(rows, "starting_at")
    model_columns(rows, "model", ungrouped=UNGROUPED)
    _fast_mode(rows)
    v[c.PROVIDER] = const_text("anthropic", n)
    v[c.INPUT] = rows.tokens("uncached_input_tokens", required=True)
    v[c.CACHE_READ] = rows.tokens("cache_read_input_tokens")
    w5 = rows.tokens("cache_creation_ephemeral_5m_input_tokens")
    w1 = rows.tokens("cache_creation_ephemeral_1h_input_tokens")
    # Third-party schemas flatten the nested object; accept both spellings.
    v[c.CACHE_WRITE_5M] = w5 + rows.tokens("cache_creation_5m_input_tokens")
    v[c.CACHE_WRITE_1H] = w1 + rows.tokens("cache_creation_1h_input_tokens")
    v[c.OUTPUT] = rows.tokens("output_tokens", required=True)
    v[c.REQUESTS] = rows.tokens("requests", default=np.nan)
    v[c.BATCH] = equals_any(rows.col("service_tier"), n, ("batch", "flex", "flex_discount"))
    v[c.LONG_CONTEXT] = _long_context(rows)
    rows.issues.note(
        "priority service tier — priced at standard rates",
        equals_any(rows.col("service_tier"), n, ("priority", "priority_on_demand")),
    )
    if isinstance(probe.obj, dict) and probe.obj.get("has_more"):
        rows.warnings.append(
            "the API page says has_more: later pages are not in this file (fetch them all)"
        )
    return rows.finish(filename, NAME)


READER = Reader(
    name=NAME,
    description="Anthropic Admin API usage report (JSON): buckets with 5m/1h cache writes",
    detect=detect,
    read=read,
)
