"""What every section builder shares: money in the report's currency, option names, links
that fall back to text, and figures as plain JSON."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from model.display import pct
from model.plan import currency
from model.report.blocks import Cell, Link
from model.report.context import ReportContext

__all__ = ["days", "figure", "money", "months_phrase", "pct", "source", "tokens"]


def money(ctx: ReportContext, usd: float | None) -> str:
    """An amount in the report's currency, to the cent (yen and rupees to the unit)."""
    return currency.money(float("nan") if usd is None else usd, ctx.rate)


def source(text: str, url: str | None) -> Cell:
    """A link when ``url`` is an http(s) address, else the text alone."""
    if url and url.startswith(("https://", "http://")):
        try:
            return Link(text, url)
        except ValueError:
            pass
    return text


def figure(fig: go.Figure) -> dict[str, Any]:
    """A figure as JSON-able data (numpy arrays as lists), ready for either renderer."""
    import json

    import plotly.io as pio

    return json.loads(pio.to_json(fig, validate=False))


def tokens(value: float) -> str:
    return f"{value:,.0f}"


def months_phrase(n: int) -> str:
    return f"{n} month" + ("" if n == 1 else "s")


def days(n: int) -> str:
    return f"{n} day" + ("" if n == 1 else "s")
