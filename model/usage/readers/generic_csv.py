"""The generic canonical CSV (DESIGN §3, last paragraph): the format scripts and benchmarks use.

The same columns also arrive as Parquet or Arrow IPC (typed: a time-zone-aware timestamp,
integers, booleans); :func:`read_arrow` validates such a table exactly as a CSV.

Columns are the canonical ones; required: timestamp, model, input_tokens, output_tokens.
Token columns are disjoint (cache reads and writes are *not* inside input_tokens), so
there is no cached-above-prompt check here. Speed matters (benchmark: 1M rows against
``pandas.read_csv(engine="pyarrow")``): pyarrow parses typed columns, every check is a
vectorized mask, and unknown columns are never loaded.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from model.engine import columns as c
from model.usage.readers import fingerprints
from model.usage.readers.base import Probe, Reader, UsageRead
from model.usage.readers.errors import UsageFormatError
from model.usage.readers.records import Rows, load_arrow, load_csv
from model.usage.readers.tabular import first_record
from model.usage.readers.timestamps import timestamp_type, to_timestamps
from model.usage.readers.validate import (
    count,
    per_value,
    reported_cost,
    stripped,
    text,
    to_bool,
)

NAME = "generic_csv"
CACHE_WRITE_ANY = fingerprints.CACHE_WRITE_ANY

_TYPES: dict[str, pa.DataType] = {
    c.TIMESTAMP: pa.string(),  # replaced per file by timestamp_type(first value)
    # Few distinct names in many rows: dictionary-encoded, string work runs per name.
    c.PROVIDER: pa.dictionary(pa.int32(), pa.string()),
    c.MODEL: pa.dictionary(pa.int32(), pa.string()),
    **{col: pa.float64() for col in c.TOKEN_COLUMNS},
    c.REQUESTS: pa.float64(),
    c.BATCH: pa.bool_(),
    c.LONG_CONTEXT: pa.bool_(),
    c.FREE: pa.bool_(),
    c.REPORTED_COST: pa.float64(),
    **{alias: pa.float64() for alias in CACHE_WRITE_ANY},
}


def detect(probe: Probe) -> bool:
    return probe.kind == "csv" and fingerprints.matches(NAME, probe.columns)


def read(data: bytes, filename: str, probe: Probe) -> UsageRead:
    missing = [col for col in c.REQUIRED if col not in probe.columns]
    if missing:
        raise UsageFormatError(
            filename,
            f"missing required column(s) {', '.join(missing)} for the generic CSV",
            "add timestamp, model, input_tokens, output_tokens, or pick the export's format",
        )
    first = first_record(data, probe.delimiter).get(c.TIMESTAMP)
    rows = load_csv(
        data,
        filename,
        probe,
        {**_TYPES, c.TIMESTAMP: timestamp_type(first)},
        key_columns=c.REQUIRED,
        label_columns=(c.TIMESTAMP, c.MODEL),
        name_unknown=True,
    )
    return _validated(rows, filename, NAME)


def read_arrow(table: pa.Table, filename: str, fmt: str) -> UsageRead:
    """A Parquet or Arrow table of the generic columns, validated as the CSV is."""
    rows = load_arrow(
        table,
        filename,
        _TYPES,
        key_columns=c.REQUIRED,
        label_columns=(c.TIMESTAMP, c.MODEL),
        name_unknown=True,
    )
    missing = [col for col in c.REQUIRED if rows.col(col) is None]
    if missing:
        raise UsageFormatError(
            filename,
            f"missing required column(s) {', '.join(missing)} of the generic columns",
            "add timestamp, model, input_tokens, output_tokens",
        )
    return _validated(rows, filename, fmt)


def _validated(rows: Rows, filename: str, fmt: str) -> UsageRead:
    n, issues, values = rows.n, rows.issues, rows.values
    stamps, notes = to_timestamps(issues, c.TIMESTAMP, rows.col(c.TIMESTAMP), n=n)
    rows.warnings.extend(notes)
    values[c.TIMESTAMP] = stamps
    model_raw = rows.col(c.MODEL)
    values[c.MODEL_RAW] = text(model_raw, n)
    values[c.MODEL] = stripped(model_raw, n)
    issues.drop(f"missing {c.MODEL}", values[c.MODEL].isna())
    values[c.PROVIDER] = _provider(rows.col(c.PROVIDER), n)
    for name in c.TOKEN_COLUMNS:
        values[name] = rows.tokens(name, required=name in c.REQUIRED)
    rows.warnings.extend(_cache_write_any(rows))
    values[c.REQUESTS] = rows.tokens(c.REQUESTS, default=1.0)
    values[c.BATCH] = to_bool(issues, c.BATCH, rows.col(c.BATCH), default=False, n=n)
    values[c.FREE] = to_bool(issues, c.FREE, rows.col(c.FREE), default=False, n=n)
    values[c.LONG_CONTEXT] = to_bool(
        issues, c.LONG_CONTEXT, rows.col(c.LONG_CONTEXT), default=None, n=n
    )
    values[c.REPORTED_COST] = reported_cost(issues, rows.col(c.REPORTED_COST), n)
    return rows.finish(filename, fmt)


def _provider(arr: pa.ChunkedArray | None, n: int):
    # Blank provider = unknown (inferred later from the model), never "".
    if arr is None:
        return text(None, n)
    return stripped(per_value(arr, lambda a: pc.utf8_lower(a.cast(pa.string()))), n)


def _cache_write_any(rows: Rows) -> list[str]:
    """A TTL-less cache-write column adds to the 5-minute writes (DESIGN §3), with a warning."""
    out: list[str] = []
    for alias in CACHE_WRITE_ANY:
        if rows.col(alias) is None:
            continue
        extra = rows.tokens(alias)
        rows.values[c.CACHE_WRITE_5M] = rows.values[c.CACHE_WRITE_5M] + extra
        k = int((extra > 0).sum())
        if k:
            out.append(f"{count(k, 'row')}: cache-write TTL unknown ({alias}), priced as 5 minutes")
    return out


READER = Reader(
    name=NAME,
    description="Gatewise generic CSV: one row per request or bucket, canonical column names",
    detect=detect,
    read=read,
)
