"""The HTTP client every test call uses: guarded (see :mod:`model.live.guard`), bounded in
size and time, no redirects, no retries, no proxy settings from the environment.

Tests inject an ``httpx.MockTransport`` (or any transport) as ``inner``; everything above it
— the address check, the size bound, the deadline — still runs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from model.live.guard import GuardedTransport, Resolver, system_resolver

#: Largest response read, streamed or not: a chat answer of a few hundred tokens is a few KB.
MAX_RESPONSE_BYTES = 4_000_000
#: Extension key carrying a request's absolute deadline (``time.monotonic()`` seconds).
DEADLINE = "gatewise_deadline"


class ResponseTooLargeError(Exception):
    """The endpoint sent more than :data:`MAX_RESPONSE_BYTES`."""


class DeadlineExceededError(Exception):
    """The whole call took longer than its total timeout (e.g. keep-alives without end)."""


@dataclass(frozen=True)
class Limits:
    """Timeouts in seconds and the response size bound."""

    connect_s: float = 10.0
    read_s: float = 60.0  # longest silence between two chunks (a slow first token included)
    total_s: float = 180.0  # whole call, keep-alive comments included
    max_bytes: int = MAX_RESPONSE_BYTES

    def timeout(self) -> httpx.Timeout:
        return httpx.Timeout(connect=self.connect_s, read=self.read_s, write=10.0, pool=10.0)


class _BoundedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, max_bytes: int, deadline: float | None) -> None:
        self._inner = inner
        self._max = max_bytes
        self._deadline = deadline

    def __iter__(self) -> Iterator[bytes]:
        seen = 0
        for chunk in self._inner:
            seen += len(chunk)
            if seen > self._max:
                raise ResponseTooLargeError(f"the response exceeded {self._max:,} bytes")
            if self._deadline is not None and time.monotonic() > self._deadline:
                raise DeadlineExceededError("the call exceeded its total time limit")
            yield chunk

    def close(self) -> None:
        self._inner.close()


class BoundedTransport(httpx.BaseTransport):
    """Caps the bytes read and enforces the request's total deadline between chunks."""

    def __init__(self, inner: httpx.BaseTransport, max_bytes: int) -> None:
        self._inner = inner
        self._max = max_bytes

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        deadline = request.extensions.get(DEADLINE)
        stream = response.stream
        assert isinstance(stream, httpx.SyncByteStream)
        response.stream = _BoundedStream(stream, self._max, deadline)
        return response

    def close(self) -> None:
        self._inner.close()


def build_client(
    limits: Limits | None = None,
    *,
    inner: httpx.BaseTransport | None = None,
    resolve: Resolver = system_resolver,
    allow_private: bool | None = None,
) -> httpx.Client:
    """A client for one endpoint: guarded, bounded, never following redirects or retrying.

    ``trust_env=False``: proxy variables are ignored, so the address checked is the address
    called (a proxy would resolve the name itself).
    """
    limits = limits or Limits()
    base = inner if inner is not None else httpx.HTTPTransport(retries=0, trust_env=False)
    guarded = GuardedTransport(base, resolve=resolve, allow=allow_private)
    return httpx.Client(
        transport=BoundedTransport(guarded, limits.max_bytes),
        timeout=limits.timeout(),
        follow_redirects=False,
        trust_env=False,
        headers={"user-agent": "gatewise-testcall/1"},
    )
