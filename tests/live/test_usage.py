"""Usage blocks → DESIGN §3's disjoint classes, on the vendors' documented examples."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from model.live.usage import Tokens, anthropic_tokens, gemini_tokens, openai_tokens, reported_cost


def test_design_example_cached_inside_prompt() -> None:
    # DESIGN §3: prompt_tokens 1,234 with 1,000 cached = 234 input + 1,000 cache read.
    t = openai_tokens(
        {
            "prompt_tokens": 1234,
            "completion_tokens": 10,
            "prompt_tokens_details": {"cached_tokens": 1000},
        }
    )
    assert (t.input, t.cache_read, t.output) == (234, 1000, 10)


def test_openai_prompt_caching_guide_example() -> None:
    # OpenAI's prompt-caching guide: 2,006 prompt tokens of which 1,920 cached, 300 completion.
    usage = {
        "prompt_tokens": 2006,
        "completion_tokens": 300,
        "total_tokens": 2306,
        "prompt_tokens_details": {"cached_tokens": 1920},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }
    t = openai_tokens(usage)
    assert t == Tokens(input=86, cache_read=1920, output=300)  # 2006 − 1920 = 86
    assert t.cache_reported


def test_openai_reasoning_is_inside_completion() -> None:
    # o-series: reasoning_tokens is a subset of completion_tokens — never added again.
    t = openai_tokens(
        {
            "prompt_tokens": 75,
            "completion_tokens": 1186,
            "total_tokens": 1261,
            "completion_tokens_details": {"reasoning_tokens": 1024},
        }
    )
    assert (t.output, t.reasoning) == (1186, 1024)


def test_openrouter_chat_usage_schema_example() -> None:
    # gateways-apis.md §1.6 (OpenRouter's ChatUsage schema example).
    usage = {
        "prompt_tokens": 10,
        "completion_tokens": 15,
        "total_tokens": 25,
        "prompt_tokens_details": {
            "cached_tokens": 2,
            "cache_write_tokens": 0,
            "audio_tokens": 0,
            "video_tokens": 0,
        },
        "completion_tokens_details": {"reasoning_tokens": 5, "audio_tokens": None},
        "cost": 0.0012,
        "cost_details": {"upstream_inference_cost": None, "upstream_inference_prompt_cost": 0.0008},
        "is_byok": False,
    }
    t = openai_tokens(usage)
    assert (t.input, t.cache_read, t.cache_write_5m, t.output, t.reasoning) == (8, 2, 0, 15, 5)
    r = reported_cost(usage)
    assert (r.cost_usd, r.upstream_cost_usd, r.byok) == (0.0012, None, False)


def test_openrouter_cache_writes_and_byok_upstream_cost() -> None:
    # usage-formats.md §1d: 194 prompt tokens of which 100 written to the cache.
    usage = {
        "prompt_tokens": 194,
        "completion_tokens": 2,
        "total_tokens": 196,
        "prompt_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 100, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 0},
        "cost": 0.95,
        "cost_details": {"upstream_inference_cost": 19},
        "is_byok": False,
    }
    t = openai_tokens(usage)
    assert (t.input, t.cache_read, t.cache_write_5m, t.cache_write_1h) == (94, 0, 100, 0)
    assert any("TTL" in n for n in t.notes)
    assert reported_cost(usage).upstream_cost_usd == 19.0


def test_gemini_openai_compat_thinking_outside_completion() -> None:
    # gateways-apis.md §3.5: completion_tokens leaves thinking out, total counts it, and
    # cached_tokens is missing: the gap is output (and reasoning), caching is "not reported".
    t = openai_tokens({"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 40})
    assert (t.input, t.output, t.reasoning) == (12, 28, 23)
    assert not t.cache_reported


def test_anthropic_sdk_basic_stream_usage() -> None:
    # anthropic-sdk-python tests/lib/streaming/fixtures/basic_response.txt: message_start
    # usage {"input_tokens": 11, "output_tokens": 1}, final message_delta {"output_tokens": 6}.
    t = anthropic_tokens({"input_tokens": 11, "output_tokens": 6})
    assert t == Tokens(input=11, output=6)
    assert not t.cache_reported


def test_anthropic_cache_counts_outside_input_with_ttl_split() -> None:
    # Messages API usage with the 5m/1h split (shape of the prompt-caching docs' example).
    usage = {
        "input_tokens": 21,
        "cache_creation_input_tokens": 248,
        "cache_read_input_tokens": 1800,
        "cache_creation": {"ephemeral_5m_input_tokens": 148, "ephemeral_1h_input_tokens": 100},
        "output_tokens": 503,
    }
    t = anthropic_tokens(usage)
    assert (t.input, t.cache_read, t.cache_write_5m, t.cache_write_1h, t.output) == (
        21,
        1800,
        148,
        100,
        503,
    )
    assert t.prompt_side == 21 + 1800 + 248
    assert t.cache_reported


def test_anthropic_writes_without_split_are_5m_with_a_note() -> None:
    t = anthropic_tokens(
        {
            "input_tokens": 5,
            "cache_creation_input_tokens": 500,
            "cache_read_input_tokens": 0,
            "output_tokens": 9,
        }
    )
    assert (t.cache_write_5m, t.cache_write_1h) == (500, 0)
    assert t.notes


def test_gemini_firebase_docs_example_thoughts_outside_candidates() -> None:
    # Firebase AI Logic docs (gemini-3-flash-preview): 34 prompt, 418 candidates, 438
    # thoughts, total 890 = 34 + 418 + 438.
    t = gemini_tokens(
        {
            "promptTokenCount": 34,
            "candidatesTokenCount": 418,
            "totalTokenCount": 890,
            "thoughtsTokenCount": 438,
        }
    )
    assert (t.input, t.output, t.reasoning) == (34, 856, 438)
    assert t.input + t.output == 890


def test_gemini_cached_inside_prompt() -> None:
    t = gemini_tokens(
        {
            "promptTokenCount": 5000,
            "candidatesTokenCount": 30,
            "totalTokenCount": 5042,
            "cachedContentTokenCount": 4200,
            "thoughtsTokenCount": 12,
        }
    )
    assert (t.input, t.cache_read, t.output, t.reasoning) == (800, 4200, 42, 12)


def test_bad_values_are_zero_not_crashes() -> None:
    t = openai_tokens(
        {
            "prompt_tokens": "12",
            "completion_tokens": float("nan"),
            "prompt_tokens_details": {"cached_tokens": True},
        }
    )
    assert t == Tokens()
    assert reported_cost({"cost": float("inf"), "is_byok": "yes"}).cost_usd is None
    assert reported_cost({"cost": -1}).cost_usd is None


def test_cached_above_prompt_is_clamped_with_a_note() -> None:
    t = openai_tokens(
        {
            "prompt_tokens": 100,
            "completion_tokens": 1,
            "prompt_tokens_details": {"cached_tokens": 150},
        }
    )
    assert t.input == 0 and t.notes


counts = st.integers(min_value=0, max_value=10**9)


@given(prompt=counts, cached=counts, written=counts, completion=counts, reasoning=counts)
def test_openai_classes_are_disjoint_and_add_up(
    prompt: int, cached: int, written: int, completion: int, reasoning: int
) -> None:
    usage = {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": cached, "cache_write_tokens": written},
        "completion_tokens_details": {"reasoning_tokens": reasoning},
    }
    t = openai_tokens(usage)
    assert t.output == completion and t.reasoning <= t.output
    if cached + written <= prompt:
        assert t.prompt_side == prompt  # nothing double counted, nothing lost
    assert min(t.input, t.cache_read, t.cache_write_5m) >= 0


@given(prompt=counts, cached=counts, cand=counts, thoughts=counts)
def test_gemini_total_is_preserved(prompt: int, cached: int, cand: int, thoughts: int) -> None:
    t = gemini_tokens(
        {
            "promptTokenCount": prompt,
            "cachedContentTokenCount": min(cached, prompt),
            "candidatesTokenCount": cand,
            "thoughtsTokenCount": thoughts,
        }
    )
    assert t.prompt_side + t.output == prompt + cand + thoughts
