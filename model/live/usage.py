"""Token counts from the provider's own usage block (never a local tokenizer), split into
DESIGN §3's disjoint classes. The vendors disagree on what "input" means
(research/usage-formats.md §0, gateways-apis.md §3):

- OpenAI-style (OpenAI, OpenRouter, gateways, Gemini's compatible endpoint): ``prompt_tokens``
  *includes* cached reads (and cache writes where a gateway reports them), so 1,234 prompt
  tokens with 1,000 cached are 234 input + 1,000 cache read. Reasoning is *inside*
  ``completion_tokens``.
- Anthropic: ``input_tokens`` is uncached input only; cache reads and writes are counted
  beside it, writes split by TTL in ``cache_creation``.
- Gemini native: ``promptTokenCount`` includes ``cachedContentTokenCount``; thoughts are
  *outside* ``candidatesTokenCount`` (total = prompt + candidates + thoughts + tool prompt).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Tokens:
    """One call's tokens in DESIGN §3's classes; ``reasoning`` is a subset of ``output``."""

    input: int = 0
    cache_read: int = 0
    cache_write_5m: int = 0
    cache_write_1h: int = 0
    output: int = 0
    reasoning: int = 0
    notes: tuple[str, ...] = field(default=(), compare=False)
    #: Whether the usage block has a cached-token field at all: without one, "no cache
    #: read" cannot be told from "not reported" (Gemini's OpenAI-compatible endpoint).
    cache_reported: bool = field(default=True, compare=False)

    @property
    def prompt_side(self) -> int:
        """Every prompt token, cached or not (what the long-context cliff looks at)."""
        return self.input + self.cache_read + self.cache_write_5m + self.cache_write_1h

    def to_json(self) -> dict[str, int]:
        data = asdict(self)
        data.pop("notes")
        data.pop("cache_reported")
        return data


def _int(value: Any) -> int:
    """A token count from JSON: a non-negative finite integer, else 0 (absent or bad)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    if not math.isfinite(value) or value < 0:
        return 0
    return int(value)


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def openai_tokens(usage: Mapping[str, Any]) -> Tokens:
    """Chat Completions ``usage`` (also OpenRouter's and most gateways')."""
    prompt = _int(usage.get("prompt_tokens"))
    completion = _int(usage.get("completion_tokens"))
    details = _dict(usage.get("prompt_tokens_details"))
    cached = _int(details.get("cached_tokens"))
    written = _int(details.get("cache_write_tokens"))
    reasoning = _int(_dict(usage.get("completion_tokens_details")).get("reasoning_tokens"))
    notes: list[str] = []
    total = usage.get("total_tokens")
    hidden = _int(total) - prompt - completion if isinstance(total, int | float) else 0
    if hidden > 0:
        # Gemini's compatible endpoint leaves thinking out of completion_tokens but counts it
        # in total_tokens (gateways-apis.md §3.5): the gap is output, billed as such.
        notes.append(
            f"total_tokens exceeds prompt + completion by {hidden}: counted as reasoning output"
        )
        # A reasoning_tokens beside it names the same tokens: never add the two.
        completion += hidden
        reasoning = max(reasoning, hidden)
    uncached = prompt - cached - written
    if uncached < 0:
        notes.append("cached tokens above prompt_tokens: uncached input set to 0")
        uncached = 0
    if written:
        notes.append("cache_write_tokens has no TTL: counted as 5-minute writes")
    return Tokens(
        uncached,
        cached,
        written,
        0,
        completion,
        min(reasoning, completion),
        tuple(notes),
        cache_reported="cached_tokens" in details,
    )


def anthropic_tokens(usage: Mapping[str, Any]) -> Tokens:
    """Messages API ``usage`` (the merged ``message_start`` + last ``message_delta``)."""
    created = _int(usage.get("cache_creation_input_tokens"))
    split = _dict(usage.get("cache_creation"))
    notes: list[str] = []
    if split:
        w5 = _int(split.get("ephemeral_5m_input_tokens"))
        w1h = _int(split.get("ephemeral_1h_input_tokens"))
    else:
        w5, w1h = created, 0
        if created:
            notes.append("cache writes without a TTL split: counted as 5-minute writes")
    details = _dict(usage.get("output_tokens_details"))
    output = _int(usage.get("output_tokens"))
    reasoning = _int(details.get("thinking_tokens") or details.get("reasoning_tokens"))
    return Tokens(
        _int(usage.get("input_tokens")),
        _int(usage.get("cache_read_input_tokens")),
        w5,
        w1h,
        output,
        min(reasoning, output),
        tuple(notes),
        "cache_read_input_tokens" in usage,
    )


def gemini_tokens(usage: Mapping[str, Any]) -> Tokens:
    """Gemini ``usageMetadata``."""
    prompt = _int(usage.get("promptTokenCount"))
    cached = _int(usage.get("cachedContentTokenCount"))
    thoughts = _int(usage.get("thoughtsTokenCount"))
    tool_prompt = _int(usage.get("toolUsePromptTokenCount"))
    notes: list[str] = []
    uncached = prompt - cached
    if uncached < 0:
        notes.append("cachedContentTokenCount above promptTokenCount: uncached input set to 0")
        uncached = 0
    output = _int(usage.get("candidatesTokenCount")) + thoughts
    # cachedContentTokenCount is omitted when zero (proto3 JSON), so absence means none.
    return Tokens(uncached + tool_prompt, cached, 0, 0, output, thoughts, tuple(notes))


def _money(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value >= 0 else None


@dataclass(frozen=True)
class ReportedCost:
    """What an OpenAI-compatible endpoint says the call cost (OpenRouter and several
    gateways send ``usage.cost`` in USD; BYOK calls add the upstream cost)."""

    cost_usd: float | None = None
    upstream_cost_usd: float | None = None
    byok: bool | None = None


def reported_cost(usage: Mapping[str, Any]) -> ReportedCost:
    """``usage.cost``, ``usage.cost_details.upstream_inference_cost`` and ``usage.is_byok``."""
    byok = usage.get("is_byok")
    return ReportedCost(
        _money(usage.get("cost")),
        _money(_dict(usage.get("cost_details")).get("upstream_inference_cost")),
        byok if isinstance(byok, bool) else None,
    )
