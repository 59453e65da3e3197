"""Plotly figure builders: data in, ``go.Figure`` out. No streamlit — the calculator page and
the headless report draw the same figures. Amounts arrive in USD; ``rate`` converts them
for display and ``currency`` names the axis.

Figures are written as plain plotly JSON and wrapped without plotly's per-property
validation (``_validate=False``): validation costs ~50–90 ms per figure in plotly 7, which
alone would blow the page's 300 ms rerun budget. ``tests/plan/test_charts.py`` checks
every figure still validates, so nothing invalid slips through.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from model.display import option_color

STATUS_COLORS = {
    "fits": "#009E73",
    "unknown cap": "#999999",
    "throttled": "#E69F00",
    "capped": "#D55E00",
}


def _figure(
    data: list[dict[str, Any]], layout: dict[str, Any], *, validate: bool = False
) -> go.Figure:
    return go.Figure({"data": data, "layout": layout}, _validate=validate)


def _layout(title: str, y_title: str, *, height: int = 360, **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "legend": {"orientation": "h", "y": -0.2, "x": 0},
        "yaxis": {"title": {"text": y_title}, "rangemode": "tozero", "tickformat": ",.0f"},
        "hovermode": "x unified",
        # An explicit (light) template: otherwise plotly deep-copies its default template
        # into every figure, ~10 ms each.
        "template": {"layout": {"plot_bgcolor": "white", "paper_bgcolor": "white"}},
    }
    for key, value in extra.items():
        layout[key] = {**layout.get(key, {}), **value} if isinstance(value, dict) else value
    return layout


#: Month labels ("2026-12") sit on a date axis: one tick per month, named by month, so a
#: three-month horizon does not get day ticks ("Dec 1, Dec 15, …").
MONTH_AXIS: dict[str, Any] = {"type": "date", "dtick": "M1", "tickformat": "%b %Y"}


def _list(values: Any) -> list[Any]:
    return np.asarray(values).tolist()


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
    :meth:`model.plan.projection.Projection.monthly` output (``start``, ``total_usd``)."""
    data = []
    for i, (option_id, frame) in enumerate(monthly.items()):
        y = frame["total_usd"].to_numpy() * rate
        data.append(
            {
                "type": "scatter",
                "x": _list(frame["start"]),
                "y": _list(np.cumsum(y) if cumulative else y),
                "name": labels.get(option_id, option_id),
                "mode": "lines+markers",
                "line": {"color": option_color(kinds.get(option_id, ""), i), "width": 2.5},
                "hovertemplate": "%{y:,.2f}",
            }
        )
    title = "Cumulative spend per option" if cumulative else "Monthly spend per option"
    y_title = f"{currency} {'to date' if cumulative else 'per month'}"
    return _figure(data, _layout(title, y_title, xaxis=MONTH_AXIS))


def range_band(
    ranges: pd.DataFrame,
    months: Sequence[str],
    labels: Mapping[str, str],
    kinds: Mapping[str, str],
    *,
    rate: float = 1.0,
    currency: str = "USD",
) -> go.Figure:
    """Low–high band and base line per option (:func:`model.plan.analysis.ranges` output)."""
    data = []
    # numpy masks rather than a pandas groupby: this runs on every page rerun.
    ids = ranges["option"].to_numpy(dtype=object)
    columns = {k: ranges[k].to_numpy(dtype=float) * rate for k in ("low", "base", "high")}
    for i, option_id in enumerate(dict.fromkeys(ids)):
        sel = ids == option_id
        color = option_color(kinds.get(str(option_id), ""), i)
        name = labels.get(str(option_id), str(option_id))
        low, base, high = (columns[k][sel] for k in ("low", "base", "high"))
        x = list(months)[: len(base)]
        data.append(
            {
                "type": "scatter",
                "x": x + x[::-1],
                "y": _list(np.concatenate([high, low[::-1]])),
                "fill": "toself",
                "fillcolor": color,
                "opacity": 0.12,
                "line": {"width": 0},
                "name": f"{name} range",
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
        data.append(
            {
                "type": "scatter",
                "x": x,
                "y": _list(base),
                "name": name,
                "line": {"color": color, "width": 2.5},
                "customdata": _list(np.stack([low, high], axis=-1)),
                "hovertemplate": "%{y:,.0f} (range %{customdata[0]:,.0f}–%{customdata[1]:,.0f})",
            }
        )
    layout = _layout("Monthly spend: low – base – high", f"{currency} per month", xaxis=MONTH_AXIS)
    return _figure(data, layout)


def tornado(
    sens: pd.DataFrame, option_label: str, *, rate: float = 1.0, currency: str = "USD", top: int = 8
) -> go.Figure:
    """Bars from base to the low and high value of each assumption, largest swing on top
    (:func:`model.plan.analysis.sensitivity` rows of one option)."""
    rows = sens[sens["swing_usd"] > 0].head(top).iloc[::-1]
    base = float(sens["base_usd"].iloc[0]) * rate if len(sens) else 0.0
    data = []
    for column, name, color in (
        ("low_usd", "assumption at its low value", "#56B4E9"),
        ("high_usd", "assumption at its high value", "#D55E00"),
    ):
        data.append(
            {
                "type": "bar",
                "y": _list(rows["assumption"]),
                "x": _list(rows[column].to_numpy() * rate - base),
                "base": base,
                "orientation": "h",
                "name": name,
                "marker": {"color": color},
                "hovertemplate": "%{y}: %{x:+,.0f}<extra></extra>",
            }
        )
    layout = _layout(
        f"What moves the average monthly spend of {option_label}",
        "",
        height=max(260, 90 + 34 * len(rows)),
        barmode="overlay",
        hovermode="closest",
        xaxis={"title": {"text": f"{currency} per month (average over the horizon)"},
               "tickformat": ",.0f"},
        yaxis={"rangemode": "normal", "tickformat": "", "automargin": True},
        shapes=[{"type": "line", "x0": base, "x1": base, "yref": "paper", "y0": 0, "y1": 1,
                 "line": {"width": 1, "color": "#333"}}],
    )  # fmt: skip
    return _figure(data, layout)


def capacity_timeline(
    months: Mapping[str, pd.DataFrame], *, rate: float = 1.0, currency: str = "USD"
) -> go.Figure:
    """Per vendor: what a new direct account serves each month (bars coloured by the month's
    status) with what its cap leaves unserved stacked on top, against the monthly cap of the
    tier it ends the month in (step line). ``months[name]`` is
    :attr:`model.plan.capacity.VendorCapacity.months`: the rows the page's sentence reads.

    A linear axis (bars on a log axis start nowhere): caps far above the spend (Scale's
    $200,000) would flatten the bars, so the axis stops at 1.5 × the largest need or the
    highest cap below that, and caps above it are named in a note under the title."""
    data = []
    top = max((float(f["need_usd"].max()) for f in months.values() if len(f)), default=0.0)
    limit = 1.5 * top * rate
    off_chart = []
    for i, (vendor, frame) in enumerate(months.items()):
        x = _list(frame["start"])
        tiers = [
            start if start == end else f"{start} → {end}"
            for start, end in zip(frame["tier_at_start"], frame["tier"], strict=True)
        ]
        data.append(
            {
                "type": "bar",
                "x": x,
                "y": _list(frame["served_usd"] * rate),
                "name": f"{vendor}: served",
                "offsetgroup": str(i),
                "marker": {"color": [STATUS_COLORS.get(s, "#999") for s in frame["status"]]},
                "customdata": _list(np.stack([tiers, frame["status"]], axis=-1)),
                "hovertemplate": f"{vendor} %{{x}}: %{{y:,.0f}} served · %{{customdata[0]}} · "
                "%{customdata[1]}<extra></extra>",
            }
        )
        unmet = frame["unmet_usd"].to_numpy(dtype=float) * rate
        if (unmet > 0).any():
            data.append(
                {
                    "type": "bar",
                    "x": x,
                    "y": [v if v > 0 else None for v in unmet.tolist()],
                    "base": _list(frame["served_usd"] * rate),
                    "name": f"{vendor}: not served (capped)",
                    "offsetgroup": str(i),
                    "marker": {"color": "rgba(213,94,0,0.25)",
                               "line": {"color": "#D55E00", "width": 1}},
                    "hovertemplate": f"{vendor} %{{x}}: %{{y:,.0f}} not served<extra></extra>",
                }
            )  # fmt: skip
        cap = frame["cap_usd"].to_numpy(dtype=float) * rate
        above = [(m, c) for m, c in zip(x, cap.tolist(), strict=True) if c > limit]
        if above:
            off_chart.append(f"{vendor} {above[0][1]:,.0f} {currency} from {above[0][0]}")
        data.append(
            {
                "type": "scatter",
                "x": x,
                "y": [None if np.isnan(v) or v > limit else v for v in cap.tolist()],
                "name": f"{vendor}: cap of its tier at month end",
                "mode": "lines",
                "line": {"shape": "hv", "dash": "dash", "width": 2},
                "connectgaps": False,
            }
        )
    title = "New direct account: spend served vs monthly cap"
    if off_chart:
        title += f"<br><sub>Caps above the chart: {'; '.join(off_chart)}</sub>"
    layout = _layout(
        title,
        f"{currency} per month",
        barmode="group",
        xaxis=MONTH_AXIS,
        yaxis={"range": [0, limit or 1]},
        margin={"t": 70},
    )
    return _figure(data, layout)
