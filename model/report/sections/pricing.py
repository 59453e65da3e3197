"""Pricing versions with their sources and dates: which version priced which months, the
list prices of the scenario's models in each, the options' terms and where they come from,
and — for a report opened from a share link — what today's data would change."""

from __future__ import annotations

from model.plan.calendar import describe
from model.plan.projection import sold_somewhere
from model.report.blocks import Paragraph, Section, Table
from model.report.context import ReportContext
from model.report.sections.common import money, source
from pricing.specs import BY_DATE


def build(ctx: ReportContext) -> Section:
    cal = ctx.projection.calendar
    how = (
        "each day by the version in force that day (a step inside a month splits it by "
        f"days): {'; '.join(describe(cal))}"
        if cal.pricing == BY_DATE
        else f"every month by version {cal.pricing} (pinned by the scenario)"
    )
    blocks: list = [
        Paragraph(
            f"Prices are per million tokens, in USD, dated data with a source. This report "
            f"prices {how}. Fees and discounts are the terms of {cal.newest.version}, the "
            "newest version used.",
        ),
        _versions(ctx),
        _model_prices(ctx),
        _option_sources(ctx),
    ]
    blocks += _drift(ctx)
    return Section("pricing", "Pricing versions, sources and dates", tuple(blocks))


def _versions(ctx: ReportContext) -> Table:
    cal = ctx.projection.calendar
    months = cal.month_versions()
    rows = []
    for k in cal.catalogs:
        priced = [cal.months[m] for m, vs in enumerate(months) if k.version in vs]
        span = priced[0] + (f" … {priced[-1]}" if len(priced) > 1 else "")
        scheduled = "scheduled" if k.effective_from > ctx.made.date() else "in force"
        rows.append((k.version, k.effective_from.isoformat(), scheduled, span, str(len(priced))))
    return Table(
        (
            "Version",
            "Effective from",
            f"On {ctx.made.date().isoformat()}",
            "Months priced",
            "Months",
        ),
        tuple(rows),
        numeric=(False, False, False, False, True),
    )


def _model_prices(ctx: ReportContext) -> Table:
    cal = ctx.projection.calendar
    used = list(dict.fromkeys(w.model for w in ctx.scenario.workloads))
    rows = []
    for k in cal.catalogs:
        models = sold_somewhere(k)
        for model_id in used:
            m = models.get(model_id)
            if m is None:
                continue
            cache = "—" if m.cache_read is None else f"${m.cache_read}"
            rows.append(
                (
                    model_id,
                    k.version,
                    f"${m.input}",
                    cache,
                    f"${m.output}",
                    source(m.source.url, m.source.url),
                    m.source.checked.isoformat(),
                )
            )
    return Table(
        ("Model", "Version", "Input", "Cache read", "Output", "Source", "Checked"),
        tuple(rows),
        caption="List prices in USD per million tokens (batch and long-context tiers, where a "
        "model has them, are in the price data).",
        numeric=(False, False, True, True, True, False, False),
    )


def _option_sources(ctx: ReportContext) -> Table:
    rows = []
    for o in ctx.projection.catalog.options:
        for s in o.sources or ():
            rows.append((ctx.names[o.id], source(s.url, s.url), s.checked.isoformat()))
        for payment, fee in o.purchase_fees.items():
            rows.append(
                (f"{ctx.names[o.id]} — {payment} fee", source(fee.source.url, fee.source.url),
                 fee.source.checked.isoformat())
            )  # fmt: skip
    return Table(("Terms of", "Source", "Checked"), tuple(rows))


def _drift(ctx: ReportContext) -> list:
    if ctx.drift is None:
        return []
    if not ctx.drift:
        return [
            Paragraph(
                "This report was opened from a share link and priced with the versions the "
                "link recorded; today's price data prices every month the same way.",
                lead="Share link.",
            )
        ]
    ids = [o.id for o in ctx.projection.costing.options]
    rows = tuple(
        (
            d.month,
            ", ".join(d.linked),
            ", ".join(d.today),
            *(_signed(ctx, d.delta_usd[i]) if i in d.delta_usd else "—" for i in ids),
        )
        for d in ctx.drift
    )
    return [
        Paragraph(
            "This report was opened from a share link and is priced with the versions the link "
            f"recorded. Today's price data would price {len(ctx.drift)} month(s) differently:",
            lead="Share link.",
            tone="note",
        ),
        Table(
            (
                "Month",
                "Link's version",
                "Today's version",
                *(f"{ctx.names[i]} (today − link)" for i in ids),
            ),
            rows,
            numeric=(False, False, False, *(True for _ in ids)),
        ),
    ]


def _signed(ctx: ReportContext, usd: float) -> str:
    text = money(ctx, usd)
    return text if text.startswith("-") or not abs(usd) >= 0.005 else "+" + text
