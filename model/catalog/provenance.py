"""Status and provenance of prices for display: a model's lifecycle status, and where each
price comes from kept apart from the dataset it was imported from and from when someone
last read the vendor's page (flagged after :data:`STALE_AFTER_DAYS`).

Pure (no streamlit); the Pricing tables page renders what these return.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from pricing.schema import Lifecycle, ModelPrice, Option, Source

#: A price whose vendor page nobody has read for longer than this is flagged.
STALE_AFTER_DAYS: Final = 60


def status(life: Lifecycle | None, today: dt.date) -> str:
    """``current``, ``deprecated since D``, ``retires D`` or ``retired D`` (as of today)."""
    if life is None:
        return "current"
    state = life.status(today)
    if state == "retired":
        return f"retired {life.retires}"
    if state == "retiring":
        tentative = " (tentative)" if life.tentative else ""
        since = f"deprecated {life.deprecated}, " if life.deprecated else ""
        return f"{since}retires {life.retires}{tentative}"
    if state == "deprecated":
        return f"deprecated since {life.deprecated}"
    return "current"


def read_flag(source: Source, today: dt.date) -> str:
    """Empty when the vendor page was read in the last 60 days, else why it is flagged."""
    days = source.unread_for(today)
    if days is None:
        return "vendor page never read"
    if days > STALE_AFTER_DAYS:
        return f"vendor page not read for {days} days"
    return ""


def caveats(model: ModelPrice) -> str:
    """The price's caveat and the fields no source confirms, as one sentence."""
    parts = [model.caveat] if model.caveat else []
    if model.unconfirmed:
        parts.append(f"Unconfirmed: {', '.join(model.unconfirmed)}.")
    return " ".join(parts)


def model_columns(model: ModelPrice, today: dt.date) -> dict[str, object]:
    """The status and provenance cells of one model's row."""
    life = model.lifecycle
    return {
        "status": status(life, today),
        "successor": (life.successor if life else None) or "",
        "price_from": model.price_from,
        "dataset": model.source.dataset or "",
        "read_on": model.source.read_on,
        "read_flag": read_flag(model.source, today),
        "caveats": caveats(model),
    }


def option_sources(option: Option, today: dt.date) -> list[tuple[str, str]]:
    """(url, "checked D · page read …") of every source behind an option, without
    duplicates; a page not read in 60 days says so."""
    sources = [*option.sources, *(f.source for f in option.purchase_fees.values())]
    if option.byok is not None:
        sources.append(option.byok.source)
    if option.beta_batch_api is not None:
        sources.append(option.beta_batch_api.source)
    seen: dict[str, str] = {}
    for s in sources:
        read = f"read {s.read_on}" if s.read_on else "page never read"
        flag = read_flag(s, today)
        note = f"checked {s.checked} · {read}" + (" ⚑" if flag else "")
        seen.setdefault(s.url, note)
    return list(seen.items())
