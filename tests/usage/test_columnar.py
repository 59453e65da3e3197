"""The columnar path (DuckDB into buckets) against the readers' path (a frame per row): the
same ``reprice --json`` object to 1e-9 relative on generated logs that exercise every
pricing rule, for CSV, Parquet and Arrow input; and on every hostile file, either the
same answer or the same refusal (the strict path declines what the readers would warn
about)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.engine.adjustments import OptionAssumptions
from model.paths import REPO
from model.usage.chunked import reprice_file, reprice_files
from model.usage.columnar import has_blank_line, plan_for, read_buckets
from model.usage.readers import UsageFormatError
from tests.usage.readers.bad.make_corpus import generated

ROOT = REPO / "data" / "pricing"
BAD = REPO / "tests" / "usage" / "readers" / "bad"
MODELS = np.array(
    [
        "claude-sonnet-4-5-20250929",  # alias of a catalog id
        " gpt-4o ",  # spaces: model_raw keeps them, the name resolves
        "gemini-2.5-pro",  # a long-context tier (200k)
        "gpt-5.4",  # a long-context tier (272k)
        "openai/gpt-oss-120b:free",  # a :free variant (aggregator only)
        "acme-omni-7",  # unknown everywhere
        "claude-haiku-4-5",
        "o3-pro",  # no cache prices: cached tokens charged as input, with a warning
    ]
)


def usage_frame(n: int, seed: int = 11) -> pd.DataFrame:
    """Request rows and buckets across several price versions (by-date), with batch, free,
    stated long-context bands, cache classes, reported cost and a provider column."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2026-08-01T00:00:00", "s")
    ts = start + np.sort(rng.integers(0, 150 * 86400, n)).astype("timedelta64[s]")
    bucket = rng.random(n) < 0.2
    band = np.where(rng.random(n) < 0.5, "true", np.where(rng.random(n) < 0.5, "false", ""))
    model = MODELS[rng.integers(0, len(MODELS), n)]
    return pd.DataFrame(
        {
            "timestamp": pd.to_datetime(ts).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "provider": np.where(rng.random(n) < 0.3, "OpenAI", ""),
            "model": model,
            "input_tokens": np.where(
                rng.random(n) < 0.05, 250_000 + rng.integers(0, 50_000, n), rng.integers(0, 9000, n)
            ),
            "cache_read_tokens": rng.integers(0, 30_000, n) * (rng.random(n) < 0.5),
            "cache_write_5m_tokens": rng.integers(0, 3000, n) * (rng.random(n) < 0.2),
            "cache_write_1h_tokens": rng.integers(0, 3000, n) * (rng.random(n) < 0.1),
            "output_tokens": rng.integers(0, 4000, n),
            "reasoning_tokens": 0,
            "requests": np.where(bucket, rng.integers(2, 50, n), 1),
            "batch": rng.random(n) < 0.1,
            "free": rng.random(n) < 0.02,
            "long_context": np.where(bucket, band, ""),
            "reported_cost_usd": np.where(rng.random(n) < 0.7, np.round(rng.random(n), 6), np.nan),
            "prompt": "a prompt, with a comma",  # an unknown column: named in a warning
        }
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("columnar")
    frame = usage_frame(12_000)
    csv = folder / "u.csv"
    frame.to_csv(csv, index=False)
    typed = frame.assign(
        timestamp=pd.to_datetime(frame["timestamp"], utc=True),
        long_context=frame["long_context"].map({"true": True, "false": False, "": None}),
    )
    table = pa.Table.from_pandas(typed, preserve_index=False)
    parquet = folder / "u.parquet"
    pq.write_table(table, parquet, row_group_size=3000)
    arrow = folder / "u.arrow"
    with pa.OSFile(str(arrow), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table, max_chunksize=4000)
    return {"csv": csv, "parquet": parquet, "arrow": arrow}


def assert_same(a: Any, b: Any, where: str = "") -> None:
    """Equal JSON objects, floats to 1e-9 relative."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and set(a) == set(b), (where, a, b)
        for k in a:
            assert_same(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), (where, a, b)
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), (where, a, b)
    else:
        assert a == b, (where, a, b)


def _strip_format(out: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in out.items() if k != "format"}


ASSUMPTIONS = {
    "default": {},
    "byok": {"openrouter": OptionAssumptions(byok=True)},
    "discounts": {
        "pooled": OptionAssumptions(discount={"anthropic": 0.3, "openai": 0.1}),
        "openrouter": OptionAssumptions(topup_usd=10.0, batch_api=True),
    },
}


@pytest.mark.parametrize("kind", ["csv", "parquet", "arrow"])
@pytest.mark.parametrize("pricing", ["by-date", "latest", "2026-09-01"])
@pytest.mark.parametrize("chosen", list(ASSUMPTIONS))
def test_columnar_equals_the_readers(files, kind: str, pricing: str, chosen: str) -> None:
    path = files[kind]
    assert plan_for(path) is not None, "the strict path accepts a clean generated file"
    options: dict[str, Any] = {"pricing": pricing, "assumptions": ASSUMPTIONS[chosen]}
    fast = reprice_file(path, ROOT, **options)
    rows = reprice_file(path, ROOT, columnar=False, **options)
    assert fast["format"] == rows["format"] == f"generic_{kind}"
    assert_same(fast, rows)
    assert fast["rows"] == 12_000
    assert any("prompt" in w for w in fast["warnings"])


def test_the_three_inputs_give_one_answer(files) -> None:
    """CSV text, Parquet with a time-zone-aware timestamp and Arrow: one log, one answer."""
    got = [_strip_format(reprice_file(files[k], ROOT, pricing="by-date")) for k in files]
    assert_same(got[0], got[1])
    assert_same(got[0], got[2])


def test_buckets_really_came_from_duckdb(files) -> None:
    """Guard against a silent fallback making the comparisons above trivially equal."""
    plan = plan_for(files["csv"])
    assert plan is not None
    got = read_buckets(files["csv"], (100_000.0, 200_000.0, 272_000.0), plan=plan)
    assert got is not None
    buckets, notes = got
    assert buckets.n_rows == 12_000 and len(buckets.rows) < 12_000
    assert notes == ("ignored columns not used for pricing: prompt",)


def _run(path: Path, **options: Any) -> tuple[str, Any]:
    try:
        return "ok", reprice_file(path, ROOT, pricing="by-date", **options)
    except (UsageFormatError, ValueError) as exc:
        return "error", str(exc)


def hostile() -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in BAD.iterdir() if p.suffix != ".py" and p.is_file()}
    return {**files, **generated()}


@pytest.mark.parametrize("name", sorted(hostile()))
def test_hostile_files_get_the_readers_answer_on_every_path(name: str, tmp_path: Path) -> None:
    """Whatever the columnar path accepts, it answers as the readers do; the rest it
    leaves to them (same warnings naming rows, same one-line refusals)."""
    path = tmp_path / name
    path.write_bytes(hostile()[name])
    columnar = _run(path)
    readers = _run(path, columnar=False)
    assert columnar[0] == readers[0], (columnar, readers)
    if columnar[0] == "ok":
        assert_same(columnar[1], readers[1])
    else:
        assert columnar[1] == readers[1]


@pytest.mark.parametrize(
    ("change", "warning"),
    [
        (lambda text: text.replace("\n", "\n\n", 1), "empty line"),
        (lambda text: text + "Total,,,,,,,,,,,,,,\n", "total/summary line"),
        (lambda text: text.replace(",0,", ",-5,", 1), "negative"),
        (lambda text: text.replace("Z,", "Z,", 1).replace("2026-", "1999-", 1), "before 2000"),
    ],
    ids=["blank-line", "total-line", "negative", "year-1999"],
)
def test_what_the_readers_warn_about_goes_to_them(files, tmp_path: Path, change, warning) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(change(files["csv"].read_text()))
    out = reprice_file(path, ROOT, pricing="by-date")
    assert any(warning in w for w in out["warnings"]), out["warnings"]
    assert_same(out, reprice_file(path, ROOT, pricing="by-date", columnar=False))


def test_a_folder_of_parts_is_one_log(files, tmp_path: Path) -> None:
    """Parquet parts summed as one log equal the whole file."""
    table = pq.read_table(files["parquet"])
    for i, first in enumerate(range(0, table.num_rows, 5000)):
        pq.write_table(table.slice(first, 5000), tmp_path / f"part-{i}.parquet")
    parts = sorted(tmp_path.glob("*.parquet"))
    assert len(parts) == 3
    whole = reprice_file(files["parquet"], ROOT, pricing="by-date")
    summed = reprice_files(parts, ROOT, pricing="by-date")
    assert summed.pop("files") == [
        {"file": p.name, "format": "generic_parquet", "rows": n}
        for p, n in zip(parts, (5000, 5000, 2000), strict=True)
    ]
    # The readers' notes are per file; the engine's (counts) are about the one log.
    notes = [w for w in whole["warnings"] if w.startswith("ignored columns")]
    engine = [w for w in whole["warnings"] if w not in notes]
    assert summed["warnings"] == [f"{p.name}: {w}" for p in parts for w in notes] + engine
    summed["warnings"] = whole["warnings"]
    assert_same(summed, whole)


def test_progress_is_reported(files) -> None:
    seen: list[tuple[str, float]] = []
    reprice_file(files["csv"], ROOT, pricing="by-date", progress=lambda s, d: seen.append((s, d)))
    assert seen and seen[0] == ("reading u.csv", 0.0)
    assert all(0.0 <= d <= 1.0 for _, d in seen)


def test_json_output_is_unchanged_by_the_path(files) -> None:
    """The CLI contract: serializable, finite, the same keys either way."""
    fast = reprice_file(files["csv"], ROOT, pricing="by-date")
    json.dumps(fast, allow_nan=False)


@pytest.mark.parametrize("block", [1, 2, 3, 64])
@pytest.mark.parametrize(
    ("body", "blank"),
    [
        (b"h\na\nb\n", False),
        (b"h\na\n\nb\n", True),
        (b"h\n\na\n", True),  # right below the header
        (b"h\r\na\r\nb\r\n", False),
        (b"h\r\na\r\n\r\nb\r\n", True),
        (b"h\r\n\r\na\r\n", True),
    ],
)
def test_blank_lines_are_found_across_read_blocks(tmp_path: Path, body, blank, block) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(body)
    assert has_blank_line(path, block) is blank


@settings(max_examples=300, deadline=None)
@given(
    body=st.lists(st.sampled_from([b"a", b"\n", b"\r\n", b"\r"]), max_size=40).map(b"".join),
    crlf=st.booleans(),
    block=st.integers(1, 9),
)
def test_blank_line_scan_agrees_with_a_plain_search(tmp_path_factory, body, crlf, block) -> None:
    """Against ``bytes.find`` on the whole text below the header, at any block size."""
    path = tmp_path_factory.mktemp("blank") / "x.csv"
    header = b"h\r\n" if crlf else b"h\n"
    path.write_bytes(header + body)
    pattern = b"\n\r\n" if crlf else b"\n\n"
    assert has_blank_line(path, block) is ((header[-1:] + body).find(pattern) >= 0)


def test_counts_with_decimals_are_read_as_floats(files, tmp_path: Path) -> None:
    """Counts are parsed as unsigned integers first (no per-row sign check needed); a file
    whose counts carry decimals is read again as floats, still by DuckDB, same answer."""
    frame = pd.read_csv(files["csv"], keep_default_na=False)
    frame["output_tokens"] = frame["output_tokens"].astype(float)  # "1234.0"
    path = tmp_path / "floats.csv"
    frame.to_csv(path, index=False)
    assert "1234.0" in path.read_text() or ".0," in path.read_text()
    assert read_buckets(path, (100_000.0, 200_000.0, 272_000.0)) is not None
    assert_same(
        reprice_file(path, ROOT, pricing="by-date"),
        reprice_file(path, ROOT, pricing="by-date", columnar=False),
    )


@pytest.mark.parametrize(
    "keep",
    [
        (),
        ("requests",),
        ("requests", "long_context"),
        ("reported_cost_usd", "batch"),
        ("free", "cache_read_tokens"),
    ],
    ids=["required-only", "requests", "requests-band", "cost-batch", "free-cache"],
)
def test_any_subset_of_the_optional_columns(files, tmp_path: Path, keep) -> None:
    """Absent columns take their defaults (the SQL skips them): same answer as the readers."""
    frame = pd.read_csv(files["csv"], keep_default_na=False, dtype=str)
    path = tmp_path / "subset.csv"
    frame[["timestamp", "model", "input_tokens", "output_tokens", *keep]].to_csv(path, index=False)
    assert plan_for(path) is not None
    assert_same(
        reprice_file(path, ROOT, pricing="by-date"),
        reprice_file(path, ROOT, pricing="by-date", columnar=False),
    )


@pytest.mark.parametrize("kind", ["parquet", "arrow"])
def test_a_damaged_columnar_file_is_one_line(files, tmp_path: Path, kind: str) -> None:
    data = files[kind].read_bytes()
    path = tmp_path / f"cut.{kind}"
    path.write_bytes(data[: len(data) // 2])  # the magic bytes are there, the footer is not
    with pytest.raises(UsageFormatError) as err:
        reprice_file(path, ROOT, pricing="by-date")
    message = str(err.value)
    assert message.startswith(f"cut.{kind}: not a readable ") and "\n" not in message
    assert len(message) < 400


def test_duckdb_runs_under_a_memory_ceiling(tmp_path: Path) -> None:
    """Bounded memory is a setting, not a hope: every re-price connection has the ceiling
    (and spills to a temporary folder of its own, never to the working directory)."""
    from model.usage.columnar import MEMORY_LIMIT, _connect

    con = _connect(None)
    try:
        limit, spill = con.execute(
            "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
        ).fetchone()
    finally:
        con.close()
    assert MEMORY_LIMIT == "512MB" and limit == "488.2 MiB"  # DuckDB reports 512 MB in MiB
    assert Path(spill).name == "gatewise-duckdb" and Path(spill).is_absolute()
