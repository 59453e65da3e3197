"""Lifecycle warnings for a set of models over a period: date, successor, last price."""

from __future__ import annotations

import datetime as dt

import pytest

from pricing import PriceBook
from pricing.lifecycle import _warning, lifecycle_warnings
from pricing.schema import Lifecycle

D = dt.date


def test_retired_retiring_and_current(bundled_book: PriceBook) -> None:
    ids = ["claude-sonnet-4-5", "gemini-2.5-pro", "gpt-5", "claude-haiku-4-5", "gpt-4o"]
    got = {
        w.model_id: w
        for w in lifecycle_warnings(bundled_book.catalogs, ids, D(2026, 12, 1), D(2026, 12, 31))
    }
    assert set(got) == {"claude-sonnet-4-5", "gemini-2.5-pro", "gpt-5"}  # gpt-4o: 2027-01-14
    sonnet = got["claude-sonnet-4-5"]
    assert sonnet.kind == "retired" and sonnet.day == D(2026, 11, 30)
    assert sonnet.successor == "claude-sonnet-5-5"
    assert "2026-11-30" in sonnet.message and "claude-sonnet-5-5" in sonnet.message
    assert "last price" in sonnet.message
    assert got["gemini-2.5-pro"].kind == "retired"  # retires on the first day itself
    gpt5 = got["gpt-5"]
    assert gpt5.kind == "retiring" and gpt5.day == D(2026, 12, 11)
    assert "retires on 2026-12-11, within 2026-12-01 … 2026-12-31" in gpt5.message
    assert "gpt-5.6-sol" in gpt5.message


def test_a_longer_horizon_catches_later_retirements(bundled_book: PriceBook) -> None:
    got = lifecycle_warnings(bundled_book.catalogs, ["gpt-4o"], D(2026, 12, 1), D(2027, 11, 30))
    (w,) = got
    assert (w.kind, w.day, w.successor) == ("retiring", D(2027, 1, 14), "gpt-6-luna")
    assert w.last_price_from == D(2026, 8, 22)


def test_tentative_date_and_deprecation_are_said(bundled_book: PriceBook) -> None:
    (w,) = lifecycle_warnings(
        bundled_book.catalogs, ["claude-opus-4-5"], D(2026, 12, 1), D(2027, 3, 1)
    )
    assert "deprecated since 2026-11-23" in w.message and "tentative" in w.message


def test_unpublished_price_and_unknown_ids(bundled_book: PriceBook) -> None:
    got = lifecycle_warnings(
        bundled_book.catalogs, ["claude-mythos-5-2", "no-such-model"], D(2026, 12, 1), D(2027, 1, 1)
    )
    assert [(w.model_id, w.kind) for w in got] == [("claude-mythos-5-2", "unpublished")]
    assert "unpriced" in got[0].message


@pytest.mark.parametrize(
    ("life", "day", "status"),
    [
        (Lifecycle(), D(2026, 1, 1), "current"),
        (Lifecycle(deprecated=D(2026, 2, 1)), D(2026, 1, 31), "current"),
        (Lifecycle(deprecated=D(2026, 2, 1)), D(2026, 2, 1), "deprecated"),
        (Lifecycle(retires=D(2026, 3, 1)), D(2026, 2, 28), "retiring"),
        (Lifecycle(retires=D(2026, 3, 1)), D(2026, 3, 1), "retired"),
    ],
)
def test_status_on_a_day(life: Lifecycle, day: D, status: str) -> None:
    assert life.status(day) == status


# Each branch of a warning, on one model given a made-up lifecycle (the bundled data has no
# model deprecated without a shutdown date): the exact sentence, and the period's edges.
START, END = D(2026, 12, 1), D(2027, 2, 28)
PRICE_FROM = D(2026, 8, 22)


def _model(bundled_book: PriceBook, life: Lifecycle, price_from: D | None = PRICE_FROM):
    base = bundled_book.catalogs[-1].model("gpt-4o")
    return base.model_copy(update={"lifecycle": life, "price_from": price_from})


def test_deprecated_without_a_shutdown_date(bundled_book: PriceBook) -> None:
    life = Lifecycle(deprecated=D(2026, 10, 1), successor="gpt-6")
    w = _warning(_model(bundled_book, life), START, END)
    assert (w.model_id, w.kind, w.day, w.successor, w.last_price_from) == (
        "gpt-4o", "deprecated", D(2026, 10, 1), "gpt-6", D(2026, 8, 22),
    )  # fmt: skip
    assert w.message == (
        "gpt-4o is deprecated since 2026-10-01; the vendor names gpt-6 as its successor; "
        "no shutdown date is announced."
    )


def test_a_retired_model_in_full(bundled_book: PriceBook) -> None:
    life = Lifecycle(deprecated=D(2026, 6, 1), retires=D(2026, 11, 1), successor="gpt-6")
    w = _warning(_model(bundled_book, life), START, END)
    assert w.kind == "retired"
    assert w.message == (
        "gpt-4o was retired on 2026-11-01 (deprecated since 2026-06-01); the vendor names gpt-6 "
        "as its successor. Its days from 2026-11-01 on are still priced at its last price (its "
        "price from 2026-08-22), so the comparison stays visible; the vendor no longer serves "
        "it then."
    )


def test_nothing_said_that_is_not_known(bundled_book: PriceBook) -> None:
    w = _warning(_model(bundled_book, Lifecycle(retires=D(2027, 1, 5)), None), START, END)
    assert w.kind == "retiring"
    assert w.message == (
        "gpt-4o retires on 2027-01-05, within 2026-12-01 … 2027-02-28. Its days from "
        "2027-01-05 on are still priced at its last price, so the comparison stays visible; "
        "the vendor no longer serves it then."
    )


@pytest.mark.parametrize(
    ("life", "kind"),
    [
        (Lifecycle(retires=END), "retiring"),  # the last day of the period is in it
        (Lifecycle(retires=END + dt.timedelta(days=1)), None),
        (Lifecycle(deprecated=END), "deprecated"),
        (Lifecycle(deprecated=END + dt.timedelta(days=1)), None),
        (Lifecycle(released=D(2026, 1, 1)), None),
    ],
)
def test_the_periods_edges(bundled_book: PriceBook, life: Lifecycle, kind: str | None) -> None:
    w = _warning(_model(bundled_book, life), START, END)
    assert (w.kind if w else None) == kind
