"""The usage-log summary, when a log was given: what was read, each option's cost for the
same tokens (compared like with like), and the reconciliation against what was billed."""

from __future__ import annotations

from typing import Any

from model.report.blocks import Bullets, Paragraph, Section, Table
from model.report.context import ReportContext, UsageEvidence
from model.report.sections.common import tokens
from model.usage.reconcile import billing_kind


def build(ctx: ReportContext) -> Section | None:
    u = ctx.usage
    if u is None:
        return None
    s: dict[str, Any] = dict(u.summary)
    names = ctx.names
    period = s.get("period") or {}
    when = (
        f"{str(period.get('start', ''))[:10]} to {str(period.get('end', ''))[:10]}"
        if period.get("start")
        else "an unknown period"
    )
    versions = ", ".join(str(v) for v in s.get("versions_used") or []) or "—"
    blocks: list = [
        Paragraph(
            f"{u.source}: {s.get('format')}, {s.get('rows'):,} rows, {when}; priced "
            f"{s.get('pricing_version')} (versions used: {versions}). Amounts in USD, as "
            "the log was billed.",
            lead="Log.",
        ),
        _options(s, names),
    ]
    comp = s.get("comparable")
    if isinstance(comp, dict) and comp.get("cheapest"):
        left = comp.get("left_out") or {}
        blocks.append(
            Paragraph(
                f"On the {comp.get('rows', 0):,} rows every option can price, the cheapest is "
                f"{names.get(str(comp['cheapest']), str(comp['cheapest']))}"
                + (
                    f"; {left.get('rows', 0):,} rows are outside that comparison (models some "
                    "option does not sell)."
                    if left.get("rows")
                    else "."
                ),
                lead="Like with like.",
            )
        )
    unpriced = s.get("unpriced") or {}
    if unpriced:
        blocks.append(
            Paragraph(
                "Models no option prices (in no total): "
                + ", ".join(f"{m} ({n} rows)" for m, n in unpriced.items()),
                tone="warning",
            )
        )
    blocks += _reconciliation(s, u, names)
    warnings = [str(w) for w in s.get("warnings") or []]
    if warnings:
        blocks.append(Bullets(tuple(warnings[:20])))
    return Section("usage", "Usage log and reconciliation", tuple(blocks))


def _money(v: Any) -> str:
    """A log's amounts are often cents: four decimals below $100, so a difference shows."""
    from model.display import money

    if not isinstance(v, int | float):
        return money(None)
    return money(v, digits=4 if abs(v) < 100 else 2)


def _options(s: dict[str, Any], names: dict[str, str]) -> Table:
    rows = tuple(
        (
            names.get(str(o["id"]), str(o["id"])),
            _money(o.get("token_cost_usd")),
            _money(o.get("discount_usd")),
            _money(o.get("fees_usd")),
            _money(o.get("total_usd")),
            ", ".join(str(m) for m in (o.get("unpriced") or {})) or "—",
        )
        for o in s["options"]
    )
    t = s.get("tokens") or {}
    caption = "Tokens read: " + ", ".join(f"{k} {tokens(float(v))}" for k, v in t.items())
    return Table(
        ("Option", "Token cost", "Discount", "Fees", "Total", "Cannot price"),
        rows,
        caption=caption,
        numeric=(False, True, True, True, True, False),
    )


def _reconciliation(s: dict[str, Any], u: UsageEvidence, names: dict[str, str]) -> list:
    reported = s.get("reported_cost_usd")
    if reported is None:
        return [
            Paragraph(
                "The log reports no cost, so there is nothing to reconcile against.",
                lead="Reconciliation.",
            )
        ]
    kind = billing_kind(str(s.get("format", "")))
    billed = u.billed_by or next(
        (str(o["id"]) for o in s["options"] if o.get("kind") == kind), None
    )
    option = next((o for o in s["options"] if o.get("id") == billed), None)
    blocks: list = []
    if option is not None:
        diff = float(option["token_cost_usd"]) - float(reported)
        blocks.append(
            Paragraph(
                f"The log reports {_money(reported)}; the same rows re-priced through "
                f"{names.get(billed, billed)} (the channel that billed it) cost "
                f"{_money(option['token_cost_usd'])} ({'+' if diff >= 0 else ''}"
                f"{_money(diff)}). Differences come from discounts, credits, rounding or "
                "prices that changed.",
                lead="Reconciliation.",
            )
        )
    if u.reconciliation:
        blocks.append(
            Table(
                ("Model", "Rows", "Reported", "Re-priced", "Days beyond tolerance"),
                tuple(
                    (
                        r.model,
                        f"{r.rows:,}",
                        _money(r.reported_usd),
                        _money(r.computed_usd),
                        str(r.flagged_days),
                    )
                    for r in u.reconciliation
                ),
                caption="Tolerance: 0.5 % or one cent per model and day.",
                numeric=(False, True, True, True, True),
            )
        )
    return blocks
