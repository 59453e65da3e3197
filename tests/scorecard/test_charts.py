"""The scorecard's figures: valid plotly (they are built without per-property validation),
the options' shared colours, and the numbers of the scorecard they draw."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from model.display import option_color
from model.scorecard import charts
from model.scorecard.evidence import CriteriaBook
from tests.scorecard.conftest import Score, scenario_dict


@pytest.fixture
def card(score: Score) -> object:
    return score(scenario_dict(requirements=["baa"], weights={"cost": 1, "trust": 1}))


def test_every_figure_is_valid_plotly(card: object, criteria: CriteriaBook) -> None:
    figures = [charts.ranking_chart(card), charts.win_chart(card),  # type: ignore[arg-type]
               charts.tornado_chart(card, criteria)]  # type: ignore[arg-type]  # fmt: skip
    figures += [charts.group_chart(card, criteria, g.id) for g in criteria.groups]  # type: ignore[arg-type]
    for fig in figures:
        go.Figure(fig.to_dict())  # raises on any invalid property


def test_ranking_chart_draws_the_ranges_and_marks_the_eliminated(card: object) -> None:
    fig = charts.ranking_chart(card)  # type: ignore[arg-type]
    solid, pale = fig.data
    rows = list(card.ranking)[::-1]  # type: ignore[attr-defined]
    assert list(solid.x) == [r.score_low for r in rows]
    assert list(pale.base) == [r.score_low for r in rows]
    assert list(pale.x) == pytest.approx([r.score_high - r.score_low for r in rows])
    assert "OpenRouter (out)" in solid.y and "Direct from each vendor" in solid.y
    colors = dict(zip(solid.y, solid.marker.color, strict=True))
    assert colors["Direct from each vendor"] == option_color("direct")
    assert colors["OpenRouter (out)"] == option_color("aggregator")


def test_group_chart_shows_unknowns_pale(card: object, criteria: CriteriaBook) -> None:
    fig = charts.group_chart(card, criteria, "compliance")  # type: ignore[arg-type]
    pooled = next(t for t in fig.data if t.name == "Pooled gateway (example)")
    labels = list(pooled.y)
    soc2 = labels.index("SOC 2 Type II")  # unknown for the pooled example
    baa = labels.index("BAA (HIPAA)")  # a sourced "no"
    assert pooled.marker.opacity[soc2] == charts.UNKNOWN_OPACITY
    assert pooled.marker.opacity[baa] == 1.0
    assert pooled.x[soc2] == 1.0  # drawn up to its high end
