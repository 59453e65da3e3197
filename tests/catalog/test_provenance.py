"""model.catalog.provenance: a model's status today and the 60-day reading flag."""

from __future__ import annotations

import datetime as dt

import pytest

from model.catalog import provenance
from pricing.schema import Lifecycle, Source

D = dt.date
TODAY = D(2026, 11, 30)


@pytest.mark.parametrize(
    ("read_on", "flag"),
    [
        (None, "vendor page never read"),
        (TODAY - dt.timedelta(days=60), ""),  # 60 days: still fresh
        (TODAY - dt.timedelta(days=61), "vendor page not read for 61 days"),
        (TODAY, ""),
    ],
)
def test_read_flag_after_60_days(read_on: D | None, flag: str) -> None:
    source = Source(url="https://vendor.example/pricing", checked=D(2026, 8, 1), read_on=read_on)
    assert provenance.read_flag(source, TODAY) == flag


@pytest.mark.parametrize(
    ("life", "text"),
    [
        (None, "current"),
        (Lifecycle(released=D(2026, 1, 1)), "current"),
        (Lifecycle(retires=D(2026, 11, 30)), "retired 2026-11-30"),
        (Lifecycle(retires=D(2026, 12, 11)), "retires 2026-12-11"),
        (
            Lifecycle(deprecated=D(2026, 11, 23), retires=D(2027, 1, 22), tentative=True),
            "deprecated 2026-11-23, retires 2027-01-22 (tentative)",
        ),
        (Lifecycle(deprecated=D(2026, 11, 1)), "deprecated since 2026-11-01"),
    ],
)
def test_status_today(life: Lifecycle | None, text: str) -> None:
    assert provenance.status(life, TODAY) == text
