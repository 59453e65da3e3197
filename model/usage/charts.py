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
        "margin": {"l": 10, "r": 10, "t": 80, "b": 10},
        # Legend above the plot, right of the title: long model names on the x axis below
        # never run into it.
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        "xaxis": {"automargin": True, "type": "category"} if not lines else {"automargin": True},
        "yaxis": {"title": {"text": "USD (token cost)"}, "rangemode": "tozero"},
        "template": {"layout": {"plot_bgcolor": "white", "paper_bgcolor": "white"}},
    }
    return go.Figure({"data": data, "layout": layout})


def billed_bars(by_day: pd.DataFrame) -> go.Figure:
    """Billed USD per day of a cost export (``day``, ``billed_usd``); empty days at 0."""
    layout = {
        "title": {"text": "Billed per day", "x": 0, "xanchor": "left"},
        "height": 300,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "xaxis": {"type": "category", "automargin": True},
        "yaxis": {"title": {"text": "USD billed"}, "rangemode": "tozero"},
        "template": {"layout": {"plot_bgcolor": "white", "paper_bgcolor": "white"}},
    }
    trace = {
        "type": "bar",
        "x": by_day["day"].astype(str).tolist(),
        "y": by_day["billed_usd"].astype(float).tolist(),
        "marker": {"color": "#6b7280"},
        "hovertemplate": "%{x}: $%{y:,.4f}<extra></extra>",
    }
    return go.Figure({"data": [trace], "layout": layout})


def projection_band(
    bands: pd.DataFrame, months: list[str], labels: Mapping[str, str], kinds: Mapping[str, str]
) -> go.Figure:
    """Low–high band and base line per option over projected months (``option``, ``month``,
    ``low``, ``base``, ``high``). The x axis is categorical: one tick per month, labelled
    ``Nov 2026``, never fractional or day ticks."""
    ticks = [pd.Timestamp(m + "-01").strftime("%b %Y") for m in months]
    data = []
    for i, option_id in enumerate(dict.fromkeys(bands["option"])):
        rows = bands[bands["option"] == option_id]
        color = option_color(kinds.get(str(option_id), ""), i)
        name = labels.get(str(option_id), str(option_id))
        x = ticks[: len(rows)]
        low, base, high = (rows[k].astype(float).tolist() for k in ("low", "base", "high"))
        data.append(
            {"type": "scatter", "x": x + x[::-1], "y": high + low[::-1], "fill": "toself",
             "fillcolor": color, "opacity": 0.15, "line": {"width": 0}, "hoverinfo": "skip",
             "showlegend": False, "name": f"{name} band"}
        )  # fmt: skip
        data.append(
            {"type": "scatter", "mode": "lines+markers", "x": x, "y": base, "name": name,
             "line": {"color": color, "width": 2.5},
             "customdata": np.stack([low, high], axis=-1).tolist(),
             "hovertemplate": "%{x}: $%{y:,.2f} (band $%{customdata[0]:,.2f}–"
             "$%{customdata[1]:,.2f})<extra>%{fullData.name}</extra>"}
        )  # fmt: skip
    layout = {
        "title": {"text": "Projected spend per month: low – base – high", "x": 0},
        "height": 380,
        "margin": {"l": 10, "r": 10, "t": 80, "b": 10},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        "xaxis": {"type": "category", "automargin": True},
        "yaxis": {"title": {"text": "USD per month"}, "rangemode": "tozero"},
        "template": {"layout": {"plot_bgcolor": "white", "paper_bgcolor": "white"}},
    }
    return go.Figure({"data": data, "layout": layout})
