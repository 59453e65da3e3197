"""Cache probe: the same long prefix twice through an endpoint; was the second call billed
as a cache read? The token fields that prove it are kept with the verdict.

Its result can be carried into the calculator as that option's ``cache_effectiveness``:
the share of cacheable tokens actually read from cache through it (DESIGN §5).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from model.live.call import CallResult

#: Default prefix size: above every vendor's minimum cacheable length (Anthropic's is 1,024
#: to 4,096 tokens by model, OpenAI's 1,024, Gemini's implicit caching 1,024 to 4,096).
PROBE_TOKENS = 6000
MIN_CACHEABLE = 4096
PROBE_QUESTION = "In five words: which note number comes first above?"
_WORDS = (
    "amber",
    "basalt",
    "cedar",
    "delta",
    "ember",
    "fjord",
    "garnet",
    "harbor",
    "indigo",
    "juniper",
)


def cache_prefix(approx_tokens: int = PROBE_TOKENS, nonce: str | None = None) -> str:
    """A long, unique, deterministic-looking prefix of about ``approx_tokens`` tokens.

    The nonce leads, so no earlier probe (or other user) can have cached it: the first call
    is a guaranteed miss. About 4 characters per token; the provider's count is what counts.
    """
    nonce = nonce or secrets.token_hex(8)
    lines = [f"Reference notes {nonce}. Read them, then answer the question that follows.\n"]
    size, i = len(lines[0]), 0
    while size < approx_tokens * 4:
        w = _WORDS[i % len(_WORDS)]
        line = f"Note {i:05d}: the {w} record holds value {(i * 7919) % 10007} and tag {w[::-1]}.\n"
        lines.append(line)
        size += len(line)
        i += 1
    return "".join(lines)


@dataclass
class CacheProbe:
    """The two calls and what they show."""

    endpoint: str
    first: CallResult
    second: CallResult

    @property
    def ok(self) -> bool:
        return self.first.ok and self.second.ok

    @property
    def read_tokens(self) -> int | None:
        return self.second.tokens.cache_read if self.ok and self.second.tokens else None

    @property
    def read_share(self) -> float | None:
        """Share of the second call's prompt billed as a cache read."""
        t = self.second.tokens
        if not self.ok or t is None or t.prompt_side == 0:
            return None
        return t.cache_read / t.prompt_side

    @property
    def reported(self) -> bool:
        """Whether the second call's usage block reports cached tokens at all."""
        return bool(self.second.tokens and self.second.tokens.cache_reported)

    @property
    def cached(self) -> bool | None:
        """True/False from the usage block; None when the call failed or the endpoint does
        not report cached tokens (and read none)."""
        if self.read_tokens is None or (not self.read_tokens and not self.reported):
            return None
        return self.read_tokens > 0

    @property
    def verdict(self) -> str:
        if not self.ok:
            failed = self.first if not self.first.ok else self.second
            return f"probe failed: {failed.error.message if failed.error else 'no answer'}"
        t = self.second.tokens
        assert t is not None
        first = self.first.tokens
        wrote = first.cache_write_5m + first.cache_write_1h if first else 0
        if self.cached:
            share = f"{t.cache_read:,} of {t.prompt_side:,} prompt tokens ({self.read_share:.0%})"
            extra = f"; the first call wrote {wrote:,} tokens to the cache" if wrote else ""
            return f"cached: the second call was billed {share} as cache reads{extra}"
        if self.cached is None:
            return (
                "unknown: the endpoint's usage block does not report cached tokens "
                "(Gemini's OpenAI-compatible endpoint omits them; probe the native API)"
            )
        if wrote:
            return (
                f"not read back: the first call wrote {wrote:,} tokens to the cache, "
                "but the second call read none"
            )
        return (
            "not cached: the second call reports no cache read "
            "(the prefix was billed as input again)"
        )

    @property
    def notes(self) -> list[str]:
        first = self.first.tokens
        if first is not None and first.prompt_side < MIN_CACHEABLE:
            return [
                f"the prefix was {first.prompt_side:,} tokens, below some vendors' minimum "
                f"cacheable length ({MIN_CACHEABLE:,}); use a longer probe"
            ]
        return []

    def to_json(self) -> dict[str, Any]:
        return {
            "endpoint": self.endpoint,
            "cached": self.cached,
            "cache_read_tokens": self.read_tokens,
            "read_share": self.read_share,
            "verdict": self.verdict,
            "notes": self.notes,
            # The provider's own fields: what proves the verdict.
            "first_usage": self.first.usage_raw,
            "second_usage": self.second.usage_raw,
            "first_request_id": self.first.request_id,
            "second_request_id": self.second.request_id,
        }


def cache_effectiveness(
    probe: CacheProbe | None, baseline: CacheProbe | None = None
) -> float | None:
    """The option assumption to carry into the calculator, in [0, 1].

    Relative to the direct baseline when one was probed (the part of a prompt no vendor
    caches — the question after the prefix, the last partial block — then cancels out);
    otherwise the second call's cache-read share as measured.
    """
    if probe is None or probe.read_share is None or probe.cached is None:
        return None
    share = probe.read_share
    if baseline is not None and baseline.read_share:
        share = share / baseline.read_share
    return round(min(max(share, 0.0), 1.0), 4)
