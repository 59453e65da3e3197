"""Break-even and sensitivity: the discount, top-up and caching thresholds, low/base/high
ranges and the assumptions that move the cheapest option's spend most."""

from __future__ import annotations

from model.plan import charts
from model.plan.wording import break_even_lines
from model.report.blocks import Bullets, Chart, Paragraph, Section, Table
from model.report.context import ReportContext
from model.report.sections.common import figure, money, pct

TOP_ASSUMPTIONS = 8  # as many as the tornado chart draws


def build(ctx: ReportContext) -> Section:
    blocks: list = [Bullets(_break_evens(ctx)), _ranges(ctx)]
    blocks += _sensitivity(ctx)
    return Section("breakeven", "Break-even and sensitivity", tuple(blocks))


def _break_evens(ctx: ReportContext) -> tuple[str, ...]:
    lines = break_even_lines(ctx.analysis, ctx.names)
    return tuple(lines) or ("No break-even applies to this scenario.",)


def _ranges(ctx: ReportContext) -> Table:
    r = ctx.analysis.ranges
    rows = []
    for o in ctx.projection.costing.options:
        mine = r[r["option"] == o.id]
        rows.append(
            (
                ctx.names[o.id],
                money(ctx, float(mine["low"].mean())),
                money(ctx, float(mine["base"].mean())),
                money(ctx, float(mine["high"].mean())),
            )
        )
    u = ctx.uncertainty
    return Table(
        ("Option", "Low month", "Base month", "High month"),
        tuple(rows),
        caption=f"Average month with volume ±{pct(u.volume, digits=0)} and tokens per request "
        f"±{pct(u.tokens, digits=0)}, both at their low or both at their high.",
        numeric=(False, True, True, True),
    )


def _sensitivity(ctx: ReportContext) -> list:
    option = ctx.cheapest.option or ctx.projection.costing.options[0].id
    sens = ctx.analysis.sensitivity
    mine = sens[sens["option"] == option]
    if mine.empty:
        return []
    name = ctx.names[option]
    top = mine.head(TOP_ASSUMPTIONS)
    rows = tuple(
        (
            str(r.assumption),
            money(ctx, float(r.low_usd)),
            money(ctx, float(r.high_usd)),
            money(ctx, float(r.swing_usd)),
        )
        for r in top.itertuples()
    )
    fig = charts.tornado(mine, name, rate=ctx.rate.per_usd, currency=ctx.rate.currency)
    return [
        Paragraph(
            f"What moves {name}'s average month most (each assumption at its low and high "
            "value, the others at base):"
        ),
        Chart(figure(fig), f"Sensitivity of {name}'s average month, largest swing first."),
        Table(
            ("Assumption", "Low", "High", "Swing"),
            rows,
            numeric=(False, True, True, True),
        ),
    ]
