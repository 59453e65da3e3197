"""Endpoints per buying option: the vendors' own APIs (the direct baseline), OpenRouter, a
pooled gateway (custom base URL in OpenAI or Anthropic format) and a custom endpoint.

Base URLs follow each SDK's convention: OpenAI-format ones end in ``/v1`` (the client adds
``/chat/completions``); Anthropic-format ones do not (the client adds ``/v1/messages``);
Gemini's native one ends in the API version (the client adds ``/models/…``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from model.live.call import Endpoint


@dataclass(frozen=True)
class Preset:
    """A known kind of endpoint. ``base_url`` is empty where the user must give it."""

    id: str
    title: str
    api: str
    base_url: str
    option: str | None  # calculator option this endpoint is bought through
    vendor: str | None = None  # for a direct preset: whose models it serves
    key_hint: str = ""

    @property
    def direct(self) -> bool:
        return self.option == "direct"


# One preset per line reads as a table.
PRESETS: tuple[Preset, ...] = (
    Preset("anthropic", "Anthropic (direct)", "anthropic", "https://api.anthropic.com", "direct", "anthropic", "sk-ant-…"),  # noqa: E501
    Preset("openai", "OpenAI (direct)", "openai", "https://api.openai.com/v1", "direct", "openai", "sk-…"),  # noqa: E501
    Preset(
        "google", "Google Gemini API (direct, native)", "gemini",
        "https://generativelanguage.googleapis.com/v1beta", "direct", "google", "AIza…",
    ),
    Preset(
        "google-openai", "Google Gemini API (direct, OpenAI-compatible)", "openai",
        "https://generativelanguage.googleapis.com/v1beta/openai", "direct", "google", "AIza…",
    ),
    Preset("openrouter", "OpenRouter (OpenAI format)", "openai", "https://openrouter.ai/api/v1", "openrouter", None, "sk-or-…"),  # noqa: E501
    Preset(
        "openrouter-anthropic", "OpenRouter (Anthropic format)", "anthropic",
        "https://openrouter.ai/api", "openrouter", None, "sk-or-…",
    ),
    Preset("pooled-openai", "Pooled gateway (OpenAI format)", "openai", "", "pooled"),
    Preset("pooled-anthropic", "Pooled gateway (Anthropic format)", "anthropic", "", "pooled"),
    Preset("custom", "Custom endpoint", "openai", "", None),
)  # fmt: skip
BY_ID = {p.id: p for p in PRESETS}
#: The direct preset that is the baseline for each vendor's models.
DIRECT_FOR = {"anthropic": "anthropic", "openai": "openai", "google": "google"}


def preset(preset_id: str) -> Preset:
    try:
        return BY_ID[preset_id]
    except KeyError:
        raise ValueError(f"unknown preset {preset_id!r}; one of {', '.join(BY_ID)}") from None


def model_name_for(p: Preset, model_id: str, model: Any | None = None) -> str:
    """How this endpoint spells a catalog model: OpenRouter wants its slug, the vendors
    their own id (``vendor_model_id``); gateways usually take the vendor id too."""
    if model is None:
        return model_id
    if p.option == "openrouter" and getattr(model, "openrouter_slug", None):
        return str(model.openrouter_slug)
    return str(getattr(model, "vendor_model_id", None) or model_id)


def endpoint_from(
    preset_id: str,
    model: str,
    *,
    base_url: str | None = None,
    api: str | None = None,
    label: str | None = None,
) -> Endpoint:
    """An endpoint from a preset; ``base_url``/``api`` override it (required for a gateway)."""
    p = preset(preset_id)
    return Endpoint(
        label=label or p.title,
        api=api or p.api,
        base_url=(base_url or p.base_url).strip(),
        model=model.strip(),
        option=p.option,
        preset=p.id,
        baseline=p.direct,
    )


def baseline_for(provider: str, model_id: str, model: Any | None = None) -> Endpoint | None:
    """The direct-to-vendor row for a model of ``provider`` (None for an unknown vendor)."""
    preset_id = DIRECT_FOR.get(provider)
    if preset_id is None:
        return None
    return endpoint_from(preset_id, model_name_for(preset(preset_id), model_id, model))
