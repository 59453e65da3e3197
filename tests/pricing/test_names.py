"""Model-name normalization on real ids from the reference material (usage-formats §9).

Sources of the raw names: OpenRouter generation CSVs (model_permaslug), Anthropic console
cost CSVs (display names), OpenAI dashboard export, Claude Code / Codex fixtures, the
OpenRouter models snapshot (slugs and canonical_slugs) and litellm keys.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

import pytest

from pricing import PriceBook
from pricing.names import NameResolver, ResolvedName, canonical, infer_provider

ROOT = Path(__file__).resolve().parents[2]
BOOK = PriceBook.load(ROOT / "data" / "pricing")
RESOLVER = NameResolver.from_book(BOOK)
SOURCES = ROOT / "tests" / "pricing" / "data" / "sources"

CASES: list[tuple[str, str | None, str | None, str | None, bool]] = [
    # raw, model_id, provider, variant, free
    # OpenRouter generations CSV (model_permaslug), real 2026-03 export
    ("anthropic/claude-4.6-opus-20260205", "claude-opus-4-6", "anthropic", None, False),
    ("anthropic/claude-4.6-sonnet-20260118", "claude-sonnet-4-6", "anthropic", None, False),
    ("anthropic/claude-haiku-4.5-20251022", "claude-haiku-4-5", "anthropic", None, False),
    ("openai/gpt-5-2025-08-07", "gpt-5", "openai", None, False),
    ("openai/gpt-5-mini-2025-08-07", "gpt-5-mini", "openai", None, False),
    ("openai/gpt-5-nano-2025-08-07", "gpt-5-nano", "openai", None, False),
    ("google/gemini-2.5-flash", "gemini-2.5-flash", "google", None, False),
    ("google/gemini-2.5-flash-lite", "gemini-2.5-flash-lite", "google", None, False),
    ("google/gemini-3-pro-preview", "gemini-3-pro-preview", "google", None, False),
    ("deepseek/deepseek-v3.2", "deepseek/deepseek-v3.2", "deepseek", None, False),
    ("meta-llama/llama-3.3-70b-instruct", "meta-llama/llama-3.3-70b-instruct", "meta", None, False),
    ("mistralai/mistral-large-2411", "mistralai/mistral-large-2411", "mistral", None, False),
    ("z-ai/glm-4.5-air", "z-ai/glm-4.5-air", "zhipu", None, False),
    (
        "nvidia/nemotron-3-super-120b-a12b-20230311",
        "nvidia/nemotron-3-super-120b-a12b",
        "nvidia",
        None,
        False,
    ),
    # OpenRouter variants and router aliases
    (
        "meta-llama/llama-3.3-70b-instruct:free",
        "meta-llama/llama-3.3-70b-instruct",
        "meta",
        "free",
        True,
    ),
    ("z-ai/glm-4.5-air:free", "z-ai/glm-4.5-air", "zhipu", "free", True),
    ("qwen/qwen-plus-2025-07-28:thinking", "qwen/qwen-plus-2025-07-28", "qwen", "thinking", False),
    ("~anthropic/claude-sonnet-latest", None, "anthropic", None, False),
    ("openrouter/anthropic/claude-sonnet-4.5", "claude-sonnet-4-5", "anthropic", None, False),
    # fast modes are priced differently: never the base model
    ("anthropic/claude-opus-4.7-fast", None, "anthropic", "fast", False),
    ("anthropic/claude-4.7-opus-fast-20260512", None, "anthropic", "fast", False),
    ("anthropic/claude-opus-4.6-fast", None, "anthropic", "fast", False),
    ("Anthropic: Claude Opus 4.7 (Fast)", None, "anthropic", "fast", False),
    # Anthropic console cost CSV display names (2024): old models are not in the catalog
    ("Claude 3.5 Sonnet 2024-10-22", None, "anthropic", None, False),
    ("Claude Instant", None, "anthropic", None, False),
    ("Claude 3 Opus", None, "anthropic", None, False),
    ("Claude Sonnet 4.5", "claude-sonnet-4-5", "anthropic", None, False),
    ("Claude Opus 4.6", "claude-opus-4-6", "anthropic", None, False),
    ("  claude sonnet 4.5 ", "claude-sonnet-4-5", "anthropic", None, False),
    # OpenAI dashboard export and Codex / Claude Code fixtures
    ("gpt-4o-2024-08-06", "gpt-4o", "openai", None, False),
    ("gpt-5-2025-08-07", "gpt-5", "openai", None, False),
    ("gpt-5.2-codex", None, "openai", None, False),
    ("claude-sonnet-4-20250514", "claude-sonnet-4-20250514", "anthropic", None, False),
    ("claude-opus-4-20250514", "claude-opus-4-20250514", "anthropic", None, False),
    # differently priced dated snapshot: its own price, never the family's
    ("gpt-4o-2024-05-13", None, "openai", None, False),
    ("openai/gpt-4o-2024-05-13", None, "openai", None, False),
    ("gpt-4o-2024-11-20", "gpt-4o", "openai", None, False),
    # litellm keys: dated Anthropic ids, Bedrock, Vertex, Gemini API
    ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5", "anthropic", None, False),
    ("claude-opus-4-1-20250805", "claude-opus-4-1", "anthropic", None, False),
    ("claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5", "anthropic", None, False),
    ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5", "anthropic", None, False),
    ("global.anthropic.claude-opus-4-5-20251101-v1:0", "claude-opus-4-5", "anthropic", None, False),
    ("bedrock/us.anthropic.claude-opus-4-6-v1", "claude-opus-4-6", "anthropic", None, False),
    ("anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5", "anthropic", None, False),
    (
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-sonnet-4-5",
        "anthropic",
        None,
        False,
    ),
    ("vertex_ai/claude-opus-4-5@20251101", "claude-opus-4-5", "anthropic", None, False),
    ("claude-sonnet-4-5@20250929", "claude-sonnet-4-5", "anthropic", None, False),
    ("gemini/gemini-2.5-pro", "gemini-2.5-pro", "google", None, False),
    ("models/gemini-2.5-pro", "gemini-2.5-pro", "google", None, False),
    ("vertex_ai/gemini-2.5-flash", "gemini-2.5-flash", "google", None, False),
    (
        "projects/p1/locations/us-central1/publishers/google/models/gemini-2.5-pro",
        "gemini-2.5-pro",
        "google",
        None,
        False,
    ),
    ("azure/gpt-4.1-mini", "gpt-4.1-mini", "openai", None, False),
    # aliases, dots vs dashes, permaslug word order, -latest, Anthropic -0 aliases
    ("claude-sonnet-4-5-latest", "claude-sonnet-4-5", "anthropic", None, False),
    ("claude-sonnet-4-0", "claude-sonnet-4-20250514", "anthropic", None, False),
    ("claude-4-sonnet-20250514", "claude-sonnet-4-20250514", "anthropic", None, False),
    ("anthropic/claude-sonnet-4", "claude-sonnet-4-20250514", "anthropic", None, False),
    ("claude-opus-4.8", "claude-opus-4-8", "anthropic", None, False),
    ("claude-4.5-haiku-20251001", "claude-haiku-4-5", "anthropic", None, False),
    ("ANTHROPIC/CLAUDE-SONNET-4.6", "claude-sonnet-4-6", "anthropic", None, False),
    # Cursor reasoning-effort suffixes change volume, not price
    ("claude-4.6-opus-high-thinking", "claude-opus-4-6", "anthropic", "high-thinking", False),
    ("claude-4.5-sonnet-thinking", "claude-sonnet-4-5", "anthropic", "thinking", False),
    ("gpt-5-high", "gpt-5", "openai", "high", False),
    # display names of the other vendors
    ("GPT-5.4 mini", "gpt-5.4-mini", "openai", None, False),
    ("Gemini 2.5 Flash-Lite", "gemini-2.5-flash-lite", "google", None, False),
    ("o3", "o3", "openai", None, False),
    # unknown
    ("acme-omni-7", None, None, None, False),
    ("", None, None, None, False),
    ("<synthetic>", None, None, None, False),
]


@pytest.mark.parametrize(
    ("raw", "model_id", "provider", "variant", "free"), CASES, ids=[c[0] or "empty" for c in CASES]
)
def test_resolve(
    raw: str, model_id: str | None, provider: str | None, variant: str | None, free: bool
) -> None:
    assert RESOLVER.resolve(raw) == ResolvedName(model_id, provider, variant, free)


def test_resolve_many_returns_every_name_and_is_cached() -> None:
    names = [c[0] for c in CASES]
    out = RESOLVER.resolve_many(names)
    assert set(out) == set(names)
    assert RESOLVER.resolve_many(names) == out
    assert RESOLVER.resolve(names[0]) is out[names[0]]


def test_unique_unknown_names_are_fast() -> None:
    resolver = NameResolver.from_book(BOOK)
    names = [f"team-model-{i}" for i in range(5000)]
    start = time.perf_counter()
    resolver.resolve_many(names)
    assert time.perf_counter() - start < 2.0


def test_canonical_and_provider_helpers() -> None:
    assert canonical("anthropic/claude-4.6-opus-20260205") == "claude-opus-4-6"
    assert canonical("Claude Sonnet 4.5") == "claude-sonnet-4-5"
    assert canonical("claude-3-5-sonnet-20241022") == "claude-3-5-sonnet"  # 3.x keeps its order
    assert infer_provider("x-ai/grok-4") == "xai"
    assert infer_provider("grok-4") == "xai"
    assert infer_provider("glm-4.6") == "zhipu"


def _snapshot() -> list[dict]:
    path = SOURCES / "openrouter" / "models-api-v1-2026-05.json"
    return json.loads(path.read_text())["data"]


def test_every_openrouter_slug_and_canonical_slug_resolves_consistently() -> None:
    catalog = BOOK.latest
    own = {m.model_id for m in catalog.option("openrouter").models}
    direct = {m.model_id: m for m in catalog.models}
    for entry in _snapshot():
        slug, permaslug = entry["id"], entry["canonical_slug"]
        got, via_permaslug = RESOLVER.resolve(slug), RESOLVER.resolve(permaslug)
        if slug in own:
            assert got.model_id == slug and via_permaslug.model_id == slug, slug
        if slug.endswith("-fast") and slug not in own:
            assert got.model_id is None and got.variant == "fast", slug
        # A moving alias (``~…-latest``) points to whatever is newest on its day: its price
        # follows time, so a May snapshot says nothing about the newest version's price.
        moving = got.model_id is not None and got.model_id.endswith("-latest")
        if got.model_id in direct and ":" not in slug and not moving:
            # a slug that maps to a direct model is sold at that model's list price
            prices = entry["pricing"]
            model = direct[got.model_id]
            assert Decimal(prices["prompt"]) * 1_000_000 == model.input, slug
            assert via_permaslug.model_id == got.model_id, permaslug


def test_litellm_keys_that_resolve_have_the_catalog_price() -> None:
    """Never a family price for a snapshot priced differently (DESIGN §3)."""
    path = SOURCES / "litellm" / "litellm-1.110.2.anthropic-openai-gemini.json"
    data = json.loads(path.read_text())
    catalog = BOOK.get("2026-11-20")
    checked = 0
    for key, entry in data.items():
        if entry.get("litellm_provider") not in ("anthropic", "openai", "gemini"):
            continue
        if "input_cost_per_token" not in entry:
            continue
        model_id = RESOLVER.resolve(key).model_id
        model = catalog.model(model_id) if model_id else None
        if model is None:
            continue
        checked += 1
        assert Decimal(str(entry["input_cost_per_token"])) * 1_000_000 == model.input, key
        assert Decimal(str(entry["output_cost_per_token"])) * 1_000_000 == model.output, key
    assert checked >= 80
