"""Timestamps of usage rows: UTC, naive values read as UTC (DESIGN §3); unreadable ones
drop the row (DESIGN §6)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from model.usage.readers.validate import Issues, decoded, is_missing

_OFFSET = re.compile(r"(Z|[+-]\d\d:?\d\d)$")
_ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?")


def timestamp_type(sample: str | None) -> pa.DataType:
    """Arrow type to parse a timestamp column as, guessed from its first value.

    Parsing straight to a timestamp skips a million temporary strings; a wrong guess
    only costs a re-read of that column as text (see tabular.read_table).
    """
    if not sample or not _ISO_START.match(sample.strip()):
        return pa.string()
    if _OFFSET.search(sample.strip()):
        return pa.timestamp("ns", tz="UTC")
    return pa.timestamp("ns")


def to_timestamps(
    issues: Issues, name: str, arr: pa.ChunkedArray | None, *, n: int
) -> tuple[pd.DatetimeIndex, list[str]]:
    """UTC timestamps; naive values are UTC (DESIGN §3). Unreadable ones drop the row.

    Fast path: one arrow cast (all naive, or all with an offset). Mixed or odd input
    goes through pandas, which is slower but per-value tolerant; unix epochs
    (seconds or milliseconds) are accepted there too.
    """
    notes: list[str] = []
    if arr is None:
        issues.drop(f"missing {name}", np.ones(n, dtype=bool))
        return pd.DatetimeIndex(np.full(n, np.datetime64("NaT", "ns"))).tz_localize("UTC"), notes
    missing = is_missing(arr)
    issues.drop(f"missing {name}", missing)
    if pa.types.is_timestamp(arr.type):
        idx = pd.DatetimeIndex(arr.to_pandas())
        return (idx.tz_localize("UTC") if idx.tz is None else idx.tz_convert("UTC")), notes
    if pa.types.is_date(arr.type):
        idx = pd.DatetimeIndex(arr.cast(pa.timestamp("ns")).to_pandas())
        return idx.tz_localize("UTC"), notes
    s = decoded(arr).cast(pa.string())
    # Try the cast that the first value calls for: a failing arrow cast costs ~0.4 s
    # per million rows, so guessing wrong first would double the cost of the column.
    first = s.drop_null()[:1].to_pylist()
    if first and _OFFSET.search(first[0].strip()):
        order = (pa.timestamp("ns", tz="UTC"), pa.timestamp("ns"))
    else:
        order = (pa.timestamp("ns"), pa.timestamp("ns", tz="UTC"))
    for t in order:
        try:
            ts = pc.cast(s, t)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue
        idx = pd.DatetimeIndex(ts.to_pandas())
        return (idx.tz_localize("UTC") if idx.tz is None else idx.tz_convert("UTC")), notes
    return _slow_timestamps(issues, name, pc.utf8_trim_whitespace(s), missing, notes)


def _slow_timestamps(
    issues: Issues, name: str, s: pa.ChunkedArray, missing: np.ndarray, notes: list[str]
) -> tuple[pd.DatetimeIndex, list[str]]:
    ser = pd.Series(s.to_numpy(zero_copy_only=False), dtype=object)
    ser = ser.where(~missing, None)
    digits = ser.str.fullmatch(r"\d{9,13}(\.\d+)?", na=False).to_numpy()
    out = pd.to_datetime(ser.where(~digits, None), utc=True, format="ISO8601", errors="coerce")
    if digits.any():
        num = pd.to_numeric(ser.where(digits, None), errors="coerce")
        ms = num > 1e11  # 13-digit epochs are milliseconds
        secs = num.where(~ms, num / 1000)
        out = out.where(~digits, pd.to_datetime(secs, unit="s", utc=True, errors="coerce"))
    rest = (out.isna() & ~pd.Series(missing)).to_numpy()
    if rest.any():
        other = pd.to_datetime(ser.where(rest, None), utc=True, format="mixed", errors="coerce")
        fixed = rest & other.notna().to_numpy()
        if fixed.any():
            notes.append(
                f"{int(fixed.sum())} {name} values were not ISO 8601 and were read "
                "month-first (e.g. 03/04 = 4 March)"
            )
            out = out.where(~fixed, other)
    bad = out.isna().to_numpy() & ~missing
    issues.drop(f"unreadable {name}", bad)
    return pd.DatetimeIndex(out), notes
