"""Re-price a usage log under every option and summarize it as the ``reprice --json``
contract of DESIGN §5 (also what the upload page shows)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from model import columns as c
from model.adjustments import OptionAssumptions
from model.costing import Costing, cost_usage
from model.normalize import normalize_models
from pricing.names import NameResolver
from pricing.versions import BY_DATE, PriceBook


def _iso_ms(ts: pd.Timestamp) -> str:
    return ts.tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def reprice_frame(
    frame: pd.DataFrame,
    book: PriceBook,
    *,
    pricing: str | None = BY_DATE,
    assumptions: dict[str, OptionAssumptions] | None = None,
    resolver: NameResolver | None = None,
) -> Costing:
    """Normalize model names, then cost every row under every option."""
    resolver = resolver or NameResolver.from_book(book)
    return cost_usage(
        normalize_models(frame, resolver), book, pricing=pricing, assumptions=assumptions
    )


def summary(
    costing: Costing,
    *,
    fmt: str,
    rows: int,
    read_warnings: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The JSON object of ``python -m model reprice --json`` (unrounded numbers)."""
    frame = costing.frame
    known = costing.priced
    lay = costing.layout
    requests = frame[c.REQUESTS]
    tokens = {key: float(frame[col].to_numpy()[known].sum()) for col, key in c.TOKEN_KEYS.items()}
    reported = frame[c.REPORTED_COST]
    direct = next((o for o in costing.options if o.kind == "direct"), None)
    models: dict[str, Any] = {}
    codes = lay.model_code[known]
    counts = np.bincount(codes, minlength=len(lay.model_ids))
    direct_cost = (
        np.bincount(
            codes, weights=np.nan_to_num(direct.token_cost[known]), minlength=len(lay.model_ids)
        )
        if direct is not None
        else None
    )
    direct_sold = (
        np.bincount(
            codes,
            weights=direct.list_cost[known] == direct.list_cost[known],
            minlength=len(lay.model_ids),
        )
        if direct is not None
        else None
    )
    for i in np.flatnonzero(counts):
        sold = direct_sold is not None and direct_sold[i] > 0
        models[lay.model_ids[i]] = {
            "rows": int(counts[i]),
            "direct_token_cost_usd": float(direct_cost[i])
            if sold and direct_cost is not None
            else None,
        }
    options = []
    for o in costing.options:
        entry: dict[str, Any] = {
            "id": o.id,
            "kind": o.kind,
            "token_cost_usd": o.token_cost_usd,
            "discount_usd": o.discount_usd,
            "fees_usd": o.fees_usd,
            "total_usd": o.total_usd,
            "unpriced": o.unpriced,
        }
        if o.kind == "direct":
            entry["vendors"] = o.vendors
        options.append(entry)
    ts = frame[c.TIMESTAMP]
    return {
        "format": fmt,
        "pricing_version": costing.pricing,
        "versions_used": list(costing.versions_used),
        "rows": rows,
        "requests": None if requests.isna().all() else float(requests.sum()),
        "period": {
            "start": _iso_ms(ts.min()) if len(ts) else None,
            "end": _iso_ms(ts.max()) if len(ts) else None,
        },
        "tokens": tokens,
        "unpriced": costing.unpriced,
        "reported_cost_usd": None if reported.isna().all() else float(reported.sum()),
        "models": models,
        "options": options,
        "warnings": [*read_warnings, *costing.warnings],
    }
