"""Write a large generic canonical CSV for timing the reader (not a test).

.venv/bin/python -m tests.usage.readers.gen_generic /tmp/generic_1m.csv 1000000
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

MODELS = ("claude-sonnet-4-5", "gpt-4o", "gemini-2.5-pro", "gpt-5.4", "acme-omni-7")
PROVIDERS = ("anthropic", "openai", "google", "openai", "")


def write_generic_csv(path: Path, n: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    m = rng.integers(0, len(MODELS), n)
    start = pd.Timestamp("2026-03-01T00:00:00Z")
    ts = start + pd.to_timedelta(np.sort(rng.integers(0, 30 * 86400, n)), unit="s")
    df = pd.DataFrame(
        {
            "timestamp": ts.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "provider": np.array(PROVIDERS)[m],
            "model": np.array(MODELS)[m],
            "input_tokens": rng.integers(0, 300_000, n),
            "cache_read_tokens": rng.integers(0, 50_000, n),
            "cache_write_5m_tokens": rng.integers(0, 5_000, n),
            "cache_write_1h_tokens": 0,
            "output_tokens": rng.integers(0, 8_000, n),
            "reasoning_tokens": 0,
            "requests": 1,
            "batch": rng.random(n) < 0.1,
            "free": False,
            "reported_cost_usd": np.round(rng.random(n), 6),
        }
    )
    df.to_csv(path, index=False)


if __name__ == "__main__":
    write_generic_csv(Path(sys.argv[1]), int(sys.argv[2]))
