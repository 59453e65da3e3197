"""Lifecycle warnings: which models of a workload or a log are retired, retiring, deprecated
or unpriced over a period — naming the date and, where the vendor names one, the successor.

Pure (stdlib only), so the calculator, the upload page and the CLI say the same thing.
Lifecycle dates are not price versions: a retired model keeps its last price in every
version, and the warning says that its days after retirement are priced at that price.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pricing.schema import Catalog, Lifecycle, ModelPrice, UnpricedModel

Kind = Literal["retired", "retiring", "deprecated", "unpublished"]


@dataclass(frozen=True)
class LifecycleWarning:
    """One model's lifecycle fact that matters over the period asked about."""

    model_id: str
    kind: Kind
    day: dt.date | None  # retirement (or deprecation) date; None for an unpublished price
    successor: str | None
    last_price_from: dt.date | None  # when the price it keeps took effect
    message: str


def _newest(catalogs: Iterable[Catalog], model_id: str) -> ModelPrice | UnpricedModel | None:
    found: ModelPrice | UnpricedModel | None = None
    for catalog in catalogs:  # oldest first: the newest catalog that knows the model wins
        found = catalog.model(model_id) or catalog.unpriced_model(model_id) or found
    return found


def _successor(life: Lifecycle) -> str:
    return f"; the vendor names {life.successor} as its successor" if life.successor else ""


def _warning(model: ModelPrice, start: dt.date, end: dt.date) -> LifecycleWarning | None:
    life = model.lifecycle
    if life is None:
        return None
    kept = model.price_from
    price = f" (its price from {kept})" if kept else ""
    if life.retires is not None and life.retires <= end:
        since = f" (deprecated since {life.deprecated})" if life.deprecated else ""
        if life.retires <= start:
            kind: Kind = "retired"
            what = f"{model.model_id} was retired on {life.retires}{since}"
        else:
            kind = "retiring"
            when = f"{life.retires} (a tentative date)" if life.tentative else str(life.retires)
            # The period named: on the upload page it runs from an old log into a projection,
            # and "inside the period" read as inside the log.
            what = f"{model.model_id}{since} retires on {when}, within {start} … {end}"
        return LifecycleWarning(
            model.model_id,
            kind,
            life.retires,
            life.successor,
            kept,
            f"{what}{_successor(life)}. Its days from {life.retires} on are still priced at "
            f"its last price{price}, so the comparison stays visible; the vendor no longer "
            "serves it then.",
        )
    if life.deprecated is not None and life.deprecated <= end and life.retires is None:
        return LifecycleWarning(
            model.model_id,
            "deprecated",
            life.deprecated,
            life.successor,
            kept,
            f"{model.model_id} is deprecated since {life.deprecated}{_successor(life)}; no "
            "shutdown date is announced.",
        )
    return None


def lifecycle_warnings(
    catalogs: Iterable[Catalog], model_ids: Iterable[str], start: dt.date, end: dt.date
) -> list[LifecycleWarning]:
    """Warnings for ``model_ids`` used from ``start`` to ``end`` (inclusive), in id order.

    * retired on or before ``start``, or retiring by ``end``: the date, the successor and
      that its days after that date are priced at its last price;
    * deprecated by ``end`` with no shutdown date: the date and the successor;
    * known but with no published price: the reason (it is reported unpriced, never $0).

    Ids the catalogs do not know are left to the engine's "unknown model" report.
    """
    catalogs = tuple(catalogs)
    out: list[LifecycleWarning] = []
    for model_id in sorted(set(model_ids)):
        model = _newest(catalogs, model_id)
        if isinstance(model, UnpricedModel):
            out.append(
                LifecycleWarning(
                    model_id, "unpublished", None, None, None, f"{model_id}: {model.reason}"
                )
            )
        elif model is not None and (warning := _warning(model, start, end)) is not None:
            out.append(warning)
    return out
