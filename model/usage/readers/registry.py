"""Registered formats, in detection order: specific fingerprints first, generic last."""

from __future__ import annotations

from model.usage.readers import (
    anthropic_api,
    anthropic_console,
    claude_code,
    cursor,
    generic_csv,
    litellm,
    openai_costs,
    openai_usage,
    openrouter_activity,
    openrouter_generations,
)
from model.usage.readers.base import Reader

_ORDER: tuple[Reader, ...] = (
    openrouter_generations.READER,
    openrouter_activity.READER,
    openrouter_activity.JSON_READER,
    openai_usage.CSV_READER,
    openai_usage.JSON_READER,
    openai_costs.CSV_READER,
    openai_costs.JSON_READER,
    anthropic_console.USAGE_READER,
    anthropic_console.COST_READER,
    anthropic_api.READER,
    litellm.READER,
    cursor.READER,
    claude_code.READER,
    generic_csv.READER,
)

FORMATS: dict[str, Reader] = {r.name: r for r in _ORDER}
