"""Readers for other projects' price datasets, reduced to comparable per-model numbers.

Only what the cross-check test needs: base input/output, cache read/write prices and the
long-context tier, in USD per million tokens as exact Decimals. A field a dataset does
not state is absent (not compared); a field it states as "no price" is absent too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pricing.importers import genai_prices as gp
from pricing.names import NameResolver

Prices = dict[str, Decimal | None]


@cache
def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


@cache
def _json(path: Path) -> Any:
    return json.loads(path.read_text())


MILLION = Decimal(1_000_000)


def _dec(value: Any, scale: Decimal = Decimal(1)) -> Decimal:
    return (Decimal(str(value)) * scale).normalize()


# ---------------------------------------------------------------- genai-prices (YAML)


def genai_prices(
    folder: Path, provider_file: str, model_id: str, day: dt.date, resolver: NameResolver
) -> Prices | None:
    """Prices genai-prices gives ``model_id`` on ``day``; None when it has no entry whose own
    id is this model (the reader lives in :mod:`pricing.importers.genai_prices`)."""
    data = _provider(folder / provider_file)
    model = gp.find_model(data, model_id, lambda name: resolver.resolve(name).model_id)
    return None if model is None else gp.prices_on(model, day)


@cache
def _provider(path: Path) -> dict[str, Any]:
    return gp.load_provider(path)


# ---------------------------------------------------------------- langfuse (JSON)


def _lf_model(models: list[Mapping[str, Any]], model_id: str) -> Mapping[str, Any] | None:
    for model in models:
        if model["modelName"] == model_id:
            return model
    for model in models:
        if re.match(model["matchPattern"], model_id):
            return model
    return None


def _lf_fields(prices: Mapping[str, Any]) -> Prices:
    def first(*keys: str) -> Decimal | None:
        for key in keys:
            if prices.get(key) is not None:
                return _dec(prices[key], MILLION)
        return None

    out: Prices = {"input": first("input"), "output": first("output")}
    cache_read = first("input_cached_tokens", "input_cache_read", "cache_read_input_tokens")
    if cache_read is not None:
        out["cache_read"] = cache_read
    write_5m = first("input_cache_creation_5m", "input_cache_creation", "input_cache_write")
    if write_5m is not None:
        out["cache_write_5m"] = write_5m
    write_1h = first("input_cache_creation_1h")
    if write_1h is not None:
        out["cache_write_1h"] = write_1h
    return out


def langfuse(path: Path, model_id: str, resolver: NameResolver) -> Prices | None:
    models = _json(path)
    model = _lf_model(models, model_id)
    if model is None or resolver.resolve(model["modelName"]).model_id != model_id:
        return None
    tiers = model["pricingTiers"]
    default = next(t for t in tiers if t["isDefault"])
    out = _lf_fields(default["prices"])
    out["long_context.threshold_tokens"] = None
    out["long_context.input"] = None
    out["long_context.output"] = None
    for tier in tiers:
        conditions = tier["conditions"]
        if tier["isDefault"] or any(c.get("source") == "model_parameters" for c in conditions):
            continue
        gt = [c for c in conditions if c.get("operator") == "gt"]
        if len(gt) == 1:
            fields = _lf_fields(tier["prices"])
            out["long_context.threshold_tokens"] = Decimal(gt[0]["value"])
            out["long_context.input"] = fields["input"]
            out["long_context.output"] = fields["output"]
    return out


# ---------------------------------------------------------------- portkey (JSON, cents/token)

CENTS = Decimal(10_000)  # US cents per token → USD per million tokens


def portkey(path: Path, model_id: str) -> Prices | None:
    data = _json(path)
    entry = data.get(model_id)
    if entry is None:
        for suffix in ("-lte-200k", "-lte-128k"):
            entry = data.get(model_id + suffix)
            if entry is not None:
                break
    if entry is None:
        return None
    payg = (entry.get("pricing_config") or {}).get("pay_as_you_go") or {}

    def price(key: str) -> Decimal | None:
        value = (payg.get(key) or {}).get("price")
        return None if value is None else _dec(value, CENTS)

    out: Prices = {"input": price("request_token"), "output": price("response_token")}
    if price("cache_read_input_token") is not None:
        out["cache_read"] = price("cache_read_input_token")
    if price("cache_write_input_token") is not None:
        out["cache_write_5m"] = price("cache_write_input_token")
    one_hour = ((payg.get("additional_units") or {}).get("cache_write_1h") or {}).get("price")
    if one_hour is not None:
        out["cache_write_1h"] = _dec(one_hour, CENTS)
    return out
