"""Capacity check: whether new direct accounts, which start in low rate-limit tiers with
monthly spend caps, could serve the scenario month by month."""

from __future__ import annotations

from model.plan.capacity import VendorCapacity, describe_tier
from model.report.blocks import Bullets, Paragraph, Section, Table
from model.report.context import ReportContext
from model.report.sections.common import money, source


def build(ctx: ReportContext) -> Section:
    if ctx.capacity is None:
        return Section(
            "capacity",
            "Capacity check (new direct accounts)",
            (Paragraph("No rate-limit tier data was available, so capacity was not checked."),),
        )
    blocks: list = [
        Paragraph(
            f"A peak minute is taken as {ctx.peak_factor:g}× the average minute. Aggregators "
            "and pooled gateways have their own limits (see their terms)."
        )
    ]
    if not ctx.capacity:
        blocks.append(Paragraph("No workload is bought from a vendor with tier data."))
    for v in ctx.capacity:
        blocks += _vendor(ctx, v)
    return Section("capacity", "Capacity check (new direct accounts)", tuple(blocks))


def _vendor(ctx: ReportContext, v: VendorCapacity) -> list:
    m = v.months
    start = v.tier_named(str(m["tier_at_start"].iloc[0]))
    begins = describe_tier(start, reach=False) if start else str(m["tier_at_start"].iloc[0])
    problems = v.problems
    if problems.empty:
        tone = "good"
        text = (
            f"fits a new account in every month (it starts in {begins})."
            if v.fits_new_account
            else f"a new account paying as it goes serves every month (it starts in {begins})."
        )
    else:
        tone = "warning"
        need = v.tier_named(v.required_tier) if v.required_tier else None
        text = (
            f"a new account paying as it goes would not serve {len(problems)} month(s) "
            f"(it starts in {begins}); the peak month needs "
            + (describe_tier(need) if need else "a tier above the published ones")
            + "."
        )
    rows = tuple(
        (
            str(r.start),
            money(ctx, r.need_usd),
            money(ctx, r.served_usd),
            money(ctx, r.unmet_usd),
            str(r.tier),
            str(r.status),
            str(r.capped_days),
            str(r.throttled_days),
        )
        for r in m.itertuples()
    )
    return [
        Paragraph(text, lead=f"{v.name}:", tone=tone),
        Table(
            (
                "Month",
                "Needed",
                "Served",
                "Not served",
                "Tier",
                "Status",
                "Capped days",
                "Throttled days",
            ),
            rows,
            numeric=(False, True, True, True, False, False, True, True),
        ),
        Bullets(tuple(describe_tier(t) for t in v.tiers) + tuple(v.notes)),
        Table(
            ("Tier data source", "Checked"),
            tuple((source(s.url, s.url), s.checked.isoformat()) for s in v.sources),
        ),
    ]
