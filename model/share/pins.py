"""Reopening a link with the prices it was made with, and saying what today's data changes.

A link records the versions that priced each month. Versions are never edited (a price change
is a new version), so pricing with a book that holds *only those versions* reproduces the
author's calendar exactly: on every day, the version in force among them is the one that was
in force for the author (a newer one did not exist then, or it would be in the record).
:func:`drift` then compares that with today's full data, month by month and option by option.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from model.plan.calendar import PricingCalendar
from model.plan.projection import Projection
from model.share.link import ShareLinkError
from pricing.versions import PriceBook

#: Differences below half a cent are rounding, not a different price.
TOLERANCE_USD = 0.005


def pinned_book(book: PriceBook, versions: Sequence[str]) -> PriceBook:
    """``book`` reduced to ``versions``; :class:`ShareLinkError` naming the versions this
    price data does not have (a link from a server with newer data)."""
    have = set(book.versions)
    missing = [v for v in versions if v not in have]
    if missing:
        raise ShareLinkError(
            f"the link was priced with version {', '.join(missing)}, which this price data "
            f"does not have (it has {', '.join(book.versions)})"
        )
    wanted = set(versions)
    return PriceBook(tuple(c for c in book.catalogs if c.version in wanted), book.root)


def months_not_honoured(
    priced_by: Sequence[Sequence[str]] | None, calendar: PricingCalendar
) -> list[str]:
    """Months whose versions under ``calendar`` differ from the link's record (empty when the
    record is honoured, or when the link has none)."""
    if priced_by is None:
        return []
    now = calendar.month_versions()
    return [m for m, a, b in zip(calendar.months, priced_by, now, strict=True) if list(a) != b]


@dataclass(frozen=True)
class MonthDrift:
    """One month that today's price data prices differently from the link."""

    month: str  # YYYY-MM
    linked: tuple[str, ...]  # versions the link priced it with
    today: tuple[str, ...]  # versions today's data prices it with
    delta_usd: dict[str, float]  # option id → today's total − the link's total


def drift(linked: Projection, today: Projection) -> list[MonthDrift]:
    """Months priced differently by today's data: a different version, or a different total
    (options both price; an option only one side has is left out of ``delta_usd``)."""
    a, b = linked.calendar.month_versions(), today.calendar.month_versions()
    common = [o.id for o in linked.costing.options if o.id in today.totals()]
    old = {i: linked.costing.option(i).monthly_total for i in common}
    new = {i: today.costing.option(i).monthly_total for i in common}
    out = []
    for m, label in enumerate(linked.month_labels):
        delta = {i: float(new[i][m] - old[i][m]) for i in common}
        moved = {i: d for i, d in delta.items() if abs(d) >= TOLERANCE_USD}
        if a[m] != b[m] or moved:
            out.append(MonthDrift(label, tuple(a[m]), tuple(b[m]), delta))
    return out


@dataclass(frozen=True)
class Pinned:
    """How to price an opened link: ``book`` prices it; ``today`` (the full data) is set when
    ``book`` is the link's versions only, for :func:`drift`; ``notes`` say what could not be
    honoured, one line each."""

    book: PriceBook
    today: PriceBook | None
    notes: tuple[str, ...] = ()


def pin(priced_by: Sequence[Sequence[str]] | None, book: PriceBook) -> Pinned:
    """The price book for a link that recorded ``priced_by``: its versions only when this data
    has them all (the same numbers as the author's), else today's data, said in a note."""
    versions = sorted({v for month in priced_by or () for v in month})
    if not versions:
        return Pinned(book, None)
    try:
        pinned = pinned_book(book, versions)
    except ShareLinkError as exc:
        return Pinned(book, None, (f"{exc}; priced with today's data instead.",))
    if pinned.versions == book.versions:
        return Pinned(book, None)  # nothing newer here: today's data is the link's
    return Pinned(pinned, book)
