"""Documented choices where the public price datasets disagree (research/pricing.md,
"Disagreements between datasets").

Why code and not hand edits of the YAML: every import re-applies the same choices, so a
new litellm release cannot silently bring back a removed surcharge or a stale price, and
each affected model carries a note saying what was chosen and why. ``data/pricing/README.md``
shows the same table (a test keeps them in step).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pricing.schema import BatchPrices, LongContextTier, ModelPrice

Patch = Callable[[ModelPrice, dt.date], dict[str, Any]]

GEMINI_FLASH_INTRO_END = dt.date(2026, 12, 31)


@dataclass(frozen=True)
class Decision:
    """One disagreement between sources and the choice made for our catalog."""

    models: tuple[str, ...]
    differs: str
    choice: str
    why: str
    patch: Patch | None = None

    def note(self) -> str:
        return f"Sources disagree: {self.differs}. Choice: {self.choice}. Why: {self.why}."


def _without_tier(model: ModelPrice, _day: dt.date) -> dict[str, Any]:
    """Flat price: drop the long-context tier (standard and batch)."""
    batch = model.batch.model_copy(update={"long_context": None}) if model.batch else None
    return {"long_context": None, "batch": batch}


def _sonnet_4_5_first_party(model: ModelPrice, day: dt.date) -> dict[str, Any]:
    return {**_without_tier(model, day), "max_input_tokens": 200_000}


def _without_cache(model: ModelPrice, _day: dt.date) -> dict[str, Any]:
    """The model has no prompt caching: clear every cache price (tiers and batch too)."""
    clear = {"cache_read": None, "cache_write_5m": None, "cache_write_1h": None}
    tier = model.long_context.model_copy(update=clear) if model.long_context else None
    batch = None
    if model.batch:
        batch_tier = (
            model.batch.long_context.model_copy(update=clear) if model.batch.long_context else None
        )
        batch = model.batch.model_copy(update={**clear, "long_context": batch_tier})
    return {**clear, "long_context": tier, "batch": batch}


def _gemini_flash_step(_model: ModelPrice, day: dt.date) -> dict[str, Any]:
    """Introductory $0.75/$3.75 (cache $0.075) through 2026-12-31, then $1.50/$7.50/$0.15.

    Batch is half of input/output; batch cache read is half of cache read, as litellm
    1.110.2 lists it for the introductory price.
    """
    intro = day <= GEMINI_FLASH_INTRO_END
    inp, out, cache = (
        (Decimal("0.75"), Decimal("3.75"), Decimal("0.075"))
        if intro
        else (Decimal("1.5"), Decimal("7.5"), Decimal("0.15"))
    )
    half = Decimal("0.5")
    return {
        "input": inp,
        "output": out,
        "cache_read": cache,
        "batch": BatchPrices(
            input=(inp * half).normalize(),
            output=(out * half).normalize(),
            cache_read=(cache * half).normalize(),
        ),
    }


ARGON_STEP = dt.date(2026, 12, 1)


def _argon_step(_model: ModelPrice, day: dt.date) -> dict[str, Any]:
    """Launch price through 2026-11-30, then $4/$20, cache $0.20, batch $2/$10; no source
    states the batch cache price after the step: half the cache read, as at launch."""
    if day < ARGON_STEP:
        return {}
    return {
        "input": Decimal(4),
        "output": Decimal(20),
        "cache_read": Decimal("0.2"),
        "batch": BatchPrices(input=Decimal(2), output=Decimal(10), cache_read=Decimal("0.1")),
    }


NO_BATCH_API = frozenset({"gpt-5.3-codex"})
_HALF = Decimal("0.5")


def _half(value: Decimal | None) -> Decimal | None:
    return None if value is None else (value * _HALF).normalize()


def _batch_backfill(model: ModelPrice, _day: dt.date) -> dict[str, Any]:
    """Batch prices from the vendor's rule when the dataset has no ``*_batches`` keys.

    All three vendors' batch APIs charge 50 % of input and output. Anthropic also halves
    cache reads and 5-minute writes (litellm 1.110.2 lists exactly that for every Claude
    model); for OpenAI and Google the batch cache price is left empty, so cached batch
    tokens are charged the standard cache price — never a blanket 50 % (DESIGN §4).
    """
    if model.model_id in NO_BATCH_API:
        return {}
    anthropic = model.provider == "anthropic"
    tier = model.long_context
    half_tier = (
        LongContextTier(
            threshold_tokens=tier.threshold_tokens,
            input=_half(tier.input),
            output=_half(tier.output),
            cache_read=_half(tier.cache_read) if anthropic else None,
            cache_write_5m=_half(tier.cache_write_5m) if anthropic else None,
        )
        if tier
        else None
    )
    if model.batch is not None:
        if tier is None or model.batch.long_context is not None:
            return {}
        # batch requests above the threshold pay half the tier (litellm PR #39861)
        return {"batch": model.batch.model_copy(update={"long_context": half_tier})}
    return {
        "batch": BatchPrices(
            input=_half(model.input),
            output=_half(model.output),
            cache_read=_half(model.cache_read) if anthropic else None,
            cache_write_5m=_half(model.cache_write_5m) if anthropic else None,
            long_context=half_tier,
        )
    }


BATCH_BACKFILL = Decision(
    ("(any model without batch prices in the dataset)",),
    "litellm 1.98.0 has no *_batches keys for many models (all Claude models, o3, o4-mini, "
    "gpt-5 to gpt-5.2, Gemini 2.5, 3 Flash, 3.5 Flash) although their vendors sell them "
    "through a batch API, and no batch long-context prices for gpt-5.4+ and Gemini 3.1 Pro; "
    "litellm 1.110.2 adds them",
    "batch = 50 % of input and output; Anthropic also 50 % of cache read and 5-minute write; "
    "OpenAI/Google batch cache left empty (standard cache price); a missing batch "
    "long-context tier is half the standard tier; gpt-5.3-codex has no batch",
    "the vendors' published batch rule; it reproduces litellm 1.110.2's batch prices for "
    "every Claude model, and leaving batch empty would charge batch traffic at full price",
    _batch_backfill,
)


def _gpt_5_4_batch_cache(model: ModelPrice, _day: dt.date) -> dict[str, Any]:
    if model.batch is None or model.cache_read is None or model.batch.cache_read is None:
        return {}
    return {"batch": model.batch.model_copy(update={"cache_read": _half(model.cache_read)})}


DECISIONS: tuple[Decision, ...] = (
    Decision(
        ("claude-sonnet-4-5",),
        "litellm 1.110.2 and langfuse: flat $3/$15, 200k input; genai-prices, simonw, helicone "
        "and litellm <=1.106 keep a >200k tier at $6/$22.50",
        "flat $3/$15, no long-context tier, max input 200k",
        "on Anthropic's first-party API Sonnet 4.5 has a hard 200k window (langfuse audit "
        "2026-08-21), so the tier cannot fire; the tier belongs to Vertex/Bedrock 1M previews",
        _sonnet_4_5_first_party,
    ),
    Decision(
        ("claude-opus-4-6", "claude-sonnet-4-6"),
        "genai-prices keeps the pre-2026-03-13 >200k tier (Opus $10/$37.50, Sonnet $6/$22.50) "
        "and says Opus 4.6 has a 200k window",
        "flat price over the whole 1M window",
        "Anthropic removed the surcharge on 2026-03-13 (1M context GA; litellm PR #24558); every "
        "catalog version here is later",
        _without_tier,
    ),
    Decision(
        ("claude-sonnet-5",),
        "genai-prices and simonw schedule a rise to $3/$15 from 2026-09-01",
        "$2/$10 (cache $0.20/$2.50/$4) with no step",
        "langfuse audit quotes Anthropic: the introductory price became the standard price and "
        "the increase will not occur (also claude-carbon PR #30)",
    ),
    Decision(
        ("claude-sonnet-4-20250514",),
        "litellm 1.98.0 has a >200k tier $6/$22.50 and a 1M window; langfuse, genai-prices and "
        "portkey list no tier and 200k",
        "keep litellm's tier and 1M window",
        "the tier applied with Anthropic's 1M-context beta header, which is how long prompts "
        "were billed; the model is retired (2026-06-15) so only old logs use it",
    ),
    Decision(
        ("gemini-3.6-flash", "gemini-3.7-flash", "gemini-3.8-flash"),
        "litellm 1.110.2, langfuse and genai-prices: introductory $0.75/$3.75/$0.075 through "
        "2026-12-31; portkey, simonw and litellm 1.98.0 (3.6) show $1.50/$7.50; litellm "
        "1.110.2 has no step for 3.8 Flash",
        "introductory price through 2026-12-31, $1.50/$7.50 from 2027-01-01 (cache $0.15; for "
        "3.8 Flash the cache price after the step is not confirmed and marked so)",
        "the introductory price was announced ~2026-08-14 with an end date (langfuse audit, "
        "genai-prices constraint; for 3.8 Flash Google's pricing page: '$1.50 starting "
        "January 1, 2027', audit 2026-11-30); portkey/simonw lag",
        _gemini_flash_step,
    ),
    Decision(
        ("gemini-4-argon",),
        "litellm 1.110.2 (2026-11-20) lists only the launch price $2/$10 (cache $0.10, batch "
        "$1/$5)",
        "launch price through 2026-11-30; from 2026-12-01 $4/$20, cache read $0.20, batch $2/$10 "
        "(batch cache read $0.10, unconfirmed)",
        "the launch price ends 2026-11-30 (litellm discussion 46238, TokenMeter and decant "
        "release notes; audit 2026-11-30); litellm had not added the step",
        _argon_step,
    ),
    Decision(
        ("gpt-5.5", "gpt-5.5-pro"),
        "genai-prices lacks the >272k tier; litellm, langfuse, portkey and simonw have it "
        "(2x input, 1.5x output)",
        "include the >272k tier",
        "four sources agree and OpenAI applies it to every model from gpt-5.4 on",
    ),
    Decision(
        ("gpt-5.4-pro", "gpt-5.5-pro"),
        "litellm <=1.101 (and portkey for 5.5-pro) list a cache read price of $3; litellm "
        "1.110.2, langfuse and genai-prices list no caching",
        "no cache prices (cached tokens are charged as input)",
        "OpenAI's pro models do not offer prompt caching; the $3 rows were removed upstream",
        _without_cache,
    ),
    Decision(
        ("gpt-5-pro",),
        "portkey lists a cache read price of $0.005 (copied from gpt-5-nano)",
        "no cache prices",
        "portkey data bug; litellm, langfuse, genai-prices and simonw agree there is no caching",
        _without_cache,
    ),
    Decision(
        ("gpt-5.6-sol",),
        "litellm >=1.101 (Sep 2026): $4/$20, cache $0.40/$5, >272k $8/$30, 922k input; "
        "langfuse, genai-prices, portkey, simonw and litellm 1.98.0 (Aug 2026): the launch "
        "price $5/$30, $0.50/$6.25, >272k $10/$45, 1.05M",
        "$4/$20 from 2026-08-21 (a promotion, announced as available at least through "
        "2026-11-21); the price after 2026-11-21 is shown as not verified",
        "OpenAI's pricing page quoted in raif PR 545, llmgateway PR 4128 and PwrAgent PR 1868: "
        "promotional from 2026-08-21 (audit 2026-11-30); the other datasets predate it",
    ),
    Decision(
        ("gpt-5.4",),
        "litellm 1.110.2 lists a batch cache read of $0.13 (1.3e-07 per token), every other "
        "gpt-5.x batch cache read is exactly half the cache read",
        "$0.125 (half of $0.25)",
        "a rounding artefact of litellm's per-token floats (research/pricing.md (c) 13)",
        _gpt_5_4_batch_cache,
    ),
    Decision(
        ("o3",),
        "simonw lists $10/$40",
        "$2/$8",
        "OpenAI cut o3 on 2025-06-10 (genai-prices constraint); simonw is stale",
    ),
    Decision(
        ("gpt-4.1-nano",),
        "portkey cache read $0.03; others $0.025",
        "$0.025",
        "portkey rounds to cents",
    ),
    Decision(
        ("gemini-3.1-pro-preview",),
        "portkey's lte-200k entry has cache read $4.50 (the storage price in the wrong field)",
        "cache read $0.20",
        "portkey data bug; litellm, langfuse, genai-prices and simonw agree",
    ),
    Decision(
        ("gemini-2.5-pro", "gemini-2.5-flash"),
        "tokencost (2025) and helicone use the old 25 % cache-read ratio ($0.3125 / $0.075)",
        "10 % of input ($0.125 / $0.03)",
        "current first-party ratio; litellm, langfuse, genai-prices, simonw and portkey agree",
    ),
    Decision(
        (
            "gpt-6.1-terra",
            "gemini-omni-1.2-flash",
            "chat-latest",
            "gemini-3.1-pro-preview-customtools",
        ),
        "only litellm (1.98-1.110) lists the model; no second source to compare",
        "litellm's prices as published",
        "single source: verify on the vendor page before relying on it",
    ),
)


def decisions_for(model_id: str) -> list[Decision]:
    return [d for d in DECISIONS if model_id in d.models]


def _backfill(model: ModelPrice, day: dt.date) -> ModelPrice:
    update = _batch_backfill(model, day)
    if not update:
        return model
    note = (
        "Batch prices (or batch long-context prices) not in the dataset: derived by the "
        "vendor's batch rule (50 % of input and output; Anthropic also halves cache prices), "
        "see data/pricing/README.md."
    )
    notes = f"{model.notes} {note}" if model.notes else note
    return ModelPrice.model_validate(
        model.model_copy(update={**update, "notes": notes}).model_dump()
    )


def apply_decisions(models: Iterable[ModelPrice], day: dt.date) -> list[ModelPrice]:
    """Apply every decision to the models it names and record it in their ``notes``."""
    out: list[ModelPrice] = []
    for model in (_backfill(m, day) for m in models):
        decided = decisions_for(model.model_id)
        if not decided:
            out.append(model)
            continue
        update: dict[str, Any] = {}
        for decision in decided:
            if decision.patch is not None:
                current = model.model_copy(update=update)
                update.update(decision.patch(current, day))
        notes = [model.notes] if model.notes else []
        notes += [d.note() for d in decided if d.note() not in (model.notes or "")]
        update["notes"] = " ".join(notes)
        data = model.model_copy(update=update).model_dump()
        out.append(ModelPrice.model_validate(data))
    return out


def markdown_table() -> str:
    """The README table: one row per decision."""
    lines = [
        "| Model | What differs | Choice | Why |",
        "|---|---|---|---|",
    ]
    for d in (*DECISIONS, BATCH_BACKFILL):
        models = ", ".join(f"`{m}`" for m in d.models)
        lines.append(f"| {models} | {d.differs} | {d.choice} | {d.why} |")
    return "\n".join(lines)
