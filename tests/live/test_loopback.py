"""Whole calls against the loopback server (tests/live/server.py) in each wire format: time
to first token within a tolerance of the scripted delay, tokens from the usage block,
every failure a result in plain language, runs interleaved, salted and not retried."""

from __future__ import annotations

from typing import Any

import pytest

from model.live.apis import Prompt
from model.live.call import Endpoint, call_once
from model.live.session import RunConfig, run_session
from model.live.transport import Limits, build_client
from tests.live.fixtures import KEY
from tests.live.server import LoopbackServer

DELAY = 0.5
#: Upper slack for a loaded 2-core machine; the lower bound is exact (a monotonic clock).
TOLERANCE = 0.35

FORMATS = {
    # name: (path, api, model)
    "openai": ("/openai/v1", "openai", "gpt-4o"),
    "openrouter": ("/openrouter/api/v1", "openai", "anthropic/claude-sonnet-4.5"),
    "anthropic": ("/anthropic", "anthropic", "claude-sonnet-4-5"),
    "gemini": ("/gemini/v1beta", "gemini", "gemini-2.5-pro"),
    "gemini-openai": ("/gemini/v1beta/openai", "openai", "gemini-2.5-pro"),
}


def endpoint(srv: LoopbackServer, name: str, label: str | None = None) -> Endpoint:
    path, api, model = FORMATS[name]
    return Endpoint(label or name, api, srv.url(path), model)


def call(
    srv: LoopbackServer,
    name: str,
    *,
    key: str = KEY,
    stream: bool = True,
    limits: Limits | None = None,
) -> Any:
    ep = endpoint(srv, name)
    with build_client(limits) as client:
        return call_once(client, ep, key, Prompt("Say hello."), stream=stream, limits=limits)


@pytest.mark.parametrize("name", FORMATS)
def test_ttft_within_tolerance_of_scripted_delay(loopback: LoopbackServer, name: str) -> None:
    # Keep-alives (OpenRouter comments, Anthropic pings) arrive during the delay: not tokens.
    loopback.behave(FORMATS[name][2], first_token_delay=DELAY, keepalive_every=0.1)
    r = call(loopback, name)
    assert r.ok, r.error
    assert DELAY <= r.ttft_s <= DELAY + TOLERANCE
    assert r.ttfb_s < DELAY  # headers (and the role chunk) came first: not the first token
    assert r.tokens.output == 7  # "Hello", " there", ", tester", "!" = 2 + 2 + 2 + 1


@pytest.mark.parametrize("name", ["openrouter", "anthropic", "gemini"])
def test_reasoning_then_visible(loopback: LoopbackServer, name: str) -> None:
    loopback.behave(
        FORMATS[name][2],
        first_token_delay=0.1,
        reasoning=["Let me", " think."],
        reasoning_delay=0.4,
    )
    r = call(loopback, name)
    assert r.ok, r.error
    assert r.ttft_s == r.first_reasoning_s
    # The server waits 0.4 s between the two; the client may read the first one late.
    assert r.first_visible_s - r.first_reasoning_s >= 0.4 - 0.1


def test_gemini_compat_counts_hidden_thinking_as_output(loopback: LoopbackServer) -> None:
    loopback.behave("gemini-2.5-pro", hidden_reasoning_tokens=40)
    r = call(loopback, "gemini-openai")
    assert (r.tokens.output, r.tokens.reasoning) == (47, 40)


def test_request_headers_and_bodies_per_format(loopback: LoopbackServer) -> None:
    for name in FORMATS:
        call(loopback, name)
    by_path = {s.path.split("?")[0]: s for s in loopback.requests}
    assert by_path["/openai/v1/chat/completions"].headers["authorization"] == f"Bearer {KEY}"
    assert by_path["/openai/v1/chat/completions"].body["stream_options"] == {"include_usage": True}
    anth = by_path["/anthropic/v1/messages"]
    assert anth.headers["x-api-key"] == KEY and anth.headers["anthropic-version"] == "2023-06-01"
    gem = by_path["/gemini/v1beta/models/gemini-2.5-pro:streamGenerateContent"]
    assert gem.headers["x-goog-api-key"] == KEY and "key=" not in gem.path


ERRORS = [
    # (format, behaviour, expected type, expected status)
    ("openai", {"status": 404, "error_type": "model_not_found"}, "not_found", 404),
    ("anthropic", {"status": 403}, "auth", 403),
    ("openai", {"status": 429, "error_type": "insufficient_quota"}, "quota", 429),
    ("openrouter", {"status": 402}, "quota", 402),
    ("openai", {"status": 500}, "server", 500),
    ("anthropic", {"status": 529}, "overloaded", 529),
    ("gemini", {"status": 400}, "bad_request", 400),
    ("anthropic", {"error_midstream": True}, "stream_error", 200),
    ("openrouter", {"error_midstream": True}, "stream_error", 200),
    ("gemini", {"error_midstream": True}, "stream_error", 200),
    ("openai", {"malformed": True}, "malformed_stream", 200),
    ("anthropic", {"malformed": True}, "malformed_stream", 200),
    ("gemini", {"malformed": True}, "malformed_stream", 200),
    ("openai", {"no_usage": True}, "no_usage", 200),
    ("anthropic", {"no_usage": True}, "no_usage", 200),
    ("openai", {"redirect_to": "https://evil.example/v1"}, "redirect", 307),
    ("openai", {"huge_bytes": 5_000_000}, "too_large", 200),
]


@pytest.mark.parametrize(("name", "behaviour", "kind", "status"), ERRORS)
def test_errors_are_results(
    loopback: LoopbackServer, name: str, behaviour: dict, kind: str, status: int
) -> None:
    loopback.behave(FORMATS[name][2], **behaviour)
    r = call(loopback, name)
    assert r.error is not None and r.error.type == kind, r.error
    assert r.http_status == status
    assert r.error.message and r.error.next_step
    assert len(loopback.requests) == 1  # no automatic retry, no redirect followed


def test_wrong_key_is_an_auth_result(loopback: LoopbackServer) -> None:
    r = call(loopback, "anthropic", key="sk-wrong-key-000000")
    assert r.error.type == "auth" and r.http_status == 401


def test_429_carries_retry_after_and_rate_limit_headers(loopback: LoopbackServer) -> None:
    loopback.behave(
        "gpt-4o",
        status=429,
        headers={
            "retry-after": "7",
            "x-ratelimit-remaining-requests": "0",
            "x-ratelimit-reset-requests": "7s",
        },
    )
    r = call(loopback, "openai")
    assert r.error.type == "rate_limited" and r.error.retry_after_s == 7.0
    assert r.headers["x-ratelimit-remaining-requests"] == "0"
    assert r.headers["x-ratelimit-reset-requests"] == "7s"
    assert r.request_id and r.request_id.startswith("req_")


def test_read_timeout_is_a_result(loopback: LoopbackServer) -> None:
    loopback.behave("gpt-4o", hang=1.5)
    limits = Limits(read_s=0.3, total_s=5)
    r = call(loopback, "openai", limits=limits)
    assert r.error.type == "timeout" and r.total_s < 1.4


def test_total_deadline_stops_endless_keepalives(loopback: LoopbackServer) -> None:
    loopback.behave("anthropic/claude-sonnet-4.5", first_token_delay=3.0, keepalive_every=0.05)
    r = call(loopback, "openrouter", limits=Limits(read_s=2, total_s=0.6))
    assert r.error.type == "timeout" and r.total_s < 2.0


def test_endpoint_that_ignores_stream_answers_in_one_body(loopback: LoopbackServer) -> None:
    loopback.behave("gpt-4o", ignore_stream=True)
    r = call(loopback, "openai")
    assert r.ok and r.ttft_s is None and any("one JSON body" in n for n in r.notes)


@pytest.mark.parametrize("name", FORMATS)
def test_non_streamed_calls(loopback: LoopbackServer, name: str) -> None:
    r = call(loopback, name, stream=False)
    assert r.ok, r.error
    assert r.ttft_s is None and r.tokens.output in (7, 7)
    assert r.text == "Hello there, tester!"


def test_runs_are_interleaved_salted_and_warmups_not_counted(loopback: LoopbackServer) -> None:
    a, b = endpoint(loopback, "anthropic", "A"), endpoint(loopback, "openai", "B")
    progress: list[tuple[int, int, str]] = []
    session = run_session(
        [a, b],
        {"A": KEY, "B": KEY},
        RunConfig(runs=3, warmups=2),
        progress=lambda *p: progress.append(p),
    )
    paths = [s.path for s in loopback.requests]
    assert paths == ["/anthropic/v1/messages", "/openai/v1/chat/completions"] * 5  # round-robin
    prompts = [str(s.body["messages"][-1]["content"]) for s in loopback.requests]
    assert len(set(prompts)) == 10  # a unique salt per prompt
    for rep in session.reports:
        assert len(rep.runs) == 3 and len(rep.warmups) == 2
        assert [r.run for r in rep.runs] == [0, 1, 2]
    assert progress[-1][:2] == (10, 10) and len(progress) == 10
    assert session.status == "ok"


def test_retries_only_when_asked(loopback: LoopbackServer) -> None:
    loopback.behave("gpt-4o", status=500)
    ep = endpoint(loopback, "openai", "B")
    waits: list[float] = []
    session = run_session([ep], {"B": KEY}, RunConfig(runs=1, warmups=0), sleep=waits.append)
    assert len(loopback.requests) == 1 and waits == [] and session.status == "error"
    loopback.reset()
    loopback.behave("gpt-4o", status=429, headers={"retry-after": "3"})
    session = run_session(
        [ep], {"B": KEY}, RunConfig(runs=1, warmups=0, retries=2), sleep=waits.append
    )
    assert len(loopback.requests) == 3 and waits == [3.0, 3.0]
    assert session.reports[0].runs[0].attempts == 3


def test_fastest_and_cheapest_are_marked(loopback: LoopbackServer, bundled_book: Any) -> None:
    loopback.behave("claude-sonnet-4-5", first_token_delay=0.3)
    loopback.behave("anthropic/claude-sonnet-4.5", reported_cost=1e-7)
    direct = Endpoint(
        "direct",
        "anthropic",
        loopback.url("/anthropic"),
        "claude-sonnet-4-5",
        "direct",
        "anthropic",
        True,
    )
    gateway = Endpoint(
        "openrouter",
        "openai",
        loopback.url("/openrouter/api/v1"),
        "anthropic/claude-sonnet-4.5",
        "openrouter",
        "openrouter",
    )
    session = run_session(
        [direct, gateway],
        {"direct": KEY, "openrouter": KEY},
        RunConfig(runs=2, warmups=0),
        book=bundled_book,
    )
    v = session.verdicts()
    assert v["cheapest"] == "openrouter" and v["fastest"] == "openrouter" and v["same_model"]
    from model.live.compare import comparison_rows

    rows = comparison_rows(session)
    assert [r["endpoint"] for r in rows] == ["direct", "openrouter"]  # baseline first
    assert rows[0]["marks"] == "baseline"
    assert rows[1]["ttft_vs_baseline_s"] < -0.2  # the gateway is 0.3 s faster here
    assert rows[0]["list_cost_usd"] > 0 and rows[1]["reported_cost_usd"] == pytest.approx(1e-7)
