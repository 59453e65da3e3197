"""Which pricing version prices which days of a scenario (DESIGN §4).

Under ``by-date`` (the default) each day of the horizon is priced by the version in force
that day, so a scheduled step inside the horizon applies from its date and a step inside a
month splits that month by days (a version effective on the 15th of a 31-day month prices
17/31 of it). A version id, ``latest`` or ``today`` pins every month to one version.

The projection (the engine) and the fast what-if evaluator both read this one calendar, so
they split months identically.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.plan.scenario import Scenario, ScenarioError
from pricing.errors import CatalogError
from pricing.schema import Catalog
from pricing.specs import BY_DATE
from pricing.versions import PriceBook


@dataclass(frozen=True)
class PricingCalendar:
    """The versions that price a scenario's horizon and the share of each month they price."""

    pricing: str  # "by-date", or the id of the version that prices every month
    catalogs: tuple[Catalog, ...]  # versions pricing at least one day, oldest first
    months: tuple[str, ...]  # "YYYY-MM" of each month of the horizon
    share: np.ndarray  # (versions, months) share of the month's days priced by each version
    first_day: np.ndarray  # (versions, months) datetime64[D] of its first day (NaT if none)
    predate_days: int  # days before every version (priced with the oldest)

    @property
    def versions(self) -> tuple[str, ...]:
        return tuple(k.version for k in self.catalogs)

    @property
    def newest(self) -> Catalog:
        """The newest version used: its options' terms (fees, discounts) apply to every month,
        as in the engine."""
        return self.catalogs[-1]

    def month_versions(self) -> list[list[str]]:
        """For each month, the versions that price some of its days, oldest first."""
        return [
            [self.catalogs[v].version for v in np.flatnonzero(self.share[:, m] > 0)]
            for m in range(len(self.months))
        ]

    def parts(self) -> list[tuple[int, int]]:
        """(version, month) pairs with a share above zero, month by month."""
        return [
            (int(v), m) for m in range(len(self.months)) for v in np.flatnonzero(self.share[:, m])
        ]

    @property
    def warnings(self) -> list[str]:
        if not self.predate_days:
            return []
        return [
            f"{self.predate_days} days of the horizon predate every pricing version; priced "
            f"with the oldest ({self.catalogs[0].version})"
        ]


def _month_starts(scenario: Scenario) -> np.ndarray:
    first = np.datetime64(scenario.start_month, "M")
    return (first + np.arange(scenario.horizon_months + 1)).astype("datetime64[D]")


def pricing_calendar(scenario: Scenario, book: PriceBook) -> PricingCalendar:
    """The calendar of ``scenario`` under its ``pricing_version``; an unknown version is a
    :class:`ScenarioError` naming the key."""
    starts = _month_starts(scenario)
    n_months = scenario.horizon_months
    labels = tuple(str(m) for m in starts[:-1].astype("datetime64[M]"))
    if scenario.pricing_version != BY_DATE:
        try:
            catalog = book.get(scenario.pricing_version)
        except CatalogError as exc:
            raise ScenarioError(f"pricing_version: {exc}") from None
        return PricingCalendar(
            catalog.version,
            (catalog,),
            labels,
            np.ones((1, n_months)),
            starts[:-1].reshape(1, -1).copy(),
            0,
        )
    days = np.arange(starts[0], starts[-1])  # every day of the horizon
    month = np.searchsorted(starts, days, side="right") - 1
    effective = np.array([np.datetime64(k.effective_from, "D") for k in book.catalogs])
    in_force = np.searchsorted(effective, days, side="right") - 1
    predate = int((in_force < 0).sum())
    in_force = np.maximum(in_force, 0)
    used = np.unique(in_force)
    index = np.searchsorted(used, in_force)  # position among the versions used
    counts = np.zeros((len(used), n_months))
    np.add.at(counts, (index, month), 1)
    month_days = np.diff(starts).astype(int)
    first_day = np.full((len(used), n_months), np.datetime64("NaT"), dtype="datetime64[D]")
    # Days are in order, so the first occurrence of each (version, month) is its first day.
    key = index * n_months + month
    _, first = np.unique(key, return_index=True)
    first_day[index[first], month[first]] = days[first]
    return PricingCalendar(
        BY_DATE,
        tuple(book.catalogs[i] for i in used),
        labels,
        counts / month_days,
        first_day,
        predate,
    )


def describe(calendar: PricingCalendar) -> list[str]:
    """One phrase per version: the months it prices, and where a step splits a month, the
    days (``2026-12-15 for 2026-12 from the 15th … 2027-02``)."""
    if calendar.pricing != BY_DATE:
        return [f"{calendar.pricing} for every month (pinned by the scenario)"]
    out = []
    for v, catalog in enumerate(calendar.catalogs):
        months = np.flatnonzero(calendar.share[v] > 0)
        first, last = int(months[0]), int(months[-1])
        start = calendar.months[first]
        if calendar.share[v, first] < 1:
            day = int(str(calendar.first_day[v, first])[-2:])
            start += f" from the {_ordinal(day)}" if day > 1 else " (part)"
        end = calendar.months[last]
        if last != first and calendar.share[v, last] < 1:
            end += " (part)"
        out.append(f"{catalog.version} for {start}" + (f" … {end}" if last != first else ""))
    return out


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"
