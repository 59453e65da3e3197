"""The scoring rules, as plain arithmetic (a weighted sum is easier to explain than TOPSIS):

1. **Must-haves filter before weights.** An option that does not demonstrate "yes" on a
   required criterion is eliminated, with the reason; it stays in the ranking, below every
   option that is not eliminated, with its score.
2. **Group score** = the within-group weighted mean of its criteria (0–1). An unknown rating
   counts at the scale's minimum for the low end and at its maximum for the high end.
3. **Total** = 100 × Σ group weight × group score, with the user's group weights normalized to
   sum to 1. ``score`` is the low end — what the evidence guarantees — and ranks the options;
   ``score_high`` is what they reach if every unknown turns out well.
4. **Decisive** only when the winner's low end beats every other option's high end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from model.scorecard.evidence import CriteriaBook
from model.scorecard.ratings import Cell


@dataclass(frozen=True)
class Matrix:
    """Group scores per option, at the low and the high end of every unknown (0–1)."""

    options: tuple[str, ...]
    groups: tuple[str, ...]
    low: np.ndarray  # (options, groups)
    high: np.ndarray

    def totals(self, weights: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
        w = np.array([weights.get(g, 0.0) for g in self.groups])
        return 100 * self.low @ w, 100 * self.high @ w


@dataclass(frozen=True)
class Ranked:
    id: str
    kind: str
    name: str
    example: bool
    score: float  # = score_low: what the evidence guarantees
    score_low: float
    score_high: float
    eliminated_by: tuple[str, ...]
    reasons: tuple[str, ...]  # one line per eliminated_by

    @property
    def eliminated(self) -> bool:
        return bool(self.eliminated_by)


def normalize_weights(
    given: Mapping[str, float], defaults: Mapping[str, float], groups: Sequence[str]
) -> dict[str, float]:
    """The scenario's group weights (groups it leaves out weigh 0), or the defaults when it
    gives none, scaled to sum to 1."""
    raw = given if given else defaults
    w = {g: float(raw.get(g, 0.0)) for g in groups}
    total = sum(w.values())
    if not total > 0 or not np.isfinite(total):
        raise ValueError("weights: at least one group needs a finite weight above 0")
    return {g: v / total for g, v in w.items()}


def group_matrix(book: CriteriaBook, cells: Sequence[Cell], options: Sequence[str]) -> Matrix:
    """Within-group weighted means of the cells, low and high."""
    by = {(c.option, c.criterion): c for c in cells}
    groups = tuple(g.id for g in book.groups)
    low = np.zeros((len(options), len(groups)))
    high = np.zeros_like(low)
    for j, g in enumerate(groups):
        members = book.in_group(g)
        weight = sum(c.weight for c in members)
        for i, o in enumerate(options):
            low[i, j] = sum(c.weight * by[(o, c.id)].low for c in members) / weight
            high[i, j] = sum(c.weight * by[(o, c.id)].high for c in members) / weight
    return Matrix(tuple(options), groups, low, high)


def must_have_failures(
    book: CriteriaBook, cells: Sequence[Cell], option: str, requirements: Sequence[str]
) -> list[tuple[str, str]]:
    """(criterion, reason) for every required criterion the option does not demonstrate."""
    by = {(c.option, c.criterion): c for c in cells}
    out = []
    for req in requirements:
        cell = by[(option, req)]
        if cell.met:
            continue
        crit = book.criterion(req)
        rating = cell.rating
        if cell.basis in ("data", "scenario"):
            reason = cell.detail  # computed: the numbers say why ("does not sell x")
        else:
            reason = {"no": crit.fails, "partial": f"only partly ({crit.fails})"}.get(
                rating, "not demonstrated (no sourced yes)"
            )
            if cell.failing:
                reason += f" — {', '.join(cell.failing)}"
        out.append((req, f"needs {crit.label}: {reason}"))
    return out


def rank(
    matrix: Matrix,
    weights: Mapping[str, float],
    failures: Mapping[str, list[tuple[str, str]]],
    meta: Mapping[str, tuple[str, str, bool]],
) -> list[Ranked]:
    """Best first: options not eliminated by score (low end, then high end), then the
    eliminated ones the same way. ``meta``: id → (kind, name, example)."""
    low, high = matrix.totals(weights)
    rows = [
        Ranked(
            id=o,
            kind=meta[o][0],
            name=meta[o][1],
            example=meta[o][2],
            score=float(low[i]),
            score_low=float(low[i]),
            score_high=float(high[i]),
            eliminated_by=tuple(c for c, _ in failures.get(o, [])),
            reasons=tuple(r for _, r in failures.get(o, [])),
        )
        for i, o in enumerate(matrix.options)
    ]
    return sorted(rows, key=lambda r: (r.eliminated, -r.score_low, -r.score_high, r.id))


def is_decisive(ranking: Sequence[Ranked]) -> bool:
    """The winner's low end beats every other eligible option's high end (a lone survivor
    of the must-haves is decisive; no survivor is not)."""
    eligible = [r for r in ranking if not r.eliminated]
    if not eligible:
        return False
    winner = eligible[0]
    return all(winner.score_low > r.score_high for r in eligible[1:])


@dataclass(frozen=True)
class Unknown:
    option: str
    criterion: str
    points: float  # how far the option's total can move once it is known


def settling_unknowns(
    book: CriteriaBook,
    cells: Sequence[Cell],
    ranking: Sequence[Ranked],
    weights: Mapping[str, float],
    limit: int = 6,
) -> list[Unknown]:
    """The unknowns that could change the winner: the winner's own (they could pull it down)
    and those of every eligible option whose high end reaches the winner's low end."""
    eligible = [r for r in ranking if not r.eliminated]
    if len(eligible) < 2:
        return []
    winner = eligible[0]
    contenders = {winner.id} | {r.id for r in eligible[1:] if r.score_high >= winner.score_low}
    out = []
    for cell in cells:
        if cell.option not in contenders or cell.high <= cell.low:
            continue
        crit = book.criterion(cell.criterion)
        share = crit.weight / sum(c.weight for c in book.in_group(crit.group))
        points = 100 * weights.get(crit.group, 0.0) * share * (cell.high - cell.low)
        if points > 0:
            out.append(Unknown(cell.option, cell.criterion, points))
    return sorted(out, key=lambda u: (-u.points, u.option, u.criterion))[:limit]
