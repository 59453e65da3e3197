"""The three wire formats: how to ask (URL, headers, body) and how to read the answer,
streamed (SSE events) or not (one JSON body). Formats and traps: gateways-apis.md §3; what
counts as a token: :mod:`model.live.observe`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from model.live.observe import (
    PREVIEW_CHARS,
    Observed,
    Prompt,
    Wire,
    join_url,
    nonempty,
    parse_event,
)
from model.live.usage import (
    ReportedCost,
    Tokens,
    anthropic_tokens,
    gemini_tokens,
    openai_tokens,
    reported_cost,
)

API_FORMATS = ("openai", "anthropic", "gemini")
ANTHROPIC_VERSION = "2023-06-01"
EPHEMERAL = {"type": "ephemeral"}
__all__ = ["API_FORMATS", "Observed", "Prompt", "Wire", "wire_for"]


class OpenAIChat(Wire):
    """Chat Completions (OpenAI, OpenRouter, gateways, Gemini's compatible endpoint)."""

    api = "openai"

    def url(self, base_url: str, model: str, stream: bool) -> str:  # noqa: ARG002
        return join_url(base_url, "/chat/completions")

    def headers(self, key: str) -> dict[str, str]:
        return {"authorization": f"Bearer {key}", "content-type": "application/json"}

    def body(self, model: str, prompt: Prompt, max_tokens: int, stream: bool) -> dict[str, Any]:
        if prompt.prefix and prompt.cache_marker:
            # The shape OpenRouter passes on to Anthropic: without cache_control a Claude
            # model routed this way is not cached (peers-2026-11.md §0).
            content: Any = [
                {"type": "text", "text": prompt.prefix, "cache_control": EPHEMERAL},
                {"type": "text", "text": prompt.text},
            ]
        else:
            content = prompt.prefix + prompt.text
        body: dict[str, Any] = {
            "model": model,
            "messages": [{"role": "user", "content": content}],
            "max_tokens": max_tokens,
            "stream": stream,
        }
        if stream:
            body["stream_options"] = {"include_usage": True}
        return body

    def _meta(self, obs: Observed, chunk: Mapping[str, Any]) -> None:
        obs.request_id = obs.request_id or nonempty(chunk.get("id"))
        obs.served_model = obs.served_model or nonempty(chunk.get("model"))
        obs.served_provider = obs.served_provider or nonempty(chunk.get("provider"))
        if isinstance(chunk.get("usage"), Mapping):
            obs.usage_raw = dict(chunk["usage"])

    def on_event(self, obs: Observed, event: str, data: str, t: float) -> None:  # noqa: ARG002
        if data.strip() == "[DONE]":
            obs.done = True
            return
        chunk = parse_event(obs, data)
        if chunk is None:
            return
        self._meta(obs, chunk)
        if isinstance(chunk.get("error"), Mapping):
            err = chunk["error"]
            obs.stream_error(str(err.get("code", "")), str(err.get("message", "")))
            return
        choices = chunk.get("choices")
        if not isinstance(choices, list) or not choices or not isinstance(choices[0], Mapping):
            return  # the usage chunk has choices: []
        choice = choices[0]
        delta = choice.get("delta") if isinstance(choice.get("delta"), Mapping) else {}
        for name in ("reasoning", "reasoning_content"):
            if nonempty(delta.get(name)):
                obs.token(t, reasoning=True)
        if nonempty(delta.get("content")):
            obs.token(t, reasoning=False, text=delta["content"])
        elif delta.get("tool_calls"):
            obs.token(t, reasoning=False)
        if choice.get("finish_reason") == "error":
            obs.stream_error("finish_reason", "the endpoint ended the stream with an error")

    def on_body(self, obs: Observed, body: Mapping[str, Any]) -> None:
        self._meta(obs, body)
        choices = body.get("choices")
        if isinstance(choices, list) and choices and isinstance(choices[0], Mapping):
            message = choices[0].get("message")
            if isinstance(message, Mapping) and isinstance(message.get("content"), str):
                obs.text = message["content"][:PREVIEW_CHARS]

    def tokens(self, usage: Mapping[str, Any]) -> Tokens:
        return openai_tokens(usage)

    def reported(self, usage: Mapping[str, Any]) -> ReportedCost:
        return reported_cost(usage)


class AnthropicMessages(Wire):
    """Anthropic Messages API (direct, or a gateway's Anthropic-format endpoint)."""

    api = "anthropic"

    def url(self, base_url: str, model: str, stream: bool) -> str:  # noqa: ARG002
        return join_url(base_url, "/v1/messages")

    def headers(self, key: str) -> dict[str, str]:
        return {
            "x-api-key": key,
            "anthropic-version": ANTHROPIC_VERSION,
            "content-type": "application/json",
        }

    def body(self, model: str, prompt: Prompt, max_tokens: int, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": model,
            "max_tokens": max_tokens,
            "messages": [{"role": "user", "content": prompt.text}],
            "stream": stream,
        }
        if prompt.prefix:
            block: dict[str, Any] = {"type": "text", "text": prompt.prefix}
            if prompt.cache_marker:
                block["cache_control"] = EPHEMERAL
            body["system"] = [block]
        return body

    def _usage(self, obs: Observed, usage: Any) -> None:
        if isinstance(usage, Mapping):
            # message_delta counts are cumulative: later non-null values replace earlier ones.
            merged = dict(obs.usage_raw or {})
            merged.update({k: v for k, v in usage.items() if v is not None})
            obs.usage_raw = merged

    def on_event(self, obs: Observed, event: str, data: str, t: float) -> None:
        payload = parse_event(obs, data)
        if payload is None:
            return
        kind = payload.get("type") or event
        if kind == "message_start" and isinstance(payload.get("message"), Mapping):
            message = payload["message"]
            obs.request_id = nonempty(message.get("id"))
            obs.served_model = nonempty(message.get("model"))
            self._usage(obs, message.get("usage"))
        elif kind == "content_block_delta" and isinstance(payload.get("delta"), Mapping):
            delta = payload["delta"]
            if delta.get("type") == "thinking_delta" and nonempty(delta.get("thinking")):
                obs.token(t, reasoning=True)
            elif delta.get("type") == "text_delta" and nonempty(delta.get("text")):
                obs.token(t, reasoning=False, text=delta["text"])
            elif delta.get("type") == "input_json_delta" and nonempty(delta.get("partial_json")):
                obs.token(t, reasoning=False)
        elif kind == "message_delta":
            self._usage(obs, payload.get("usage"))
        elif kind == "message_stop":
            obs.done = True
        elif kind == "error":
            err = payload.get("error") if isinstance(payload.get("error"), Mapping) else {}
            obs.stream_error(str(err.get("type", "")), str(err.get("message", "")))

    def on_body(self, obs: Observed, body: Mapping[str, Any]) -> None:
        obs.request_id = nonempty(body.get("id"))
        obs.served_model = nonempty(body.get("model"))
        self._usage(obs, body.get("usage"))
        blocks = body.get("content")
        if isinstance(blocks, list):
            text = "".join(
                b["text"]
                for b in blocks
                if isinstance(b, Mapping) and isinstance(b.get("text"), str)
            )
            obs.text = text[:PREVIEW_CHARS]

    def tokens(self, usage: Mapping[str, Any]) -> Tokens:
        return anthropic_tokens(usage)


class GeminiNative(Wire):
    """Gemini API ``generateContent`` / ``streamGenerateContent?alt=sse``."""

    api = "gemini"
    usage_key = "usageMetadata"

    def url(self, base_url: str, model: str, stream: bool) -> str:
        name = quote(model.removeprefix("models/"), safe="-._")
        action = ":streamGenerateContent?alt=sse" if stream else ":generateContent"
        return join_url(base_url, f"/models/{name}{action}")

    def headers(self, key: str) -> dict[str, str]:
        return {"x-goog-api-key": key, "content-type": "application/json"}

    def body(self, model: str, prompt: Prompt, max_tokens: int, stream: bool) -> dict[str, Any]:  # noqa: ARG002
        # Gemini caches implicitly (no marker); the prefix simply leads the prompt.
        return {
            "contents": [{"role": "user", "parts": [{"text": prompt.prefix + prompt.text}]}],
            "generationConfig": {"maxOutputTokens": max_tokens},
        }

    def _read(self, obs: Observed, chunk: Mapping[str, Any], t: float | None) -> None:
        obs.request_id = obs.request_id or nonempty(chunk.get("responseId"))
        obs.served_model = obs.served_model or nonempty(chunk.get("modelVersion"))
        if isinstance(chunk.get("usageMetadata"), Mapping):
            obs.usage_raw = dict(chunk["usageMetadata"])
        if isinstance(chunk.get("error"), Mapping):
            err = chunk["error"]
            obs.stream_error(str(err.get("status", "")), str(err.get("message", "")))
            return
        feedback = chunk.get("promptFeedback")
        if isinstance(feedback, Mapping) and feedback.get("blockReason"):
            obs.stream_error("blocked", f"prompt blocked ({feedback['blockReason']})")
            return
        candidates = chunk.get("candidates")
        if not isinstance(candidates, list) or not candidates:
            return
        content = candidates[0].get("content") if isinstance(candidates[0], Mapping) else None
        parts = content.get("parts") if isinstance(content, Mapping) else None
        for part in parts if isinstance(parts, list) else []:
            if not isinstance(part, Mapping):
                continue
            text = nonempty(part.get("text"))
            thought = part.get("thought") is True
            if t is not None and (text or part.get("functionCall")):
                obs.token(t, reasoning=thought, text=text or "")
            elif text and not thought and len(obs.text) < PREVIEW_CHARS:
                obs.text = (obs.text + text)[:PREVIEW_CHARS]

    def on_event(self, obs: Observed, event: str, data: str, t: float) -> None:  # noqa: ARG002
        chunk = parse_event(obs, data)
        if chunk is not None:
            self._read(obs, chunk, t)

    def on_body(self, obs: Observed, body: Mapping[str, Any]) -> None:
        self._read(obs, body, None)

    def tokens(self, usage: Mapping[str, Any]) -> Tokens:
        return gemini_tokens(usage)


WIRES: dict[str, Wire] = {
    "openai": OpenAIChat(),
    "anthropic": AnthropicMessages(),
    "gemini": GeminiNative(),
}


def wire_for(api: str) -> Wire:
    try:
        return WIRES[api]
    except KeyError:
        raise ValueError(f"unknown API format {api!r}; one of {', '.join(API_FORMATS)}") from None
