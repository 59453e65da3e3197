"""Small hand-written catalogs with round prices, so expected costs are easy to work out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pricing.schema import Catalog, ModelPrice, Option
from pricing.versions import PriceBook

SRC = {"url": "https://example.test/pricing", "checked": "2026-01-01"}
FEE_SRC = {"url": "https://example.test/fees", "checked": "2026-01-01"}


def model(model_id: str, provider: str, inp: str, out: str, **extra: Any) -> ModelPrice:
    return ModelPrice.model_validate(
        {"model_id": model_id, "provider": provider, "input": inp, "output": out, "source": SRC}
        | extra
    )


def options(discount: str = "0.20") -> list[Option]:
    return [
        Option.model_validate(
            {
                "id": "direct",
                "kind": "direct",
                "name": "Direct",
                "batch_api": True,
                "resells": ["anthropic", "openai", "google"],
                "regional_uplift": {"us": "0.10"},
            }
        ),
        Option.model_validate(
            {
                "id": "openrouter",
                "kind": "aggregator",
                "name": "OpenRouter",
                "resells": ["anthropic", "openai", "google"],
                "purchase_fees": {
                    "card": {"percent": "0.055", "min_usd": "0.80", "source": FEE_SRC},
                    "crypto": {"percent": "0.05", "source": FEE_SRC},
                },
                "default_payment": "card",
                "default_topup_usd": "100",
                "byok": {"percent": "0.05", "free_allowance_usd": "25000", "source": FEE_SRC},
                "models": [model("meta/llama-x", "meta", "0.5", "1").model_dump()],
            }
        ),
        Option.model_validate(
            {
                "id": "pooled",
                "kind": "pooled",
                "name": "Pooled (example)",
                "example": True,
                "resells": ["anthropic", "openai", "google"],
                "discount": {"anthropic": discount, "openai": discount, "google": discount},
            }
        ),
    ]


def sonnet(**extra: Any) -> ModelPrice:
    """Anthropic-shaped: 5m/1h writes, batch halves everything incl. cache."""
    return model(
        "claude-x",
        "anthropic",
        "3",
        "15",
        cache_read="0.3",
        cache_write_5m="3.75",
        cache_write_1h="6",
        batch={
            "input": "1.5",
            "output": "7.5",
            "cache_read": "0.15",
            "cache_write_5m": "1.875",
            "cache_write_1h": "3",
        },
        **extra,
    )


def gemini_pro() -> ModelPrice:
    """Gemini-2.5-Pro-shaped: >200k cliff incl. cache read; batch without cache prices."""
    return model(
        "gemini-x-pro",
        "google",
        "1.25",
        "10",
        cache_read="0.125",
        long_context={
            "threshold_tokens": 200000,
            "input": "2.5",
            "output": "15",
            "cache_read": "0.25",
        },
        batch={"input": "0.625", "output": "5"},
    )


def gpt_nocache() -> ModelPrice:
    return model("gpt-x-pro", "openai", "30", "180", batch={"input": "15", "output": "90"})


def catalog(
    version: str = "2026-01-01", models: list[ModelPrice] | None = None, discount: str = "0.20"
) -> Catalog:
    return Catalog(
        version=version,
        effective_from=dt.date.fromisoformat(version),
        models=tuple(models if models is not None else [sonnet(), gemini_pro(), gpt_nocache()]),
        options=tuple(options(discount)),
    )


def book(*catalogs: Catalog) -> PriceBook:
    return PriceBook(catalogs or (catalog(),))


__all__ = ["book", "catalog", "gemini_pro", "gpt_nocache", "model", "options", "sonnet"]
