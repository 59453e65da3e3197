"""Re-price a usage log under every option and summarize it as the ``reprice --json``
contract of DESIGN §5 (also what the upload page shows)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from model.engine.adjustments import OptionAssumptions
from model.engine.costing import Costing, cost_usage
from model.engine.normalize import normalize_models
from model.engine.totals import Totals
from pricing.names import NameResolver
from pricing.specs import BY_DATE
from pricing.versions import PriceBook


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
    assumptions: dict[str, OptionAssumptions] | None = None,
) -> dict[str, Any]:
    """The JSON object of ``python -m model reprice --json`` (unrounded numbers)."""
    totals = Totals.from_costing(costing, fmt=fmt, rows=rows, read_warnings=read_warnings)
    return totals.to_json(assumptions)
