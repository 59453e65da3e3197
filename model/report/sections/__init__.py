"""The report's sections, in the order they are printed: one builder each, taking the
:class:`~model.report.context.ReportContext` and returning a
:class:`~model.report.blocks.Section` (or ``None`` when it has nothing to say, e.g. no usage
log was given). A new section is one module here and one entry in :data:`SECTIONS`."""

from __future__ import annotations

from collections.abc import Callable

from model.report.blocks import Section
from model.report.context import ReportContext
from model.report.sections import (
    assumptions,
    breakeven,
    capacity,
    fees,
    lifecycle,
    pricing,
    recommendation,
    reproduce,
    scorecard,
    spend,
    testcalls,
    usage,
)

SectionBuilder = Callable[[ReportContext], Section | None]

SECTIONS: tuple[SectionBuilder, ...] = (
    recommendation.build,
    assumptions.build,
    pricing.build,
    spend.build,
    fees.build,
    breakeven.build,
    scorecard.build,
    capacity.build,
    lifecycle.build,
    usage.build,
    testcalls.build,
    reproduce.build,
)


def build_sections(ctx: ReportContext) -> list[Section]:
    """Every section that has something to say, in order."""
    return [s for build in SECTIONS if (s := build(ctx)) is not None]
