"""The recommendation and why: the scorecard's winner, the cheapest option compared like
with like, what each rests on, and one row per option."""

from __future__ import annotations

from model.plan.capacity import shortfall
from model.plan.verdict import example_discount
from model.report.blocks import Paragraph, Section, Table
from model.report.context import ReportContext
from model.report.sections.common import days, money, months_phrase


def build(ctx: ReportContext) -> Section:
    card, best, names = ctx.card, ctx.cheapest, ctx.names
    n = ctx.scenario.horizon_months
    blocks: list = []
    w = card.winner
    if w is None:
        blocks.append(
            Paragraph(
                "No option demonstrates every must-have: relax one, or record your own rating "
                "(an override) where you have it in writing.",
                lead="No recommendation.",
                tone="warning",
            )
        )
    else:
        how = (
            "decisive" if card.decisive else "not decisive: unknown ratings could change the order"
        )
        blocks.append(
            Paragraph(
                f"{w.name} — score {w.score:.0f} of 100 (range {w.score_low:.0f}–"
                f"{w.score_high:.0f}), {how}.",
                lead="Recommended:" if card.decisive else "Leading:",
                tone="good" if card.decisive else "note",
            )
        )
    if best.option is None:
        blocks.append(
            Paragraph(
                "No workload can be priced by every option, so no option is named cheapest.",
                tone="note",
            )
        )
    else:
        text = f"{names[best.option]}"
        if best.runner_up:
            text += (
                f", {money(ctx, best.saving_month_usd)} a month less on average than "
                f"{names[best.runner_up]} ({money(ctx, best.saving_total_usd)} over "
                f"{months_phrase(n)})"
            )
        text += "."
        if best.partial:
            text += (
                f" Compared on the {len(best.workloads)} of {len(ctx.scenario.workloads)} "
                "workloads every option sells."
            )
        if example_discount(ctx.projection, best.option):
            text += " Its discount is the bundled example, not a quote: replace it with yours."
        blocks.append(Paragraph(text, lead="Cheapest:"))
        if w is not None and w.id != best.option:
            blocks.append(
                Paragraph(
                    f"The recommendation is not the cheapest option: with these weights and "
                    f"must-haves, {w.name}'s other qualities outweigh the price difference "
                    "(see the scorecard)."
                )
            )
    blocks.append(Paragraph(card.explanation))
    short = shortfall(list(ctx.capacity)) if ctx.capacity else None
    if short is not None:
        what = []
        if short.capped_days:
            what.append(
                f"capped for {days(short.capped_days)} ({money(ctx, short.unmet_usd)} not served)"
            )
        if short.throttled_days:
            what.append(f"throttled at its peak on {days(short.throttled_days)}")
        blocks.append(
            Paragraph(
                f"A new {' and '.join(short.vendors)} account would be {' and '.join(what)} in "
                f"{', '.join(short.months)}: the direct figures assume accounts in the tier this "
                "needs (see the capacity check).",
                tone="warning",
            )
        )
    blocks.append(_summary(ctx))
    return Section("recommendation", "The recommendation and why", tuple(blocks))


def _summary(ctx: ReportContext) -> Table:
    n = ctx.scenario.horizon_months
    totals = ctx.projection.totals()
    ranked = {r.id: r for r in ctx.card.ranking}
    rows = []
    for o in ctx.projection.costing.options:
        r = ranked.get(o.id)
        status = ""
        if r is not None and r.eliminated:
            status = "out: " + ", ".join(ctx.criteria.criterion(c).label for c in r.eliminated_by)
        elif ctx.card.winner is not None and ctx.card.winner.id == o.id:
            status = "recommended"
        rows.append(
            (
                ctx.names[o.id],
                o.kind,
                money(ctx, totals[o.id]),
                money(ctx, totals[o.id] / n),
                f"{r.score:.0f} ({r.score_low:.0f}–{r.score_high:.0f})" if r else "—",
                status + (" · covers only the workloads it sells" if o.unpriced else ""),
            )
        )
    return Table(
        ("Option", "Kind", f"Total, {months_phrase(n)}", "Average month", "Score (range)", ""),
        tuple(rows),
        caption=f"Amounts in {ctx.rate.currency}; scores 0–100 (the range spans unknown ratings).",
        numeric=(False, False, True, True, True, False),
    )
