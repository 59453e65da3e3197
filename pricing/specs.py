"""How a price version is asked for (``--pricing``, a scenario's ``pricing_version``),
besides a version id. Stdlib only: commands name these before loading any price data."""

from __future__ import annotations

#: Each row (or day) by the version in force on its date.
BY_DATE = "by-date"
#: The newest version, a scheduled one included.
LATEST = "latest"
#: The version in force on today's (UTC) date. Differs from ``latest`` when a scheduled
#: price change (a version dated in the future) is already in the data.
TODAY = "today"
