"""Bounds of a usable row (DESIGN §6), free of pandas: the readers and the columnar path
(:mod:`model.usage.columnar`) check the same numbers."""

from __future__ import annotations

import datetime as dt

#: Above this a token count is an overflow or a unit mix-up, not usage (DESIGN §6).
MAX_TOKENS = 1e12
#: Above this (in absolute value) a row's reported cost is an overflow or a unit mix-up: a
#: billion dollars is far above any bucket a usage export holds, and bounded values keep
#: every sum finite (1e308 twice would add up to infinity).
MAX_COST_USD = 1e9
#: Usage of LLM APIs before 2000 is a unit or typing error, not a date.
EARLIEST_DAY = "2000-01-01"
#: The last nanosecond timestamp (pandas' ``Timestamp.max``), rounded down to a day.
LATEST_DAY = "2262-04-11"
_DAY_US = 86_400 * 10**6
_EPOCH = dt.date(1970, 1, 1)
#: The same bounds in microseconds since the epoch (UTC).
EARLIEST_US = (dt.date.fromisoformat(EARLIEST_DAY) - _EPOCH).days * _DAY_US
LATEST_US = (dt.date.fromisoformat(LATEST_DAY) - _EPOCH).days * _DAY_US
