"""OpenAI cost export (dashboard CSV/TSV, real sample) and Costs API pages (JSON).

These carry money, not tokens: each row becomes a record with zero tokens, the model
parsed from ``line_item`` (``"gpt-5-nano, input_tokens"`` → ``gpt-5-nano``) and the
amount in ``reported_cost_usd``. Such rows can reconcile what was paid but cannot be
re-priced (warned). An empty ``line_item`` is an ungrouped org total
(``unknown/ungrouped``). Days without spend (no amount) are not records. Amounts in
another currency are never summed with USD: those rows are left out.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from model.engine import columns as c
from model.usage.readers import fingerprints
from model.usage.readers.base import Probe, Reader, UsageRead
from model.usage.readers.jsonrows import rows_from_records
from model.usage.readers.openai_usage import UNGROUPED, _epoch_timestamps, _page_results, is_page_of
from model.usage.readers.records import Rows, const_text, load_csv, require, timestamps
from model.usage.readers.validate import count, is_missing, reported_cost, stripped, text

CSV_NAME = "openai_costs_csv"
JSON_NAME = "openai_costs_json"
RESULT_OBJECT = "organization.costs.result"
TYPES = {
    "start_time": pa.string(),
    "start_time_iso": pa.string(),
    "amount_value": pa.string(),  # up to 30 decimals: parsed by the shared coercion
    "amount_currency": pa.string(),
    "line_item": pa.string(),
}


def detect_csv(probe: Probe) -> bool:
    return probe.kind == "csv" and fingerprints.matches(CSV_NAME, probe.columns)


def read_csv(data: bytes, filename: str, probe: Probe) -> UsageRead:
    require(probe, filename, CSV_NAME, ("start_time", "amount_value"))
    rows = load_csv(
        data,
        filename,
        probe,
        TYPES,
        key_columns=("amount_value", "line_item"),
        label_columns=("start_time",),
    )
    return _map(rows, filename, CSV_NAME)


def detect_json(probe: Probe) -> bool:
    return probe.kind == "json" and is_page_of(probe.obj, RESULT_OBJECT)


def read_json(_data: bytes, filename: str, probe: Probe) -> UsageRead:
    results = _page_results(probe.obj) or []
    rows = rows_from_records(results, filename, text_columns=("line_item", "start_time_iso"))
    return _map(rows, filename, JSON_NAME)


def _map(rows: Rows, filename: str, fmt: str) -> UsageRead:
    v, n = rows.values, rows.n
    if rows.col("start_time_iso") is not None:
        timestamps(rows, "start_time_iso")
    else:
        _epoch_timestamps(rows)
    item = rows.col("line_item")
    model = _model_of(item, n)
    ungrouped = np.asarray(model.isna(), dtype=bool)
    rows.issues.note(
        f"no line_item (cost export not grouped by line item): kept as {UNGROUPED!r}",
        ungrouped,
    )
    v[c.MODEL] = model.fillna(UNGROUPED)
    v[c.MODEL_RAW] = text(item, n).fillna(UNGROUPED) if item is not None else v[c.MODEL]
    v[c.PROVIDER] = const_text("openai", n)
    amount = rows.col("amount_value")
    if amount is None:
        amount = pa.chunked_array([pa.nulls(n, pa.string())])
    rows.issues.drop("missing amount_value", is_missing(amount))
    v[c.REPORTED_COST] = reported_cost(rows.issues, amount, n)
    currency = rows.col("amount_currency")
    if currency is not None:
        cur = pc.utf8_lower(pc.utf8_trim_whitespace(currency))
        other = pc.fill_null(pc.not_equal(cur, "usd"), False).to_numpy(zero_copy_only=False)
        rows.issues.drop("amount not in USD (never summed with USD)", other)
    v[c.REQUESTS] = np.full(n, np.nan)
    rows.warnings.append(
        f"{count(n, 'row')} come from a cost export: they carry"
        f" the reported cost only (no tokens), "
        "so they can reconcile spend but cannot be re-priced"
    )
    return rows.finish(filename, fmt)


def _model_of(item: pa.ChunkedArray | None, n: int):
    """Model part of ``line_item`` (``"<model>, <direction>"``), best effort."""
    if item is None:
        return text(None, n)
    s = pc.utf8_trim_whitespace(item.cast(pa.string()))
    found = pc.extract_regex(s, r"^(?P<m>.*?),\s*(?P<d>.+)$")
    head = pc.struct_field(found, [0])
    return stripped(pc.if_else(pc.is_valid(found), head, s), n)


CSV_READER = Reader(
    name=CSV_NAME,
    description="OpenAI dashboard cost export (CSV/TSV): reported cost only, no tokens",
    detect=detect_csv,
    read=read_csv,
)
JSON_READER = Reader(
    name=JSON_NAME,
    description="OpenAI Costs API page (/v1/organization/costs, JSON): reported cost only",
    detect=detect_json,
    read=read_json,
)
