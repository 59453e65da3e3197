"""The same requests written in different formats read to the same canonical tokens."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.engine import columns as c
from model.usage.readers import read_usage

N = 50
TOKEN_COLS = [*c.TOKEN_CLASSES, c.REASONING]


@pytest.fixture(scope="module")
def requests() -> pd.DataFrame:
    rng = np.random.default_rng(42)
    prompt = rng.integers(0, 400_000, N)
    cached = (prompt * rng.random(N)).astype(int)  # never above the prompt
    completion = rng.integers(0, 20_000, N)
    reasoning = (completion * rng.random(N)).astype(int)
    ts = pd.Timestamp("2026-03-01") + pd.to_timedelta(rng.integers(0, 86_400_000, N), unit="ms")
    models = np.array(["openai/gpt-5.4", "anthropic/claude-sonnet-4-5", "google/gemini-2.5-pro"])
    return pd.DataFrame(
        {
            "ts": ts,
            "model": models[rng.integers(0, 3, N)],
            "prompt": prompt,
            "cached": cached,
            "completion": completion,
            "reasoning": reasoning,
        }
    )


def generic_csv(df: pd.DataFrame) -> bytes:
    out = pd.DataFrame(
        {
            "timestamp": df.ts.dt.strftime("%Y-%m-%d %H:%M:%S.%f").str[:-3],
            "model": df.model,
            "input_tokens": df.prompt - df.cached,  # generic columns are disjoint
            "cache_read_tokens": df.cached,
            "output_tokens": df.completion,
            "reasoning_tokens": df.reasoning,
        }
    )
    return out.to_csv(index=False).encode()


def openrouter_csv(df: pd.DataFrame) -> bytes:
    out = pd.DataFrame(
        {
            "generation_id": [f"gen-{i}" for i in range(len(df))],
            "created_at": df.ts.dt.strftime("%Y-%m-%d %H:%M:%S.%f").str[:-3],
            "cost_total": 0.01,
            "tokens_prompt": df.prompt,  # OpenRouter counts cached inside the prompt
            "tokens_completion": df.completion,
            "tokens_reasoning": df.reasoning,
            "tokens_cached": df.cached,
            "model_permaslug": df.model,
            "provider_name": "X",
            "variant": "standard",
        }
    )
    return out.to_csv(index=False).encode()


def openai_usage_csv(df: pd.DataFrame) -> bytes:
    start = (df.ts - pd.Timestamp("1970-01-01")) // pd.Timedelta("1s")  # unix seconds
    out = pd.DataFrame(
        {
            "start_time": start,
            "end_time": start + 60,
            "num_model_requests": 1,
            "model": df.model,
            "batch": "False",
            "input_tokens": df.prompt.astype(float),  # spreadsheet-style 10.0
            "output_tokens": df.completion,
            "input_cached_tokens": df.cached,
        }
    )
    return out.to_csv(index=False, sep="\t").encode()


def test_generic_and_openrouter_agree(requests):
    g = read_usage(generic_csv(requests), "g.csv")
    o = read_usage(openrouter_csv(requests), "o.csv")
    assert (g.format, o.format) == ("generic_csv", "openrouter_generations_csv")
    pd.testing.assert_frame_equal(g.frame[TOKEN_COLS], o.frame[TOKEN_COLS])
    pd.testing.assert_series_equal(g.frame[c.TIMESTAMP], o.frame[c.TIMESTAMP])
    pd.testing.assert_series_equal(g.frame[c.REQUESTS], o.frame[c.REQUESTS])
    assert list(g.frame[c.MODEL_RAW]) == list(o.frame[c.MODEL_RAW])


def test_generic_and_openai_usage_agree_on_billed_tokens(requests):
    g = read_usage(generic_csv(requests), "g.csv")
    u = read_usage(openai_usage_csv(requests), "completions_usage.tsv")
    assert u.format == "openai_usage_csv"
    billed = list(c.TOKEN_CLASSES)  # the OpenAI export has no reasoning breakdown
    pd.testing.assert_frame_equal(g.frame[billed], u.frame[billed])
    # Second precision: the OpenAI buckets start on whole seconds.
    pd.testing.assert_series_equal(
        g.frame[c.TIMESTAMP].dt.floor("s"), u.frame[c.TIMESTAMP], check_freq=False
    )
