"""The generic canonical CSV (DESIGN §3, last paragraph): the format scripts and benchmarks use.

Columns are the canonical ones; required: timestamp, model, input_tokens, output_tokens.
Token columns are disjoint (cache reads and writes are *not* inside input_tokens), so
there is no cached-above-prompt check here. Speed matters (benchmark: 1M rows against
``pandas.read_csv(engine="pyarrow")``): pyarrow parses typed columns, every check is a
vectorized mask, and unknown columns are never loaded.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from model import columns as c
from model.readers.assemble import finish, table_notes
from model.readers.base import Probe, Reader, UsageRead
from model.readers.errors import UsageFormatError
from model.readers.tabular import read_table
from model.readers.validate import (
    Issues,
    check_tokens,
    is_missing,
    non_record_mask,
    stripped,
    text,
    to_bool,
    to_float,
    to_timestamps,
)

NAME = "generic_csv"
#: A cache-write column without TTL, as other tools write it; read as 5-minute writes.
CACHE_WRITE_ANY = ("cache_write_tokens", "cache_creation_tokens", "cache_creation_input_tokens")

_TYPES: dict[str, pa.DataType] = {
    c.TIMESTAMP: pa.string(),  # cast afterwards: arrow's CSV typing rejects mixed offsets
    c.PROVIDER: pa.string(),
    c.MODEL: pa.string(),
    **{col: pa.float64() for col in c.TOKEN_COLUMNS},
    c.REQUESTS: pa.float64(),
    c.BATCH: pa.bool_(),
    c.LONG_CONTEXT: pa.bool_(),
    c.FREE: pa.bool_(),
    c.REPORTED_COST: pa.float64(),
    **{alias: pa.float64() for alias in CACHE_WRITE_ANY},
}


def detect(probe: Probe) -> bool:
    return probe.kind == "csv" and probe.has(*c.REQUIRED)


def read(data: bytes, filename: str, probe: Probe) -> UsageRead:
    missing = [col for col in c.REQUIRED if col not in probe.columns]
    if missing:
        raise UsageFormatError(
            filename,
            f"missing required column(s) {', '.join(missing)} for the generic CSV",
            "add timestamp, model, input_tokens, output_tokens, or pick the export's format",
        )
    t = read_table(data, filename, probe.delimiter, _TYPES)
    tab = t.table

    def col(name: str) -> pa.ChunkedArray | None:
        return tab.column(name) if name in tab.column_names else None

    # Lines that are not records: all key fields empty (",,,,") or a "Total" line.
    blank = (
        is_missing(tab.column(c.TIMESTAMP))
        & is_missing(tab.column(c.MODEL))
        & is_missing(tab.column(c.INPUT))
        & is_missing(tab.column(c.OUTPUT))
    )
    summary = non_record_mask(tab.num_rows, col(c.TIMESTAMP), col(c.MODEL)) & ~blank
    skip = blank | summary
    row_numbers = None
    if skip.any():
        row_numbers = np.flatnonzero(~skip) + 1
        tab = tab.filter(pa.array(~skip))
    n = tab.num_rows
    issues = Issues(n, row_numbers)
    warnings = table_notes(
        t.unknown_columns, t.ragged, t.blank_lines + int(blank.sum()), int(summary.sum())
    )

    values: dict[str, object] = {}
    stamps, notes = to_timestamps(issues, c.TIMESTAMP, col(c.TIMESTAMP), n=n)
    warnings.extend(notes)
    values[c.TIMESTAMP] = stamps
    model_raw = tab.column(c.MODEL)
    values[c.MODEL_RAW] = text(model_raw, n)
    values[c.MODEL] = stripped(model_raw, n)
    issues.drop(f"missing {c.MODEL}", values[c.MODEL].isna())
    values[c.PROVIDER] = _provider(col(c.PROVIDER), n)
    for name in c.TOKEN_COLUMNS:
        values[name] = check_tokens(issues, name, col(name), required=name in c.REQUIRED, n=n)
    warnings.extend(_cache_write_any(issues, tab, values, n))
    values[c.REQUESTS] = check_tokens(
        issues, c.REQUESTS, col(c.REQUESTS), required=False, default=1.0, n=n
    )
    values[c.BATCH] = to_bool(issues, c.BATCH, col(c.BATCH), default=False, n=n)
    values[c.FREE] = to_bool(issues, c.FREE, col(c.FREE), default=False, n=n)
    values[c.LONG_CONTEXT] = to_bool(issues, c.LONG_CONTEXT, col(c.LONG_CONTEXT), default=None, n=n)
    values[c.REPORTED_COST] = _reported_cost(issues, col(c.REPORTED_COST), n)
    return finish(
        filename,
        NAME,
        values,
        issues,
        records=n + len(t.ragged),
        warnings=warnings,
        dropped_before=len(t.ragged),
    )


def _provider(arr: pa.ChunkedArray | None, n: int):
    # Blank provider = unknown (inferred later from the model), never "".
    if arr is None:
        return text(None, n)
    return stripped(pc.utf8_lower(arr.cast(pa.string())), n)


def _cache_write_any(issues: Issues, tab: pa.Table, values: dict, n: int) -> list[str]:
    """A TTL-less cache-write column adds to the 5-minute writes (DESIGN §3), with a warning."""
    out: list[str] = []
    for alias in CACHE_WRITE_ANY:
        if alias not in tab.column_names:
            continue
        extra = check_tokens(issues, alias, tab.column(alias), required=False, n=n)
        values[c.CACHE_WRITE_5M] = values[c.CACHE_WRITE_5M] + extra
        k = int((extra > 0).sum())
        if k:
            out.append(f"{k} rows: cache-write TTL unknown ({alias}), priced as 5 minutes")
    return out


def _reported_cost(issues: Issues, arr: pa.ChunkedArray | None, n: int) -> np.ndarray:
    """Reported cost is informational: an unreadable one becomes null, the row stays."""
    if arr is None:
        return np.full(n, np.nan)
    values, _missing, unparseable = to_float(arr)
    issues.note("reported_cost_usd is not a number — kept without a reported cost", unparseable)
    return np.where(np.isfinite(values), values, np.nan)


READER = Reader(
    name=NAME,
    description="Gatewise generic CSV: one row per request or bucket, canonical column names",
    detect=detect,
    read=read,
)
