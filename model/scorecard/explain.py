"""The plain-language account of a ranking: who ranks first and by how much, which must-haves
put whom out and why, whether the result is decisive (and, if not, which unknowns would settle
it), which weighted groups decided it against the runner-up, and how robust it is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from model.scorecard.evidence import CriteriaBook
from model.scorecard.robustness import Flip
from model.scorecard.scoring import Matrix, Ranked, Unknown


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def _contributions(
    matrix: Matrix, weights: Mapping[str, float], a: str, b: str
) -> list[tuple[str, float]]:
    """Points each group gives option ``a`` over option ``b`` (low ends), largest first."""
    i, j = matrix.options.index(a), matrix.options.index(b)
    diff = 100 * (matrix.low[i] - matrix.low[j]) * np.array([weights[g] for g in matrix.groups])
    return sorted(zip(matrix.groups, diff.tolist(), strict=True), key=lambda x: -x[1])


def explain(
    book: CriteriaBook,
    ranking: Sequence[Ranked],
    matrix: Matrix,
    weights: Mapping[str, float],
    requirements: Sequence[str],
    decisive: bool,
    unknowns: Sequence[Unknown],
    wins: Mapping[str, float],
    flip: Flip | None,
    overrides: int,
) -> str:
    names = {r.id: r.name for r in ranking}
    labels = {g.id: g.label.lower() for g in book.groups}
    eligible = [r for r in ranking if not r.eliminated]
    out = []
    if requirements:
        musts = ", ".join(book.criterion(r).label for r in requirements)
        outs = [f"{r.name} is out ({'; '.join(r.reasons)})" for r in ranking if r.eliminated]
        out.append(f"Must-haves: {musts}." + (f" {'. '.join(outs)}." if outs else ""))
    if not eligible:
        out.append("No option demonstrates every must-have, so none is recommended.")
        return " ".join(out)
    w = eligible[0]
    out.insert(
        0,
        f"{w.name} ranks first with {w.score:.0f} of 100 (between {w.score_low:.0f} and "
        f"{w.score_high:.0f} depending on unknown ratings).",
    )
    if len(eligible) == 1:
        out.append("It is the only option left by the must-haves, so the ranking is decisive.")
    elif decisive:
        out.append("Decisive: its lowest possible score beats every other option's highest.")
    else:
        settle = ", ".join(
            f"{names[u.option]} — {book.criterion(u.criterion).label} (up to {u.points:.1f} points)"
            for u in unknowns
        )
        out.append(
            "Not decisive: another option could still come out ahead once unknown ratings are"
            f" known. These would settle it: {settle}."
        )
    if len(eligible) > 1:
        runner = eligible[1]
        parts = _contributions(matrix, weights, w.id, runner.id)
        pros = [f"{labels[g]} {d:+.1f}" for g, d in parts if d > 0.05][:3]
        cons = [f"{labels[g]} {d:+.1f}" for g, d in parts if d < -0.05][-2:]
        out.append(
            f"What decided it against {runner.name} ({runner.score:.0f}): "
            + ", ".join(pros or ["no group by more than 0.05 points"])
            + (f"; it gives up {', '.join(cons)}" if cons else "")
            + " points (group weight × score difference)."
        )
        cost_gap = dict(parts).get("cost", 0.0)
        examples = [r.name for r in (w, runner) if r.example]
        if examples and abs(cost_gap) > 0.05:
            out.append(
                f"The cost of {' and '.join(examples)} rests on an example assumption, not a "
                "quote: replace it with your own in the calculator."
            )
    if len(wins) > 1:
        out.append(f"Under random weights {w.name} ranks first in {_pct(wins.get(w.id, 0.0))}")
        out[-1] += " of draws."
    if flip is not None:
        verb = "raising" if flip.change > 0 else "lowering"
        out.append(
            f"The smallest single weight change that makes {names[flip.new_winner]} first: "
            f"{verb} {labels[flip.group]} from {_pct(flip.weight)} to {_pct(flip.to_weight)}."
        )
    elif len(eligible) > 1:
        out.append("No change of a single group weight makes another option first.")
    used = ", ".join(f"{labels[g]} {_pct(v)}" for g, v in weights.items() if v > 0)
    out.append(f"Weights: {used}.")
    if overrides:
        out.append(f"{overrides} rating(s) are your overrides, marked as yours in the evidence.")
    return " ".join(out)
