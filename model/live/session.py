"""A test session: N measured runs per endpoint after optional warm-ups, endpoints
interleaved round-robin (drift cancels), a unique salt per prompt (provider caches do not
flatter latency), optional cache probe, costs from today's price data, side-by-side verdicts.

Keys are passed in per endpoint label and live only in this call's clients; nothing here
stores, logs or returns them.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from model.live.apis import Prompt
from model.live.call import CallResult, Clock, Endpoint, call_once
from model.live.costs import Pricing, price_calls
from model.live.errors import make_error
from model.live.guard import Resolver, system_resolver
from model.live.probe import (
    PROBE_QUESTION,
    PROBE_TOKENS,
    CacheProbe,
    cache_effectiveness,
    cache_prefix,
)
from model.live.stats import summarize
from model.live.transport import Limits, build_client
from pricing.versions import PriceBook

DEFAULT_PROMPT = "In two sentences: what is a token in a language model?"
#: Errors worth another try when the user asked for retries.
RETRYABLE = {"rate_limited", "overloaded", "server", "timeout", "connection"}
MAX_WAIT_S = 30.0
#: (calls done, calls planned, what is running) — for a progress bar.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class RunConfig:
    """What every endpoint is asked, and how often."""

    prompt: str = DEFAULT_PROMPT
    max_tokens: int = 200
    runs: int = 5
    warmups: int = 1
    stream: bool = True
    salt: bool = True
    retries: int = 0  # no automatic retries unless asked for
    cache_probe: bool = False
    probe_tokens: int = PROBE_TOKENS
    cache_marker: str = "auto"  # auto | on | off: send cache_control (see probe_prompt)
    limits: Limits = field(default_factory=Limits)

    def to_json(self) -> dict[str, Any]:
        return {
            "prompt": self.prompt,
            "max_tokens": self.max_tokens,
            "runs": self.runs,
            "warmups": self.warmups,
            "stream": self.stream,
            "salt": self.salt,
            "retries": self.retries,
            "cache_probe": self.cache_probe,
            "probe_tokens": self.probe_tokens,
            "timeouts_s": {
                "connect": self.limits.connect_s,
                "read": self.limits.read_s,
                "total": self.limits.total_s,
            },
        }


def salted(prompt: str, salt: bool) -> Prompt:
    """A unique tag before the prompt, so no prompt cache can serve a run."""
    return Prompt(f"[run {secrets.token_hex(4)}] {prompt}" if salt else prompt)


def wants_marker(endpoint: Endpoint, mode: str) -> bool:
    """Send Anthropic's ``cache_control``? Always in the Anthropic format; in the OpenAI
    format only for a Claude model (``auto``), which is how OpenRouter and gateways pass
    caching on to Anthropic — other vendors cache automatically and may refuse the field."""
    if mode in ("on", "off"):
        return mode == "on"
    return endpoint.api == "anthropic" or "claude" in endpoint.model.lower()


@dataclass
class EndpointReport:
    """Everything measured through one endpoint."""

    endpoint: Endpoint
    runs: list[CallResult] = field(default_factory=list)
    warmups: list[CallResult] = field(default_factory=list)
    pricing: Pricing | None = None
    probe: CacheProbe | None = None

    def summary(self) -> dict[str, Any]:
        return summarize(self.runs)

    def to_json(self, baseline_probe: CacheProbe | None = None) -> dict[str, Any]:
        pricing = self.pricing
        return {
            "endpoint": self.endpoint.to_json(),
            "pricing": None
            if pricing is None
            else {
                "model_id": pricing.model_id,
                "version": pricing.version,
                "list_price_of": pricing.option,
                "note": pricing.note,
            },
            "warmups": len(self.warmups),
            "runs": [r.to_json() for r in self.runs],
            "summary": self.summary(),
            "cache_probe": None
            if self.probe is None
            else {
                **self.probe.to_json(),
                "cache_effectiveness": cache_effectiveness(self.probe, baseline_probe),
            },
        }


@dataclass
class Session:
    """The result of :func:`run_session` (no key anywhere in it)."""

    config: RunConfig
    started_at: str
    finished_at: str
    reports: list[EndpointReport]

    @property
    def status(self) -> str:
        """``error`` when any measured run or probe call failed (errors are results)."""
        calls = [r for rep in self.reports for r in rep.runs]
        calls += [
            c for rep in self.reports if rep.probe for c in (rep.probe.first, rep.probe.second)
        ]
        return "ok" if calls and all(c.ok for c in calls) else "error"

    def baseline(self) -> EndpointReport | None:
        return next((r for r in self.reports if r.endpoint.baseline), None)

    def verdicts(self) -> dict[str, Any]:
        """Cheapest and fastest endpoint, saying what each compares."""
        from model.live.compare import verdicts

        return verdicts(self)

    def to_json(self) -> dict[str, Any]:
        base = self.baseline()
        base_probe = base.probe if base else None
        return {
            "status": self.status,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "config": self.config.to_json(),
            "endpoints": [r.to_json(base_probe) for r in self.reports],
            "verdicts": self.verdicts(),
        }


def _call_with_retries(
    client: httpx.Client,
    endpoint: Endpoint,
    key: str,
    prompt: Prompt,
    config: RunConfig,
    *,
    run: int,
    warmup: bool,
    max_tokens: int,
    clock: Clock,
    sleep: Callable[[float], None],
) -> CallResult:
    attempt = 0
    while True:
        attempt += 1
        try:
            result = call_once(
                client,
                endpoint,
                key,
                prompt,
                run=run,
                warmup=warmup,
                stream=config.stream,
                max_tokens=max_tokens,
                limits=config.limits,
                clock=clock,
            )
        except Exception as exc:  # a last net: a result, never a traceback (or the key)
            result = CallResult(
                endpoint.label, run, warmup, config.stream, dt.datetime.now(dt.UTC).isoformat()
            )
            result.error = make_error(
                "malformed_stream", f"unexpected failure ({exc.__class__.__name__})"
            )
        result.attempts = attempt
        if (
            result.ok
            or attempt > config.retries
            or result.error is None
            or result.error.type not in RETRYABLE
        ):
            return result
        sleep(min(result.error.retry_after_s or 2.0 ** (attempt - 1), MAX_WAIT_S))


def run_session(
    endpoints: Sequence[Endpoint],
    keys: Mapping[str, str],
    config: RunConfig,
    *,
    book: PriceBook | None = None,
    transports: Mapping[str, httpx.BaseTransport] | None = None,
    resolve: Resolver = system_resolver,
    allow_private: bool | None = None,
    progress: Progress | None = None,
    clock: Clock = time.perf_counter,
    sleep: Callable[[float], None] = time.sleep,
) -> Session:
    """Measure every endpoint; ``keys`` maps each endpoint label to its key.

    ``transports`` (label → transport) replaces the network for tests; the address guard,
    size bound and deadline still apply.
    """
    labels = [e.label for e in endpoints]
    if len(set(labels)) != len(labels):
        raise ValueError("endpoint labels must be unique")
    missing = [e.label for e in endpoints if not keys.get(e.label)]
    if missing:
        raise ValueError(f"no key for: {', '.join(missing)}")
    started = dt.datetime.now(dt.UTC).isoformat()
    reports = {e.label: EndpointReport(e) for e in endpoints}
    clients = {
        e.label: build_client(
            config.limits,
            inner=(transports or {}).get(e.label),
            resolve=resolve,
            allow_private=allow_private,
        )
        for e in endpoints
    }
    planned = len(endpoints) * (config.warmups + config.runs + (2 if config.cache_probe else 0))
    done = 0

    def tick(what: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, planned, what)

    try:
        for i in range(config.warmups + config.runs):
            warm = i < config.warmups
            for e in endpoints:  # round-robin: every endpoint once per round
                result = _call_with_retries(
                    clients[e.label],
                    e,
                    keys[e.label],
                    salted(config.prompt, config.salt),
                    config,
                    run=i - config.warmups,
                    warmup=warm,
                    max_tokens=config.max_tokens,
                    clock=clock,
                    sleep=sleep,
                )
                (reports[e.label].warmups if warm else reports[e.label].runs).append(result)
                tick(f"{e.label}: {'warm-up' if warm else f'run {i - config.warmups + 1}'}")
        if config.cache_probe:
            prompts = {
                e.label: Prompt(
                    PROBE_QUESTION,
                    cache_prefix(config.probe_tokens),
                    wants_marker(e, config.cache_marker),
                )
                for e in endpoints
            }
            calls: dict[str, list[CallResult]] = {e.label: [] for e in endpoints}
            for step in (1, 2):  # all first calls, then all second calls
                for e in endpoints:
                    calls[e.label].append(
                        _call_with_retries(
                            clients[e.label],
                            e,
                            keys[e.label],
                            prompts[e.label],
                            config,
                            run=step,
                            warmup=False,
                            max_tokens=16,
                            clock=clock,
                            sleep=sleep,
                        )
                    )
                    tick(f"{e.label}: cache probe {step}/2")
            for e in endpoints:
                reports[e.label].probe = CacheProbe(e.label, *calls[e.label])
    finally:
        for client in clients.values():
            client.close()
    if book is not None:
        for rep in reports.values():
            calls_all = rep.runs + rep.warmups
            if rep.probe:
                calls_all += [rep.probe.first, rep.probe.second]
            rep.pricing = price_calls(calls_all, rep.endpoint.model, book)
    return Session(config, started, dt.datetime.now(dt.UTC).isoformat(), list(reports.values()))
