"""One cell per (option, criterion): a 0–1 range, the words that explain it and the sources
behind it. Typed ratings come from the evidence files; ``direct`` is judged per vendor and
meets a criterion only when every vendor the scenario uses meets it (the others are named);
computed criteria come from :mod:`model.scorecard.derive`; the user's overrides replace a
rating last and are marked as theirs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from model.plan.capacity import VendorCapacity
from model.plan.scenario import Override, ScenarioError
from model.scorecard import derive
from model.scorecard.evidence import RATING_RANGE, CriteriaBook, Criterion, RatingEntry
from pricing.schema import Catalog, Option


@dataclass(frozen=True)
class Source:
    """One piece of evidence as shown in the evidence table."""

    subject: str  # "Anthropic API (direct)", "OpenRouter"
    rating: str
    scope: str
    url: str
    read: str
    dated: str
    text: str
    quoted: bool  # exact wording (True) or a one-line summary
    via: str


@dataclass(frozen=True)
class Cell:
    option: str
    criterion: str
    low: float
    high: float
    basis: str  # evidence | data | scenario | user | none
    detail: str
    failing: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    user_note: str | None = None

    @property
    def rating(self) -> str:
        """yes / partial / no / unknown, or the value of a computed number."""
        if self.low != self.high:
            return "unknown"
        for label, (lo, hi) in RATING_RANGE.items():
            if lo == hi == self.low:
                return label
        return f"{self.low:.2f}"

    @property
    def met(self) -> bool:
        """A must-have is met only by a demonstrated yes (sourced, computed or the user's)."""
        return self.low >= 1.0


@dataclass(frozen=True)
class CostBasis:
    """What each option costs for the scenario, and whether that total covers every model."""

    totals_usd: Mapping[str, float]
    complete: Mapping[str, bool]
    label: str


@dataclass(frozen=True)
class Context:
    """Everything the cells are computed from."""

    catalog: Catalog
    options: tuple[Option, ...]
    models: tuple[str, ...]  # the scenario's model ids
    vendors: tuple[str, ...]  # frontier vendors the scenario's workloads use
    unpriced: Mapping[str, dict[str, int]]
    cost: CostBasis
    capacity: Sequence[VendorCapacity] | None
    overrides: tuple[Override, ...] = field(default=())


def _sources(subject: str, entry: RatingEntry) -> tuple[Source, ...]:
    return tuple(
        Source(
            subject=subject,
            rating=entry.rating,
            scope=entry.scope or "",
            url=e.url,
            read=e.read.isoformat(),
            dated=e.dated.isoformat() if e.dated else "",
            text=e.quote or e.summary or "",
            quoted=e.quote is not None,
            via=e.via or "",
        )
        for e in entry.evidence
    )


def _typed(book: CriteriaBook, subject: str, criterion: str) -> RatingEntry | None:
    ev = book.subjects.get(subject)
    return ev.ratings.get(criterion) if ev else None


def _user(ctx: Context, option: str, criterion: str, vendor: str | None) -> Override | None:
    return next(
        (
            o
            for o in ctx.overrides
            if o.option == option and o.criterion == criterion and o.vendor == vendor
        ),
        None,
    )


def _entry_cell(book: CriteriaBook, option: Option, c: Criterion) -> Cell:
    """An aggregator's or gateway's own typed rating (unknown when it has no evidence file)."""
    entry = _typed(book, option.id, c.id)
    if entry is None:
        return Cell(option.id, c.id, 0.0, 1.0, "none", "no evidence recorded for this option")
    lo, hi = RATING_RANGE[entry.rating]
    detail = entry.scope if entry.rating != "unknown" else f"not demonstrated: {entry.note}"
    subject = book.subjects[option.id].name
    return Cell(option.id, c.id, lo, hi, "evidence", detail or "", (), _sources(subject, entry))


def _direct_cell(book: CriteriaBook, option: Option, c: Criterion, ctx: Context) -> Cell:
    """Direct meets a criterion when every vendor the scenario uses meets it."""
    vendors = [v for v in ctx.vendors if v in option.resells] or list(option.resells)
    lows, highs, parts, failing, sources = [], [], [], [], []
    for vendor in vendors:
        name = derive.vendor_name(vendor)
        user = _user(ctx, option.id, c.id, vendor)
        entry = _typed(book, vendor, c.id)
        if user is not None:
            lo, hi = RATING_RANGE[user.rating]
            parts.append(f"{name}: {user.rating} (your override)")
        elif entry is None:
            lo, hi = 0.0, 1.0
            parts.append(f"{name}: unknown (no evidence recorded)")
        else:
            lo, hi = RATING_RANGE[entry.rating]
            parts.append(f"{name}: {entry.rating}" + (f" — {entry.scope}" if entry.scope else ""))
            sources += _sources(book.subjects[vendor].name, entry)
        lows.append(lo)
        highs.append(hi)
        if lo < 1.0:
            failing.append(name)
    basis = "user" if any(_user(ctx, option.id, c.id, v) for v in vendors) else "evidence"
    return Cell(
        option.id, c.id, min(lows), min(highs), basis, "; ".join(parts), tuple(failing),
        tuple(sources),
    )  # fmt: skip


def _cost_cell(option: Option, cost: CostBasis) -> Cell:
    """Cheapest complete total ÷ this option's total: 1 for the cheapest, 0.5 at twice its cost.
    A total that leaves models out is only a lower bound, so the score spans [0, that ratio]."""
    totals = {k: max(v, 0.0) for k, v in cost.totals_usd.items()}
    complete = [v for k, v in totals.items() if cost.complete.get(k, False)]
    floor = min(complete) if complete else min(totals.values(), default=0.0)
    mine = totals.get(option.id)
    if mine is None:
        return Cell(option.id, "cost", 0.0, 1.0, "none", "no cost for this option")
    ratio = 1.0 if mine <= 0 else 0.0 if floor <= 0 else min(1.0, floor / mine)
    detail = f"${mine:,.2f} ({cost.label})"
    if not cost.complete.get(option.id, False):
        return Cell(option.id, "cost", 0.0, ratio, "scenario", detail + "; leaves models out")
    return Cell(option.id, "cost", ratio, ratio, "scenario", detail)


def _derived_cell(option: Option, c: Criterion, ctx: Context) -> Cell:
    cat = ctx.catalog
    kind = c.derive or c.derive_direct
    if kind == "cost":
        return _cost_cell(option, ctx.cost)
    d = {
        "catalog_breadth": lambda: derive.catalog_breadth(
            cat, option, derive.broadest_catalog(cat)
        ),
        "scenario_models": lambda: derive.scenario_models(
            ctx.unpriced.get(option.id, {}), ctx.models
        ),
        "other_vendors": lambda: derive.other_vendors(cat, option),
        "frontier_three": lambda: derive.frontier_three(cat, option),
        "batch_api": lambda: derive.batch_api(option),
        "published_prices": lambda: derive.published_prices(option),
        "vendors_used": lambda: derive.one_endpoint(ctx.vendors),
        "capacity": lambda: derive.capacity(ctx.capacity, ctx.vendors),
    }[str(kind)]()
    basis = "scenario" if kind in ("scenario_models", "vendors_used", "capacity") else "data"
    return Cell(option.id, c.id, d.low, d.high, basis, d.detail, d.failing)


def _apply_override(cell: Cell, ctx: Context) -> Cell:
    user = _user(ctx, cell.option, cell.criterion, None)
    if user is None:
        return cell
    lo, hi = RATING_RANGE[user.rating]
    was = cell.rating
    detail = f"your rating: {user.rating} (was {was}: {cell.detail})"
    return Cell(
        cell.option, cell.criterion, lo, hi, "user", detail, (), cell.sources, user.note or ""
    )


def check_overrides(ctx: Context, origin: str) -> None:
    """Every override names a known option (and for ``direct``, a vendor it sells)."""
    known = {o.id: o for o in ctx.options}
    for i, o in enumerate(ctx.overrides):
        option = known.get(o.option)
        if option is None:
            raise ScenarioError(
                f"{origin}: overrides.{i}.option: unknown option {o.option!r}; "
                f"known: {sorted(known)}"
            )
        if o.vendor is not None and (option.kind != "direct" or o.vendor not in option.resells):
            raise ScenarioError(
                f"{origin}: overrides.{i}.vendor: {o.vendor!r} is not a vendor of "
                f"{o.option!r} (only the direct option is judged per vendor)"
            )


def build_cells(book: CriteriaBook, ctx: Context) -> list[Cell]:
    """Every option × criterion cell, overrides applied."""
    cells = []
    for option in ctx.options:
        for c in book.criteria:
            if c.derive or (c.derive_direct and option.kind == "direct"):
                cell = _derived_cell(option, c, ctx)
            elif option.kind == "direct":
                cell = _direct_cell(book, option, c, ctx)
            else:
                cell = _entry_cell(book, option, c)
            cells.append(cell if c.numeric else _apply_override(cell, ctx))
    return cells
