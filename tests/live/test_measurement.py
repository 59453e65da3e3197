"""The measurement bugs other tools shipped (peers-2026-11.md §4.2), one test each, plus the
wire parsers on the vendors' documented streams. Events are fed with explicit arrival
times, so the assertions are exact."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from model.live.apis import AnthropicMessages, GeminiNative, Observed, OpenAIChat, Prompt
from model.live.call import Endpoint, call_once, finish, output_speed
from model.live.transport import build_client
from model.live.usage import Tokens

PUBLIC = "93.184.216.34"  # a public address for the injected resolver (MockTransport: no network)


def resolve(host: str, port: int) -> list[str]:
    return [PUBLIC]


def chunk(delta: dict, usage: dict | None = None, choices: bool = True) -> str:
    return json.dumps(
        {
            "id": "chatcmpl-1",
            "model": "gpt-4o",
            "choices": [{"index": 0, "delta": delta, "finish_reason": None}] if choices else [],
            "usage": usage,
        }
    )


def test_role_only_first_chunk_is_not_the_first_token() -> None:
    # vllm #3768, aisix #869: {"role": "assistant", "content": ""} is not a token.
    obs, wire = Observed(), OpenAIChat()
    wire.on_event(obs, "", chunk({"role": "assistant", "content": ""}), 0.05)
    wire.on_event(obs, "", chunk({"role": "assistant", "content": None}), 0.06)
    assert obs.first_token_s is None
    wire.on_event(obs, "", chunk({"content": "Hi"}), 0.80)
    assert obs.first_token_s == 0.80 and obs.first_visible_s == 0.80


def test_anthropic_message_start_and_ping_are_not_tokens() -> None:
    # tingly-box #1235: TTFT taken at message_start (the first byte).
    obs, wire = Observed(), AnthropicMessages()
    wire.on_event(
        obs,
        "message_start",
        json.dumps(
            {
                "type": "message_start",
                "message": {
                    "id": "msg_1",
                    "model": "claude-sonnet-4-5",
                    "usage": {"input_tokens": 11, "output_tokens": 1},
                },
            }
        ),
        0.01,
    )
    wire.on_event(
        obs,
        "content_block_start",
        json.dumps(
            {
                "type": "content_block_start",
                "index": 0,
                "content_block": {"type": "text", "text": ""},
            }
        ),
        0.02,
    )
    wire.on_event(obs, "ping", json.dumps({"type": "ping"}), 0.03)
    assert obs.first_token_s is None
    wire.on_event(
        obs,
        "content_block_delta",
        json.dumps(
            {
                "type": "content_block_delta",
                "index": 0,
                "delta": {"type": "text_delta", "text": "Hello"},
            }
        ),
        0.70,
    )
    assert obs.first_token_s == 0.70


def test_reasoning_and_visible_first_tokens_are_recorded_apart() -> None:
    # aisix #869: TTFT on visible content only reads as "end of thinking" (183 s vs 1.2 s).
    obs, wire = Observed(), OpenAIChat()
    wire.on_event(obs, "", chunk({"role": "assistant", "content": ""}), 0.1)
    wire.on_event(obs, "", chunk({"reasoning": "Let me think", "content": None}), 1.2)
    wire.on_event(obs, "", chunk({"reasoning_content": "more", "content": None}), 50.0)
    wire.on_event(obs, "", chunk({"content": "Answer"}), 183.5)
    assert (obs.first_reasoning_s, obs.first_visible_s, obs.first_token_s) == (1.2, 183.5, 1.2)


def test_final_usage_chunk_moves_no_time_mark() -> None:
    # genai-bench #44: the final usage chunk overwrote the first-token time.
    obs, wire = Observed(), OpenAIChat()
    wire.on_event(obs, "", chunk({"content": "a"}), 1.0)
    wire.on_event(obs, "", chunk({"content": "b"}), 2.0)
    wire.on_event(
        obs, "", chunk({}, usage={"prompt_tokens": 5, "completion_tokens": 2}, choices=False), 9.0
    )
    assert (obs.first_token_s, obs.last_token_s) == (1.0, 2.0)
    assert obs.usage_raw == {"prompt_tokens": 5, "completion_tokens": 2}


def test_output_speed_is_over_the_generation_window() -> None:
    # llmnop #11: tokens / (last − first), not tokens / end-to-end. 11 tokens, first at 1 s,
    # last at 3 s: the 10 after the first came in 2 s → 5 tokens/s (e2e would say 11/3.5).
    obs = Observed(first_visible_s=1.0, last_token_s=3.0)
    assert output_speed(obs, Tokens(output=11)) == pytest.approx(5.0)


def test_hidden_reasoning_is_left_out_of_output_speed() -> None:
    # 111 output tokens of which 100 reasoning never streamed: 10 visible after the first.
    obs = Observed(first_visible_s=1.0, last_token_s=3.0)
    assert output_speed(obs, Tokens(output=111, reasoning=100)) == pytest.approx(5.0)
    obs.reasoning_seen = True  # streamed reasoning is inside the window: counted
    assert output_speed(obs, Tokens(output=111, reasoning=100)) == pytest.approx(55.0)


def test_a_single_chunk_has_no_speed() -> None:
    assert output_speed(Observed(first_visible_s=1.0, last_token_s=1.0), Tokens(output=50)) is None


def sse(*events: str) -> bytes:
    return "".join(f"data: {e}\n\n" for e in events).encode()


def mock_client(handler) -> httpx.Client:
    return build_client(inner=httpx.MockTransport(handler), resolve=resolve)


OPENAI = Endpoint("oai", "openai", "https://api.example.com/v1", "gpt-4o")


def stream_handler(request: httpx.Request) -> httpx.Response:
    body = sse(
        chunk({"role": "assistant", "content": ""}),
        chunk({"content": "Hi"}),
        chunk({}, usage={"prompt_tokens": 9, "completion_tokens": 1}, choices=False),
        "[DONE]",
    )
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)


def test_zero_is_a_time_not_a_missing_value() -> None:
    # hydra #811: a sub-granularity first token read as 0 and then as "missing".
    with mock_client(stream_handler) as client:
        result = call_once(client, OPENAI, "k" * 20, Prompt("hi"), clock=lambda: 0.0)
    assert result.ttft_s == 0.0 and result.total_s == 0.0
    assert result.ok


def test_non_streamed_call_has_no_ttft() -> None:
    # heron #4, tingly-box #1225: non-streaming TTFT reported as the total time.
    def handler(request: httpx.Request) -> httpx.Response:
        assert json.loads(request.content)["stream"] is False
        return httpx.Response(
            200,
            json={
                "id": "x",
                "model": "gpt-4o",
                "choices": [{"message": {"content": "Hi"}}],
                "usage": {"prompt_tokens": 9, "completion_tokens": 1},
            },
        )

    with mock_client(handler) as client:
        result = call_once(client, OPENAI, "k" * 20, Prompt("hi"), stream=False)
    assert result.ok and result.ttft_s is None and result.total_s is not None and result.total_s > 0
    assert result.output_tps is None and result.tokens == Tokens(input=9, output=1)


def test_the_clock_is_monotonic() -> None:
    assert call_once.__kwdefaults__["clock"] is time.perf_counter
    assert time.get_clock_info("perf_counter").monotonic


def test_stream_request_asks_for_usage() -> None:
    seen: list[dict] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return stream_handler(request)

    with mock_client(handler) as client:
        call_once(client, OPENAI, "k" * 20, Prompt("hi"))
    assert seen[0]["stream_options"] == {"include_usage": True}


def test_anthropic_sdk_fixture_stream() -> None:
    # anthropics/anthropic-sdk-python tests/lib/streaming/fixtures/basic_response.txt
    fixture = (
        'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK","type":"message","role":"assistant","content":[],"model":"claude-3-opus-latest","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":11,"output_tokens":1}}}\n\n'
        'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n'
        'event: ping\ndata: {"type": "ping"}\n\n'
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}\n\n'
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" there"}}\n\n'
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}\n\n'
        'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n'
        'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":6}}\n\n'
        'event: message_stop\ndata: {"type":"message_stop"}'
    )

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["anthropic-version"] == "2023-06-01"
        assert request.url.path == "/v1/messages"
        return httpx.Response(
            200, headers={"content-type": "text/event-stream"}, content=fixture.encode()
        )

    ep = Endpoint("ant", "anthropic", "https://api.example.com", "claude-3-opus-latest")
    with mock_client(handler) as client:
        r = call_once(client, ep, "k" * 20, Prompt("hi"))
    assert r.ok and r.tokens == Tokens(input=11, output=6)
    assert (r.request_id, r.served_model, r.text) == (
        "msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK",
        "claude-3-opus-latest",
        "Hello there!",
    )


def test_gemini_stream_with_crlf_and_thoughts() -> None:
    chunks = [
        {
            "candidates": [
                {"content": {"parts": [{"text": "Thinking…", "thought": True}], "role": "model"}}
            ],
            "usageMetadata": {"promptTokenCount": 34, "totalTokenCount": 34},
            "modelVersion": "gemini-2.5-pro",
            "responseId": "r1",
        },
        {
            "candidates": [
                {"content": {"parts": [{"text": "Two."}], "role": "model"}, "finishReason": "STOP"}
            ],
            "usageMetadata": {
                "promptTokenCount": 34,
                "candidatesTokenCount": 418,
                "totalTokenCount": 890,
                "thoughtsTokenCount": 438,
            },
        },
    ]
    body = "".join(f"data: {json.dumps(c)}\r\n\r\n" for c in chunks).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1beta/models/gemini-2.5-pro:streamGenerateContent"
        assert request.url.params["alt"] == "sse" and "key" not in request.url.params
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)

    ep = Endpoint("g", "gemini", "https://api.example.com/v1beta", "models/gemini-2.5-pro")
    with mock_client(handler) as client:
        r = call_once(client, ep, "k" * 20, Prompt("hi"))
    assert r.ok and r.tokens == Tokens(input=34, output=856, reasoning=438)
    assert r.first_reasoning_s is not None and r.first_visible_s is not None
    assert r.first_reasoning_s <= r.first_visible_s and r.ttft_s == r.first_reasoning_s
    assert r.served_model == "gemini-2.5-pro" and r.text == "Two."


def test_stream_without_usage_is_an_error_result() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers={"content-type": "text/event-stream"},
            content=sse(chunk({"content": "Hi"}), "[DONE]"),
        )

    with mock_client(handler) as client:
        r = call_once(client, OPENAI, "k" * 20, Prompt("hi"))
    assert r.error is not None and r.error.type == "no_usage" and r.ttft_s is not None


def test_finish_keeps_observed_marks() -> None:
    from model.live.call import CallResult

    obs = Observed(
        first_visible_s=0.5,
        last_token_s=0.9,
        usage_raw={"prompt_tokens": 3, "completion_tokens": 4},
    )
    r = finish(CallResult("x", 0, False, True, "t"), obs, OpenAIChat(), "k" * 20)
    assert (r.ttft_s, r.last_token_s, r.tokens) == (0.5, 0.9, Tokens(input=3, output=4))


def test_gemini_body_without_stream() -> None:
    obs = Observed()
    GeminiNative().on_body(
        obs,
        {
            "candidates": [{"content": {"parts": [{"text": "ok"}]}}],
            "usageMetadata": {"promptTokenCount": 4, "candidatesTokenCount": 1},
        },
    )
    assert obs.text == "ok" and obs.first_token_s is None and obs.usage_raw is not None


def test_percentiles_are_numpy_linear_with_n_spread_and_errors() -> None:
    from model.live.call import CallResult
    from model.live.errors import make_error
    from model.live.stats import distribution, summarize

    # Linear on [1, 2, 3, 4, 10]: p50 = 3; p90 at rank 3.6 = 4 + 0.6 × 6 = 7.6;
    # p95 at rank 3.8 = 4 + 0.8 × 6 = 8.8; IQR = p75 − p25 = 4 − 2 = 2.
    d = distribution([1, 2, None, 3, 4, 10])
    assert (d["n"], d["p50"], d["min"], d["max"]) == (5, 3.0, 1.0, 10.0)
    assert d["p90"] == pytest.approx(7.6) and d["p95"] == pytest.approx(8.8) and d["iqr"] == 2.0
    runs = [
        CallResult("x", i, False, True, "t", ttft_s=float(v), total_s=float(v) + 1)
        for i, v in enumerate([1, 2, 3, 4, 10])
    ]
    runs.append(
        CallResult("x", 5, False, True, "t", ttft_s=0.01, error=make_error("timeout", "slow"))
    )
    s = summarize(runs)
    assert (s["n"], s["runs"], s["errors"], s["error_types"]) == (5, 6, 1, ["timeout"])
    assert s["ttft_p50_s"] == 3.0 and s["ttft_p95_s"] == pytest.approx(8.8)  # the failed run is out
    assert s["total_p50_s"] == 4.0
