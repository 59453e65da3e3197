"""`python -m model export-prices`: the exported dated price table and the reference SQL
query, run in DuckDB on generated usage, give the engine's per-option monthly totals
(1e-9 relative) — under by-date versions, batch, the long-context cliff (request rows and
buckets), cache classes (a model without cache prices included), free rows, discounts,
uplift, purchase fees and BYOK."""

from __future__ import annotations

import math

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from model.catalog.price_sql import reprice_sql
from model.catalog.price_table import FOREVER, SINCE_EVER, price_tables
from model.engine.adjustments import OptionAssumptions
from model.engine.costing import cost_usage
from model.engine.frame import canonical_frame
from model.paths import REPO
from pricing.cache import load_cached
from tests.cli.test_model_cli import run

ROOT = REPO / "data" / "pricing"
MODELS = np.array(
    [
        "gpt-4o",
        "gemini-2.5-pro",  # long-context tier at 200k
        "gpt-5.4",  # long-context tier at 272k
        "claude-sonnet-4-5",
        "claude-haiku-4-5",
        "o3-pro",  # no cache prices: cached tokens charged as input
        "ai21/jamba-large-1.7",  # sold by the aggregator only
        "acme-omni-7",  # unknown: in no total
        "gemini-4-argon",  # enters on 2026-09-30, price doubles on 2026-12-01
        "gemini-3.6-flash",  # price doubles on 2027-01-01
    ]
)


def usage(n: int = 6000, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = np.datetime64("2026-08-10T00:00:00", "s")  # before the oldest version, too
    ts = start + np.sort(rng.integers(0, 170 * 86400, n)).astype("timedelta64[s]")
    # Midnight rows on the days prices change: a range bound off by one would show.
    ts[:40] = np.datetime64("2026-12-01T00:00:00", "s")
    ts[40:80] = np.datetime64("2027-01-01T00:00:00", "s")
    ts = np.sort(ts)
    bucket = rng.random(n) < 0.25
    band = rng.choice(np.array([True, False, None], dtype=object), n)
    return canonical_frame(
        {
            "timestamp": pd.to_datetime(ts, utc=True),
            "model": MODELS[rng.integers(0, len(MODELS), n)],
            "input_tokens": np.where(
                rng.random(n) < 0.1, rng.integers(190_000, 300_000, n), rng.integers(0, 9000, n)
            ).astype(float),
            "cache_read_tokens": (rng.integers(0, 20_000, n) * (rng.random(n) < 0.5)).astype(float),
            "cache_write_5m_tokens": (rng.integers(0, 3000, n) * (rng.random(n) < 0.2)).astype(
                float
            ),
            "cache_write_1h_tokens": (rng.integers(0, 3000, n) * (rng.random(n) < 0.1)).astype(
                float
            ),
            "output_tokens": rng.integers(0, 4000, n).astype(float),
            "requests": np.where(bucket, rng.integers(2, 40, n), 1).astype(float),
            "batch": rng.random(n) < 0.2,
            "long_context": pd.array(np.where(bucket, band, None), dtype="boolean"),
            "free": rng.random(n) < 0.05,
        }
    )


CASES = {
    "defaults": {},
    "discounts-uplift-topup": {
        "pooled": OptionAssumptions(discount={"anthropic": 0.3, "openai": 0.1, "google": 0.05}),
        "direct": OptionAssumptions(region="eu_regional_processing"),
        "openrouter": OptionAssumptions(topup_usd=10.0, batch_api=True),
    },
    "byok": {"openrouter": OptionAssumptions(byok=True, payment="crypto")},
}
#: Token counts scaled so that months spend above the $25,000 BYOK allowance.
SCALE = {"byok": 200.0}


def _sql_totals(frame: pd.DataFrame, assumptions) -> pd.DataFrame:
    book = load_cached(ROOT)
    tables = price_tables(book, assumptions)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.register("prices", pa.table(tables.prices))
    con.register("option_terms", pa.table(tables.option_terms))
    data = frame.assign(timestamp=frame["timestamp"].dt.tz_localize(None))
    con.register("usage", pa.Table.from_pandas(data, preserve_index=False))
    got = con.execute(reprice_sql()).to_arrow_table().to_pandas()
    got["month"] = pd.to_datetime(got["month"]).dt.strftime("%Y-%m")
    return got


@pytest.mark.parametrize("case", list(CASES))
def test_sql_equals_the_engine(case: str) -> None:
    assumptions = CASES[case]
    frame = usage()
    for col in ("input_tokens", "output_tokens", "cache_read_tokens"):
        frame[col] *= SCALE.get(case, 1.0)
    costing = cost_usage(frame, load_cached(ROOT), assumptions=assumptions)
    got = _sql_totals(frame, assumptions)
    for option in costing.options:
        mine = got[got["option_id"] == option.id].set_index("month")
        for m, month in enumerate(costing.months):
            fees = option.monthly_purchase_fee[m] + option.monthly_byok_fee[m]
            expected = {
                "token_cost_usd": option.monthly_token_cost[m],
                "discount_usd": option.monthly_discount[m],
                "fees_usd": fees,
                "total_usd": option.monthly_token_cost[m] + fees,
            }
            for key, value in expected.items():
                actual = float(mine.loc[month, key]) if month in mine.index else 0.0
                assert math.isclose(actual, value, rel_tol=1e-9, abs_tol=1e-9), (
                    option.id,
                    month,
                    key,
                    actual,
                    value,
                )
        assert option.total_usd > 0
    if case == "byok":  # the allowance is exceeded: a BYOK fee is actually computed
        assert costing.option("openrouter").monthly_byok_fee.sum() > 0


def test_the_table_is_dated_ranges_of_the_engine_prices() -> None:
    """gpt-4o's input through direct: $2.50 per million tokens since the oldest version."""
    tables = price_tables(load_cached(ROOT))
    p = pd.DataFrame(tables.prices)
    row = p[
        (p.option_id == "direct")
        & (p.model_id == "gpt-4o")
        & (p.regime == "base")
        & (p.token_class == "input")
    ]
    assert len(row) == 1
    assert row.iloc[0].usd_per_unit == pytest.approx(2.5e-6)
    assert row.iloc[0].valid_from == SINCE_EVER and row.iloc[0].valid_to == FOREVER
    # Ranges of one (option, model, regime, class) never overlap and follow each other.
    keys = ["option_id", "model_id", "regime", "token_class"]
    p = p.sort_values([*keys, "valid_from"]).reset_index(drop=True)
    same = (p[keys].shift() == p[keys]).all(axis=1)
    assert (p.valid_from[same].to_numpy() == p.valid_to.shift()[same].to_numpy()).all()
    assert same.any()  # some prices change over the versions
    # The aggregator sells models direct does not; the pooled example has no batch API, so
    # its batch regime is its standard price.
    assert set(p[p.option_id == "openrouter"].model_id) > set(p[p.option_id == "direct"].model_id)
    pooled = p[(p.option_id == "pooled") & (p.model_id == "gpt-4o") & (p.token_class == "input")]
    assert set(pooled.usd_per_unit) == {2.5e-6}


def test_cli_writes_parquet_csv_and_sql(tmp_path) -> None:
    for fmt in ("parquet", "csv", "sql"):
        done = run("export-prices", "--format", fmt, "--out", str(tmp_path))
        assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "option_terms.csv",
        "option_terms.parquet",
        "prices.csv",
        "prices.parquet",
        "reprice.sql",
    ]
    con = duckdb.connect()
    csv_rows = con.execute(f"SELECT count(*) FROM read_csv('{tmp_path / 'prices.csv'}')").fetchone()
    pq_rows = con.execute(f"SELECT count(*) FROM '{tmp_path / 'prices.parquet'}'").fetchone()
    assert csv_rows == pq_rows and pq_rows[0] > 1000
    assert (tmp_path / "reprice.sql").read_text() == reprice_sql()


def test_cli_refuses_a_file_as_out(tmp_path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    done = run("export-prices", "--format", "csv", "--out", str(target))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "not a folder" in done.stderr
