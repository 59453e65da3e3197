"""Shape a price catalog for display: models table, option facts, diff of two versions.

Pure (pandas + pricing); the Pricing tables page only renders what these functions return.
Prices stay in USD per million tokens, converted from ``Decimal`` to float64 here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final

import pandas as pd

from model import display
from pricing.diff import diff_catalogs, diff_options
from pricing.schema import Catalog, ModelPrice, Option

#: Columns of :func:`models_frame`, in display order.
MODEL_COLUMNS: Final = (
    "provider",
    "model_id",
    "display_name",
    "input",
    "output",
    "cache_read",
    "cache_write_5m",
    "cache_write_1h",
    "long_context_threshold",
    "long_context_input",
    "long_context_output",
    "batch_input",
    "batch_output",
    "context_window",
    "source_url",
    "checked",
    "notes",
    "openrouter_slug",
    "deprecated_on",
)
#: Columns of :func:`diff_frame`.
DIFF_COLUMNS: Final = (
    "provider",
    "model_id",
    "status",
    "field",
    "old",
    "new",
    "change",
    "direction",
)
#: Text columns a search query is matched against.
SEARCHED: Final = ("model_id", "display_name", "openrouter_slug", "aliases")


def _f(value: Decimal | None) -> float:
    return float("nan") if value is None else float(value)


def _model_row(m: ModelPrice) -> dict[str, object]:
    lc, batch = m.long_context, m.batch
    return {
        "provider": m.provider,
        "model_id": m.model_id,
        "display_name": m.display_name or "",
        "input": _f(m.input),
        "output": _f(m.output),
        "cache_read": _f(m.cache_read),
        "cache_write_5m": _f(m.cache_write_5m),
        "cache_write_1h": _f(m.cache_write_1h),
        "long_context_threshold": lc.threshold_tokens if lc else None,
        "long_context_input": _f(lc.input if lc else None),
        "long_context_output": _f(lc.output if lc else None),
        "batch_input": _f(batch.input if batch else None),
        "batch_output": _f(batch.output if batch else None),
        "context_window": m.context_window,
        "source_url": m.source.url,
        "checked": m.source.checked,
        "notes": m.notes or "",
        "openrouter_slug": m.openrouter_slug or "",
        "deprecated_on": m.deprecated_on,
        "aliases": " ".join(m.aliases),
    }


def models_frame(catalog: Catalog) -> pd.DataFrame:
    """One row per list-priced model, sorted by vendor then model id.

    Missing prices (no caching, no batch API, no long-context tier) are NaN, never 0.
    The extra ``aliases`` column (space-separated) only serves :func:`filter_models`.
    """
    rows = [_model_row(m) for m in catalog.models]
    frame = pd.DataFrame(rows, columns=[*MODEL_COLUMNS, "aliases"])
    for col in ("long_context_threshold", "context_window"):
        frame[col] = frame[col].astype("Int64")
    return frame.sort_values(["provider", "model_id"], ignore_index=True)


def vendors(catalogs: Iterable[Catalog]) -> list[str]:
    """Every vendor with a model in any of ``catalogs``, sorted."""
    return sorted({m.provider for c in catalogs for m in c.models})


def filter_models(frame: pd.DataFrame, providers: Sequence[str], query: str) -> pd.DataFrame:
    """Rows of the chosen vendors (all when none is chosen) whose id, display name,
    OpenRouter slug or an alias contains every word of ``query`` (case-insensitive)."""
    keep = pd.Series(True, index=frame.index)
    if providers:
        keep &= frame["provider"].isin(list(providers))
    words = query.lower().split()
    if words:
        haystack = frame[list(SEARCHED)].fillna("").astype(str).agg(" ".join, axis=1).str.lower()
        for word in words:
            keep &= haystack.str.contains(word, regex=False)
    return frame.loc[keep].reset_index(drop=True)


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _money(value: Decimal) -> str:
    return display.money(value, digits=0 if value == value.to_integral_value() else 2)


def _share(value: Decimal) -> str:
    return f"{_plain(value * 100)} %"


def option_facts(option: Option) -> list[tuple[str, str]]:
    """The buying terms of an option as (label, text) pairs, in reading order."""
    facts: list[tuple[str, str]] = [("Kind", option.kind)]
    if option.resells:
        facts.append(("Sells", ", ".join(option.resells)))
    if isinstance(option.discount, dict):
        per_vendor = ", ".join(f"{v} {_share(d)}" for v, d in sorted(option.discount.items()))
        facts.append(("Discount off list", per_vendor or "none"))
    else:
        facts.append(("Discount off list", _share(option.discount) if option.discount else "none"))
    for method, fee in sorted(option.purchase_fees.items()):
        text = _share(fee.percent)
        if fee.min_usd:
            text += f" (min {_money(fee.min_usd)})"
        facts.append((f"Fee per top-up ({method})", text))
    if option.min_topup_usd is not None:
        facts.append(("Minimum top-up", _money(option.min_topup_usd)))
    if option.byok is not None:
        facts.append(
            (
                "BYOK fee",
                f"{_share(option.byok.percent)} of list spend above "
                f"{_money(option.byok.free_allowance_usd)}/month",
            )
        )
    facts.append(("Batch API", "yes" if option.batch_api else "no"))
    if option.api_compatibility:
        facts.append(("API", ", ".join(option.api_compatibility)))
    if option.models:
        facts.append(("Own models", str(len(option.models))))
    return facts


def option_sources(option: Option) -> list[tuple[str, str]]:
    """(url, checked date) of every source behind an option, without duplicates."""
    sources = [*option.sources, *(f.source for f in option.purchase_fees.values())]
    if option.byok is not None:
        sources.append(option.byok.source)
    seen: dict[str, str] = {}
    for s in sources:
        seen.setdefault(s.url, s.checked.isoformat())
    return list(seen.items())


def _direction(old: Decimal | None, new: Decimal | None) -> str:
    if old is None:
        return "new price"
    if new is None:
        return "price dropped"
    return "cheaper" if new < old else "dearer" if new > old else "unchanged"


def diff_frame(old: Catalog, new: Catalog) -> pd.DataFrame:
    """Price changes from ``old`` to ``new``: one row per changed field of a model, one row
    per added or removed model. ``change`` is the relative change (−0.2 = 20 % cheaper),
    NaN when a side is missing or the old price is 0."""
    rows: list[dict[str, object]] = []
    for d in diff_catalogs(old, new):
        if d.status != "changed":
            rows.append(
                {
                    "provider": d.provider,
                    "model_id": d.model_id,
                    "status": d.status,
                    "field": "",
                    "old": None,
                    "new": None,
                    "change": None,
                    "direction": d.status,
                }
            )
            continue
        for c in d.changes:
            change = None
            if c.old is not None and c.new is not None and c.old != 0:
                change = float((c.new - c.old) / c.old)
            rows.append(
                {
                    "provider": d.provider,
                    "model_id": d.model_id,
                    "status": d.status,
                    "field": c.field,
                    "old": c.old,
                    "new": c.new,
                    "change": change,
                    "direction": _direction(c.old, c.new),
                }
            )
    frame = pd.DataFrame(rows, columns=list(DIFF_COLUMNS))
    for col in ("old", "new", "change"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    return frame


def field_label(field: str) -> str:
    """Readable name of a dotted price field: ``batch.long_context.cache_read`` →
    ``batch · long-context · cache read``."""
    words = {
        "long_context": "long-context",
        "threshold_tokens": "threshold",
        "per_request_usd": "per request",
        "cache_write_5m": "cache write 5m",
        "cache_write_1h": "cache write 1h",
        "cache_read": "cache read",
    }
    return " · ".join(words.get(part, part) for part in field.split("."))


def diff_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many rows of a :func:`diff_frame` go each direction (cheaper, dearer, added, ...)."""
    return {str(k): int(v) for k, v in frame["direction"].value_counts().items()}


def _term(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return _plain(value)
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    return str(value)


def option_diff_frame(old: Catalog, new: Catalog) -> pd.DataFrame:
    """Changed buying terms (fees, discounts, allowances, batch support), one row per term;
    values as display text because terms mix shares, amounts and flags."""
    rows = [
        {
            "option_id": d.option_id,
            "status": d.status,
            "term": term,
            "old": _term(before),
            "new": _term(after),
        }
        for d in diff_options(old, new)
        for term, before, after in d.changes
    ]
    return pd.DataFrame(rows, columns=["option_id", "status", "term", "old", "new"])
