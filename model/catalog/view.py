"""Shape a price catalog for display: models table (with status and provenance), diff of
two versions. Option terms: :mod:`model.catalog.options`.

Pure (pandas + pricing); the Pricing tables page only renders what these functions return.
Prices stay in USD per million tokens, converted from ``Decimal`` to float64 here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final

import pandas as pd

from model.catalog import provenance
from pricing.diff import diff_catalogs
from pricing.schema import Catalog, ModelPrice, UnpricedModel
from pricing.versions import today as today_utc

#: Columns of :func:`models_frame`, in display order.
MODEL_COLUMNS: Final = (
    "provider",
    "model_id",
    "display_name",
    "status",
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
    "successor",
    "price_from",
    "caveats",
    "source_url",
    "dataset",
    "read_on",
    "read_flag",
    "checked",
    "notes",
    "openrouter_slug",
    "deprecated_on",
)
#: Price cells of :func:`models_frame` (USD per million tokens; NaN where not offered).
PRICE_COLUMNS: Final = (
    "input",
    "output",
    "cache_read",
    "cache_write_5m",
    "cache_write_1h",
    "long_context_input",
    "long_context_output",
    "batch_input",
    "batch_output",
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


def _model_row(m: ModelPrice, today: dt.date) -> dict[str, object]:
    lc, batch = m.long_context, m.batch
    return provenance.model_columns(m, today) | {
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


def _unpriced_row(m: UnpricedModel, today: dt.date) -> dict[str, object]:
    """A model known without a published price: every price cell empty, the reason said."""
    return {
        "provider": m.provider,
        "model_id": m.model_id,
        "display_name": m.display_name or "",
        "status": "price not published",
        "caveats": m.reason,
        "source_url": m.source.url,
        "checked": m.source.checked,
        "read_flag": provenance.read_flag(m.source, today),
        "aliases": " ".join(m.aliases),
    }


def models_frame(catalog: Catalog, today: dt.date | None = None) -> pd.DataFrame:
    """One row per list-priced model (and per model whose price is not published), sorted
    by vendor then model id; status and provenance as of ``today``.

    Missing prices (no caching, no batch API, no long-context tier) are NaN, never 0.
    The extra ``aliases`` column (space-separated) only serves :func:`filter_models`.
    """
    today = today or today_utc()
    rows = [_model_row(m, today) for m in catalog.models]
    rows += [_unpriced_row(m, today) for m in catalog.unpriced]
    frame = pd.DataFrame(rows, columns=[*MODEL_COLUMNS, "aliases"])
    for col in ("long_context_threshold", "context_window"):
        frame[col] = frame[col].astype("Int64")
    for col in PRICE_COLUMNS:
        frame[col] = frame[col].astype("float64")
    for col in ("display_name", "successor", "caveats", "dataset", "read_flag", "notes"):
        frame[col] = frame[col].fillna("")
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


def flagged(frame: pd.DataFrame) -> int:
    """Rows whose vendor pricing page was not read in the last 60 days (or never)."""
    return int((frame["read_flag"] != "").sum())


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
    ``batch long-context cache read`` (read in a comma-separated list of changes, a dot
    between the words looked like another separator)."""
    words = {
        "long_context": "long-context",
        "threshold_tokens": "threshold",
        "per_request_usd": "per request",
        "cache_write_5m": "cache write 5m",
        "cache_write_1h": "cache write 1h",
        "cache_read": "cache read",
    }
    return " ".join(words.get(part, part) for part in field.split("."))


def diff_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many rows of a :func:`diff_frame` go each direction (cheaper, dearer, added, ...)."""
    return {str(k): int(v) for k, v in frame["direction"].value_counts().items()}
