"""Plotly figures of a re-priced usage log (no streamlit). Colours per option kind come from
:mod:`model.display` so the upload page and the calculator agree."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from model.display import option_color


def cost_breakdown(
    table: pd.DataFrame,
    labels: Mapping[str, str],
    kinds: Mapping[str, str],
    *,
    title: str,
) -> go.Figure:
    """Grouped bars (per model) or lines (per day/month) of token cost per option.

    ``table`` is :func:`model.usage.reconcile.cost_table` output: one column per option id,
    one row per key; NaN (the option does not sell that model) is drawn as a gap.
    """
    by = str(table.index.name or "")
    lines = by in ("day", "month")
    data = []
    x = [str(v) for v in table.index]
    for i, option_id in enumerate(table.columns):
        y = table[option_id].to_numpy(dtype=float)
        color = option_color(kinds.get(option_id, ""), i)
        trace: dict = {
            "type": "scatter" if lines else "bar",
            "x": x,
            "y": np.where(np.isnan(y), None, y).tolist(),
            "name": labels.get(option_id, option_id),
            "hovertemplate": "%{x}: $%{y:,.4f}<extra>%{fullData.name}</extra>",
        }
        if lines:
            trace.update(mode="lines+markers", line={"color": color, "width": 2})
        else:
            trace.update(marker={"color": color})
        data.append(trace)
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "height": 360,
        "barmode": "group",
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "legend": {"orientation": "h", "y": -0.25, "x": 0},
        "yaxis": {"title": {"text": "USD (token cost)"}, "rangemode": "tozero"},
        "template": {"layout": {"plot_bgcolor": "white", "paper_bgcolor": "white"}},
    }
    return go.Figure({"data": data, "layout": layout})
