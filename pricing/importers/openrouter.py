"""OpenRouter's own catalog (``GET /api/v1/models`` snapshot) → ``options/openrouter.yaml`` models.

OpenRouter passes Anthropic/OpenAI/Google models through at list price, which the catalog
already holds; what only it sells are the open and third-party models (Llama, DeepSeek,
Qwen, Mistral, Grok, Kimi, GLM …). Those become the option's ``models`` so usage of them
is priced on OpenRouter and reported unpriced on ``direct``.

Skipped, and why: ``:free`` and other ``:variant`` ids (free is a usage-row flag, variants
are resolved by name normalization), the three direct vendors, OpenRouter's own routers
(``openrouter/…``, ``~…`` aliases) and entries with zero, negative or ``-1`` (variable)
prices, which cannot be list prices.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pricing.errors import CatalogError
from pricing.schema import ModelPrice, Option, Source

MODELS_API_URL = "https://openrouter.ai/api/v1/models"
DIRECT_VENDORS = frozenset({"anthropic", "openai", "google"})
PROVIDER_MAP: Mapping[str, str] = {
    "meta-llama": "meta",
    "mistralai": "mistral",
    "x-ai": "xai",
    "z-ai": "zhipu",
}
SKIP_PREFIXES = frozenset({"openrouter"})


def provider_of(slug: str) -> str:
    """Vendor of an OpenRouter slug: its prefix, with OpenRouter's spellings mapped."""
    prefix = slug.split("/", 1)[0].lower()
    return PROVIDER_MAP.get(prefix, prefix)


def _per_mtok(value: Any) -> Decimal | None:
    """USD/token string → USD/MTok; None for absent, non-numeric, zero or negative."""
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value)) * 1_000_000
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount <= 0:
        return None
    normal = amount.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def load_snapshot(path: Path) -> list[dict[str, Any]]:
    """The ``data`` list of a models-API response body."""
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogError(f"{path}: not an OpenRouter models response ({exc})") from None
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list):
        raise CatalogError(f"{path}: data: expected the list of models of /api/v1/models")
    return [m for m in data if isinstance(m, dict)]


def model_from_entry(entry: Mapping[str, Any], as_of: dt.date, note: str) -> ModelPrice | None:
    """One models-API entry → :class:`ModelPrice`, or None when it is skipped (see module)."""
    slug = entry.get("id")
    if not isinstance(slug, str) or "/" not in slug or ":" in slug or slug.startswith("~"):
        return None
    prefix = slug.split("/", 1)[0].lower()
    if prefix in DIRECT_VENDORS or prefix in SKIP_PREFIXES:
        return None
    pricing = entry.get("pricing")
    if not isinstance(pricing, Mapping):
        return None
    prompt, completion = _per_mtok(pricing.get("prompt")), _per_mtok(pricing.get("completion"))
    if prompt is None or completion is None:
        return None
    top = entry.get("top_provider") if isinstance(entry.get("top_provider"), Mapping) else {}
    context = entry.get("context_length")
    max_out = top.get("max_completion_tokens") if isinstance(top, Mapping) else None
    expires = entry.get("expiration_date")
    try:
        return ModelPrice(
            model_id=slug,
            provider=provider_of(slug),
            display_name=entry.get("name") if isinstance(entry.get("name"), str) else None,
            openrouter_slug=slug,
            aliases=_aliases(entry, slug),
            input=prompt,
            output=completion,
            cache_read=_per_mtok(pricing.get("input_cache_read")),
            cache_write_5m=_per_mtok(pricing.get("input_cache_write")),
            context_window=context if isinstance(context, int) and context > 0 else None,
            max_output_tokens=max_out if isinstance(max_out, int) and max_out > 0 else None,
            deprecated_on=dt.date.fromisoformat(expires[:10]) if isinstance(expires, str) else None,
            source=Source(url=MODELS_API_URL, checked=as_of, dataset=note),
        )
    except (ValidationError, ValueError):
        return None


def _aliases(entry: Mapping[str, Any], slug: str) -> tuple[str, ...]:
    canonical = entry.get("canonical_slug")
    return (canonical,) if isinstance(canonical, str) and canonical and canonical != slug else ()


def import_openrouter(path: Path, as_of: dt.date) -> list[ModelPrice]:
    """Models only OpenRouter sells, from a models-API snapshot, sorted by provider and id."""
    note = f"OpenRouter /api/v1/models snapshot of {as_of} ({path.name})"
    models = [m for e in load_snapshot(path) if (m := model_from_entry(e, as_of, note))]
    seen: set[str] = set()
    unique = []
    for m in sorted(models, key=lambda m: (m.provider, m.model_id)):
        if m.model_id not in seen:
            seen.add(m.model_id)
            unique.append(m)
    return unique


def with_models(option: Option, models: list[ModelPrice]) -> Option:
    """The option with its own catalog replaced (everything else unchanged)."""
    if option.kind != "aggregator":
        raise CatalogError(f"option {option.id!r}: kind: models can only be set on an aggregator")
    return Option.model_validate(
        {**option.model_dump(), "models": [m.model_dump() for m in models]}
    )
