"""The scoring rules: must-haves eliminate (per criterion) and the eliminated stay below with
their score; weights are normalized; the cost score falls as cost rises; unknowns widen the
range and never count as yes; overrides apply and are marked; direct is judged per vendor.
Golden numbers are worked out by hand; pymcdm's weighted sum is an independent oracle."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.plan.scenario import ScenarioError
from model.scorecard.evidence import CriteriaBook, Criterion, Group
from model.scorecard.ratings import Cell, CostBasis, _cost_cell
from model.scorecard.scoring import (
    Ranked,
    group_matrix,
    is_decisive,
    normalize_weights,
    rank,
)
from pricing.schema import Option
from tests.scorecard.conftest import Score, scenario_dict

RATED = [
    "baa", "soc2", "zdr", "sla", "eu_residency", "us_residency", "no_training", "iso27001",
    "short_retention", "enterprise_contract", "direct_relationship", "vendor_terms_ok",
    "no_third_party", "failover_429", "status_page", "continuity", "fee_rules_stable",
    "scenario_models", "other_vendors", "frontier_three", "day_zero", "openai_compatible",
    "anthropic_compatible", "gemini_compatible", "one_endpoint", "prompt_caching", "batch_api",
    "request_log", "prepaid_refundable", "published_prices",
]  # fmt: skip
OPTIONS = ("direct", "openrouter", "pooled")


def _all_yes_but(criterion: str, loser: str, rating: str = "no") -> list[dict[str, str]]:
    return [
        {"option": o, "criterion": criterion, "rating": rating if o == loser else "yes"}
        for o in OPTIONS
    ]


@pytest.mark.parametrize("criterion", RATED)
def test_a_must_have_eliminates_exactly_the_option_that_lacks_it(
    score: Score, criteria: CriteriaBook, criterion: str
) -> None:
    """Every rated criterion works as a must-have: the options rated yes stay in; the one
    rated no is out with the criterion's own reason, ranked last with its score."""
    card = score(
        scenario_dict(requirements=[criterion], overrides=_all_yes_but(criterion, "openrouter"))
    )
    out = [r for r in card.ranking if r.eliminated]
    assert [r.id for r in out] == ["openrouter"]
    assert out[0].eliminated_by == (criterion,)
    assert criteria.criterion(criterion).fails in out[0].reasons[0]
    assert card.ranking[-1].id == "openrouter"  # below the others, whatever its score
    assert 0 < out[0].score <= 100
    assert card.to_json()["ranking"][-1]["eliminated_by"] == [criterion]


@pytest.mark.parametrize("rating", ["unknown", "partial"])
def test_unknown_or_partial_never_meets_a_must_have(score: Score, rating: str) -> None:
    card = score(
        scenario_dict(requirements=["zdr"], overrides=_all_yes_but("zdr", "pooled", rating))
    )
    pooled = next(r for r in card.ranking if r.id == "pooled")
    assert pooled.eliminated_by == ("zdr",)
    expected = "not demonstrated" if rating == "unknown" else "only partly"
    assert expected in pooled.reasons[0]


def test_sourced_must_haves_of_the_bundled_evidence(score: Score) -> None:
    """BAA on the bundled evidence: OpenRouter publishes none (unknown → not demonstrated),
    the pooled example says no; direct meets it through Anthropic and OpenAI."""
    card = score(scenario_dict(requirements=["baa"]))
    by = {r.id: r for r in card.ranking}
    assert not by["direct"].eliminated
    assert by["openrouter"].reasons == ("needs BAA (HIPAA): not demonstrated (no sourced yes)",)
    assert by["pooled"].reasons == ("needs BAA (HIPAA): no BAA offered",)
    assert card.winner is not None and card.winner.id == "direct"
    assert card.decisive  # the only option left


def test_direct_meets_a_criterion_only_when_every_vendor_used_does(score: Score) -> None:
    gemini = {"name": "c", "model": "gemini-2.5-flash", "requests_per_day": 50, "input_tokens": 500}
    base = scenario_dict()
    card = score({**base, "workloads": [*base["workloads"], gemini], "requirements": ["baa"]})
    direct = next(r for r in card.ranking if r.id == "direct")
    assert direct.eliminated_by == ("baa",)
    assert direct.reasons[0].endswith("— Google")  # names the vendor that does not
    cell = card.cell("direct", "baa")
    assert "Anthropic: yes" in cell.detail and "Google: no" in cell.detail
    # The user's own rating for one vendor (a signed agreement) lifts it.
    override = {"option": "direct", "vendor": "google", "criterion": "baa", "rating": "yes"}
    card = score({**base, "workloads": [*base["workloads"], gemini], "requirements": ["baa"],
                  "overrides": [override]})  # fmt: skip
    assert not next(r for r in card.ranking if r.id == "direct").eliminated
    assert "Google: yes (your override)" in card.cell("direct", "baa").detail


# --- synthetic books: hand-checkable arithmetic ------------------------------------------


def _book() -> CriteriaBook:
    """Two groups: quality {a (weight 1), b (weight 3)}, cost {c}."""
    groups = (
        Group(id="quality", label="Quality", default_weight=0.5),
        Group(id="cost", label="Cost", default_weight=0.5),
    )
    criteria = (
        Criterion(id="a", group="quality", label="A", question="A?", fails="no A"),
        Criterion(id="b", group="quality", label="B", question="B?", fails="no B", weight=3),
        Criterion(id="c", group="cost", label="C", question="C?", fails="dear"),
    )
    return CriteriaBook(groups, criteria, {}, Path("."))


def _cells(values: dict[tuple[str, str], tuple[float, float]]) -> list[Cell]:
    return [Cell(o, c, lo, hi, "evidence", "") for (o, c), (lo, hi) in values.items()]


def test_group_scores_totals_and_ranges_by_hand() -> None:
    book = _book()
    cells = _cells({
        ("x", "a"): (1, 1), ("x", "b"): (0, 1), ("x", "c"): (0.5, 0.5),
        ("y", "a"): (0, 0), ("y", "b"): (1, 1), ("y", "c"): (1, 1),
    })  # fmt: skip
    m = group_matrix(book, cells, ["x", "y"])
    # x quality: (1·1 + 3·0)/4 = 0.25 low, (1·1 + 3·1)/4 = 1.0 high; cost 0.5.
    # y quality: (1·0 + 3·1)/4 = 0.75; cost 1.0.
    np.testing.assert_allclose(m.low, [[0.25, 0.5], [0.75, 1.0]])
    np.testing.assert_allclose(m.high, [[1.0, 0.5], [0.75, 1.0]])
    w = normalize_weights({"quality": 3, "cost": 1}, {}, m.groups)  # → 0.75 / 0.25
    low, high = m.totals(w)
    # x: 100·(0.75·0.25 + 0.25·0.5) = 31.25 … 100·(0.75·1 + 0.25·0.5) = 87.5
    # y: 100·(0.75·0.75 + 0.25·1.0) = 81.25 (no unknowns: low = high)
    np.testing.assert_allclose(low, [31.25, 81.25])
    np.testing.assert_allclose(high, [87.5, 81.25])
    ranking = rank(m, w, {}, {"x": ("direct", "X", False), "y": ("pooled", "Y", False)})
    assert [r.id for r in ranking] == ["y", "x"]  # by the guaranteed (low) score
    assert not is_decisive(ranking)  # x could reach 87.5 > 81.25


def test_pymcdm_weighted_sum_agrees() -> None:
    """Oracle: pymcdm's WSM on the same (already 0–1) group scores, low ends."""
    from pymcdm.methods import WSM

    rng = np.random.default_rng(7)
    matrix = rng.uniform(0.05, 1, size=(4, 6))
    weights = rng.dirichlet(np.ones(6))
    types = np.ones(6)
    ours = matrix @ weights
    oracle = WSM(normalization_function=lambda x, cost: x)(matrix, weights, types)
    np.testing.assert_allclose(ours, oracle)
    assert list(np.argsort(-ours)) == list(np.argsort(-oracle))


#: Weights a person sets: zero or a real share (a subnormal 5e-324 × 0.5 underflows to 0, which
#: would test float arithmetic, not the normalization).
WEIGHT = st.one_of(st.just(0.0), st.floats(1e-6, 100, allow_nan=False))


@given(st.lists(WEIGHT, min_size=6, max_size=6), st.floats(0.01, 50))
def test_weights_are_normalized_and_scale_free(raw: list[float], k: float) -> None:
    groups = ["cost", "compliance", "catalog", "trust", "integration", "billing"]
    given_w = dict(zip(groups, raw, strict=True))
    if sum(raw) <= 0:
        with pytest.raises(ValueError, match="above 0"):
            normalize_weights(given_w, {}, groups)
        return
    w = normalize_weights(given_w, {}, groups)
    assert sum(w.values()) == pytest.approx(1.0)
    scaled = normalize_weights({g: v * k for g, v in given_w.items()}, {}, groups)
    assert scaled == pytest.approx(w)


def test_missing_groups_weigh_zero_and_no_weights_means_the_defaults() -> None:
    groups = ["cost", "compliance"]
    assert normalize_weights({"cost": 2}, {"cost": 0.5, "compliance": 0.5}, groups) == {
        "cost": 1.0,
        "compliance": 0.0,
    }
    assert normalize_weights({}, {"cost": 0.4, "compliance": 0.1}, groups) == pytest.approx(
        {"cost": 0.8, "compliance": 0.2}
    )


def test_same_ranking_for_proportional_weights(score: Score) -> None:
    a = score(scenario_dict(weights={"cost": 2, "compliance": 2}))
    b = score(scenario_dict(weights={"cost": 0.5, "compliance": 0.5}))
    assert [(r.id, r.score_low, r.score_high) for r in a.ranking] == [
        (r.id, r.score_low, r.score_high) for r in b.ranking
    ]


# --- cost ------------------------------------------------------------------------------


def _opt(oid: str) -> Option:
    return Option(id=oid, kind="direct", name=oid)


def test_cost_score_is_the_cheapest_total_over_this_one() -> None:
    basis = CostBasis({"a": 100.0, "b": 200.0, "c": 80.0}, {"a": True, "b": True, "c": False}, "")
    # The cheapest COMPLETE total is a's $100: b = 100/200 = 0.5; a = 1.
    assert (_cost_cell(_opt("a"), basis).low, _cost_cell(_opt("a"), basis).high) == (1.0, 1.0)
    assert _cost_cell(_opt("b"), basis).low == 0.5
    # c leaves models out: its $80 is a lower bound, so [0, min(1, 100/80)].
    c = _cost_cell(_opt("c"), basis)
    assert (c.low, c.high) == (0.0, 1.0) and "leaves models out" in c.detail


@given(
    st.lists(st.floats(1, 1e7, allow_nan=False), min_size=2, max_size=5),
    st.floats(1.0001, 10),
)
def test_cost_score_never_rises_when_cost_rises(totals: list[float], factor: float) -> None:
    ids = [f"o{i}" for i in range(len(totals))]
    complete = dict.fromkeys(ids, True)
    before = CostBasis(dict(zip(ids, totals, strict=True)), complete, "")
    after = CostBasis({**before.totals_usd, "o0": totals[0] * factor}, complete, "")
    assert _cost_cell(_opt("o0"), after).low <= _cost_cell(_opt("o0"), before).low
    for oid in ids[1:]:  # the others never lose when a competitor gets dearer
        assert _cost_cell(_opt(oid), after).low >= _cost_cell(_opt(oid), before).low


def test_cost_score_uses_the_calculators_projection(score: Score, bundled_book: object) -> None:
    from model.plan.projection import project
    from model.plan.scenario import parse_scenario

    card = score()
    totals = project(parse_scenario(scenario_dict()), bundled_book).totals()  # type: ignore[arg-type]
    cheapest = min(totals.values())
    for oid, total in totals.items():
        assert card.cell(oid, "cost").low == pytest.approx(cheapest / total)


# --- unknowns and overrides ------------------------------------------------------------


def test_an_unknown_widens_the_range_by_its_weight_and_lowers_the_guarantee(score: Score) -> None:
    """pooled's SLA is a sourced 'no'; made unknown it spans [0, 1]. SLA is one of 9 trust
    criteria (all weight 1) and trust weighs 10 % by default, so the high end rises by
    100 × 0.10 × 1/9 = 1.111 points and the low end stays (it was 0 already)."""
    before = score()
    after = score(
        scenario_dict(overrides=[{"option": "pooled", "criterion": "sla", "rating": "unknown"}])
    )
    b = next(r for r in before.ranking if r.id == "pooled")
    a = next(r for r in after.ranking if r.id == "pooled")
    assert a.score_low == pytest.approx(b.score_low)
    assert a.score_high - b.score_high == pytest.approx(100 * 0.10 / 9)
    # And a sourced yes made unknown lowers the guaranteed score by the same share.
    yes = score(
        scenario_dict(
            overrides=[{"option": "openrouter", "criterion": "soc2", "rating": "unknown"}]
        )
    )
    o0 = next(r for r in before.ranking if r.id == "openrouter")
    o1 = next(r for r in yes.ranking if r.id == "openrouter")
    assert o0.score_low - o1.score_low == pytest.approx(100 * 0.20 / 8)  # compliance: 8 criteria
    assert o1.score_high == pytest.approx(o0.score_high)


def test_overrides_apply_and_are_marked_as_the_users(score: Score) -> None:
    note = "in our signed terms"
    card = score(
        scenario_dict(
            requirements=["zdr"],
            overrides=[{"option": "pooled", "criterion": "zdr", "rating": "yes", "note": note}],
        )
    )
    cell = card.cell("pooled", "zdr")
    assert (cell.low, cell.high, cell.basis, cell.user_note) == (1.0, 1.0, "user", note)
    assert cell.detail.startswith("your rating: yes (was unknown")
    assert not next(r for r in card.ranking if r.id == "pooled").eliminated
    data = card.to_json()
    assert data["overrides"] == [
        {"option": "pooled", "criterion": "zdr", "rating": "yes", "vendor": None, "note": note,
         "by": "user"}
    ]  # fmt: skip
    assert "your overrides" in data["explanation"]


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"option": "acme", "criterion": "baa", "rating": "yes"}, r"overrides\.0\.option: unknown option 'acme'"),
        ({"option": "pooled", "vendor": "google", "criterion": "baa", "rating": "yes"},
         r"overrides\.0\.vendor: 'google' is not a vendor of 'pooled'"),
    ],
)  # fmt: skip
def test_overrides_naming_unknown_options_are_refused(
    score: Score, override: dict[str, str], message: str
) -> None:
    with pytest.raises(ScenarioError, match=message):
        score(scenario_dict(overrides=[override]))


def test_decisive_only_when_the_winners_low_beats_every_other_high() -> None:
    def r(i: str, lo: float, hi: float, out: tuple[str, ...] = ()) -> Ranked:
        return Ranked(i, "direct", i, False, lo, lo, hi, out, ())

    assert is_decisive([r("a", 60, 70), r("b", 50, 59.9)])
    assert not is_decisive([r("a", 60, 70), r("b", 50, 60)])  # a tie at the edge is not
    assert is_decisive([r("a", 60, 70), r("b", 50, 99, ("baa",))])  # eliminated don't count
    assert not is_decisive([r("a", 60, 70, ("baa",))])  # nobody left
