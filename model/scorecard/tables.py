"""The scorecard's evidence as rows (one per source, or per cell without one): what every
score rests on. The scorecard page shows them as a table and the report prints them, so
both read the same rows."""

from __future__ import annotations

from typing import Any

from model.scorecard.card import Scorecard
from model.scorecard.evidence import CriteriaBook

#: How a rating was arrived at, in words.
BASIS = {
    "evidence": "sourced",
    "data": "price data",
    "scenario": "your scenario",
    "user": "your override",
    "none": "no evidence",
}


def evidence_rows(card: Scorecard, criteria: CriteriaBook) -> list[dict[str, Any]]:
    """Keys: option, group, criterion, rating, basis, detail, your note, source of, says,
    scope, link (None when there is no source), read, dated, via."""
    names = {r.id: r.name for r in card.ranking}
    rows = []
    for cell in card.cells:
        c = criteria.criterion(cell.criterion)
        common = {
            "option": names[cell.option],
            "group": c.group,
            "criterion": c.label,
            "rating": cell.rating,
            "basis": BASIS.get(cell.basis, cell.basis),
            "detail": cell.detail,
            "your note": cell.user_note or "",
        }
        for s in cell.sources or (None,):
            unsourced = s is None and cell.basis == "evidence"
            rows.append(
                {
                    **common,
                    "basis": "no source: unknown" if unsourced else common["basis"],
                    "source of": s.subject if s else "",
                    "says": (f"“{s.text}”" if s.quoted else s.text) if s else "",
                    "scope": s.scope if s else "",
                    "link": s.url if s else None,
                    "read": s.read if s else "",
                    "dated": s.dated if s else "",
                    "via": s.via if s else "",
                }
            )
    return rows


def flip_sentence(card: Scorecard, criteria: CriteriaBook) -> str:
    """The smallest change of one group weight that makes another option first."""
    if card.flip is None:
        return "No change of a single group weight makes another option first."
    f = card.flip
    labels = {g.id: g.label.lower() for g in criteria.groups}
    names = {r.id: r.name for r in card.ranking}
    return (
        f"Smallest single change that flips the winner: {labels[f.group]} from "
        f"{100 * f.weight:.0f} % to {100 * f.to_weight:.1f} % makes {names[f.new_winner]} "
        "first (the other weights scaled to keep the sum at 100 %)."
    )
