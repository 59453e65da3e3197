"""Header fingerprints of the CSV exports: the normalized column names that identify each.

Kept free of pandas and pyarrow so the columnar path (:mod:`model.usage.columnar`) can tell
a generic CSV from a known export before importing the readers; each reader's ``detect``
uses its entry here, so there is one list.
"""

from __future__ import annotations

from collections.abc import Set

#: A cache-write column without TTL, as other tools write it; the generic reader reads it
#: as 5-minute writes (the columnar path leaves such files to it).
CACHE_WRITE_ANY = ("cache_write_tokens", "cache_creation_tokens", "cache_creation_input_tokens")
#: Columns an OpenAI usage export of an organization without usage still has.
OPENAI_TIME = ("start_time", "end_time", "start_time_iso", "end_time_iso")

CSV: dict[str, tuple[str, ...]] = {
    "openrouter_generations_csv": (
        "generation_id",
        "model_permaslug",
        "tokens_prompt",
        "cost_total",
    ),
    "openrouter_activity_csv": ("slug", "usage", "byok_usage", "prompt_tokens"),
    "openai_usage_csv": ("start_time", "end_time", "num_model_requests", "input_tokens"),
    "openai_costs_csv": ("start_time", "amount_value", "amount_currency"),
    "anthropic_console_usage_csv": (
        "usage_date_utc",
        "model_version",
        "usage_input_tokens_no_cache",
    ),
    "anthropic_console_cost_csv": ("usage_date_utc", "token_type", "cost_usd"),
    "litellm_spend_logs_csv": ("request_id", "call_type", "spend", "starttime"),
    "cursor_csv": ("kind", "model", "input_(w/o_cache_write)", "cache_read"),
    "generic_csv": ("timestamp", "model", "input_tokens", "output_tokens"),
}


def matches(name: str, columns: Set[str]) -> bool:
    """Whether a CSV header (normalized names) carries format ``name``'s fingerprint."""
    if name == "openai_usage_csv" and columns and columns <= set(OPENAI_TIME):
        return {"start_time", "end_time"} <= columns  # an export with no usage at all
    return all(col in columns for col in CSV[name])


def csv_format(columns: Set[str]) -> str | None:
    """The first CSV format (in detection order) whose fingerprint the header carries."""
    return next((name for name in CSV if matches(name, columns)), None)
