"""How much the ranking depends on the weights (shown, not assumed). All three use the group
scores at their low end — the same numbers that rank the options — and only the options the
must-haves left in:

* **Win probability**: weights drawn uniformly from the simplex (Dirichlet(1, …, 1)), seeded,
  so the same scenario always gives the same shares; the share of draws each option wins.
* **Tornado**: each group weight moved by ±``delta`` (the others rescaled in proportion so the
  weights still sum to 1); the winner's lead over the best other option at both ends.
* **Smallest flip**: along the same one-weight path, the exact weight at which another option
  overtakes the winner (a straight-line crossing, solved in closed form), nearest first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

#: Default seed and draws of the Monte Carlo (a fixed seed: reproducible, and the page and the
#: CLI show the same numbers).
SEED = 20261130
DRAWS = 4000


def _eligible(scores: np.ndarray, eligible: Sequence[bool]) -> np.ndarray:
    return scores[np.asarray(eligible, dtype=bool)]


def win_probability(
    group_low: np.ndarray,
    options: Sequence[str],
    eligible: Sequence[bool],
    *,
    seed: int = SEED,
    draws: int = DRAWS,
) -> dict[str, float]:
    """Share of uniformly random weight vectors under which each eligible option ranks first
    (ties go to the first in ``options``, which is ranking order)."""
    keep = [o for o, e in zip(options, eligible, strict=True) if e]
    if not keep:
        return {}
    rng = np.random.default_rng(seed)
    w = rng.dirichlet(np.ones(group_low.shape[1]), size=draws)
    totals = w @ _eligible(group_low, eligible).T  # (draws, eligible options)
    wins = np.bincount(np.argmax(totals, axis=1), minlength=len(keep))
    return {o: float(n) / draws for o, n in zip(keep, wins, strict=True)}


def reweight(weights: np.ndarray, g: int, value: float) -> np.ndarray:
    """Set group ``g``'s weight to ``value``, scaling the others so the sum stays 1 (spread
    evenly when they were all 0)."""
    out = weights.astype(float).copy()
    rest = 1.0 - out[g]
    others = np.arange(len(out)) != g
    if rest > 1e-12:
        out[others] *= (1.0 - value) / rest
    else:
        out[others] = (1.0 - value) / max(int(others.sum()), 1)
    out[g] = value
    return out


def _lead(scores: np.ndarray, w: np.ndarray) -> tuple[int, float]:
    """(leader, its lead over the runner-up) in points."""
    totals = 100 * scores @ w
    order = np.argsort(-totals, kind="stable")
    lead = totals[order[0]] - totals[order[1]] if len(order) > 1 else float("inf")
    return int(order[0]), float(lead)


@dataclass(frozen=True)
class TornadoRow:
    group: str
    weight: float
    weight_low: float
    weight_high: float
    lead_low: float  # winner's lead over the best other option (points); negative: it lost
    lead_high: float
    leader_low: str
    leader_high: str


def tornado(
    group_low: np.ndarray,
    options: Sequence[str],
    groups: Sequence[str],
    weights: Mapping[str, float],
    eligible: Sequence[bool],
    delta: float = 0.1,
) -> list[TornadoRow]:
    """The winner's lead as each group weight moves by ±delta; largest swing first."""
    keep = [o for o, e in zip(options, eligible, strict=True) if e]
    if len(keep) < 2:
        return []
    scores = _eligible(group_low, eligible)
    w0 = np.array([weights[g] for g in groups])
    winner, _ = _lead(scores, w0)

    def lead_of_winner(w: np.ndarray) -> tuple[float, str]:
        totals = 100 * scores @ w
        others = np.delete(totals, winner)
        leader = keep[int(np.argmax(totals))]
        return float(totals[winner] - others.max()), leader

    rows = []
    for g, name in enumerate(groups):
        lo_w, hi_w = max(0.0, w0[g] - delta), min(1.0, w0[g] + delta)
        lead_lo, leader_lo = lead_of_winner(reweight(w0, g, lo_w))
        lead_hi, leader_hi = lead_of_winner(reweight(w0, g, hi_w))
        rows.append(
            TornadoRow(name, float(w0[g]), lo_w, hi_w, lead_lo, lead_hi, leader_lo, leader_hi)
        )
    return sorted(rows, key=lambda r: -abs(r.lead_high - r.lead_low))


@dataclass(frozen=True)
class Flip:
    group: str
    weight: float  # now (0–1)
    to_weight: float  # where another option draws level; beyond it, it leads
    new_winner: str

    @property
    def change(self) -> float:
        return self.to_weight - self.weight


def smallest_flip(
    group_low: np.ndarray,
    options: Sequence[str],
    groups: Sequence[str],
    weights: Mapping[str, float],
    eligible: Sequence[bool],
) -> Flip | None:
    """The single-group weight change, smallest in size, at which another eligible option
    draws level with the winner (None when no single weight can change the winner)."""
    keep = [o for o, e in zip(options, eligible, strict=True) if e]
    if len(keep) < 2:
        return None
    scores = _eligible(group_low, eligible)
    w0 = np.array([weights[g] for g in groups])
    win, _ = _lead(scores, w0)
    best: Flip | None = None
    for g, name in enumerate(groups):
        t0 = w0[g]
        others = np.arange(len(groups)) != g
        rest = 1.0 - t0
        # Along w(t): score_o(t) = t·G[o,g] + (1−t)·R[o], R = the others' renormalized mix.
        mix = w0[others] / rest if rest > 1e-12 else np.full(others.sum(), 1 / others.sum())
        r = scores[:, others] @ mix
        a = scores[:, g] - r  # slope in t
        for o in range(len(keep)):
            if o == win or np.isclose(a[win], a[o]):
                continue
            t = (r[o] - r[win]) / (a[win] - a[o])
            if not 0.0 <= t <= 1.0 or np.isclose(t, t0):
                continue
            if best is None or abs(t - t0) < abs(best.change):
                best = Flip(name, float(t0), float(t), keep[o])
    return best
