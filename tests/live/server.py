"""A loopback server that speaks the three wire formats faithfully, for the test-call tests.

Paths (base URLs a client is given):
- ``/openai/v1``          OpenAI Chat Completions: role-only first chunk with ``content: ""``,
                          content deltas, ``usage: null`` on every chunk and one usage chunk
                          with ``choices: []`` before ``data: [DONE]`` (when include_usage).
- ``/openrouter/api/v1``  the same plus OpenRouter's traits: ``: OPENROUTER PROCESSING``
                          keep-alive comments, ``delta.reasoning``, ``provider``, ``usage.cost``
                          with ``cost_details`` and ``is_byok``, errors as a chunk with ``error``
                          and ``finish_reason: "error"`` inside a 200 stream.
- ``/anthropic``          Messages API SSE: message_start (usage with cache fields and the
                          5m/1h split), content_block_start, ping, thinking/text deltas,
                          message_delta (cumulative usage), message_stop; ``event: error`` in
                          a 200 stream.
- ``/gemini/v1beta``      ``models/{m}:streamGenerateContent?alt=sse`` / ``:generateContent``
                          with ``usageMetadata`` (thoughts outside candidates, cached inside
                          prompt); ``/gemini/v1beta/openai`` is the OpenAI-compatible endpoint
                          with its quirk: ``completion_tokens`` leaves thinking out, ``total``
                          counts it.

Behaviour is scripted per model name (:meth:`LoopbackServer.behave`): slow first token,
keep-alives, reasoning, HTTP errors with headers, errors inside the stream, malformed
events, no usage, redirects, huge or hanging answers. Prompt caching is simulated: a repeated
prefix of at least ``min_cache_tokens`` is read from cache (automatic for OpenAI and Gemini,
only with ``cache_control`` for Anthropic and for Claude models on OpenRouter, never when
``cache="none"``). Tokens are counted as ``ceil(chars / 4)``.
"""

from __future__ import annotations

import json
import math
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

MIN_CACHE_TOKENS = 1024
BLOCK = 128  # OpenAI caches in 128-token increments


def ntok(text: str) -> int:
    return max(1, math.ceil(len(text) / 4)) if text else 0


@dataclass
class Behaviour:
    """What the server does for one model."""

    first_token_delay: float = 0.0
    keepalive_every: float = 0.0  # comment lines (OpenRouter) / ping events (Anthropic)
    reasoning: list[str] = field(default_factory=list)  # streamed before the answer
    hidden_reasoning_tokens: int = 0  # counted in usage, never streamed (o-series style)
    reasoning_delay: float = 0.0  # between the last reasoning delta and the first answer token
    tokens: list[str] = field(default_factory=lambda: ["Hello", " there", ", tester", "!"])
    inter_token_delay: float = 0.0
    status: int = 200
    error_type: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    error_midstream: bool = False
    malformed: bool = False
    no_usage: bool = False
    redirect_to: str = ""
    huge_bytes: int = 0
    hang: float = 0.0  # sleep after the headers, before any byte of the body
    ignore_stream: bool = False
    cache: str = "auto"  # auto | none
    reported_cost: float | None = None  # OpenRouter usage.cost; None: computed from tokens
    served_model: str | None = None
    echo_key: bool = False  # the error message quotes the key it got (some gateways do)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-answer (timeouts, size bounds) is expected here."""


class LoopbackServer:
    """``with LoopbackServer(key) as srv: srv.url("/openai/v1")``."""

    def __init__(self, key: str = "test-key-123") -> None:
        self.key = key
        self.behaviours: dict[str, Behaviour] = {}
        self.requests: list[Seen] = []
        self._prefixes: dict[str, list[str]] = {}
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def behave(self, model: str, **kwargs: Any) -> Behaviour:
        self.behaviours[model] = Behaviour(**kwargs)
        return self.behaviours[model]

    def reset(self) -> None:
        with self._lock:
            self.behaviours.clear()
            self.requests.clear()
            self._prefixes.clear()

    # --- prompt caching ------------------------------------------------------------------

    def cached_tokens(self, scope: str, text: str, *, marked: bool, auto: bool) -> tuple[int, int]:
        """(read, written) tokens for ``text`` in ``scope``: a repeated prefix is read."""
        with self._lock:
            seen = self._prefixes.setdefault(scope, [])
            best = 0
            for old in seen:
                n = 0
                for a, b in zip(old, text, strict=False):
                    if a != b:
                        break
                    n += 1
                best = max(best, n)
            seen.append(text)
        if not (marked or auto):
            return 0, 0
        tokens = ntok(text)
        if tokens < MIN_CACHE_TOKENS:
            return 0, 0
        if marked:  # Anthropic: the marked block is read whole, or written whole
            return (tokens, 0) if best >= len(text) else (0, tokens)
        read = (best // 4) // BLOCK * BLOCK
        return (read, 0) if read >= MIN_CACHE_TOKENS else (0, 0)


def _handler(srv: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    from tests.live import wire_out

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence
            return

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = {}
            path = urlsplit(self.path).path
            srv.requests.append(
                Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            fmt, model = _route(path, body)
            if fmt is None:
                self._send(404, {"error": {"message": f"no route {path}"}})
                return
            behaviour = srv.behaviours.get(model, Behaviour())
            out = wire_out.Writer(self, srv, fmt, model, body, behaviour)
            if not self._authorized(fmt):
                out.http_error(401, "authentication_error", "invalid x-api-key")
                return
            out.respond()

        def _authorized(self, fmt: str) -> bool:
            if fmt == "anthropic":
                return self.headers.get("x-api-key") == srv.key
            if fmt in ("gemini", "gemini-stream"):
                return self.headers.get("x-goog-api-key") == srv.key
            return self.headers.get("authorization") == f"Bearer {srv.key}"

        def _send(self, status: int, obj: dict[str, Any]) -> None:
            data = json.dumps(obj).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _route(path: str, body: dict[str, Any]) -> tuple[str | None, str]:
    model = str(body.get("model", ""))
    if path == "/openai/v1/chat/completions":
        return "openai", model
    if path == "/openrouter/api/v1/chat/completions":
        return "openrouter", model
    if path == "/gemini/v1beta/openai/chat/completions":
        return "gemini-openai", model
    if path in ("/anthropic/v1/messages", "/openrouter/api/v1/messages"):
        return "anthropic", model
    if path.startswith("/gemini/v1beta/models/"):
        name = unquote(path.removeprefix("/gemini/v1beta/models/"))
        if name.endswith(":streamGenerateContent"):
            return "gemini-stream", name.removesuffix(":streamGenerateContent")
        if name.endswith(":generateContent"):
            return "gemini", name.removesuffix(":generateContent")
    return None, model


def pause(seconds: float) -> None:
    if seconds > 0:
        time.sleep(seconds)
