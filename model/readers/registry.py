"""Registered formats, in detection order: specific fingerprints first, generic last."""

from __future__ import annotations

from model.readers import (
    generic_csv,
    openai_costs,
    openai_usage,
    openrouter_activity,
    openrouter_generations,
)
from model.readers.base import Reader

_ORDER: tuple[Reader, ...] = (
    openrouter_generations.READER,
    openrouter_activity.READER,
    openai_usage.CSV_READER,
    openai_usage.JSON_READER,
    openai_costs.CSV_READER,
    openai_costs.JSON_READER,
    generic_csv.READER,
)

FORMATS: dict[str, Reader] = {r.name: r for r in _ORDER}
