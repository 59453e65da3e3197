"""Build a report from its context and write it as HTML, Markdown or PDF.

:func:`make_report` runs every section builder once; :meth:`Report.html` and
:meth:`Report.markdown` render the same sections, so both versions show the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from model.report.blocks import Section
from model.report.context import ReportContext
from model.report.render_html import render_html
from model.report.render_md import render_markdown
from model.report.sections import build_sections

Format = Literal["html", "md", "pdf"]
FORMATS: tuple[Format, ...] = ("html", "md", "pdf")


@dataclass(frozen=True)
class Report:
    title: str
    meta: str
    sections: tuple[Section, ...]
    footer: str

    def html(self) -> str:
        return render_html(self.title, self.meta, list(self.sections), self.footer)

    def markdown(self) -> str:
        return render_markdown(self.title, self.meta, list(self.sections), self.footer)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)


def make_report(ctx: ReportContext) -> Report:
    """Every section with something to say, with the title and the provenance line."""
    s = ctx.scenario
    cal = ctx.projection.calendar
    meta = (
        f"Made {ctx.made:%Y-%m-%d %H:%M} UTC · {s.horizon_months} months from {s.start_month} · "
        f"pricing {cal.pricing} (versions {', '.join(cal.versions)}) · amounts in "
        f"{ctx.rate.currency}"
    )
    footer = (
        "Gatewise compares ways of buying LLM access with dated, sourced price data. Prices of "
        "the pooled gateway are an assumption unless the scenario states your quote. Amounts "
        "are rounded for display; the CLI's JSON carries unrounded numbers."
    )
    return Report(f"Gatewise report — {s.name}", meta, tuple(build_sections(ctx)), footer)
