"""What every successful read must satisfy, whatever the input (DESIGN §3, §6)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.engine import columns as c
from model.usage.readers import UsageRead
from model.usage.readers.errors import MAX_PROBLEM, UsageFormatError
from model.usage.readers.timestamps import EARLIEST, LATEST
from model.usage.readers.validate import MAX_COST_USD, MAX_TOKENS

#: Longest one-line refusal: name (120) + ": " + problem (400) + " — " + fix (400).
MAX_MESSAGE = 120 + 2 + MAX_PROBLEM + 3 + MAX_PROBLEM


def assert_sane(read: UsageRead) -> None:
    """Token counts finite and within bounds, timestamps UTC in range, costs finite or
    null, and every record accounted for: kept rows + rows left out = records read."""
    frame = read.frame
    assert list(frame.columns) == list(c.CANONICAL)
    assert len(frame) > 0, "a read with no usable row must be refused"
    assert len(frame) + read.dropped_rows == read.rows, (len(frame), read.dropped_rows, read.rows)
    for col in (*c.TOKEN_COLUMNS, c.REQUESTS):
        values = frame[col].to_numpy(dtype=np.float64, na_value=np.nan)
        present = values[~np.isnan(values)] if col == c.REQUESTS else values
        assert np.isfinite(present).all(), col
        assert (present >= 0).all() and (present <= MAX_TOKENS).all(), col
    cost = frame[c.REPORTED_COST].to_numpy(dtype=np.float64, na_value=np.nan)
    known = cost[~np.isnan(cost)]
    assert np.isfinite(known).all() and (np.abs(known) <= MAX_COST_USD).all()
    stamps = frame[c.TIMESTAMP]
    assert str(stamps.dt.tz) == "UTC"
    assert stamps.notna().all()
    assert (stamps >= EARLIEST).all() and (stamps < LATEST).all()
    assert frame[c.MODEL].notna().all()
    for w in read.warnings:
        assert "\n" not in w and len(w) <= 1000, w[:200]


def assert_one_short_line(exc: UsageFormatError, filename: str) -> None:
    """A refusal: one short line naming the file, what went wrong and what to do."""
    msg = str(exc)
    assert msg.startswith(f"{filename}: "), msg[:200]
    assert "\n" not in msg and "\r" not in msg
    assert len(msg) <= MAX_MESSAGE, len(msg)


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")
