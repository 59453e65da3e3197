"""`python -m model reprice|project` as a user runs them: whole processes, JSON contract of
DESIGN §5, exact totals against a hand computation, exit 2 with one line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_into_closed_pipe

ROOT = Path(__file__).resolve().parents[2]

# 2026-11-20 list prices ($/MTok) used below, from data/pricing/2026-11-20/catalog.yaml:
#   claude-sonnet-4-5  in 3, cache read 0.30, cache write 5m 3.75, 1h 6, out 15, batch 1.5/7.5
#   gpt-5.4            in 2.50 / out 15; above 272k prompt tokens: in 5 / out 22.50
#   gemini-2.5-pro     in 1.25 / out 10; above 200k: in 2.50 / out 15; cache read 0.125
CSV = """timestamp,model,input_tokens,cache_read_tokens,cache_write_5m_tokens,cache_write_1h_tokens,output_tokens,batch,extra_col
2026-11-21T09:00:00Z,claude-sonnet-4-5-20250929,2000,50000,0,0,1000,false,x
2026-11-21T09:01:00Z,anthropic/claude-sonnet-4.5,1000,0,10000,4000,500,false,x
2026-11-21T09:02:00Z,claude-sonnet-4-5,1000000,0,0,0,1000000,true,x
2026-11-22T10:00:00Z,gpt-5.4,300000,0,0,0,5000,false,x
2026-11-22T10:00:01Z,gpt-5.4,272000,0,0,0,1000,false,x
2026-11-23T10:00:00Z,gemini-2.5-pro,150000,60000,0,0,2000,false,x
2026-11-23T10:00:00Z,acme-omni-7,10,0,0,0,10,false,x
2026-11-23T10:00:00Z,acme-omni-7,10,0,0,0,10,false,x
2026-11-23T10:00:00Z,acme-omni-7,10,0,0,0,10,false,x
"""

HAND = [
    (2000 * 3 + 50000 * 0.30 + 1000 * 15) / 1e6,  # cache read
    (1000 * 3 + 10000 * 3.75 + 4000 * 6 + 500 * 15) / 1e6,  # 5m and 1h writes
    (1_000_000 * 1.5 + 1_000_000 * 7.5) / 1e6,  # batch
    (300_000 * 5 + 5000 * 22.50) / 1e6,  # above 272k: whole request at the tier
    (272_000 * 2.50 + 1000 * 15) / 1e6,  # exactly 272k stays in the base tier
    (150_000 * 2.50 + 60_000 * 0.25 + 2000 * 15) / 1e6,  # 210k prompt side > 200k
]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "model", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def reprice(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    path = tmp_path_factory.mktemp("cli") / "usage.csv"
    path.write_text(CSV, encoding="utf-8")
    done = run("reprice", str(path), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_direct_total_equals_hand_computation(reprice: dict) -> None:  # type: ignore[type-arg]
    direct = next(o for o in reprice["options"] if o["id"] == "direct")
    assert direct["total_usd"] == pytest.approx(sum(HAND), rel=1e-9)
    assert direct["vendors"]["anthropic"] == pytest.approx(sum(HAND[:3]), rel=1e-9)
    assert direct["vendors"]["google"] == pytest.approx(HAND[5], rel=1e-9)


def test_openrouter_adds_card_fee_and_charges_batch_at_standard(reprice: dict) -> None:  # type: ignore[type-arg]
    o = next(o for o in reprice["options"] if o["id"] == "openrouter")
    standard = sum(HAND) - HAND[2] + (1_000_000 * 3 + 1_000_000 * 15) / 1e6
    assert o["token_cost_usd"] == pytest.approx(standard, rel=1e-9)
    assert o["fees_usd"] == pytest.approx(standard * 0.055, rel=1e-9)


def test_unknown_models_listed_with_row_counts(reprice: dict) -> None:  # type: ignore[type-arg]
    assert reprice["unpriced"] == {"acme-omni-7": 3}
    assert any("acme-omni-7 (3 rows)" in w for w in reprice["warnings"])
    assert any("extra_col" in w for w in reprice["warnings"])


def test_contract_fields(reprice: dict) -> None:  # type: ignore[type-arg]
    assert reprice["format"] == "generic_csv"
    assert reprice["pricing_version"] == "by-date"
    assert reprice["versions_used"] == ["2026-11-20"]
    assert (reprice["rows"], reprice["requests"]) == (9, 9)
    assert reprice["period"] == {
        "start": "2026-11-21T09:00:00.000Z",
        "end": "2026-11-23T10:00:00.000Z",
    }
    assert reprice["tokens"]["cache_write_1h"] == 4000
    assert reprice["models"]["claude-sonnet-4-5"]["rows"] == 3
    assert reprice["reported_cost_usd"] is None
    assert [o["id"] for o in reprice["options"]] == ["direct", "openrouter", "pooled"]


def test_forced_version(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text(
        "timestamp,model,input_tokens,output_tokens\n2026-11-21T00:00:00Z,gemini-4-argon,100000,0\n",
        encoding="utf-8",
    )
    # Gemini 4 Argon input: $2/MTok until 2026-11-30, $4/MTok from 2026-12-01 (audit).
    pinned = json.loads(run("reprice", str(path), "--json", "--pricing", "2026-12-01").stdout)
    by_date = json.loads(run("reprice", str(path), "--json").stdout)
    assert pinned["options"][0]["total_usd"] == pytest.approx(0.4)  # 100,000 × $4 / 1e6
    assert by_date["options"][0]["total_usd"] == pytest.approx(0.2)  # 100,000 × $2 / 1e6
    assert pinned["pricing_version"] == "2026-12-01"


def test_scenario_assumptions_apply(tmp_path: Path) -> None:
    usage = tmp_path / "u.csv"
    usage.write_text(
        "timestamp,model,input_tokens,output_tokens\n"
        "2026-11-21T00:00:00Z,claude-sonnet-4-5,10000000,0\n",
        encoding="utf-8",
    )
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "workloads: [{name: a, model: claude-sonnet-4-5, requests_per_day: 1}]\n"
        "options: {openrouter: {topup_usd: 10}, pooled: {discount: 0.5}}\n"
    )
    out = json.loads(run("reprice", str(usage), "--json", "--scenario", str(scenario)).stdout)
    by_id = {o["id"]: o for o in out["options"]}
    assert by_id["openrouter"]["fees_usd"] == pytest.approx(30 * 0.08)  # $0.80 min on $10
    assert by_id["pooled"]["total_usd"] == pytest.approx(15)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["reprice", "/nonexistent/usage.csv"], "usage.csv"),
        (["reprice", "{csv}", "--pricing", "1999-01-01"], "unknown pricing version"),
        (["reprice", "{bad}"], "bad.csv"),
        (["project", "/nonexistent/s.yaml"], "s.yaml"),
        (["project", "{badscenario}"], "workloads"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, args: list[str], needle: str) -> None:
    (tmp_path / "ok.csv").write_text(
        "timestamp,model,input_tokens,output_tokens\n2026-11-21T00:00:00Z,gpt-4o,1,1\n"
    )
    (tmp_path / "bad.csv").write_bytes(b"\x00\x01\x02 not a csv \xff\xfe")
    (tmp_path / "s.yaml").write_text("name: x\n")
    paths = {
        "{csv}": str(tmp_path / "ok.csv"),
        "{bad}": str(tmp_path / "bad.csv"),
        "{badscenario}": str(tmp_path / "s.yaml"),
    }
    done = run(*[paths.get(a, a) for a in args])
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_project_json_matches_engine(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "start_month: 2026-12\nhorizon_months: 2\nmonthly_growth: 0.1\n"
        "workloads: [{name: a, model: claude-sonnet-4-5, requests_per_day: 1000,"
        " input_tokens: 1000, output_tokens: 100}]\n"
    )
    out = json.loads(run("project", str(scenario), "--json").stdout)
    month = 1000 * 365.25 / 12 * (1000 * 3 + 100 * 15) / 1e6
    first = {o["id"]: o for o in out["months"][0]["options"]}
    second = {o["id"]: o for o in out["months"][1]["options"]}
    # Each day by the version in force (claude-sonnet-4-5 is $3 / $15 in every bundled one).
    assert out["pricing_version"] == "by-date"
    assert {v for m in out["months"] for v in m["versions"]} == set(out["versions_used"])
    assert first["direct"]["total_usd"] == pytest.approx(month, rel=1e-9)
    assert second["direct"]["total_usd"] == pytest.approx(month * 1.1, rel=1e-9)
    assert first["openrouter"]["fees_usd"] == pytest.approx(month * 0.055, rel=1e-9)


@pytest.mark.parametrize("args", [[], ["reprice"], ["nonsense"], ["project", "a", "--bogus"]])
def test_usage_errors_are_one_line_exit_2(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith("error: python -m model")


@pytest.mark.parametrize(
    "args",
    [
        (
            "reprice",
            str(ROOT / "data" / "samples" / "openrouter_generations__REAL_2026-03.csv"),
            "--json",
        ),
        ("project", str(ROOT / "data" / "scenarios" / "default.yaml")),
    ],
)
def test_a_reader_that_leaves_early_is_no_error(args: tuple[str, ...]) -> None:
    """`python -m model reprice … --json | head`: no "internal error" line, exit 0."""
    assert run_into_closed_pipe("-m", "model", *args) == (0, "")
