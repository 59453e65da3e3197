"""Assumptions: the scenario as entered (workloads, options, growth, currency), the
scorecard's must-haves, weights and the user's own ratings, and the analysis settings."""

from __future__ import annotations

from decimal import Decimal

from model.plan.calendar import describe
from model.report.blocks import Bullets, Paragraph, Section, Table
from model.report.context import ReportContext
from model.report.sections.common import pct, tokens

#: Option assumption keys in words.
LABELS = {"topup_usd": "top-up", "byok": "BYOK", "batch_api": "batch API"}
#: Option assumptions that are shares (shown as percentages).
SHARES = frozenset({"discount", "cache_effectiveness"})
WORKLOAD_COLUMNS = (
    ("name", "Workload"),
    ("model", "Model"),
    ("requests_per_day", "Requests/day"),
    ("input_tokens", "Uncached input"),
    ("cache_read_tokens", "Cache read"),
    ("cache_write_5m_tokens", "Cache write 5m"),
    ("cache_write_1h_tokens", "Cache write 1h"),
    ("output_tokens", "Output"),
    ("batch_share", "Batch share"),
)


def build(ctx: ReportContext) -> Section:
    s = ctx.scenario
    pricing = "; ".join(describe(ctx.projection.calendar))
    blocks: list = [
        Paragraph(
            f"“{s.name}”: {s.horizon_months} months from {s.start_month}, "
            f"{s.days_per_month:g} days a month, volume growing {pct(s.monthly_growth)} a "
            f"month (month m has volume × (1 + g)^(m − 1)). Prices: {pricing}. Amounts in "
            f"{ctx.rate.currency}: {ctx.rate.label}; computed in USD.",
            lead="Scenario.",
        ),
        _workloads(ctx),
        _options(ctx),
        _scorecard_inputs(ctx),
    ]
    if s.overrides:
        blocks.append(_overrides(ctx))
    u = ctx.uncertainty
    blocks.append(
        Paragraph(
            f"Ranges: volume ±{pct(u.volume, digits=0)}, tokens per request "
            f"±{pct(u.tokens, digits=0)}; sensitivity step ±{pct(u.sensitivity, digits=0)}; "
            f"capacity check at a peak minute {ctx.peak_factor:g}× the average.",
            lead="Analysis settings.",
        )
    )
    return Section("assumptions", "Assumptions", tuple(blocks))


def _cell(key: str, value: float | str) -> str:
    if key in ("name", "model"):
        return str(value)
    if key == "batch_share":
        return pct(float(value), digits=0)
    return tokens(float(value))


def _workloads(ctx: ReportContext) -> Table:
    rows = tuple(
        tuple(_cell(key, getattr(w, key)) for key, _ in WORKLOAD_COLUMNS)
        for w in ctx.scenario.workloads
    )
    return Table(
        tuple(label for _, label in WORKLOAD_COLUMNS),
        rows,
        caption="Token counts per request; token classes are disjoint (cache reads and writes "
        "are not inside the uncached input; output includes reasoning).",
        numeric=(False, False) + (True,) * 7,
    )


def _options(ctx: ReportContext) -> Table:
    chosen = ctx.scenario.options
    rows = []
    for o in ctx.projection.catalog.options:
        given = chosen.get(o.id, {})
        parts = [f"{LABELS.get(k, k.replace('_', ' '))}: {_value(v, k)}" for k, v in given.items()]
        if o.kind == "aggregator" and "payment" not in given and o.default_payment:
            parts.append(f"payment: {o.default_payment} (default)")
        if o.kind == "aggregator" and "topup_usd" not in given and o.default_topup_usd:
            parts.append(f"top-up: ${o.default_topup_usd:,} (default)")
        if o.kind == "pooled" and "discount" not in given:
            parts.append(
                f"discount: {_value(o.discount, 'discount')}" + (" (example)" if o.example else "")
            )
        rows.append((ctx.names[o.id], o.kind, "; ".join(parts) or "list prices, no options"))
    return Table(("Option", "Kind", "Assumptions"), tuple(rows))


def _value(v: object, key: str = "") -> str:
    """One assumption as text: shares as percentages, top-ups in dollars."""
    if isinstance(v, dict):
        return ", ".join(f"{k} {_value(x, key)}" for k, x in v.items())
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int | float | Decimal):
        number = float(v)
        if key.endswith("_usd"):
            return f"${number:,.2f}".replace(".00", "")
        return pct(number) if key in SHARES else f"{number:g}"
    return str(v)


def _scorecard_inputs(ctx: ReportContext) -> Bullets:
    crit = ctx.criteria
    musts = ", ".join(crit.criterion(r).label for r in ctx.scenario.requirements) or "none"
    groups = {g.id: g.label for g in crit.groups}
    weights = ", ".join(
        f"{groups.get(g, g)} {pct(w, digits=0)}" for g, w in ctx.card.weights.items()
    )
    given = "your weights" if ctx.scenario.weights else "the default weights"
    return Bullets(
        (
            f"Must-haves: {musts}.",
            f"Weights ({given}, scaled to 100 %): {weights}.",
            f"Cost basis of the score: {ctx.card.cost_label}.",
        )
    )


def _overrides(ctx: ReportContext) -> Table:
    crit = ctx.criteria
    rows = tuple(
        (
            ctx.names.get(o.option, o.option),
            o.vendor or "",
            crit.criterion(o.criterion).label,
            o.rating,
            o.note,
        )
        for o in ctx.scenario.overrides
    )
    return Table(
        ("Option", "Vendor", "Criterion", "Your rating", "Your note"),
        rows,
        caption="Your own ratings: they replace the sourced ones and are marked as yours.",
    )
