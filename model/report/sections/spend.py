"""Monthly spend per option: the chart, and the table with every month's exact amount and
the versions that priced it."""

from __future__ import annotations

from model.plan import charts
from model.report.blocks import Chart, Section, Table
from model.report.context import ReportContext
from model.report.sections.common import figure, money, months_phrase


def build(ctx: ReportContext) -> Section:
    p = ctx.projection
    options = p.costing.options
    monthly = {o.id: p.monthly(o.id) for o in options}
    fig = charts.monthly_spend(
        monthly, ctx.names, ctx.kinds, rate=ctx.rate.per_usd, currency=ctx.rate.currency
    )
    versions = p.calendar.month_versions()
    split = any(len(v) > 1 for v in versions)
    rows = [
        (
            f"{m + 1} · {label}",
            " + ".join(versions[m]),
            *(money(ctx, float(o.monthly_total[m])) for o in options),
        )
        for m, label in enumerate(p.month_labels)
    ]
    n = p.scenario.horizon_months
    totals = p.totals()
    rows.append(("Total", "", *(money(ctx, totals[o.id]) for o in options)))
    rows.append(("Average month", "", *(money(ctx, totals[o.id] / n) for o in options)))
    caption = (
        f"Total per month in {ctx.rate.currency} (token cost after discounts, plus fees), "
        f"{months_phrase(n)}. 'Priced by' names the version(s) in force in each month"
        + ("; a month with two was split by days at the price step." if split else ".")
    )
    chart_summary = "; ".join(
        f"{ctx.names[o.id]} from {money(ctx, float(o.monthly_total[0]))} in month 1 to "
        f"{money(ctx, float(o.monthly_total[-1]))} in month {n}"
        for o in options
    )
    return Section(
        "spend",
        "Monthly spend per option",
        (
            Chart(figure(fig), f"Monthly spend per option: {chart_summary}."),
            Table(
                ("Month", "Priced by", *(ctx.names[o.id] for o in options)),
                tuple(rows),
                caption=caption,
                numeric=(False, False, *(True for _ in options)),
                totals=(len(rows) - 2, len(rows) - 1),
            ),
        ),
    )
