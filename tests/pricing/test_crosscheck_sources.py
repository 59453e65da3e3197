"""Cross-check the catalog against genai-prices, langfuse and portkey (stored copies).

Every difference must be listed in KNOWN with the reason (matching the decisions in
data/pricing/README.md). A new difference — an importer bug, a new litellm error, a
decision forgotten — fails; so does a listed one that no longer occurs, so the list
stays true.

Dates: genai-prices encodes price steps (``start_date``), so it is evaluated on each
version's date against every version. Langfuse (2026-08-21) and portkey (2026-07/08) are
undated snapshots from August 2026 and are compared with the 2026-08-22 version.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pricing import PriceBook
from pricing.names import NameResolver
from pricing.schema import Catalog, ModelPrice
from tests.pricing.crosscheck_sources import Prices, genai_prices, langfuse, portkey

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "tests" / "pricing" / "data" / "sources"
BOOK = PriceBook.load(ROOT / "data" / "pricing")
RESOLVER = NameResolver.from_book(BOOK)

OPENAI_CACHED = (
    "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3", "o4-mini",
    "gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-5-pro", "gpt-5.1", "gpt-5.2", "gpt-5.2-pro",
    "gpt-5.3-codex", "gpt-5.5", "gpt-5.5-pro",
)  # fmt: skip
WRITE_FREE = "OpenAI charges nothing to write its prompt cache (no cache-write tokens in its usage); portkey writes 0, we leave the price empty"
LC = ("long_context.threshold_tokens", "long_context.input", "long_context.output")
SONNET_4_TIER = "retired claude-sonnet-4: we keep litellm 1.98.0's >200k tier of the 1M-context beta (README decision)"
SONNET_4_5 = (
    "claude-sonnet-4-5 has no >200k tier on the first-party API (200k cap; README decision)"
)
GPT_5_5_TIER = "genai-prices lacks the >272k tier of gpt-5.5 / 5.5-pro (README decision)"
SONNET_5 = "genai-prices schedules $3/$15 from 2026-09-01; the rise was cancelled (README decision)"
GEMINI_FLASH_INTRO = "portkey lags: Gemini 3.6/3.7 Flash introductory price (README decision)"
GEMINI_WRITE = "portkey files a Gemini storage/other price under cache write; Google has no cache-write premium"
FAMILY = "genai-prices matches only by family prefix and has no entry for this model"


SOL = (
    "OpenAI's promotional $4/$20 from 2026-08-21 (audit 2026-11-30); the August datasets "
    "predate it (README)"
)
MOVING_ALIAS = (
    "portkey (Aug 2026) resolves the -latest alias to a Gemini 3 model, litellm 1.98/1.101 to "
    "the 2.5 one; which model it served before 2026-10-18 is not established (marked "
    "unconfirmed in the data)"
)


def _known() -> dict[tuple[str, str, str, str], str]:
    known: dict[tuple[str, str, str, str], str] = {}
    versions = BOOK.versions
    for version in versions:
        for field in LC:
            known[("genai-prices", version, "claude-sonnet-4-20250514", field)] = SONNET_4_TIER
            known[("genai-prices", version, "claude-sonnet-4-5", field)] = SONNET_4_5
            known[("genai-prices", version, "gpt-5.5", field)] = GPT_5_5_TIER
            known[("genai-prices", version, "gpt-5.5-pro", field)] = GPT_5_5_TIER
        for field in ("input", "output", "cache_read", "cache_write_5m", *LC[1:]):
            known[("genai-prices", version, "gpt-5.6-sol", field)] = SOL
    # genai-prices schedules Sonnet 5's cancelled step on 2026-09-01
    for version in (v for v in versions if v >= "2026-09-01"):
        for field in ("input", "output", "cache_read", "cache_write_5m", "cache_write_1h"):
            known[("genai-prices", version, "claude-sonnet-5", field)] = SONNET_5
    for source in ("langfuse", "portkey"):
        for field in ("input", "output", "cache_read", "cache_write_5m"):
            known[(source, "2026-08-22", "gpt-5.6-sol", field)] = SOL
    for field in ("long_context.input", "long_context.output"):
        known[("langfuse", "2026-08-22", "gpt-5.6-sol", field)] = SOL
    for model_id, fields in (
        ("gemini-flash-latest", ("input", "output", "cache_read")),
        ("gemini-flash-lite-latest", ("input", "output", "cache_read", "cache_write_5m")),
        ("gemini-pro-latest", ("input", "output", "cache_read")),
    ):
        for field in fields:
            known[("portkey", "2026-08-22", model_id, field)] = MOVING_ALIAS
    known[("portkey", "2026-08-22", "gemini-3.1-pro-preview-customtools", "cache_read")] = (
        "portkey's lte-200k entry has the $4.50 storage price as cache read (README decision)"
    )
    for field in LC:
        known[("langfuse", "2026-08-22", "claude-sonnet-4-20250514", field)] = SONNET_4_TIER
    for model_id in OPENAI_CACHED:
        known[("portkey", "2026-08-22", model_id, "cache_write_5m")] = WRITE_FREE
    for model_id in (
        "gemini-3-flash-preview",
        "gemini-3-pro-preview",
        "gemini-3.1-pro-preview",
        "gemini-3.1-pro-preview-customtools",
    ):
        known[("portkey", "2026-08-22", model_id, "cache_write_5m")] = GEMINI_WRITE
    known[("portkey", "2026-08-22", "gemini-3.1-pro-preview", "cache_read")] = (
        "portkey's lte-200k entry has the $4.50 storage price as cache read (README decision)"
    )
    for model_id in ("gemini-3.6-flash", "gemini-3.7-flash"):
        for field in ("input", "output", "cache_read"):
            known[("portkey", "2026-08-22", model_id, field)] = GEMINI_FLASH_INTRO
    known[("portkey", "2026-08-22", "gpt-4.1-nano", "cache_read")] = (
        "portkey rounds $0.025 to $0.03"
    )
    known[("portkey", "2026-08-22", "gpt-5-pro", "cache_read")] = (
        "portkey copies gpt-5-nano's cache price; gpt-5-pro has no caching (README decision)"
    )
    known[("portkey", "2026-08-22", "gpt-5.5-pro", "cache_read")] = (
        "portkey lists $3 cache read; the pro models have no caching (README decision)"
    )
    return known


KNOWN = _known()


def _ours(model: ModelPrice) -> Prices:
    tier = model.long_context
    return {
        "input": model.input,
        "output": model.output,
        "cache_read": model.cache_read,
        "cache_write_5m": model.cache_write_5m,
        "cache_write_1h": model.cache_write_1h,
        "long_context.threshold_tokens": Decimal(tier.threshold_tokens) if tier else None,
        "long_context.input": tier.input if tier else None,
        "long_context.output": tier.output if tier else None,
    }


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and a == b)


def _differences(
    source: str, catalog: Catalog, theirs_of: dict[str, Prices | None]
) -> set[tuple[str, str, str, str]]:
    found: set[tuple[str, str, str, str]] = set()
    for model in catalog.models:
        theirs = theirs_of.get(model.model_id)
        if theirs is None:
            continue
        ours = _ours(model)
        for field, value in theirs.items():
            if not _same(ours[field], value):
                found.add((source, catalog.version, model.model_id, field))
    return found


def _genai(catalog: Catalog) -> dict[str, Prices | None]:
    out: dict[str, Prices | None] = {}
    for m in catalog.models:
        found = genai_prices(
            SOURCES / "genai-prices",
            f"providers-{m.provider}.yml",
            m.model_id,
            catalog.effective_from,
            RESOLVER,
        )
        out[m.model_id] = found
    return out


def _langfuse(catalog: Catalog) -> dict[str, Prices | None]:
    path = SOURCES / "langfuse" / "default-model-prices.json"
    return {m.model_id: langfuse(path, m.model_id, RESOLVER) for m in catalog.models}


def _portkey(catalog: Catalog) -> dict[str, Prices | None]:
    return {
        m.model_id: portkey(SOURCES / "portkey-models" / f"pricing-{m.provider}.json", m.model_id)
        for m in catalog.models
    }


def _all_differences() -> set[tuple[str, str, str, str]]:
    found: set[tuple[str, str, str, str]] = set()
    for catalog in BOOK.catalogs:
        found |= _differences("genai-prices", catalog, _genai(catalog))
    august = BOOK.get("2026-08-22")
    found |= _differences("langfuse", august, _langfuse(august))
    found |= _differences("portkey", august, _portkey(august))
    return found


DIFFERENCES = _all_differences()


def test_no_new_disagreement() -> None:
    new = sorted(DIFFERENCES - KNOWN.keys())
    assert not new, f"new disagreements with other datasets (check, then list in KNOWN): {new}"


def test_every_known_disagreement_still_occurs() -> None:
    stale = sorted(KNOWN.keys() - DIFFERENCES)
    assert not stale, f"listed disagreements that no longer occur (remove them): {stale}"


def test_sources_cover_most_models() -> None:
    """Guard against a reader that silently finds nothing (and so agrees with everything)."""
    august = BOOK.get("2026-08-22")
    for name, found in (
        ("genai-prices", _genai(august)),
        ("langfuse", _langfuse(august)),
        ("portkey", _portkey(august)),
    ):
        covered = sum(1 for v in found.values() if v is not None)
        assert covered >= 30, f"{name}: only {covered} models compared"
