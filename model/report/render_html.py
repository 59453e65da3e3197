"""The report as one self-contained HTML file: styles, plotly.js and every figure inline —
no external script, stylesheet, font or image, so it works offline and prints cleanly
(print CSS, charts re-laid-out to the page width before printing).

Jinja2 escapes every value by default (``autoescape``); the only values marked safe are ours:
the stylesheet, plotly.js, and the figures as JSON through Jinja2's ``tojson`` (which
escapes ``<``, ``>``, ``&`` and quotes, so no text can close the script element).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from model.report.blocks import Chart, Section


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("model.report", "templates"),
        autoescape=True,  # every {{ value }} is HTML-escaped unless marked safe here
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )
    env.filters["id"] = id
    return env


@cache
def _css() -> Markup:
    css = resources.files("model.report").joinpath("templates/report.css").read_text()
    return Markup(css)  # noqa: S704 - our own stylesheet, shipped with the package


@cache
def _plotly_js() -> Markup:
    from plotly.offline import get_plotlyjs

    js = get_plotlyjs()
    # It sits inside a <script> element: it must not be able to close it.
    if "</script" in js.lower():
        raise RuntimeError("plotly.js contains a closing script tag; cannot inline it")
    return Markup(js)  # noqa: S704 - plotly.js itself, checked above


def render_html(title: str, meta: str, sections: list[Section], footer: str) -> str:
    """One HTML document holding every section."""
    charts: dict[int, str] = {}
    figures: dict[str, Any] = {}
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Chart):
                key = f"chart-{len(charts) + 1}"
                charts[id(block)] = key
                figures[key] = block.figure
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title,
            meta=meta,
            sections=sections,
            footer=footer,
            charts=charts,
            figures=figures,
            css=_css(),
            plotly_js=_plotly_js(),
        )
    )
