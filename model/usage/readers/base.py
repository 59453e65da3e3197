"""Shared types of the readers: the result record, the reader registry entry, the probe.

Readers turn bytes into the canonical usage frame (DESIGN §3); everything they need
in common (frame assembly with the contract dtypes) lives here so that each format
module only maps columns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from model.engine import columns as c


@dataclass(frozen=True)
class UsageRead:
    """What a reader returns: the canonical frame plus what the user must be told."""

    frame: pd.DataFrame
    format: str
    rows: int
    warnings: tuple[str, ...]
    dropped_rows: int
    timezone_assumed: str


@dataclass(frozen=True)
class Probe:
    """A cheap look at a file, enough to tell formats apart.

    ``kind`` is ``"csv"``, ``"json"`` or ``"jsonl"``. For CSV, ``columns`` holds the
    normalized header names (see :func:`model.usage.readers.headers.norm`) and ``delimiter``
    the sniffed delimiter; for JSON(L), ``obj`` is the parsed document (JSON) or the
    list of parsed lines (JSONL).
    """

    kind: str
    columns: frozenset[str] = frozenset()
    delimiter: str = ","
    obj: Any = None
    bad_lines: tuple[int, ...] = ()  # JSONL lines that did not parse (1-based)

    def has(self, *names: str) -> bool:
        return all(n in self.columns for n in names)


@dataclass(frozen=True)
class Reader:
    """A registered usage format."""

    name: str
    description: str
    detect: Callable[[Probe], bool]
    read: Callable[[bytes, str, Probe], UsageRead] = field(repr=False)


def _default(col: str, n: int) -> Any:
    if col in c.TOKEN_COLUMNS:
        return np.zeros(n)
    if col == c.REQUESTS:
        return np.ones(n)
    if col in (c.BATCH, c.FREE):
        return np.zeros(n, dtype=bool)
    if col == c.LONG_CONTEXT:
        return unknown_bools(n)
    if col == c.REPORTED_COST:
        return np.full(n, np.nan)
    if col in (c.PROVIDER, c.MODEL, c.MODEL_RAW):
        return pd.array(pa.nulls(n, pa.string()), dtype="string")
    raise KeyError(col)


def unknown_bools(n: int) -> pd.arrays.BooleanArray:
    """``n`` unknown values of a nullable boolean (built from masks: a list of NA is slow)."""
    return pd.arrays.BooleanArray(np.zeros(n, dtype=bool), np.ones(n, dtype=bool))


def canonical_frame(n: int, values: Mapping[str, Any]) -> pd.DataFrame:
    """Assemble the canonical frame: exactly ``columns.CANONICAL`` with ``columns.DTYPES``.

    ``values`` maps canonical names to array-likes of length ``n``; absent columns
    get the DESIGN §3 defaults (tokens 0, requests 1, flags false, long_context
    unknown, reported cost null). ``model`` defaults to the stripped ``model_raw``.
    """
    unknown = set(values) - set(c.CANONICAL)
    if unknown:  # a programming error in a reader, not a user error
        raise KeyError(f"not canonical columns: {sorted(unknown)}")
    data: dict[str, Any] = {}
    for col in c.CANONICAL:
        if col in values:
            v = values[col]
        elif col == c.MODEL and c.MODEL_RAW in values:
            v = pd.Series(pd.array(values[c.MODEL_RAW], dtype="string")).str.strip().array
        else:
            v = _default(col, n)
        data[col] = _as_dtype(col, v)
    frame = pd.DataFrame(data, copy=False)
    frame.index = pd.RangeIndex(len(frame))
    return frame


def _as_dtype(col: str, v: Any) -> Any:
    dtype = c.DTYPES[col]
    if col == c.TIMESTAMP:
        idx = pd.DatetimeIndex(v)
        idx = idx.tz_localize("UTC") if idx.tz is None else idx.tz_convert("UTC")
        return idx.as_unit("ns").array
    if dtype == "float64":
        return np.asarray(v, dtype="float64")
    if dtype == "bool":
        return np.asarray(v, dtype=bool)
    return pd.array(v, dtype=dtype)


def empty_frame() -> pd.DataFrame:
    return canonical_frame(0, {})
