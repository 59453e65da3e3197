"""The scorecard: ranking with score ranges, must-haves per option, what would settle a
close call, how robust the winner is, and the evidence behind every rating with its link."""

from __future__ import annotations

from model.report.blocks import Bullets, Chart, Paragraph, Section, Table
from model.report.context import ReportContext
from model.report.sections.common import figure, pct, source
from model.scorecard import charts
from model.scorecard.tables import evidence_rows, flip_sentence


def build(ctx: ReportContext) -> Section:
    card, crit = ctx.card, ctx.criteria
    ranking = Table(
        ("Rank", "Option", "Score", "Low", "High", "Eliminated by", "Why"),
        tuple(
            (
                str(i + 1),
                r.name,
                f"{r.score:.1f}",
                f"{r.score_low:.1f}",
                f"{r.score_high:.1f}",
                ", ".join(crit.criterion(c).label for c in r.eliminated_by),
                "; ".join(r.reasons),
            )
            for i, r in enumerate(card.ranking)
        ),
        caption=f"Cost basis: {card.cost_label}. Score = 100 × Σ group weight × group score; the "
        "low end counts every unknown rating as 'no', the high end as 'yes'. Options rank by "
        "the low end; the result is decisive only when the winner's low end beats every other "
        "option's high end.",
        numeric=(True, False, True, True, True, False, False),
    )
    blocks: list = [
        Chart(figure(charts.ranking_chart(card)), _chart_summary(ctx)),
        ranking,
        Paragraph(card.explanation),
    ]
    blocks += _must_haves(ctx)
    blocks += _unknowns(ctx)
    blocks.append(_robustness(ctx))
    blocks += _evidence(ctx)
    return Section("scorecard", "Scorecard: evidence, must-haves and ranges", tuple(blocks))


def _chart_summary(ctx: ReportContext) -> str:
    return "Scores: " + "; ".join(
        f"{r.name} {r.score_low:.0f}–{r.score_high:.0f}" + (" (out)" if r.eliminated else "")
        for r in ctx.card.ranking
    )


def _must_haves(ctx: ReportContext) -> list:
    card, crit = ctx.card, ctx.criteria
    if not ctx.scenario.requirements:
        return [Paragraph("No must-haves: every option is ranked on the weights alone.")]
    options = list(card.ranking)
    rows = []
    for req in ctx.scenario.requirements:
        cells = []
        for r in options:
            cell = card.cell(r.id, req)
            cells.append(("met" if cell.met else "not demonstrated") + f" ({cell.rating})")
        rows.append((crit.criterion(req).label, *cells))
    return [
        Table(
            ("Must-have", *(r.name for r in options)),
            tuple(rows),
            caption="An option without a sourced (or your own) 'yes' is out, whatever its score; "
            "an unknown reads 'not demonstrated'.",
        )
    ]


def _unknowns(ctx: ReportContext) -> list:
    card, crit = ctx.card, ctx.criteria
    if not card.unknowns:
        return []
    names = {r.id: r.name for r in card.ranking}
    return [
        Table(
            ("Option", "Unknown rating", "Points at stake"),
            tuple(
                (names[u.option], crit.criterion(u.criterion).label, f"{u.points:.1f}")
                for u in card.unknowns
            ),
            caption="The unknown ratings that could change the order, largest first.",
            numeric=(False, False, True),
        )
    ]


def _robustness(ctx: ReportContext) -> Bullets:
    card = ctx.card
    names = {r.id: r.name for r in card.ranking}
    items = [
        "Wins under random weights (4,000 seeded draws, uniform over the groups): "
        + ", ".join(f"{names[o]} {pct(p)}" for o, p in card.win_probability.items())
        + "."
    ]
    items.append(flip_sentence(card, ctx.criteria))
    return Bullets(tuple(items))


def _evidence(ctx: ReportContext) -> list:
    """One table per option: every rating with what it rests on."""
    rows = evidence_rows(ctx.card, ctx.criteria)
    out: list = [
        Paragraph(
            "Quotes are the source's exact wording; other lines summarize it. 'Read' is when "
            "the project read the source; 'your note' marks your own ratings.",
            lead="Evidence.",
        )
    ]
    for option in dict.fromkeys(r["option"] for r in rows):
        mine = tuple(
            (
                r["criterion"],
                r["rating"],
                r["basis"],
                r["says"] or r["detail"],
                source(r["source of"] or "source", r["link"]) if r["link"] else "",
                str(r["read"]),
                r["scope"] or "",
                r["your note"],
            )
            for r in rows
            if r["option"] == option
        )
        out.append(
            Table(
                ("Criterion", "Rating", "Basis", "Says", "Source", "Read", "Scope", "Your note"),
                mine,
                caption=f"Evidence for {option}.",
                numeric=(False, False, False, False, False, True, False, False),
            )
        )
    return out
