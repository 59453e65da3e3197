"""What each call cost at list price, from the price data in force today, with the same
engine that re-prices logs (``model.engine.costing.cost_usage`` on canonical rows).

The list price is the vendor's (the ``direct`` option's); a model direct does not sell is
priced at the first option that sells it. A model no catalog knows gets ``None`` and a
note — never $0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from model.engine import columns as c
from model.engine.costing import cost_usage
from model.engine.frame import canonical_frame
from model.engine.normalize import normalize_models
from model.live.call import CallResult
from pricing.names import NameResolver
from pricing.specs import BY_DATE
from pricing.versions import PriceBook


@dataclass(frozen=True)
class Pricing:
    """How a set of calls was priced: model id, version, option whose list price applied."""

    model_id: str | None
    version: str | None
    option: str | None
    note: str = ""


def resolve_model(names: Sequence[str | None], resolver: NameResolver) -> str | None:
    """The first name (served model, then requested) that the price data knows."""
    for name in names:
        if name:
            found = resolver.resolve(name).model_id
            if found:
                return found
    return None


def price_calls(
    calls: Sequence[CallResult],
    requested_model: str,
    book: PriceBook,
    *,
    resolver: NameResolver | None = None,
    now: dt.datetime | None = None,
) -> Pricing:
    """Set ``cost_usd`` on every call that has tokens; return how they were priced."""
    resolver = resolver or NameResolver.from_book(book)
    priced = [r for r in calls if r.tokens is not None]
    served = next((r.served_model for r in priced if r.served_model), None)
    model_id = resolve_model([served, requested_model], resolver)
    if model_id is None:
        return Pricing(
            None, None, None, f"{requested_model!r} is not in the price data: no list cost"
        )
    if not priced:
        return Pricing(model_id, None, None)
    when = (now or dt.datetime.now(dt.UTC)).replace(tzinfo=None)
    frame = canonical_frame(
        {
            c.TIMESTAMP: [when] * len(priced),
            c.MODEL: [model_id] * len(priced),
            c.INPUT: [float(r.tokens.input) for r in priced],  # type: ignore[union-attr]
            c.CACHE_READ: [float(r.tokens.cache_read) for r in priced],  # type: ignore[union-attr]
            c.CACHE_WRITE_5M: [float(r.tokens.cache_write_5m) for r in priced],  # type: ignore[union-attr]
            c.CACHE_WRITE_1H: [float(r.tokens.cache_write_1h) for r in priced],  # type: ignore[union-attr]
            c.OUTPUT: [float(r.tokens.output) for r in priced],  # type: ignore[union-attr]
            c.REASONING: [float(r.tokens.reasoning) for r in priced],  # type: ignore[union-attr]
        }
    )
    # Each call is priced by the version in force on its day: today's prices.
    costing = cost_usage(normalize_models(frame, resolver), book, pricing=BY_DATE)
    order = ["direct"] + [o.id for o in costing.options if o.id != "direct"]
    for option_id in order:
        if option_id not in {o.id for o in costing.options}:
            continue
        cost = costing.option(option_id).list_cost
        if np.isfinite(cost).all():
            for call, value in zip(priced, cost, strict=True):
                call.cost_usd = float(value)
            version = costing.versions_used[0] if costing.versions_used else None
            return Pricing(model_id, version, option_id)
    return Pricing(model_id, None, None, f"no option sells {model_id}: no list cost")
