"""Compare options like with like: on the rows every option can price.

An option that cannot sell some of a log's models (an open model on ``direct``, a ``:free``
variant only the aggregator serves) has a total over fewer rows; comparing that total with
another option's would crown it for what it left out. A verdict ("cheapest") therefore uses
the rows every option prices, with fees recomputed on those rows' monthly spend, and says
how many rows are outside the comparison and what they cost where they are sold. The
per-option totals keep their meaning (everything each option can price) beside it.

Entry point: :func:`comparable` (a :class:`~model.engine.costing.Costing` in, a
:class:`Comparison` out). :class:`ComparableSums` is its mergeable form, for logs priced in
chunks (:class:`model.engine.totals.Totals`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from model.engine.adjustments import OptionAssumptions, monthly_fees
from model.engine.costing import Costing
from pricing.schema import Option


@dataclass(frozen=True)
class ComparedOption:
    """One option's cost of the compared rows (fees recomputed on their monthly spend)."""

    id: str
    token_cost_usd: float
    fees_usd: float

    @property
    def total_usd(self) -> float:
        return self.token_cost_usd + self.fees_usd


@dataclass(frozen=True)
class LeftOutCost:
    """What the rows outside the comparison cost through one option that sells some of them
    (token cost after its discount; monthly fees are in the option's full total)."""

    id: str
    rows: int
    token_cost_usd: float


@dataclass(frozen=True)
class Comparison:
    """Every option on the same rows; the rows left out and where they are sold."""

    rows: int
    options: tuple[ComparedOption, ...]
    left_out_rows: int
    left_out_models: dict[str, int]  # model id → rows outside the comparison
    left_out: tuple[LeftOutCost, ...]  # options selling some of them, and at what cost

    def ranked(self) -> list[ComparedOption]:
        """Options cheapest first (empty when no row is priced by every option)."""
        return sorted(self.options, key=lambda o: o.total_usd) if self.rows else []

    @property
    def cheapest(self) -> str | None:
        """Id of the cheapest option on the compared rows; None when there are none."""
        ranked = self.ranked()
        return ranked[0].id if ranked else None

    def total(self, option_id: str) -> float:
        return next(o.total_usd for o in self.options if o.id == option_id)

    def to_json(self) -> dict[str, Any]:
        """The ``comparable`` block of ``reprice --json`` (DESIGN §5), unrounded."""
        return {
            "rows": self.rows,
            "options": [{"id": o.id, "total_usd": o.total_usd} for o in self.options],
            "cheapest": self.cheapest,
            "left_out": {
                "rows": self.left_out_rows,
                "models": dict(sorted(self.left_out_models.items())),
                "sold_by": [
                    {"id": x.id, "rows": x.rows, "token_cost_usd": x.token_cost_usd}
                    for x in self.left_out
                ],
            },
        }


@dataclass
class ComparableSums:
    """Additive sums behind a :class:`Comparison` (chunks of one log can be merged)."""

    rows: int = 0
    month_list: dict[str, Counter[str]] = field(default_factory=dict)
    month_token: dict[str, Counter[str]] = field(default_factory=dict)
    left_rows: int = 0
    left_models: Counter[str] = field(default_factory=Counter)
    left_sold_rows: Counter[str] = field(default_factory=Counter)
    left_token: Counter[str] = field(default_factory=Counter)

    @classmethod
    def from_costing(cls, costing: Costing) -> ComparableSums:
        groups, lay = costing.groups, costing.layout
        sums = cls()
        if groups is None or not costing.options:
            return sums
        known = groups.model < lay.unknown_code
        everywhere = known & np.logical_and.reduce([o.group_sold for o in costing.options])
        left = known & ~everywhere
        sums.rows = int(groups.rows[everywhere].sum())
        sums.left_rows = int(groups.rows[left].sum())
        n_codes = lay.unknown_code + 1
        by_model = np.bincount(groups.model[left], weights=groups.rows[left], minlength=n_codes)
        sums.left_models.update(
            {lay.model_ids[i]: int(by_model[i]) for i in np.flatnonzero(by_model[:-1])}
        )
        n_months = len(costing.months)
        for o in costing.options:
            lists = np.bincount(
                groups.month[everywhere], weights=o.group_list_cost[everywhere], minlength=n_months
            )
            tokens = np.bincount(
                groups.month[everywhere], weights=o.group_token_cost[everywhere], minlength=n_months
            )
            sums.month_list[o.id] = Counter(dict(zip(costing.months, lists.tolist(), strict=True)))
            sums.month_token[o.id] = Counter(
                dict(zip(costing.months, tokens.tolist(), strict=True))
            )
            sold_left = left & o.group_sold
            if sold_left.any():
                sums.left_sold_rows[o.id] += int(groups.rows[sold_left].sum())
                sums.left_token[o.id] += float(o.group_token_cost[sold_left].sum())
        return sums

    def merge(self, other: ComparableSums) -> None:
        """Add another chunk of the same log."""
        self.rows += other.rows
        self.left_rows += other.left_rows
        self.left_models.update(other.left_models)
        self.left_sold_rows.update(other.left_sold_rows)
        self.left_token.update(other.left_token)
        for mine, theirs in (
            (self.month_list, other.month_list),
            (self.month_token, other.month_token),
        ):
            for oid, months in theirs.items():
                mine.setdefault(oid, Counter()).update(months)

    def result(
        self, options: Mapping[str, Option], assumptions: Mapping[str, OptionAssumptions]
    ) -> Comparison:
        """The comparison, fees computed per month on the compared rows' spend (DESIGN §4)."""
        compared = []
        for oid, option in options.items():
            months = sorted(self.month_token.get(oid, {}))
            token = np.array([self.month_token[oid][m] for m in months], dtype=float)
            listed = np.array([self.month_list[oid][m] for m in months], dtype=float)
            chosen = assumptions.get(oid, OptionAssumptions())
            purchase, byok = monthly_fees(option, chosen, listed if chosen.byok else token)
            compared.append(
                ComparedOption(oid, float(token.sum()), float(purchase.sum() + byok.sum()))
            )
        return Comparison(
            rows=self.rows,
            options=tuple(compared),
            left_out_rows=self.left_rows,
            left_out_models=dict(self.left_models),
            left_out=tuple(
                LeftOutCost(oid, self.left_sold_rows[oid], self.left_token[oid])
                for oid in options
                if self.left_sold_rows[oid]
            ),
        )


def comparable(costing: Costing) -> Comparison:
    """Options compared on the rows every one of them can price (see the module docstring).

    Fees use the assumptions the costing was priced with. The calculator and the upload page
    call this for their "cheapest" verdict; ``reprice --json`` prints it as ``comparable``.
    """
    options = {o.id: o.option for o in costing.options}
    return ComparableSums.from_costing(costing).result(options, costing.assumptions)
