"""What a response says, whatever its format: the prompt sent, the marks and usage observed
while reading it, and the interface each wire format implements (:mod:`model.live.apis`).

Time marks follow peers-2026-11.md §4.2: the first *token* is the first non-empty content or
reasoning delta — never the first byte, OpenAI's role-only first chunk, a keep-alive comment
(``: OPENROUTER PROCESSING``, dropped by the SSE decoder), Anthropic's ``ping`` or
``message_start``; the final usage chunk never moves a mark.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from model.live.errors import CallError, make_error
from model.live.usage import ReportedCost, Tokens

PREVIEW_CHARS = 300


@dataclass(frozen=True)
class Prompt:
    """What is sent: an optional shared ``prefix`` (the cache probe's long part, marked for
    caching when ``cache_marker``) and the ``text`` of the question."""

    text: str
    prefix: str = ""
    cache_marker: bool = False


@dataclass
class Observed:
    """What one response told us; times are seconds after the request was sent."""

    first_reasoning_s: float | None = None
    first_visible_s: float | None = None
    last_token_s: float | None = None
    reasoning_seen: bool = False
    usage_raw: dict[str, Any] | None = None
    request_id: str | None = None
    served_model: str | None = None
    served_provider: str | None = None
    text: str = ""
    error: CallError | None = None
    done: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def first_token_s(self) -> float | None:
        marks = [t for t in (self.first_reasoning_s, self.first_visible_s) if t is not None]
        return min(marks) if marks else None

    def token(self, t: float, *, reasoning: bool, text: str = "") -> None:
        if reasoning:
            self.reasoning_seen = True
            if self.first_reasoning_s is None:
                self.first_reasoning_s = t
        elif self.first_visible_s is None:
            self.first_visible_s = t
        self.last_token_s = t
        if not reasoning and len(self.text) < PREVIEW_CHARS:
            self.text = (self.text + text)[:PREVIEW_CHARS]

    def stream_error(self, vendor: str, message: str) -> None:
        label = f"{vendor}: " if vendor else ""
        self.error = make_error(
            "stream_error", f"error inside the stream (HTTP 200): {label}{message}"
        )
        self.done = True


def join_url(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def nonempty(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


class Wire:
    """One API format. Subclasses fill in the request and the readers."""

    api: str = ""
    usage_key: str = "usage"

    def url(self, base_url: str, model: str, stream: bool) -> str:
        raise NotImplementedError

    def headers(self, key: str) -> dict[str, str]:
        raise NotImplementedError

    def body(self, model: str, prompt: Prompt, max_tokens: int, stream: bool) -> dict[str, Any]:
        raise NotImplementedError

    def on_event(self, obs: Observed, event: str, data: str, t: float) -> None:
        """Read one SSE event that arrived at ``t``."""
        raise NotImplementedError

    def on_body(self, obs: Observed, body: Mapping[str, Any]) -> None:
        """Read a whole (non-streamed) JSON answer."""
        raise NotImplementedError

    def tokens(self, usage: Mapping[str, Any]) -> Tokens:
        raise NotImplementedError

    def reported(self, usage: Mapping[str, Any]) -> ReportedCost:  # noqa: ARG002
        return ReportedCost()  # only OpenAI-compatible endpoints report a cost in-band


def parse_event(obs: Observed, data: str) -> dict[str, Any] | None:
    try:
        value = json.loads(data)
    except ValueError:
        obs.error = make_error("malformed_stream", f"a stream event is not JSON: {data[:80]!r}")
        obs.done = True
        return None
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, dict):
        obs.error = make_error("malformed_stream", "a stream event is not a JSON object")
        obs.done = True
        return None
    return value
