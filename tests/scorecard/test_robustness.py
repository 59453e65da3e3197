"""Robustness, checked against arithmetic: the Monte Carlo over the weight simplex is seeded
and reproducible and matches symmetric cases; the tornado and the smallest flip match lines
worked out by hand and a brute-force scan."""

from __future__ import annotations

import numpy as np
import pytest

from model.scorecard.robustness import reweight, smallest_flip, tornado, win_probability
from tests.scorecard.conftest import Score, scenario_dict

GROUPS = ["g0", "g1", "g2"]


def test_monte_carlo_is_seeded_and_reproducible() -> None:
    scores = np.array([[0.9, 0.2, 0.5], [0.3, 0.8, 0.6], [0.5, 0.5, 0.4]])
    ids, keep = ["a", "b", "c"], [True, True, True]
    first = win_probability(scores, ids, keep, seed=11)
    assert win_probability(scores, ids, keep, seed=11) == first
    assert win_probability(scores, ids, keep, seed=12) != first
    assert sum(first.values()) == pytest.approx(1.0)


def test_symmetric_options_win_equally_often() -> None:
    """Three options each perfect on one group: by symmetry of Dirichlet(1,1,1) each wins a
    third of the draws (4,000 draws: standard error ≈ 0.0075; allow 4 of them)."""
    p = win_probability(np.eye(3), ["a", "b", "c"], [True] * 3, draws=4000)
    for share in p.values():
        assert share == pytest.approx(1 / 3, abs=0.03)


def test_a_dominant_option_always_wins_and_the_eliminated_never_do() -> None:
    scores = np.array([[0.9, 0.9, 0.9], [0.5, 0.8, 0.1], [1.0, 1.0, 1.0]])
    p = win_probability(scores, ["a", "b", "out"], [True, True, False])
    assert p == {"a": 1.0, "b": 0.0}


def test_the_scorecard_reports_the_same_shares_on_every_run(score: Score) -> None:
    assert score().win_probability == score().win_probability


def test_reweight_keeps_the_sum_and_the_others_proportions() -> None:
    w = np.array([0.5, 0.3, 0.2])
    out = reweight(w, 0, 0.8)
    # the others share 0.2 in their old 3:2 ratio → 0.12 and 0.08
    np.testing.assert_allclose(out, [0.8, 0.12, 0.08])
    np.testing.assert_allclose(reweight(np.array([1.0, 0, 0]), 0, 0.4), [0.4, 0.3, 0.3])


# A (1, 0, 0.5) vs B (0.4, 0.8, 0.5) with weights (0.6, 0.2, 0.2):
#   A = 0.6 + 0 + 0.1 = 0.70; B = 0.24 + 0.16 + 0.10 = 0.50 → A leads by 20 points.
# Path on g1 (weight u, the others rescaled: g0 = 0.75(1−u), g2 = 0.25(1−u)):
#   A(u) = 0.75(1−u)·1 + 0.25(1−u)·0.5 = 0.875(1−u)
#   B(u) = 0.75(1−u)·0.4 + 0.8u + 0.25(1−u)·0.5 = 0.425(1−u) + 0.8u
#   equal at 0.875 − 0.875u = 0.425 + 0.375u → u = 0.45/1.25 = 0.36  (change +0.16)
# Path on g0 (weight t, g1 = g2 = (1−t)/2):
#   A(t) = t + 0.25(1−t); B(t) = 0.4t + 0.65(1−t) → 0.75t + 0.25 = 0.65 − 0.25t → t = 0.4
#   (change −0.2). Path on g2 (g0 = 0.75(1−v), g1 = 0.25(1−v)): A(v) = 0.75 − 0.25v,
#   B(v) = 0.5, equal only at v = 1 (change +0.8). Smallest: g1 → 0.36.
A_B = np.array([[1.0, 0.0, 0.5], [0.4, 0.8, 0.5]])
W = {"g0": 0.6, "g1": 0.2, "g2": 0.2}


def test_smallest_flip_by_hand() -> None:
    flip = smallest_flip(A_B, ["A", "B"], GROUPS, W, [True, True])
    assert flip is not None
    assert (flip.group, flip.new_winner) == ("g1", "B")
    assert flip.weight == pytest.approx(0.2)
    assert flip.to_weight == pytest.approx(0.36)


def test_smallest_flip_matches_a_brute_force_scan() -> None:
    rng = np.random.default_rng(3)
    for _ in range(20):
        scores = rng.uniform(0, 1, size=(3, 3))
        w = dict(zip(GROUPS, rng.dirichlet(np.ones(3)), strict=True))
        w0 = np.array(list(w.values()))
        leader = int(np.argmax(scores @ w0))
        ts = np.linspace(0, 1, 20001)
        best = None
        for g in range(3):
            grid = np.stack([reweight(w0, g, t) for t in ts])  # (ts, groups)
            moved = np.flatnonzero(np.argmax(grid @ scores.T, axis=1) != leader)
            if len(moved):
                t = ts[moved[np.argmin(np.abs(ts[moved] - w0[g]))]]
                if best is None or abs(t - w0[g]) < abs(best[1] - w0[best[0]]):
                    best = (g, t)
        # the scan finds the first weight beyond the crossing; the closed form the crossing
        order = [["a", "b", "c"][i] for i in range(3)]
        flip = smallest_flip(scores, order, GROUPS, w, [True] * 3)
        if best is None:
            assert flip is None
            continue
        assert flip is not None
        assert flip.group == GROUPS[best[0]]
        assert flip.to_weight == pytest.approx(best[1], abs=1e-4)


def test_tornado_by_hand() -> None:
    rows = {r.group: r for r in tornado(A_B, ["A", "B"], GROUPS, W, [True, True], delta=0.1)}
    # g1 raised to 0.3: others 0.7 in 3:1 → g0 0.525, g2 0.175.
    #   A = 0.525 + 0.0875 = 0.6125; B = 0.21 + 0.24 + 0.0875 = 0.5375 → lead 7.5 points.
    assert rows["g1"].lead_high == pytest.approx(7.5)
    assert rows["g1"].weight_high == pytest.approx(0.3)
    # g1 lowered to 0.1: g0 0.675, g2 0.225 → A = 0.7875; B = 0.27 + 0.08 + 0.1125 = 0.4625
    assert rows["g1"].lead_low == pytest.approx(32.5)
    assert rows["g1"].leader_low == rows["g1"].leader_high == "A"


def test_no_robustness_views_for_a_lone_survivor(score: Score) -> None:
    card = score(scenario_dict(requirements=["baa"]))
    assert card.win_probability == {"direct": 1.0}
    assert card.tornado == () and card.flip is None
