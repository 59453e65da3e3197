"""Plotly figure builders: data in, ``go.Figure`` out. No streamlit — the calculator page and
the headless report draw the same figures. Amounts arrive in USD; ``rate`` converts them
for display and ``currency`` names the axis.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

#: One colour per option kind, stable across charts (colour-blind-safe Okabe-Ito hues).
COLORS = {"direct": "#0072B2", "aggregator": "#E69F00", "pooled": "#009E73"}
FALLBACK = ("#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
STATUS_COLORS = {
    "fits": "#009E73",
    "unknown cap": "#999999",
    "throttled": "#E69F00",
    "capped": "#D55E00",
}


def _layout(fig: go.Figure, title: str, y_title: str, *, height: int = 360) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "y": -0.18, "x": 0},
        yaxis={"title": y_title, "rangemode": "tozero", "tickformat": ",.0f"},
        hovermode="x unified",
        template="plotly_white",
    )
    return fig


def option_color(kind: str, index: int = 0) -> str:
    return COLORS.get(kind, FALLBACK[index % len(FALLBACK)])


def monthly_spend(
    monthly: Mapping[str, pd.DataFrame],
    labels: Mapping[str, str],
    kinds: Mapping[str, str],
    *,
    rate: float = 1.0,
    currency: str = "USD",
    cumulative: bool = False,
) -> go.Figure:
    """One line per option: its monthly (or cumulative) total. ``monthly[id]`` is
    :meth:`model.projection.Projection.monthly` output (``start``, ``total_usd``)."""
    fig = go.Figure()
    for i, (option_id, frame) in enumerate(monthly.items()):
        y = frame["total_usd"].to_numpy() * rate
        if cumulative:
            y = np.cumsum(y)
        fig.add_trace(
            go.Scatter(
                x=frame["start"],
                y=y,
                name=labels.get(option_id, option_id),
                mode="lines+markers",
                line={"color": option_color(kinds.get(option_id, ""), i), "width": 2.5},
                hovertemplate="%{y:,.2f}",
            )
        )
    title = "Cumulative spend per option" if cumulative else "Monthly spend per option"
    return _layout(fig, title, f"{currency} {'to date' if cumulative else 'per month'}")


def range_band(
    ranges: pd.DataFrame,
    months: Sequence[str],
    labels: Mapping[str, str],
    kinds: Mapping[str, str],
    *,
    rate: float = 1.0,
    currency: str = "USD",
) -> go.Figure:
    """Low–high band and base line per option (:func:`model.calculator.ranges` output)."""
    fig = go.Figure()
    for i, (option_id, frame) in enumerate(ranges.groupby("option", sort=False)):
        color = option_color(kinds.get(str(option_id), ""), i)
        name = labels.get(str(option_id), str(option_id))
        x = list(months)[: len(frame)]
        fig.add_trace(
            go.Scatter(
                x=x + x[::-1],
                y=np.concatenate([frame["high"].to_numpy(), frame["low"].to_numpy()[::-1]]) * rate,
                fill="toself",
                fillcolor=color,
                opacity=0.18,
                line={"width": 0},
                name=f"{name} range",
                hoverinfo="skip",
                showlegend=False,
            )
        )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=frame["base"].to_numpy() * rate,
                name=name,
                line={"color": color, "width": 2.5},
                customdata=np.stack([frame["low"] * rate, frame["high"] * rate], axis=-1),
                hovertemplate="%{y:,.0f} (range %{customdata[0]:,.0f}–%{customdata[1]:,.0f})",
            )
        )
    return _layout(fig, "Monthly spend: low – base – high", f"{currency} per month")


def tornado(
    sens: pd.DataFrame, option_label: str, *, rate: float = 1.0, currency: str = "USD", top: int = 8
) -> go.Figure:
    """Bars from base to the low and high value of each assumption, largest swing on top
    (:func:`model.calculator.sensitivity` rows of one option)."""
    rows = sens[sens["swing_usd"] > 0].head(top).iloc[::-1]
    base = float(sens["base_usd"].iloc[0]) * rate if len(sens) else 0.0
    fig = go.Figure()
    for column, name, color in (
        ("low_usd", "assumption at its low value", "#56B4E9"),
        ("high_usd", "assumption at its high value", "#D55E00"),
    ):
        delta = rows[column].to_numpy() * rate - base
        fig.add_trace(
            go.Bar(
                y=rows["assumption"],
                x=delta,
                base=base,
                orientation="h",
                name=name,
                marker_color=color,
                hovertemplate="%{y}: %{x:+,.0f}<extra></extra>",
            )
        )
    fig.add_vline(x=base, line_width=1, line_color="#333")
    fig = _layout(
        fig,
        f"What moves the average monthly spend of {option_label}",
        "",
        height=max(260, 60 + 34 * len(rows)),
    )
    fig.update_layout(barmode="overlay", hovermode="closest")
    fig.update_xaxes(title=f"{currency} per month (average over the horizon)", tickformat=",.0f")
    fig.update_yaxes(rangemode="normal", tickformat="")
    return fig


def capacity_timeline(
    months: Mapping[str, pd.DataFrame], *, rate: float = 1.0, currency: str = "USD"
) -> go.Figure:
    """Per vendor: projected direct spend per month (bars coloured by status) against the
    monthly cap of the tier a new account is in (step line)."""
    fig = go.Figure()
    for vendor, frame in months.items():
        fig.add_trace(
            go.Bar(
                x=frame["start"],
                y=frame["need_usd"] * rate,
                name=f"{vendor}: spend",
                marker_color=[STATUS_COLORS.get(s, "#999") for s in frame["status"]],
                customdata=np.stack([frame["tier"], frame["status"]], axis=-1),
                hovertemplate=f"{vendor} %{{x}}: %{{y:,.0f}} · %{{customdata[0]}} · "
                "%{customdata[1]}<extra></extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=frame["start"],
                y=frame["cap_usd"] * rate,
                name=f"{vendor}: cap of the account's tier",
                mode="lines",
                line={"shape": "hv", "dash": "dash", "width": 2},
                connectgaps=False,
            )
        )
    fig = _layout(fig, "New direct account: spend vs monthly cap", f"{currency} per month")
    fig.update_layout(barmode="group", yaxis_type="log")
    fig.update_yaxes(rangemode="normal")
    return fig
