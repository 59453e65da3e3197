"""pydantic/genai-prices provider files (``prices/providers/<provider>.yml``) → per-model
prices on a date, for comparison with our history (the refresh review and the cross-check
test).

genai-prices records dated price lists: a model's ``prices`` is either one mapping or a
list of ``{constraint: {start_date}, prices}``, so it can say what was in force on a day.
Only base input/output, cache read/write and the long-context tier are read (it has no batch
prices). A field it does not state is absent from the result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from pricing.errors import CatalogError

Prices = dict[str, Decimal | None]
_FIELDS = {
    "input_mtok": "input",
    "output_mtok": "output",
    "cache_read_mtok": "cache_read",
    "cache_write_mtok": "cache_write_5m",
    "cache_write_1h_mtok": "cache_write_1h",
}


def load_provider(path: Path) -> dict[str, Any]:
    """Parse one provider file (a mapping with a ``models`` list)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
        raise CatalogError(f"{path}: not a genai-prices provider file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("models"), list):
        raise CatalogError(f"{path}: models: expected the list of a genai-prices provider file")
    return data


def _match(rule: Mapping[str, Any], name: str) -> bool:
    for key, value in rule.items():
        if key == "or":
            return any(_match(r, name) for r in value)
        if key == "and":
            return all(_match(r, name) for r in value)
        if key == "equals":
            return bool(name == value)
        if key == "starts_with":
            return name.startswith(value)
        if key == "ends_with":
            return name.endswith(value)
        if key == "contains":
            return value in name
        if key == "regex":
            return re.search(value, name) is not None
    return False


def _start(entry: Mapping[str, Any]) -> dt.date | None:
    start = (entry.get("constraint") or {}).get("start_date")
    return None if start is None else dt.date.fromisoformat(str(start))


def _raw_on(model: Mapping[str, Any], day: dt.date) -> Mapping[str, Any]:
    prices = model["prices"]
    if isinstance(prices, Mapping):
        return prices
    chosen: Mapping[str, Any] = {}
    for entry in prices:  # list of {constraint: {start_date}, prices}
        start = _start(entry)
        if start is None or start <= day:
            chosen = entry["prices"]
    return chosen


def step_dates(model: Mapping[str, Any]) -> list[dt.date]:
    """The dates on which genai-prices says this model's price changes."""
    prices = model["prices"]
    if isinstance(prices, Mapping):
        return []
    return sorted(d for e in prices if (d := _start(e)) is not None)


def _dec(value: Any) -> Decimal:
    return Decimal(str(value)).normalize()


def prices_on(model: Mapping[str, Any], day: dt.date) -> Prices:
    """Our field names → genai-prices' price on ``day`` (long-context tier included)."""
    raw = _raw_on(model, day)
    out: Prices = {}
    tier: Prices = {}
    for key, field in _FIELDS.items():
        value = raw.get(key)
        if isinstance(value, Mapping):
            out[field] = _dec(value["base"])
            (first,) = value["tiers"][:1]
            tier["threshold_tokens"] = Decimal(first["start"])
            tier[field] = _dec(first["price"])
        elif value is not None:
            out[field] = _dec(value)
    out["long_context.threshold_tokens"] = tier.get("threshold_tokens")
    out["long_context.input"] = tier.get("input")
    out["long_context.output"] = tier.get("output")
    return out


def find_model(
    data: Mapping[str, Any], model_id: str, resolve: Callable[[str], str | None]
) -> Mapping[str, Any] | None:
    """The entry for ``model_id``: one whose matcher accepts it *and* whose own id resolves
    to it (its prefix matchers would otherwise price an unknown model as its family)."""
    for model in data["models"]:
        if _match(model["match"], model_id) and resolve(model["id"]) == model_id:
            return model  # type: ignore[no-any-return]
    return None
