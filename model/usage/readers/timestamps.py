"""Timestamps of usage rows: UTC, naive values read as UTC (DESIGN §3); unreadable or
impossible ones drop the row, named (DESIGN §6).

A timestamp must lie in :data:`EARLIEST`–:data:`LATEST` (year 1, 9999 or a seconds/
milliseconds mix-up are typing errors, and the canonical frame holds nanoseconds, which
end in April 2262). Dates written day/month or month/day are read in ONE order per
column, decided by the values that can only be read one way (``13/04/2026``); values that
contradict the column's order are named, never silently swapped.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from model.usage.readers.errors import clip
from model.usage.readers.headers import ISO_START as _ISO_START
from model.usage.readers.headers import OFFSET as _OFFSET
from model.usage.readers.limits import EARLIEST_DAY, LATEST_DAY
from model.usage.readers.validate import Issues, count, decoded, is_missing

EARLIEST = pd.Timestamp(EARLIEST_DAY, tz="UTC")
LATEST = pd.Timestamp(LATEST_DAY, tz="UTC")
OUT_OF_RANGE = "timestamp before 2000 or after 2262-04-10 (a typing or unit error)"
#: 13-digit epochs are milliseconds: 1e11 seconds is the year 5138, 1e11 ms is 1973.
MS_EPOCH_ABOVE = 1e11

_SLASH_DATE = re.compile(
    r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2})(?P<rest>(?:[T ].*)?)$"
)


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
    (seconds or milliseconds) and day/month dates are accepted there too.
    """
    notes: list[str] = []
    if arr is None:
        issues.drop(f"missing {name}", np.ones(n, dtype=bool))
        return pd.DatetimeIndex(np.full(n, np.datetime64("NaT", "ns"))).tz_localize("UTC"), notes
    missing = is_missing(arr)
    issues.drop(f"missing {name}", missing)
    if pa.types.is_timestamp(arr.type):
        idx = pd.DatetimeIndex(arr.to_pandas())
        idx = idx.tz_localize("UTC") if idx.tz is None else idx.tz_convert("UTC")
        return in_range(issues, idx), notes
    if pa.types.is_date(arr.type):
        idx = pd.DatetimeIndex(arr.cast(pa.timestamp("ns")).to_pandas())
        return in_range(issues, idx.tz_localize("UTC")), notes
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
        idx = idx.tz_localize("UTC") if idx.tz is None else idx.tz_convert("UTC")
        return in_range(issues, idx), notes
    return _slow_timestamps(issues, name, pc.utf8_trim_whitespace(s), missing, notes)


def in_range(issues: Issues, stamps: pd.DatetimeIndex | pd.Series) -> pd.DatetimeIndex:
    """``stamps`` (UTC, any resolution) in nanoseconds; rows outside EARLIEST–LATEST are
    dropped by name (pandas parses year 1 or 9999 at a coarser resolution without error;
    converting those to nanoseconds would raise)."""
    idx = pd.DatetimeIndex(stamps)
    outside = np.asarray(idx.notna() & ((idx < EARLIEST) | (idx >= LATEST)), dtype=bool)
    if outside.any():
        issues.drop(OUT_OF_RANGE, outside)
        idx = idx.where(~outside)
    return idx.as_unit("ns")


def _epoch_us(secs: np.ndarray) -> pd.DatetimeIndex:
    """UTC timestamps (microseconds) of unix epochs; NaN stays NaT. Absurd values are
    clamped far outside the date range (so :func:`in_range` names them) instead of
    overflowing."""
    secs = np.where(secs > MS_EPOCH_ABOVE, secs / 1000, secs)
    with np.errstate(invalid="ignore"):
        us = np.clip(np.round(secs * 1e6), -9e18, 9e18)
    nan = np.isnan(us)
    idx = pd.DatetimeIndex(np.where(nan, 0, us).astype(np.int64).view("datetime64[us]"))
    return idx.tz_localize("UTC").where(~nan)


def epoch_seconds(issues: Issues, name: str, secs: np.ndarray) -> pd.DatetimeIndex:
    """Unix epochs (seconds; milliseconds above :data:`MS_EPOCH_ABOVE`) as UTC timestamps
    in nanoseconds; NaN is a missing value and values outside the date range are named."""
    secs = np.asarray(secs, dtype=np.float64)
    issues.drop(f"missing {name}", np.isnan(secs))
    return in_range(issues, _epoch_us(secs))


def _slow_timestamps(
    issues: Issues, name: str, s: pa.ChunkedArray, missing: np.ndarray, notes: list[str]
) -> tuple[pd.DatetimeIndex, list[str]]:
    ser = pd.Series(s.to_numpy(zero_copy_only=False), dtype=object)
    ser = ser.where(~missing, None)
    digits = ser.str.fullmatch(r"\d{9,13}(\.\d+)?", na=False).to_numpy()
    iso = pd.to_datetime(ser.where(~digits, None), utc=True, format="ISO8601", errors="coerce")
    # Microseconds reach from year -290308 to 294247: room for year 1 and 9999 until the
    # range check names them.
    out = pd.Series(pd.DatetimeIndex(iso).as_unit("us"))
    if digits.any():
        num = pd.to_numeric(ser.where(digits, None), errors="coerce").to_numpy(dtype=np.float64)
        out = out.where(~digits, pd.Series(_epoch_us(num)))
    rest = (out.isna() & ~pd.Series(missing)).to_numpy()
    explained = np.zeros(len(ser), dtype=bool)
    if rest.any():
        out, explained = _written_dates(issues, name, ser, rest, out, notes)
    issues.drop(f"unreadable {name}", out.isna().to_numpy() & ~missing & ~explained)
    return in_range(issues, out), notes


def _written_dates(
    issues: Issues,
    name: str,
    ser: pd.Series,
    rest: np.ndarray,
    out: pd.Series,
    notes: list[str],
) -> tuple[pd.Series, np.ndarray]:
    """Non-ISO values: ``03/04/2026``-style dates in one order per column, others as written.

    Returns the timestamps and the rows already named (values contradicting the order).
    """
    parts = ser.where(rest, None).str.extract(_SLASH_DATE)
    slash = parts["a"].notna().to_numpy()
    explained = np.zeros(len(ser), dtype=bool)
    if slash.any():
        sub = parts[slash]
        a, b = sub["a"].astype(int), sub["b"].astype(int)
        day_first_only, month_first_only = (a > 12) & (b <= 12), (b > 12) & (a <= 12)
        day_first = int(day_first_only.sum()) > int(month_first_only.sum())
        day, month = (a, b) if day_first else (b, a)
        year = sub["y"].astype(int)
        year = year.where(year >= 100, year + 2000)  # a two-digit year is 20yy
        text = (
            year.astype(str).str.zfill(4)
            + "-"
            + month.astype(str).str.zfill(2)
            + "-"
            + day.astype(str).str.zfill(2)
            + sub["rest"].fillna("")
        )
        parsed = pd.to_datetime(text, utc=True, format="mixed", errors="coerce")
        out = out.where(~slash, pd.Series(pd.DatetimeIndex(parsed).as_unit("us"), index=sub.index))
        against = (month_first_only if day_first else day_first_only).to_numpy()
        contradicting = np.zeros(len(ser), dtype=bool)
        contradicting[np.flatnonzero(slash)[against]] = True
        explained |= contradicting
        order, other = ("day/month", "month/day") if day_first else ("month/day", "day/month")
        shown = clip(ser[contradicting].iloc[0], 40) if contradicting.any() else ""
        issues.drop(
            f"{name} written {other} ({shown!r}), unlike the {order} order of the column",
            contradicting,
        )
        evidence = (day_first_only if day_first else month_first_only).to_numpy()
        kept = count(int((slash & ~contradicting).sum()), f"{name} value")
        reading = f"read {order}/year (03/04/2026 = {'3 April' if day_first else '4 March'})"
        if evidence.any():
            example = clip(ser.iloc[np.flatnonzero(slash)[evidence][0]], 40)
            first = "day" if day_first else "month"
            notes.append(f"{kept} written with the {first} first, as {example!r} shows: {reading}")
        else:
            notes.append(
                f"{kept} could be day/month or month/day (none above 12): {reading} — "
                "check the period"
            )
    other_rows = rest & ~slash
    if other_rows.any():
        parsed = pd.to_datetime(
            ser.where(other_rows, None), utc=True, format="mixed", errors="coerce"
        )
        fixed = other_rows & parsed.notna().to_numpy()
        if fixed.any():
            first = clip(ser[fixed].iloc[0], 40)
            notes.append(
                f"{count(int(fixed.sum()), f'{name} value')} not in ISO 8601 were read as "
                f"written (first: {first!r})"
            )
            out = out.where(~fixed, pd.Series(pd.DatetimeIndex(parsed).as_unit("us")))
    return out, explained
