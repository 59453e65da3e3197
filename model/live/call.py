"""One test call: send, time the stream with a monotonic clock, read the usage block, and
turn every failure into a :class:`~model.live.errors.CallError` (never an exception, never
the key).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from httpx_sse import EventSource, SSEError

from model.live.apis import Observed, Prompt, wire_for
from model.live.errors import CallError, http_error, make_error, retry_after_seconds
from model.live.guard import EndpointRefusedError
from model.live.transport import DEADLINE, DeadlineExceededError, Limits, ResponseTooLargeError
from model.live.usage import ReportedCost, Tokens

Clock = Callable[[], float]

#: Response headers kept as receipts (request ids) and rate-limit evidence.
RECEIPT_HEADERS = ("x-request-id", "request-id", "cf-ray", "x-vercel-id", "x-goog-request-id")
RATE_PREFIXES = ("x-ratelimit-", "anthropic-ratelimit-", "ratelimit-", "retry-after")


@dataclass(frozen=True)
class Endpoint:
    """Where a call goes. ``option`` names the calculator option it stands for (``direct``,
    ``openrouter``, ``pooled``) so a cache probe can be carried there; ``baseline`` marks a
    direct-to-vendor row that gateways are read against."""

    label: str
    api: str
    base_url: str
    model: str
    option: str | None = None
    preset: str = "custom"
    baseline: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "api": self.api,
            "base_url": self.base_url,
            "model": self.model,
            "option": self.option,
            "preset": self.preset,
            "baseline": self.baseline,
        }


@dataclass
class CallResult:
    """One call, measured. Times are seconds after the request was sent; ``ttft_s`` is the
    first generated token (reasoning or visible), ``None`` for a non-streamed call."""

    endpoint: str
    run: int
    warmup: bool
    stream: bool
    started_at: str
    http_status: int | None = None
    ttfb_s: float | None = None
    ttft_s: float | None = None
    first_reasoning_s: float | None = None
    first_visible_s: float | None = None
    last_token_s: float | None = None
    total_s: float | None = None
    output_tps: float | None = None
    tokens: Tokens | None = None
    usage_raw: dict[str, Any] | None = None
    cost_usd: float | None = None
    reported: ReportedCost = field(default_factory=ReportedCost)
    request_id: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    served_model: str | None = None
    served_provider: str | None = None
    text: str = ""
    error: CallError | None = None
    attempts: int = 1
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        """One entry of ``runs`` (DESIGN §5), with the extra fields beside."""
        return {
            "run": self.run,
            "endpoint": self.endpoint,
            "started_at": self.started_at,
            "stream": self.stream,
            "http_status": self.http_status,
            "ttft_s": self.ttft_s,
            "total_s": self.total_s,
            "ttfb_s": self.ttfb_s,
            "first_reasoning_s": self.first_reasoning_s,
            "first_visible_s": self.first_visible_s,
            "last_token_s": self.last_token_s,
            "output_tokens_per_s": self.output_tps,
            "tokens": None if self.tokens is None else self.tokens.to_json(),
            "cost_usd": self.cost_usd,
            "reported_cost_usd": self.reported.cost_usd,
            "reported_upstream_cost_usd": self.reported.upstream_cost_usd,
            "byok": self.reported.byok,
            "request_id": self.request_id,
            "headers": self.headers,
            "served_model": self.served_model,
            "served_provider": self.served_provider,
            "usage": self.usage_raw,
            "text": self.text,  # the start of the answer (300 characters at most)
            "attempts": self.attempts,
            "notes": self.notes,
            "error": None if self.error is None else self.error.to_json(),
        }


def output_speed(obs: Observed, tokens: Tokens | None) -> float | None:
    """Output tokens per second over the generation window, first to last token.

    The first token opens the window, so ``n − 1`` tokens fall inside it. A model that hides
    its reasoning (none streamed, but counted in output) generated it before the first
    token: those tokens are left out, or the speed would be inflated.
    """
    first, last = obs.first_token_s, obs.last_token_s
    if tokens is None or first is None or last is None or last - first < 1e-3:
        return None
    produced = tokens.output - (0 if obs.reasoning_seen else tokens.reasoning)
    return (produced - 1) / (last - first) if produced > 1 else None


def _headers(response: httpx.Response) -> dict[str, str]:
    return {
        k.lower(): v[:200]
        for k, v in response.headers.items()
        if k.lower() in RECEIPT_HEADERS or k.lower().startswith(RATE_PREFIXES)
    }


def _scrub(error: CallError, key: str) -> CallError:
    if len(key) >= 8 and key in error.message:  # a shorter "key" is no secret to hide
        return make_error(
            error.type,
            error.message.replace(key, "[key]"),
            status=error.http_status,
            retry_after=error.retry_after_s,
        )
    return error


def _json_body(response: httpx.Response) -> dict[str, Any]:
    body = json.loads(response.read())
    if not isinstance(body, dict):
        raise ValueError("the answer is not a JSON object")
    return body


def _read_stream(
    obs: Observed, response: httpx.Response, wire: Any, t0: float, clock: Clock
) -> None:
    kind = response.headers.get("content-type", "").partition(";")[0].strip().lower()
    if kind == "application/json":
        # Some gateways ignore stream=true and answer in one body: no TTFT to measure.
        wire.on_body(obs, _json_body(response))
        obs.notes.append("the endpoint ignored stream=true and answered in one JSON body")
        return
    for sse in EventSource(response).iter_sse():
        wire.on_event(obs, sse.event, sse.data, clock() - t0)
        if obs.done:
            break


def call_once(
    client: httpx.Client,
    endpoint: Endpoint,
    key: str,
    prompt: Prompt,
    *,
    run: int = 0,
    warmup: bool = False,
    stream: bool = True,
    max_tokens: int = 200,
    limits: Limits | None = None,
    clock: Clock = time.perf_counter,
) -> CallResult:
    """Send one request and measure it; every failure is returned in ``error``."""
    limits = limits or Limits()
    wire = wire_for(endpoint.api)
    headers = wire.headers(key)
    if stream:
        headers["accept"] = "text/event-stream"
    result = CallResult(endpoint.label, run, warmup, stream, dt.datetime.now(dt.UTC).isoformat())
    obs = Observed()
    request = client.build_request(
        "POST",
        wire.url(endpoint.base_url, endpoint.model, stream),
        headers=headers,
        json=wire.body(endpoint.model, prompt, max_tokens, stream),
        extensions={DEADLINE: time.monotonic() + limits.total_s},
    )
    t0 = clock()
    response: httpx.Response | None = None
    try:
        response = client.send(request, stream=True)
        result.ttfb_s = clock() - t0
        result.http_status = response.status_code
        result.headers = _headers(response)
        if not 200 <= response.status_code < 300:
            obs.error = http_error(response.status_code, response.read(), response.headers)
        elif stream:
            _read_stream(obs, response, wire, t0, clock)
        else:
            wire.on_body(obs, _json_body(response))
    except EndpointRefusedError as exc:
        obs.error = make_error("refused", str(exc))
    except (httpx.TimeoutException, DeadlineExceededError) as exc:
        what = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "waiting for the answer"
        obs.error = make_error("timeout", f"timed out while {what}")
    except ResponseTooLargeError as exc:
        obs.error = make_error("too_large", str(exc))
    except (SSEError, ValueError, UnicodeDecodeError, httpx.DecodingError) as exc:
        obs.error = make_error("malformed_stream", f"unreadable answer ({exc.__class__.__name__})")
    except httpx.RemoteProtocolError:
        obs.error = make_error(
            "malformed_stream", "the connection closed in the middle of the answer"
        )
    except httpx.TransportError as exc:
        obs.error = make_error("connection", f"could not connect ({exc.__class__.__name__})")
    finally:
        if response is not None:
            response.close()
    result.total_s = clock() - t0
    return finish(result, obs, wire, key)


def finish(result: CallResult, obs: Observed, wire: Any, key: str) -> CallResult:
    """Copy what the response said into the result; a missing usage block is an error."""
    result.served_model, result.served_provider = obs.served_model, obs.served_provider
    result.request_id = (
        obs.request_id or result.headers.get("request-id") or result.headers.get("x-request-id")
    )
    result.text, result.notes = obs.text, result.notes + obs.notes
    result.first_reasoning_s, result.first_visible_s = obs.first_reasoning_s, obs.first_visible_s
    result.last_token_s = obs.last_token_s
    result.ttft_s = obs.first_token_s if result.stream else None
    if obs.usage_raw is not None:
        result.usage_raw = obs.usage_raw
        result.tokens = wire.tokens(obs.usage_raw)
        result.reported = wire.reported(obs.usage_raw)
        result.notes += list(result.tokens.notes)
    if obs.error is None and result.tokens is None:
        obs.error = make_error("no_usage", "the answer carried no usage block")
    if (
        result.stream
        and obs.error is None
        and result.ttft_s is None
        and "one JSON body" not in " ".join(result.notes)
    ):
        result.notes.append("no content token arrived (empty answer)")
    result.output_tps = output_speed(obs, result.tokens) if result.stream else None
    if obs.error is not None:
        retry = obs.error.retry_after_s
        if retry is None and result.headers:
            retry = retry_after_seconds(result.headers)
        obs.error = _scrub(obs.error, key)
        if retry is not None and obs.error.retry_after_s is None:
            obs.error = make_error(
                obs.error.type, obs.error.message, status=obs.error.http_status, retry_after=retry
            )
    result.error = obs.error
    return result
