"""The loopback server's writers: one answer in each wire format (see server.py)."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from tests.live.server import Behaviour, LoopbackServer, ntok, pause

GEMINI_STATUS = {
    400: "INVALID_ARGUMENT",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}
ANTHROPIC_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


def _text_of(content: Any) -> tuple[str, str, bool]:
    """(prefix, whole text, marked) of a message content: a string or a list of parts."""
    if isinstance(content, str):
        return "", content, False
    parts = [p for p in content or [] if isinstance(p, dict)]
    texts = [str(p.get("text", "")) for p in parts]
    marked = any("cache_control" in p for p in parts)
    return (texts[0] if marked else ""), "".join(texts), marked


class Writer:
    def __init__(
        self,
        handler: Any,
        srv: LoopbackServer,
        fmt: str,
        model: str,
        body: dict[str, Any],
        b: Behaviour,
    ) -> None:
        self.h, self.srv, self.fmt, self.model, self.body, self.b = (
            handler,
            srv,
            fmt,
            model,
            body,
            b,
        )
        self.id = uuid.uuid4().hex[:16]
        self.eol = "\r\n" if fmt.startswith("gemini-stream") else "\n"

    # --- transport -----------------------------------------------------------------------

    def _headers(
        self, status: int, kind: str, extra: dict[str, str] | None = None, length: int | None = None
    ) -> None:
        self.h.send_response(status)
        self.h.send_header("content-type", kind)
        if length is None:
            self.h.send_header("transfer-encoding", "chunked")
        else:
            self.h.send_header("content-length", str(length))
        rid = "request-id" if self.fmt == "anthropic" else "x-request-id"
        self.h.send_header(rid, f"req_{self.id}")
        for k, v in {**self.b.headers, **(extra or {})}.items():
            self.h.send_header(k, v)
        self.h.end_headers()

    def _json(self, status: int, obj: Any, extra: dict[str, str] | None = None) -> None:
        data = json.dumps(obj).encode()
        self._headers(status, "application/json", extra, len(data))
        self.h.wfile.write(data)

    def _chunk(self, text: str) -> None:
        data = text.encode()
        self.h.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.h.wfile.flush()

    def _end(self) -> None:
        self.h.wfile.write(b"0\r\n\r\n")
        self.h.wfile.flush()

    def _data(self, obj: Any, event: str | None = None) -> None:
        head = f"event: {event}{self.eol}" if event else ""
        payload = obj if isinstance(obj, str) else json.dumps(obj)
        self._chunk(f"{head}data: {payload}{self.eol}{self.eol}")

    def _wait(self, seconds: float, keepalive: Any = None) -> None:
        """Sleep; send keep-alives meanwhile (a comment line or a ping event)."""
        end = time.monotonic() + seconds
        while (
            self.b.keepalive_every and keepalive and time.monotonic() + self.b.keepalive_every < end
        ):
            pause(self.b.keepalive_every)
            keepalive()
        pause(end - time.monotonic())

    # --- answers -------------------------------------------------------------------------

    def http_error(self, status: int, kind: str, message: str) -> None:
        if self.b.echo_key:
            got = next(
                (
                    self.h.headers[h]
                    for h in ("x-api-key", "x-goog-api-key", "authorization")
                    if h in self.h.headers
                ),
                "",
            )
            message = f"{message}; key received: {got}"
        if self.fmt == "anthropic":
            obj: Any = {
                "type": "error",
                "error": {
                    "type": kind or ANTHROPIC_TYPES.get(status, "api_error"),
                    "message": message,
                },
                "request_id": f"req_{self.id}",
            }
        elif self.fmt in ("gemini", "gemini-stream"):
            obj = {
                "error": {
                    "code": status,
                    "message": message,
                    "status": kind or GEMINI_STATUS.get(status, "UNKNOWN"),
                }
            }
        elif self.fmt == "openrouter":
            obj = {
                "error": {
                    "code": status,
                    "message": message,
                    "metadata": {"provider_name": "Anthropic"},
                }
            }
        else:
            obj = {
                "error": {
                    "message": message,
                    "type": kind or "invalid_request_error",
                    "code": kind or None,
                }
            }
        self._json(status, obj)

    def respond(self) -> None:
        b = self.b
        if b.redirect_to:
            self._headers(307, "text/plain", {"location": b.redirect_to}, 0)
            return
        if b.status != 200:
            self.http_error(b.status, b.error_type, f"scripted {b.status}")
            return
        self.usage = self._usage()
        streaming = self.fmt == "gemini-stream" or bool(self.body.get("stream"))
        if not streaming or b.ignore_stream:
            self._json(200, self._whole())
            return
        self._headers(200, "text/event-stream; charset=utf-8")
        pause(b.hang)
        if self.fmt == "anthropic":
            self._anthropic()
        elif self.fmt == "gemini-stream":
            self._gemini()
        else:
            self._openai()
        self._end()

    # --- usage ---------------------------------------------------------------------------

    def _prompt(self) -> tuple[str, str, bool]:
        if self.fmt == "anthropic":
            system = self.body.get("system") or []
            blocks = [system] if isinstance(system, str) else system
            sys_text = "".join(
                str(x.get("text", "")) if isinstance(x, dict) else str(x) for x in blocks
            )
            marked = any(isinstance(x, dict) and "cache_control" in x for x in blocks)
            user = self.body["messages"][-1]["content"]
            return (
                sys_text,
                sys_text + (user if isinstance(user, str) else json.dumps(user)),
                marked,
            )
        if self.fmt.startswith("gemini") and self.fmt != "gemini-openai":
            return "", self.body["contents"][-1]["parts"][0]["text"], False
        return _text_of(self.body["messages"][-1]["content"])

    def _usage(self) -> dict[str, Any]:
        b = self.b
        prefix, text, marked = self._prompt()
        claude = "claude" in self.model
        auto = (
            b.cache == "auto"
            and self.fmt not in ("anthropic",)
            and not (self.fmt == "openrouter" and claude)
        )
        use_marker = b.cache == "auto" and marked and (self.fmt == "anthropic" or claude)
        cached_text = prefix if use_marker else text
        read, written = self.srv.cached_tokens(self.fmt, cached_text, marked=use_marker, auto=auto)
        visible = sum(ntok(t) for t in b.tokens)
        thinking = sum(ntok(t) for t in b.reasoning) + b.hidden_reasoning_tokens
        prompt = ntok(text)
        return {
            "prompt": prompt,
            "read": read,
            "written": written,
            "visible": visible,
            "thinking": thinking,
        }

    def _openai_usage(self) -> dict[str, Any]:
        u = self.usage
        completion = u["visible"] + u["thinking"]
        usage: dict[str, Any] = {
            "prompt_tokens": u["prompt"],
            "completion_tokens": completion,
            "total_tokens": u["prompt"] + completion,
            "prompt_tokens_details": {"cached_tokens": u["read"], "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": u["thinking"], "audio_tokens": 0},
        }
        if self.fmt == "gemini-openai":  # the quirk: thinking outside completion, inside total
            usage["completion_tokens"] = u["visible"]
            usage.pop("prompt_tokens_details")
        if self.fmt == "openrouter":
            usage["prompt_tokens_details"]["cache_write_tokens"] = u["written"]
            cost = self.b.reported_cost
            if cost is None:
                cost = (u["prompt"] * 3 + completion * 15) / 1e6
            usage.update(
                {"cost": cost, "is_byok": False, "cost_details": {"upstream_inference_cost": None}}
            )
        return usage

    def _anthropic_usage(self) -> dict[str, Any]:
        u = self.usage
        return {
            "input_tokens": u["prompt"] - u["read"] - u["written"],
            "cache_creation_input_tokens": u["written"],
            "cache_read_input_tokens": u["read"],
            "cache_creation": {
                "ephemeral_5m_input_tokens": u["written"],
                "ephemeral_1h_input_tokens": 0,
            },
            "output_tokens": u["visible"] + u["thinking"],
            "service_tier": "standard",
        }

    def _gemini_usage(self) -> dict[str, Any]:
        u = self.usage
        meta = {
            "promptTokenCount": u["prompt"],
            "candidatesTokenCount": u["visible"],
            "totalTokenCount": u["prompt"] + u["visible"] + u["thinking"],
        }
        if u["read"]:
            meta["cachedContentTokenCount"] = u["read"]
        if u["thinking"]:
            meta["thoughtsTokenCount"] = u["thinking"]
        return meta

    def _whole(self) -> dict[str, Any]:
        text = "".join(self.b.tokens)
        model = self.b.served_model or self.model
        if self.fmt == "anthropic":
            return {
                "id": f"msg_{self.id}",
                "type": "message",
                "role": "assistant",
                "model": model,
                "content": [{"type": "text", "text": text}],
                "stop_reason": "end_turn",
                "usage": self._anthropic_usage(),
            }
        if self.fmt.startswith("gemini") and self.fmt != "gemini-openai":
            return {
                "candidates": [
                    {
                        "content": {"parts": [{"text": text}], "role": "model"},
                        "finishReason": "STOP",
                        "index": 0,
                    }
                ],
                "usageMetadata": self._gemini_usage(),
                "modelVersion": model,
                "responseId": self.id,
            }
        out = {
            "id": f"chatcmpl-{self.id}",
            "object": "chat.completion",
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                }
            ],
            "usage": self._openai_usage(),
        }
        if self.b.no_usage:
            out.pop("usage")
        return out

    # --- streams -------------------------------------------------------------------------

    def _openai(self) -> None:
        b = self.b
        model = b.served_model or self.model
        base = {
            "id": f"gen-{self.id}" if self.fmt == "openrouter" else f"chatcmpl-{self.id}",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
        }
        if self.fmt == "openrouter":
            base["provider"] = "Anthropic"

        def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> None:
            self._data(
                {
                    **base,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                    "usage": None,
                    **extra,
                }
            )

        if self.fmt == "openrouter":
            self._chunk(": OPENROUTER PROCESSING\n\n")
        chunk({"role": "assistant", "content": ""})
        self._wait(
            b.first_token_delay,
            lambda: (
                self._chunk(": OPENROUTER PROCESSING\n\n") if self.fmt == "openrouter" else None
            ),
        )
        field_name = "reasoning" if self.fmt == "openrouter" else "reasoning_content"
        for piece in b.reasoning:
            chunk({field_name: piece, "content": None})
            pause(b.inter_token_delay)
        pause(b.reasoning_delay)
        if b.malformed:
            self._chunk("data: {not json\n\n")
            return
        for i, piece in enumerate(b.tokens):
            if i:
                pause(b.inter_token_delay)
            chunk({"content": piece})
        if b.huge_bytes:
            filler = "x" * 1000
            for _ in range(b.huge_bytes // 1000 + 1):
                chunk({"content": filler})
        if b.error_midstream:
            self._data(
                {
                    **base,
                    "error": {"code": 502, "message": "Provider returned error"},
                    "choices": [{"index": 0, "delta": {"content": ""}, "finish_reason": "error"}],
                }
            )
            return
        chunk({}, "stop")
        include = (self.body.get("stream_options") or {}).get(
            "include_usage"
        ) or self.fmt == "openrouter"
        if include and not b.no_usage:
            self._data({**base, "choices": [], "usage": self._openai_usage()})
        self._chunk("data: [DONE]\n\n")

    def _anthropic(self) -> None:
        b = self.b
        usage = self._anthropic_usage()
        start_usage = {**usage, "output_tokens": 1}
        message = {
            "id": f"msg_{self.id}",
            "type": "message",
            "role": "assistant",
            "content": [],
            "model": b.served_model or self.model,
            "stop_reason": None,
            "stop_sequence": None,
        }
        if not b.no_usage:
            message["usage"] = start_usage
        self._data({"type": "message_start", "message": message}, "message_start")
        index = 0
        if b.reasoning:
            self._data(
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "thinking", "thinking": ""},
                },
                "content_block_start",
            )
        else:
            self._data(
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "text", "text": ""},
                },
                "content_block_start",
            )
        self._data({"type": "ping"}, "ping")
        self._wait(b.first_token_delay, lambda: self._data({"type": "ping"}, "ping"))
        if b.reasoning:
            for piece in b.reasoning:
                self._data(
                    {
                        "type": "content_block_delta",
                        "index": 0,
                        "delta": {"type": "thinking_delta", "thinking": piece},
                    },
                    "content_block_delta",
                )
                pause(b.inter_token_delay)
            self._data(
                {
                    "type": "content_block_delta",
                    "index": 0,
                    "delta": {"type": "signature_delta", "signature": "EqQBCgIYAhIM"},
                },
                "content_block_delta",
            )
            self._data({"type": "content_block_stop", "index": 0}, "content_block_stop")
            pause(b.reasoning_delay)
            index = 1
            self._data(
                {
                    "type": "content_block_start",
                    "index": 1,
                    "content_block": {"type": "text", "text": ""},
                },
                "content_block_start",
            )
        if b.malformed:
            self._chunk('event: content_block_delta\ndata: {"type": "content_block_delta", \n\n')
            return
        for i, piece in enumerate(b.tokens):
            if i:
                pause(b.inter_token_delay)
            self._data(
                {
                    "type": "content_block_delta",
                    "index": index,
                    "delta": {"type": "text_delta", "text": piece},
                },
                "content_block_delta",
            )
        if b.error_midstream:
            self._data(
                {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
                "error",
            )
            return
        self._data({"type": "content_block_stop", "index": index}, "content_block_stop")
        delta: dict[str, Any] = {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
        }
        if not b.no_usage:
            delta["usage"] = {"output_tokens": usage["output_tokens"]}
        self._data(delta, "message_delta")
        self._data({"type": "message_stop"}, "message_stop")

    def _gemini(self) -> None:
        b = self.b
        final = self._gemini_usage()
        partial = {
            "promptTokenCount": final["promptTokenCount"],
            "totalTokenCount": final["promptTokenCount"],
        }
        model = b.served_model or self.model

        def send(parts: list[dict[str, Any]], last: bool = False) -> None:
            cand: dict[str, Any] = {"content": {"parts": parts, "role": "model"}, "index": 0}
            if last:
                cand["finishReason"] = "STOP"
            obj: dict[str, Any] = {
                "candidates": [cand],
                "modelVersion": model,
                "responseId": self.id,
            }
            if not b.no_usage:
                obj["usageMetadata"] = final if last else partial
            self._data(obj)

        pause(b.first_token_delay)
        for piece in b.reasoning:
            send([{"text": piece, "thought": True}])
            pause(b.inter_token_delay)
        pause(b.reasoning_delay)
        if b.malformed:
            self._chunk("data: {not json\r\n\r\n")
            return
        for i, piece in enumerate(b.tokens):
            if i:
                pause(b.inter_token_delay)
            if b.error_midstream and i == len(b.tokens) - 1:
                self._data(
                    {
                        "error": {
                            "code": 503,
                            "message": "The model is overloaded.",
                            "status": "UNAVAILABLE",
                        }
                    }
                )
                return
            send([{"text": piece}], last=i == len(b.tokens) - 1)
