"""Fees and discounts itemized: list cost, discount and token cost per option and workload,
each option's fees as their own lines, and the terms they come from."""

from __future__ import annotations

from model.plan.analysis import itemized
from model.report.blocks import Bullets, Section, Table
from model.report.context import ReportContext
from model.report.sections.common import money, months_phrase, pct


def build(ctx: ReportContext) -> Section:
    frame = itemized(ctx.projection)
    rows = tuple(
        (
            ctx.names.get(r.option, r.option),
            str(r.item),
            money(ctx, r.list_usd),
            money(ctx, r.discount_usd),
            money(ctx, r.token_cost_usd),
            money(ctx, r.fees_usd),
            money(ctx, r.total_usd),
        )
        for r in frame.itertuples()
    )
    n = ctx.scenario.horizon_months
    return Section(
        "fees",
        "Fees and discounts, itemized",
        (
            Table(
                ("Option", "Workload / fee", "List", "Discount", "Token cost", "Fees", "Total"),
                rows,
                caption=f"Over the whole horizon ({months_phrase(n)}), in {ctx.rate.currency}. "
                "Token cost = list − discount; fees are charged on each month's credit "
                "purchases, not per workload.",
                numeric=(False, False, True, True, True, True, True),
            ),
            Bullets(_terms(ctx)),
        ),
    )


def _terms(ctx: ReportContext) -> tuple[str, ...]:
    out = []
    for t in ctx.analysis.topup_break_even:
        name = ctx.names.get(t.option, t.option)
        if t.min_usd:
            out.append(
                f"{name}, {t.payment}: {pct(t.percent)} of each top-up, at least "
                f"${t.min_usd:,.2f}; your top-up of ${t.chosen_topup_usd:,.2f} pays "
                f"{pct(t.effective_rate, digits=2)}."
            )
        else:
            out.append(f"{name}, {t.payment}: {pct(t.percent)} of each top-up.")
    for d in ctx.analysis.discount_break_even[:1]:
        now = ", ".join(f"{v} {pct(s)}" for v, s in d.current.items())
        example = ctx.projection.catalog.option(d.option).example
        out.append(
            f"{ctx.names.get(d.option, d.option)}: discount off list {now}"
            + (" — the bundled example, not a quote." if example else " (your quote).")
        )
    return tuple(out) or ("No option charges fees or gives discounts in this scenario.",)
