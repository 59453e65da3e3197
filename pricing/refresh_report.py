"""What a refresh found (:class:`Report`), the review a maintainer reads, and (``--write``)
the updated history files — validated as a whole before anything is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pricing.diff import PriceChange, format_value
from pricing.history import MODELS_DIR, History, ModelHistory, PriceEntry, ProviderFile
from pricing.loader import OPTIONS_DIR
from pricing.schema import Lifecycle, Option
from pricing.yamlio import history_yaml, option_yaml, write_text

Kind = Literal["new model", "price change", "stated price", "lifecycle"]


@dataclass(frozen=True)
class Proposal:
    """One change the refresh would write."""

    provider: str
    model_id: str
    kind: Kind
    changes: tuple[PriceChange, ...] = ()
    entry: PriceEntry | None = None
    lifecycle: Lifecycle | None = None
    display_name: str | None = None


@dataclass(frozen=True)
class Disagreement:
    """A price on which ours, litellm and genai-prices do not all agree."""

    model_id: str
    field: str
    ours: Decimal | None
    litellm: Decimal | None
    genai: Decimal | None
    settled_by: str | None  # the decision or review that settles it, if any
    litellm_lists: bool = True  # False: litellm has no entry for the model


@dataclass
class Report:
    """Everything the review prints; ``proposals`` are what ``--write`` applies."""

    as_of: dt.date
    sources: list[str] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    by_hand: list[str] = field(default_factory=list)
    not_listed: list[str] = field(default_factory=list)
    openrouter: Option | None = None
    openrouter_summary: str | None = None


def describe_changes(changes: Iterable[PriceChange]) -> str:
    """``input $2 → $4, output $10 → $20`` (USD per million tokens)."""
    return ", ".join(
        f"{c.field} {format_value(c.field, c.old)} → {format_value(c.field, c.new)}"
        for c in changes
    )


def plain_prices(prices: Mapping[str, Decimal | None]) -> str:
    return ", ".join(f"{k} {format_value(k, v)}" for k, v in prices.items() if v is not None)


def review_lines(report: Report) -> list[str]:
    """The review, section by section (empty sections say so)."""
    lines = [f"Price refresh as of {report.as_of} from: {'; '.join(report.sources)}", ""]
    lines.append(f"Proposed changes ({len(report.proposals)}):")
    for p in report.proposals:
        lines.append(f"  {_proposal(p)}")
    if not report.proposals:
        lines.append("  none: the history already says what the datasets say")
    lines.append("")
    lines.append(f"Prices where the sources disagree ({len(report.disagreements)}):")
    for d in report.disagreements:
        settled = f" — {d.settled_by}" if d.settled_by else " — NOT settled: review it"
        litellm = format_value(d.field, d.litellm) if d.litellm_lists else "not listed"
        values = (
            f"ours {format_value(d.field, d.ours)}, litellm {litellm}, "
            f"genai-prices {format_value(d.field, d.genai)}"
        )
        lines.append(f"  {d.model_id} {d.field}: {values}{settled}")
    lines.append("")
    lines.append(f"Reviewed decisions kept ({len(report.kept)}):")
    lines.extend(f"  {k}" for k in report.kept)
    if report.by_hand:
        lines.append("")
        lines.append(
            "Dated changes another dataset records and the history lacks "
            f"({len(report.by_hand)}); add them by hand after reading the vendor page:"
        )
        lines.extend(f"  {b}" for b in report.by_hand)
    if report.not_listed:
        lines.append("")
        lines.append(
            "Priced here, not in the litellm dataset (retired there, or newer than it): "
            + ", ".join(report.not_listed)
        )
    if report.openrouter_summary:
        lines.append("")
        lines.append(report.openrouter_summary)
    return lines


def _proposal(p: Proposal) -> str:
    if p.kind == "lifecycle" and p.lifecycle is not None:
        life = p.lifecycle
        return (
            f"~ {p.model_id}: lifecycle retires {life.retires or '—'}, "
            f"successor {life.successor or '—'}"
        )
    assert p.entry is not None
    day, what = p.entry.from_, describe_changes(p.changes)
    if p.kind == "new model":
        return f"+ {p.model_id} ({p.provider}): new model, first price from {day}: {what}"
    if p.kind == "stated price":
        return f"~ {p.model_id}: prices stated where there were none (entry of {day}): {what}"
    return (
        f"~ {p.model_id}: new price from {day} (the dataset's date; move it to the vendor's "
        f"date if one is published): {what}"
    )


def _apply_model(models: dict[str, ModelHistory], p: Proposal) -> None:
    if p.kind == "lifecycle":
        models[p.model_id] = models[p.model_id].model_copy(update={"lifecycle": p.lifecycle})
        return
    assert p.entry is not None
    current = models.get(p.model_id)
    if current is None or current.unpublished is not None:
        models[p.model_id] = ModelHistory(
            model_id=p.model_id,
            display_name=p.display_name or (current.display_name if current else None),
            vendor_model_id=p.model_id,
            lifecycle=current.lifecycle if current else None,
            prices=(p.entry,),
        )
        return
    kept = [e for e in current.prices if e.from_ != p.entry.from_]
    entries = sorted([*kept, p.entry], key=lambda e: e.from_)
    models[p.model_id] = current.model_copy(update={"prices": tuple(entries)})


def apply(history: History, report: Report) -> list[Path]:
    """Write the proposals; every file is validated (and the whole history folded) first."""
    files: dict[str, dict[str, ModelHistory]] = {
        pf.provider: {m.model_id: m for m in pf.models} for pf in history.providers
    }
    for p in report.proposals:
        _apply_model(files.setdefault(p.provider, {}), p)
    providers = tuple(
        ProviderFile(provider=provider, models=tuple(sorted(models.values(), key=_key)))
        for provider, models in files.items()
    )
    options = tuple(
        report.openrouter if report.openrouter is not None and o.id == "openrouter" else o
        for o in history.options
    )
    updated = History(history.index, providers, options, history.root)
    for day in updated.version_dates():
        updated.catalog(day)  # raises CatalogError naming the version if anything clashes
    written: list[Path] = []
    for pf in providers:
        path = history.root / MODELS_DIR / f"{pf.provider}.yaml"
        write_text(path, history_yaml(pf))
        written.append(path)
    if report.openrouter is not None:
        path = history.root / OPTIONS_DIR / "openrouter.yaml"
        write_text(path, option_yaml(report.openrouter))
        written.append(path)
    return written


def _key(model: ModelHistory) -> str:
    return model.model_id
