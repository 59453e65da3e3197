"""`make bench`: whole-process timings and peak memory, reported as ratios against a baseline
measured in the same run (never as absolute pass/fail thresholds: machines differ).

1. Re-pricing: `python -m model reprice FILE --json` (every option) on a generated
   1,000,000-row generic CSV vs `pandas.read_csv(FILE, engine="pyarrow")` alone on the same
   file, both whole processes, interleaved in pairs; the ratio is the median of the pairs'
   ratios (N pairs). Goal: ratio ≤ 1.
2. With --big: the same re-price on 10,000,000 rows (~690 MB CSV; goal: peak RSS < 1 GB)
   and on 100,000,000 rows as Parquet (minutes, bounded memory). Peak RSS is the re-price
   process's (DuckDB runs inside it: no other process is started).
3. Calculator: a 20-workload, 36-month scenario with ranges and sensitivity, and the
   server-side time of a page rerun after editing one value.

Generated files go to a temporary folder removed at the end, or to --keep DIR (reused by
the next run: generating 100M rows takes a few minutes).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.generate import generate, generate_parquet  # noqa: E402

PY = sys.executable


def run_measured(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"command failed: {' '.join(args)}\n{err}")
    return wall, usage.ru_maxrss / 1024


def compare(path: Path, runs: int) -> dict[str, float]:
    baseline = [PY, "-c", f"import pandas as pd; pd.read_csv({str(path)!r}, engine='pyarrow')"]
    reprice = [PY, "-m", "model", "reprice", str(path), "--json"]
    base_t, base_m, ours_t, ours_m = [], [], [], []
    run_measured(baseline)  # warm the page cache so neither side pays for the first read
    for _ in range(runs):
        t, m = run_measured(baseline)
        base_t.append(t)
        base_m.append(m)
        t, m = run_measured(reprice)
        ours_t.append(t)
        ours_m.append(m)
    return {
        "read_csv_s": statistics.median(base_t),
        "reprice_s": statistics.median(ours_t),
        # The median of per-pair ratios: each pair runs back to back, so a slow minute on a
        # shared machine slows both sides of the same pair (the medians' ratio mixes minutes).
        "ratio": statistics.median(o / b for o, b in zip(ours_t, base_t, strict=True)),
        "read_csv_peak_mb": max(base_m),
        "reprice_peak_mb": max(ours_m),
    }


def bench_calculator() -> str:
    try:
        from model.plan.analysis import bench_recompute  # type: ignore[attr-defined]
    except ImportError:
        return "calculator: no bench_recompute available"
    return str(bench_recompute())


def bench_page_rerun(runs: int = 15) -> str:
    """Server-side time of a calculator rerun after editing one value (AppTest drives the
    real page script; browser rendering is not included)."""
    from streamlit.testing.v1 import AppTest

    from pages.ui import scenario_state as ss

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/calculator.py").run()
    times = []
    for i in range(runs):
        widget = at.number_input(key=ss.TOPUP + "openrouter").set_value(20.0 + i)
        start = time.perf_counter()
        widget.run()
        times.append(time.perf_counter() - start)
    if at.exception:
        return f"calculator page rerun: failed ({at.exception[0].value})"
    return (
        f"calculator page rerun after editing the top-up size: "
        f"{statistics.median(times) * 1000:.0f} ms median of {runs} (goal < 300 ms)"
    )


def _file(folder: Path, rows: int, suffix: str) -> Path:
    path = folder / f"usage_{rows}.{suffix}"
    if not path.exists():
        print(f"generating {rows:,} rows → {path}", flush=True)
        tmp = path.with_name(path.name + ".partial")
        (generate if suffix == "csv" else generate_parquet)(tmp, rows)
        tmp.replace(path)
    return path


def big(folder: Path) -> None:
    """10M rows as CSV (peak memory goal < 1 GB) and 100M rows as Parquet (minutes)."""
    for rows, suffix, goal in (
        (10_000_000, "csv", "peak < 1,000 MB"),
        (100_000_000, "parquet", "minutes, bounded memory"),
    ):
        path = _file(folder, rows, suffix)
        t, m = run_measured([PY, "-m", "model", "reprice", str(path), "--json"])
        size = path.stat().st_size / 1e6
        print(
            f"re-price {rows:,} rows ({suffix}, {size:,.0f} MB): {t:.1f} s, peak {m:.0f} MB "
            f"({goal})",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", action="store_true", help="also 10M rows CSV, 100M Parquet")
    parser.add_argument("--keep", type=Path, help="folder to keep generated files in")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="gatewise-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        path = _file(folder, args.rows, "csv")
        r = compare(path, args.runs)
        size = path.stat().st_size / 1e6
        print(f"\nre-price {args.rows:,} rows ({size:.0f} MB), medians of {args.runs} pairs:")
        print(
            f"  pandas.read_csv(engine='pyarrow') alone : {r['read_csv_s']:.2f} s, "
            f"peak {r['read_csv_peak_mb']:.0f} MB"
        )
        print(
            f"  python -m model reprice --json         : {r['reprice_s']:.2f} s, "
            f"peak {r['reprice_peak_mb']:.0f} MB"
        )
        print(f"  ratio: {r['ratio']:.2f}  (goal ≤ 1)\n", flush=True)
        if args.big:
            big(folder)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print("\n" + bench_calculator())
    print(bench_page_rerun())


if __name__ == "__main__":
    main()
