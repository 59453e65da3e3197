"""Mergeable totals of a re-priced log: what the ``reprice --json`` contract reports.

A log too large for memory is re-priced in chunks; each chunk's :class:`Totals` are added
up and the monthly fees are computed once on the merged monthly totals (fees are not
additive across chunks: the BYOK allowance and top-up arithmetic apply per month).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from model.engine import columns as c
from model.engine.adjustments import OptionAssumptions, monthly_fees
from model.engine.comparable import ComparableSums
from model.engine.costing import Costing, engine_warnings, unpublished
from pricing.schema import Option

if TYPE_CHECKING:  # pandas is imported only where a frame is read (not by bucket pricing)
    import pandas as pd


@dataclass
class OptionTotals:
    """One option's sums: per month list and token cost, plus what it could not price."""

    option: Option
    month_list: Counter[str] = field(default_factory=Counter)
    month_token: Counter[str] = field(default_factory=Counter)
    unpriced: Counter[str] = field(default_factory=Counter)
    vendors: Counter[str] = field(default_factory=Counter)

    def merge(self, other: OptionTotals) -> None:
        self.month_list.update(other.month_list)
        self.month_token.update(other.month_token)
        self.unpriced.update(other.unpriced)
        self.vendors.update(other.vendors)

    def to_json(self, assumptions: OptionAssumptions) -> dict[str, Any]:
        months = sorted(self.month_token)
        token = np.array([self.month_token[m] for m in months])
        listed = np.array([self.month_list[m] for m in months])
        purchase, byok = monthly_fees(
            self.option, assumptions, listed if assumptions.byok else token
        )
        token_cost = float(token.sum())
        fees = float(purchase.sum() + byok.sum())
        entry: dict[str, Any] = {
            "id": self.option.id,
            "kind": self.option.kind,
            "token_cost_usd": token_cost,
            "discount_usd": float(listed.sum()) - token_cost,
            "fees_usd": fees,
            "total_usd": token_cost + fees,
            "unpriced": dict(sorted(self.unpriced.items())),
        }
        if self.option.kind == "direct":
            vendors = dict.fromkeys(self.option.resells, 0.0)
            vendors.update({k: float(v) for k, v in self.vendors.items()})
            entry["vendors"] = vendors
        return entry


def _iso_ms(ns: int) -> str:
    """``2026-03-01T09:12:44.100Z`` for nanoseconds since the epoch (UTC, cut to ms)."""
    return str(np.datetime_as_string(np.datetime64(ns, "ns").astype("datetime64[ms]"))) + "Z"


@dataclass(frozen=True)
class RowStats:
    """Per-log sums that are not per priced group: request count, reported cost, period."""

    requests: float = 0.0
    has_requests: bool = False
    reported: float = 0.0
    has_reported: bool = False
    start_ns: int | None = None  # first and last timestamp, ns since the epoch (UTC)
    end_ns: int | None = None

    @classmethod
    def of_frame(cls, frame: pd.DataFrame) -> RowStats:
        requests = frame[c.REQUESTS]
        reported = frame[c.REPORTED_COST]
        ns = frame[c.TIMESTAMP].to_numpy(dtype="datetime64[ns]").view(np.int64)
        return cls(
            requests=float(requests.sum()),
            has_requests=bool(requests.notna().any()),
            reported=float(reported.sum()),
            has_reported=bool(reported.notna().any()),
            start_ns=int(ns.min()) if len(ns) else None,
            end_ns=int(ns.max()) if len(ns) else None,
        )


@dataclass
class Totals:
    """Everything the reprice summary needs, additive across chunks of one log."""

    fmt: str
    pricing: str
    rows: int = 0
    requests: float = 0.0
    has_requests: bool = False
    start: int | None = None  # ns since the epoch (UTC)
    end: int | None = None
    tokens: Counter[str] = field(default_factory=Counter)
    unpriced: Counter[str] = field(default_factory=Counter)
    reported: float = 0.0
    has_reported: bool = False
    model_rows: Counter[str] = field(default_factory=Counter)
    model_direct: dict[str, float | None] = field(default_factory=dict)
    options: dict[str, OptionTotals] = field(default_factory=dict)
    versions_used: set[str] = field(default_factory=set)
    oldest_version: str = ""
    not_published: dict[str, str] = field(default_factory=dict)  # model id → why unpriced
    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)  # the readers'; engine notes are counts
    comparable: ComparableSums = field(default_factory=ComparableSums)

    @classmethod
    def from_costing(
        cls,
        costing: Costing,
        *,
        fmt: str,
        rows: int,
        read_warnings: tuple[str, ...] = (),
        stats: RowStats | None = None,
    ) -> Totals:
        """Totals of a costing; ``stats`` when it was priced from buckets (no frame)."""
        if stats is None:
            assert costing.frame is not None, "a costing from buckets comes with its stats"
            stats = RowStats.of_frame(costing.frame)
        known = costing.priced
        lay = costing.layout
        totals = cls(
            fmt=fmt,
            pricing=costing.pricing,
            rows=rows,
            requests=stats.requests,
            has_requests=stats.has_requests,
            start=stats.start_ns,
            end=stats.end_ns,
            tokens=Counter(
                {
                    key: float(lay.tokens[i].sum(where=known))
                    for i, key in enumerate(c.TOKEN_KEYS.values())
                }
            ),
            unpriced=Counter(costing.unpriced),
            reported=stats.reported,
            has_reported=stats.has_reported,
            versions_used=set(costing.versions_used),
            oldest_version=costing.layout.catalogs[0].version,
            not_published=unpublished(costing.layout.catalogs),
            counts=Counter(costing.counts),
            warnings=list(read_warnings),
            comparable=ComparableSums.from_costing(costing),
        )
        counts = np.bincount(
            lay.model_code, weights=lay.row_weight, minlength=lay.unknown_code + 1
        )[: lay.unknown_code]
        direct = next((o for o in costing.options if o.kind == "direct"), None)
        for i in np.flatnonzero(counts):
            name = lay.model_ids[i]
            totals.model_rows[name] = int(counts[i])
            sold_here = direct is not None and direct.model_sold_rows[i] > 0
            totals.model_direct[name] = (
                float(direct.model_token_cost[i]) if sold_here and direct is not None else None
            )
        for o in costing.options:
            ot = OptionTotals(o.option)
            for m, month in enumerate(costing.months):
                ot.month_list[month] += float(o.monthly_token_cost[m] + o.monthly_discount[m])
                ot.month_token[month] += float(o.monthly_token_cost[m])
            ot.unpriced.update(o.unpriced)
            ot.vendors.update({k: v for k, v in o.vendors.items() if v})
            totals.options[o.id] = ot
        return totals

    def merge(self, other: Totals) -> None:
        """Add another chunk of the same log."""
        self.rows += other.rows
        self.requests += other.requests
        self.has_requests |= other.has_requests
        for attr, pick in (("start", min), ("end", max)):
            mine, theirs = getattr(self, attr), getattr(other, attr)
            setattr(
                self,
                attr,
                theirs if mine is None else mine if theirs is None else pick(mine, theirs),
            )
        self.tokens.update(other.tokens)
        self.unpriced.update(other.unpriced)
        self.reported += other.reported
        self.has_reported |= other.has_reported
        for name, rows in other.model_rows.items():
            self.model_rows[name] += rows
            mine, theirs = self.model_direct.get(name), other.model_direct.get(name)
            self.model_direct[name] = (
                theirs if mine is None else mine if theirs is None else mine + theirs
            )
        for oid, ot in other.options.items():
            if oid in self.options:
                self.options[oid].merge(ot)
            else:
                self.options[oid] = ot
        self.versions_used |= other.versions_used
        self.not_published.update(other.not_published)
        self.counts.update(other.counts)
        self.comparable.merge(other.comparable)
        self.warnings.extend(w for w in other.warnings if w not in self.warnings)

    def to_json(self, assumptions: Mapping[str, OptionAssumptions] | None = None) -> dict[str, Any]:
        """The JSON object of ``python -m model reprice --json`` (unrounded numbers)."""
        assumptions = assumptions or {}
        return {
            "format": self.fmt,
            "pricing_version": self.pricing,
            "versions_used": sorted(self.versions_used),
            "rows": self.rows,
            "requests": self.requests if self.has_requests else None,
            "period": {
                "start": _iso_ms(self.start) if self.start is not None else None,
                "end": _iso_ms(self.end) if self.end is not None else None,
            },
            "tokens": {key: float(self.tokens[key]) for key in c.TOKEN_KEYS.values()},
            "unpriced": dict(sorted(self.unpriced.items())),
            "reported_cost_usd": self.reported if self.has_reported else None,
            "models": {
                name: {
                    "rows": self.model_rows[name],
                    "direct_token_cost_usd": self.model_direct.get(name),
                }
                for name in sorted(self.model_rows)
            },
            "options": [
                ot.to_json(assumptions.get(oid, OptionAssumptions()))
                for oid, ot in self.options.items()
            ],
            "comparable": self.comparable.result(
                {oid: ot.option for oid, ot in self.options.items()}, assumptions
            ).to_json(),
            "warnings": [
                *self.warnings,
                *engine_warnings(
                    self.counts, self.unpriced, self.oldest_version, self.not_published
                ),
            ],
        }
