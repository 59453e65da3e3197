"""Deterministic synthetic usage logs in the generic canonical CSV, for benchmarks and scale
tests. Realistic mix: several vendors, caching, some batch rows, a few long-context rows."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

MODELS = np.array(
    [
        "claude-sonnet-4-5-20250929",
        "claude-haiku-4-5",
        "claude-opus-4-6",
        "gpt-5.4",
        "gpt-5-mini",
        "gpt-4o-2024-08-06",
        "gemini-2.5-pro",
        "gemini-2.5-flash",
        "o3",
        "acme-omni-7",
    ]
)
CHUNK = 500_000


def _chunk(rng: np.random.Generator, n: int) -> pd.DataFrame:
    start = np.datetime64("2026-09-01T00:00:00", "ms")
    span_ms = 90 * 24 * 3600 * 1000
    ts = start + np.sort(rng.integers(0, span_ms, n)).astype("timedelta64[ms]")
    frame = pd.DataFrame(
        {
            "timestamp": pd.to_datetime(ts, utc=True),
            "model": MODELS[rng.integers(0, len(MODELS), n)],
            "input_tokens": rng.integers(0, 8_000, n),
            "cache_read_tokens": rng.integers(0, 40_000, n) * (rng.random(n) < 0.6),
            "cache_write_5m_tokens": rng.integers(0, 4_000, n) * (rng.random(n) < 0.2),
            "cache_write_1h_tokens": 0,
            "output_tokens": rng.integers(0, 3_000, n),
            "reasoning_tokens": 0,
            "batch": rng.random(n) < 0.05,
        }
    )
    long = rng.random(n) < 0.01  # a few requests above every long-context threshold
    frame.loc[long, "input_tokens"] = 300_000
    return frame


def generate(path: Path, rows: int, seed: int = 7) -> Path:
    """Write ``rows`` request rows to ``path`` in chunks (constant memory)."""
    rng = np.random.default_rng(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        for first in range(0, rows, CHUNK):
            frame = _chunk(rng, min(CHUNK, rows - first))
            frame["timestamp"] = frame["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            frame.to_csv(fh, header=first == 0, index=False)
    return path


def generate_parquet(path: Path, rows: int, seed: int = 7, chunk: int = 2_000_000) -> Path:
    """The same rows as Parquet with typed columns (a UTC timestamp, integers, booleans),
    written row group by row group (constant memory)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    writer = None
    try:
        for first in range(0, rows, chunk):
            table = pa.Table.from_pandas(
                _chunk(rng, min(chunk, rows - first)), preserve_index=False
            )
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    generate(args.path, args.rows)


if __name__ == "__main__":
    main()
