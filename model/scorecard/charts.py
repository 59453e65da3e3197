"""Plotly figure builders of the scorecard (data in, ``go.Figure`` out; no streamlit), so the
page and the report draw the same charts. Colours are the options' (:mod:`model.display`).
Figures are plain plotly JSON wrapped without per-property validation (as in
:mod:`model.plan.charts`); ``tests/scorecard/test_charts.py`` checks they validate.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from model.display import option_color
from model.scorecard.card import Scorecard
from model.scorecard.evidence import CriteriaBook

UNKNOWN_OPACITY = 0.35
_TEMPLATE = {"layout": {"plot_bgcolor": "white", "paper_bgcolor": "white"}}


def _figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def _layout(title: str, height: int, **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "legend": {"orientation": "h", "y": -0.25, "x": 0},
        "template": _TEMPLATE,
        **extra,
    }


def _colors(card: Scorecard) -> dict[str, str]:
    kinds = [r.kind for r in card.ranking]
    extra = [k for k in dict.fromkeys(kinds) if k not in ("direct", "aggregator", "pooled")]
    return {
        r.id: option_color(r.kind, extra.index(r.kind) if r.kind in extra else 0)
        for r in card.ranking
    }


def _label(r: Any) -> str:
    return f"{r.name} (out)" if r.eliminated else r.name


def ranking_chart(card: Scorecard) -> go.Figure:
    """Each option's guaranteed score (solid) and how far its unknowns could lift it (pale),
    best at the top; options eliminated by a must-have are marked "(out)"."""
    rows = list(card.ranking)[::-1]
    colors = _colors(card)
    names = [_label(r) for r in rows]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": names,
            "x": [r.score_low for r in rows],
            "name": "guaranteed by the evidence",
            "marker": {"color": [colors[r.id] for r in rows]},
            "text": [f"{r.score_low:.0f}" for r in rows],
            "textposition": "inside",
            "hovertemplate": "%{y}: %{x:.1f}<extra>guaranteed</extra>",
        },
        {
            "type": "bar",
            "orientation": "h",
            "y": names,
            "x": [r.score_high - r.score_low for r in rows],
            "base": [r.score_low for r in rows],
            "name": "possible if unknown ratings turn out well",
            "marker": {"color": [colors[r.id] for r in rows], "opacity": UNKNOWN_OPACITY},
            "hovertemplate": "%{y}: up to %{x:.1f} more<extra>unknowns</extra>",
        },
    ]
    layout = _layout(
        "Score out of 100: guaranteed, and the range unknowns leave open",
        max(220, 80 + 55 * len(rows)),
        barmode="overlay",
        xaxis={"range": [0, 100], "title": {"text": "score (0–100)"}},
        yaxis={"automargin": True},
        showlegend=False,
    )
    return _figure(data, layout)


def group_chart(card: Scorecard, criteria: CriteriaBook, group: str) -> go.Figure:
    """One group's criteria: each option's rating (0–1), unknown ones as a pale full bar."""
    members = criteria.in_group(group)
    label = next(g.label for g in criteria.groups if g.id == group)
    colors = _colors(card)
    data = []
    for r in card.ranking:
        cells = [card.cell(r.id, c.id) for c in members]
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": r.name,
                "y": [c.label for c in members],
                "x": [max(cell.high, 0.02) for cell in cells],
                "marker": {
                    "color": colors[r.id],
                    "opacity": [UNKNOWN_OPACITY if c.low != c.high else 1.0 for c in cells],
                },
                "customdata": [[cell.rating, cell.detail[:90]] for cell in cells],
                "hovertemplate": (
                    f"{r.name}<br>%{{y}}: %{{customdata[0]}}<br>%{{customdata[1]}}<extra></extra>"
                ),
            }
        )
    weight = card.weights.get(group, 0.0)
    layout = _layout(
        f"{label} (weight {100 * weight:.0f} %): pale bars are unknown",
        max(220, 90 + 28 * len(members) * max(len(card.ranking), 1)),
        barmode="group",
        xaxis={
            "range": [0, 1.04],
            "tickvals": [0, 0.5, 1],
            "ticktext": ["0 · no", "0.5 · partial", "1 · yes"],
        },
        yaxis={"automargin": True, "autorange": "reversed"},
    )
    return _figure(data, layout)


def win_chart(card: Scorecard) -> go.Figure:
    """Share of random weight vectors under which each option ranks first."""
    colors = _colors(card)
    by_id = {r.id: r for r in card.ranking}
    ids = list(card.win_probability)
    data = [
        {
            "type": "bar",
            "x": [by_id[i].name for i in ids],
            "y": [100 * card.win_probability[i] for i in ids],
            "marker": {"color": [colors[i] for i in ids]},
            "text": [f"{100 * card.win_probability[i]:.0f} %" for i in ids],
            "textposition": "outside",
            "hovertemplate": "%{x}: %{y:.1f} %<extra></extra>",
        }
    ]
    layout = _layout(
        "Ranks first under random weights (share of draws)",
        300,
        yaxis={"range": [0, 110], "title": {"text": "% of draws"}},
    )
    return _figure(data, layout)


def tornado_chart(card: Scorecard, criteria: CriteriaBook) -> go.Figure:
    """The winner's lead over the best other option as each group weight moves ±10 points."""
    rows = list(card.tornado)[::-1]
    labels = {g.id: g.label for g in criteria.groups}
    eligible = [r.score_low for r in card.ranking if not r.eliminated]
    lead0 = eligible[0] - eligible[1] if len(eligible) > 1 else 0.0
    data = []
    for attr, wattr, name, color in (
        ("lead_low", "weight_low", "weight lowered by 10 points", "#56B4E9"),
        ("lead_high", "weight_high", "weight raised by 10 points", "#D55E00"),
    ):
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": [f"{labels[r.group]} ({100 * r.weight:.0f} %)" for r in rows],
                "x": [getattr(r, attr) - lead0 for r in rows],
                "base": lead0,
                "name": name,
                "marker": {"color": color},
                "customdata": [[100 * getattr(r, wattr), getattr(r, attr)] for r in rows],
                "hovertemplate": "%{y} → %{customdata[0]:.0f} %: lead %{customdata[1]:.1f}"
                "<extra></extra>",
            }
        )
    layout = _layout(
        "Winner's lead over the runner-up (points) as one weight moves",
        max(240, 90 + 60 * len(rows)),
        barmode="group",
        xaxis={"title": {"text": "lead in points (below 0: another option leads)"}},
        yaxis={"automargin": True},
        shapes=[
            {"type": "line", "x0": 0, "x1": 0, "yref": "paper", "y0": 0, "y1": 1,
             "line": {"width": 1, "color": "#333"}},
        ],
    )  # fmt: skip
    return _figure(data, layout)
