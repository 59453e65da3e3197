"""The scorecard of one scenario: :func:`score_scenario` builds it from the scenario (its
workloads, ``requirements``, ``weights`` and ``overrides``), the price book, the evidence data
and the rate-limit tiers; :meth:`Scorecard.to_json` is the ``score --json`` contract of
DESIGN §5 (more keys beside the contract's). The page and the CLI both call this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from model.plan.capacity import RateLimits, check_capacity
from model.plan.projection import Projection, project
from model.plan.scenario import Scenario, ScenarioError
from model.scorecard import derive, robustness
from model.scorecard.costs import projection_costs
from model.scorecard.evidence import CriteriaBook
from model.scorecard.explain import explain
from model.scorecard.ratings import Cell, Context, CostBasis, build_cells, check_overrides
from model.scorecard.robustness import Flip, TornadoRow
from model.scorecard.scoring import (
    Matrix,
    Ranked,
    Unknown,
    group_matrix,
    is_decisive,
    must_have_failures,
    normalize_weights,
    rank,
    settling_unknowns,
)
from pricing.versions import PriceBook


@dataclass(frozen=True)
class Scorecard:
    scenario: Scenario
    pricing_version: str  # as in `project --json`: the scenario's spec (by-date) or a version id
    versions_used: tuple[str, ...]  # the versions that priced the horizon
    cost_label: str
    weights: dict[str, float]  # normalized, every group
    ranking: tuple[Ranked, ...]
    decisive: bool
    explanation: str
    cells: tuple[Cell, ...]
    matrix: Matrix
    unknowns: tuple[Unknown, ...]
    win_probability: dict[str, float]
    tornado: tuple[TornadoRow, ...]
    flip: Flip | None

    @property
    def winner(self) -> Ranked | None:
        return next((r for r in self.ranking if not r.eliminated), None)

    def cell(self, option: str, criterion: str) -> Cell:
        return next(c for c in self.cells if c.option == option and c.criterion == criterion)

    def to_json(self) -> dict[str, Any]:
        """DESIGN §5: ranking best first (scores 0–100), decisive, explanation — then extras."""
        s = self.scenario
        return {
            "ranking": [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "score": r.score,
                    "score_low": r.score_low,
                    "score_high": r.score_high,
                    "eliminated_by": list(r.eliminated_by),
                    "name": r.name,
                    "reasons": list(r.reasons),
                }
                for r in self.ranking
            ],
            "decisive": self.decisive,
            "explanation": self.explanation,
            "scenario": s.name,
            "pricing_version": self.pricing_version,
            "versions_used": list(self.versions_used),
            "cost_basis": self.cost_label,
            "requirements": list(s.requirements),
            "weights": self.weights,
            "settling_unknowns": [
                {"option": u.option, "criterion": u.criterion, "points": u.points}
                for u in self.unknowns
            ],
            "win_probability": self.win_probability,
            "smallest_flip": None
            if self.flip is None
            else {
                "group": self.flip.group,
                "weight": self.flip.weight,
                "to_weight": self.flip.to_weight,
                "new_winner": self.flip.new_winner,
            },
            "overrides": [{**o.model_dump(), "by": "user"} for o in s.overrides],
        }


def _vendors(scenario: Scenario, projection: Projection) -> tuple[str, ...]:
    """The frontier vendors whose models the scenario's workloads use."""
    catalog = projection.catalog
    providers = {m.model_id: m.provider for m in catalog.models}
    for o in catalog.options:
        providers.update({m.model_id: m.provider for m in o.models})
    used = {providers.get(w.model) for w in scenario.workloads}
    return tuple(v for v in derive.FRONTIER if v in used)


def score_scenario(
    scenario: Scenario,
    book: PriceBook,
    criteria: CriteriaBook,
    *,
    limits: RateLimits | None = None,
    peak_factor: float = 3.0,
    costs: CostBasis | None = None,
    projection: Projection | None = None,
    origin: str = "scenario",
    seed: int = robustness.SEED,
    draws: int = robustness.DRAWS,
) -> Scorecard:
    """Score every option of the scenario's price version. ``costs`` replaces the projection's
    totals (e.g. an uploaded log re-priced); ``limits`` feeds the capacity check of direct."""
    projection = projection or project(scenario, book)
    catalog = projection.catalog
    ids = [o.id for o in projection.costing.options]
    options = tuple(catalog.option(i) for i in ids)
    vendors = _vendors(scenario, projection)
    ctx = Context(
        catalog=catalog,
        options=options,
        models=tuple(w.model for w in scenario.workloads),
        vendors=vendors,
        unpriced={o.id: o.unpriced for o in projection.costing.options},
        cost=costs or projection_costs(projection),
        capacity=check_capacity(projection, limits, peak_factor) if limits else None,
        overrides=scenario.overrides,
    )
    check_overrides(ctx, origin)
    cells = build_cells(criteria, ctx)
    groups = [g.id for g in criteria.groups]
    try:
        weights = normalize_weights(scenario.weights, criteria.default_weights, groups)
    except ValueError as exc:
        raise ScenarioError(f"{origin}: {exc}") from None
    matrix = group_matrix(criteria, cells, ids)
    failures = {o: must_have_failures(criteria, cells, o, scenario.requirements) for o in ids}
    meta = {o.id: (o.kind, o.name, o.example) for o in options}
    ranking = rank(matrix, weights, failures, meta)
    decisive = is_decisive(ranking)
    unknowns = settling_unknowns(criteria, cells, ranking, weights)
    # Robustness over the eligible options, in ranking order.
    order = [matrix.options.index(r.id) for r in ranking]
    low = matrix.low[order]
    names = [r.id for r in ranking]
    eligible = [not r.eliminated for r in ranking]
    wins = robustness.win_probability(low, names, eligible, seed=seed, draws=draws)
    torn = robustness.tornado(low, names, groups, weights, eligible)
    flip = robustness.smallest_flip(low, names, groups, weights, eligible)
    text = explain(
        criteria, ranking, matrix, weights, scenario.requirements, decisive, unknowns, wins,
        flip, len(scenario.overrides),
    )  # fmt: skip
    calendar = projection.calendar
    return Scorecard(
        scenario, calendar.pricing, tuple(calendar.versions), ctx.cost.label, weights,
        tuple(ranking), decisive, text, tuple(cells), matrix, tuple(unknowns), wins,
        tuple(torn), flip,
    )  # fmt: skip
