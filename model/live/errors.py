"""Failed calls as results in plain language (issue 11 §5): what happened, what it means
for this option, what to do next. Never a traceback, never the key.

Status codes and error bodies follow research/gateways-apis.md §3.6: OpenAI
``{"error": {"message", "type", "code"}}``, Anthropic ``{"type": "error", "error": {"type",
"message"}}``, Gemini ``{"error": {"code", "message", "status"}}``, OpenRouter ``{"error":
{"code", "message", "metadata"}}``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

#: Error types, in the order a reader scans them.
KINDS = (
    "auth",
    "not_found",
    "rate_limited",
    "quota",
    "overloaded",
    "server",
    "bad_request",
    "timeout",
    "connection",
    "redirect",
    "too_large",
    "malformed_stream",
    "stream_error",
    "no_usage",
    "refused",
)

_NEXT = {
    "auth": "Check the key: is it for this endpoint (a vendor key does not work on a gateway), "
    "active, and allowed to use this model?",
    "not_found": "Check the model id as this endpoint spells it (OpenRouter: vendor/model, "
    "e.g. anthropic/claude-sonnet-4.6) and the base URL (OpenAI format ends in /v1).",
    "rate_limited": "Wait for the retry-after time and try again with fewer runs. A new direct "
    "account starts in a low tier: this is the 429 argument for a gateway with failover.",
    "quota": "The account has no credit or hit its spend cap; retrying will not help. Top up "
    "or raise the limit in the endpoint's console.",
    "overloaded": "The upstream was overloaded; try again in a minute. Frequent overloads "
    "through this option are worth weighing against one with failover.",
    "server": "The endpoint failed on its side; try again later and keep the request id.",
    "bad_request": "The endpoint refused the request; the message says which parameter.",
    "timeout": "Nothing arrived in time. Try again; a slow first token on a loaded endpoint "
    "can exceed the read timeout.",
    "connection": "Could not connect: check the base URL, the network and any firewall.",
    "redirect": "The endpoint answered with a redirect, which is not followed (a key must "
    "not be sent on to another host); use the final URL as the base URL.",
    "too_large": "The response was larger than a test answer can be; the call was stopped.",
    "malformed_stream": "The endpoint's answer did not follow the API format chosen; check "
    "the API format (OpenAI, Anthropic or Gemini) and the base URL.",
    "stream_error": "The endpoint accepted the call (HTTP 200) and then reported an error "
    "inside the stream; such a call may still be billed.",
    "no_usage": "The stream ended without a usage block, so tokens and cost are unknown "
    "(an interrupted stream, or an endpoint that drops stream_options.include_usage).",
    "refused": "The endpoint was refused before any request was sent.",
}


@dataclass(frozen=True)
class CallError:
    """One failed call: a type from :data:`KINDS`, a plain message, the advice, and the
    retry-after seconds when the endpoint gave them."""

    type: str
    message: str
    retry_after_s: float | None = None
    http_status: int | None = None
    next_step: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def make_error(
    kind: str, message: str, *, status: int | None = None, retry_after: float | None = None
) -> CallError:
    return CallError(kind, " ".join(message.split())[:400], retry_after, status, _NEXT[kind])


def retry_after_seconds(headers: Mapping[str, str], now: dt.datetime | None = None) -> float | None:
    """``retry-after-ms``, else ``retry-after`` in seconds or as an HTTP date; None if absent."""
    lowered = {k.lower(): v for k, v in headers.items()}
    ms = lowered.get("retry-after-ms")
    if ms is not None:
        try:
            value = float(ms) / 1000.0
            if math.isfinite(value) and value >= 0:
                return value
        except ValueError:
            pass
    raw = lowered.get("retry-after")
    if raw is None:
        return None
    try:
        value = float(raw)
        return value if math.isfinite(value) and value >= 0 else None
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    now = now or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max((when - now).total_seconds(), 0.0)


def error_message(body: bytes | str | None) -> tuple[str, str]:
    """(vendor error type or code, message) from an error body in any of the four shapes."""
    if not body:
        return "", ""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        data = json.loads(text)
    except ValueError:
        return "", text.strip()[:200]
    if isinstance(data, list) and data:  # Gemini streams errors as a one-item array
        data = data[0]
    if not isinstance(data, dict):
        return "", ""
    err = data.get("error", data)
    if not isinstance(err, dict):
        return "", str(err)[:200]
    kind = err.get("type") or err.get("status") or err.get("code") or ""
    meta = err.get("metadata")
    detail = ""
    if isinstance(meta, dict) and isinstance(meta.get("raw"), str):
        detail = f" (upstream: {meta['raw'][:120]})"
    return str(kind), f"{err.get('message', '')}{detail}".strip()


_QUOTA_WORDS = ("insufficient_quota", "credit", "billing", "spend_limit", "spend limit", "balance")


def http_error(status: int, body: bytes, headers: Mapping[str, str]) -> CallError:
    """A non-2xx answer as a result in plain language."""
    vendor_kind, vendor_message = error_message(body)
    said = f": {vendor_message}" if vendor_message else ""
    label = f" ({vendor_kind})" if vendor_kind else ""
    retry = retry_after_seconds(headers)
    lowered = f"{vendor_kind} {vendor_message}".lower()
    if status in (401, 403):
        who = "rejected the key" if status == 401 else "refused access with this key"
        return make_error("auth", f"HTTP {status}: the endpoint {who}{label}{said}", status=status)
    if status == 404:
        return make_error(
            "not_found",
            f"HTTP 404: model or path not found on this endpoint{label}{said}",
            status=404,
        )
    if status == 402 or (status == 429 and any(w in lowered for w in _QUOTA_WORDS)):
        return make_error(
            "quota", f"HTTP {status}: out of credit or over a spend cap{label}{said}", status=status
        )
    if status == 429:
        wait = f"; retry after {retry:g} s" if retry is not None else "; no retry-after given"
        return make_error(
            "rate_limited",
            f"HTTP 429: rate limited{label}{wait}{said}",
            status=429,
            retry_after=retry,
        )
    if status == 529 or (status == 503 and "overload" in lowered) or "overloaded" in lowered:
        return make_error(
            "overloaded",
            f"HTTP {status}: upstream overloaded{label}{said}",
            status=status,
            retry_after=retry,
        )
    if status >= 500:
        return make_error(
            "server", f"HTTP {status}: server error{label}{said}", status=status, retry_after=retry
        )
    if 300 <= status < 400:
        where = headers.get("location", "")
        return make_error(
            "redirect", f"HTTP {status}: redirect to {where[:120]!r} not followed", status=status
        )
    return make_error("bad_request", f"HTTP {status}: request refused{label}{said}", status=status)
