"""``python -m model testcall`` as a user runs it, against the loopback server: the JSON
contract of DESIGN §5, exit 0 / 1 (a measured upstream error) / 2 (bad input, refused)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from model.live.evidence import read_evidence
from tests.conftest import ROOT
from tests.live.fixtures import KEY
from tests.live.server import LoopbackServer

RUN_KEYS = {"http_status", "ttft_s", "total_s", "tokens", "cost_usd", "reported_cost_usd", "error"}
TOKEN_KEYS = {"input", "cache_read", "cache_write_5m", "cache_write_1h", "output", "reasoning"}
SUMMARY_KEYS = {"ttft_p50_s", "ttft_p95_s", "total_p50_s", "total_p95_s", "cost_usd_mean"}


def run_testcall(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "model", "testcall", *args],
        cwd=ROOT,
        env={
            **os.environ,
            "TEST_CALL_API_KEY": KEY,
            "GATEWISE_ALLOW_PRIVATE_ENDPOINTS": "1",
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def anthropic_args(srv: LoopbackServer, *extra: str) -> list[str]:
    return [
        "--base-url",
        srv.url("/anthropic"),
        "--api",
        "anthropic",
        "--model",
        "claude-sonnet-4-5",
        *extra,
    ]


def test_json_contract(loopback: LoopbackServer) -> None:
    loopback.behave("claude-sonnet-4-5", first_token_delay=0.2)
    done = run_testcall(
        *anthropic_args(
            loopback,
            "--runs",
            "3",
            "--warmups",
            "2",
            "--json",
            "--cache-probe",
            "--probe-tokens",
            "1100",
        )
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["status"] == "ok" and len(out["runs"]) == 3  # measured runs only
    assert len(loopback.requests) == 2 + 3 + 2  # warm-ups and probe calls were made
    for run in out["runs"]:
        assert RUN_KEYS <= set(run) and set(run["tokens"]) == TOKEN_KEYS
        assert run["error"] is None and 0.2 <= run["ttft_s"] <= run["total_s"]
        assert run["cost_usd"] > 0 and run["reported_cost_usd"] is None
    assert SUMMARY_KEYS <= set(out["summary"]) and out["summary"]["n"] == 3
    assert (
        out["cache_probe"]["cached"] is True and out["pricing"]["model_id"] == "claude-sonnet-4-5"
    )


def test_no_stream_has_null_ttft(loopback: LoopbackServer) -> None:
    done = run_testcall(
        "--base-url",
        loopback.url("/openai/v1"),
        "--api",
        "openai",
        "--model",
        "gpt-4o",
        "--runs",
        "2",
        "--no-stream",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert all(r["ttft_s"] is None and r["total_s"] > 0 for r in out["runs"])
    assert out["summary"]["ttft_p50_s"] is None


def test_upstream_error_is_a_result_with_exit_1(loopback: LoopbackServer) -> None:
    loopback.behave("claude-sonnet-4-5", status=429, headers={"retry-after": "12"})
    done = run_testcall(*anthropic_args(loopback, "--runs", "1", "--warmups", "0", "--json"))
    assert done.returncode == 1 and done.stderr == ""
    out = json.loads(done.stdout)
    (run,) = out["runs"]
    assert out["status"] == "error" and run["http_status"] == 429
    assert run["error"]["type"] == "rate_limited" and run["error"]["retry_after_s"] == 12.0
    assert len(loopback.requests) == 1  # no retries unless asked
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            ["--base-url", "http://127.0.0.1:9/v1"],
            {"GATEWISE_ALLOW_PRIVATE_ENDPOINTS": ""},
            "refused",
        ),
        (["--base-url", "https://169.254.169.254/v1"], {}, "metadata"),
        (["--base-url", "https://api.example.com/v1?key=x"], {}, "query"),
        (
            ["--base-url", "https://127.0.0.1/v1"],
            {"TEST_CALL_API_KEY": ""},
            "TEST_CALL_API_KEY is not set",
        ),
        (
            ["--base-url", "https://127.0.0.1/v1", "--key-env", "NOPE_KEY"],
            {},
            "NOPE_KEY is not set",
        ),
        (["--base-url", "https://127.0.0.1/v1", "--runs", "0"], {}, "between 1 and 200"),
        (["--base-url", "https://127.0.0.1/v1", "--api", "grpc"], {}, "invalid choice"),
        (
            ["--base-url", "https://127.0.0.1/v1", "--evidence-out", "/no/such/dir/e.json"],
            {},
            "does not exist",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(
    args: list[str], env: dict[str, str], message: str
) -> None:
    base = ["--api", "openai", "--model", "gpt-4o"]
    if "--api" in args:
        base = ["--model", "gpt-4o"]
    done = run_testcall(*base, *args, env=env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and message in done.stderr


def test_evidence_file_is_written(loopback: LoopbackServer, tmp_path: Path) -> None:
    done = run_testcall(
        *anthropic_args(
            loopback,
            "--runs",
            "1",
            "--evidence-out",
            str(tmp_path),
            "--vantage",
            "ci",
            "--option",
            "direct",
        )
    )
    assert done.returncode == 0, done.stderr
    (path,) = tmp_path.glob("*.json")
    data = read_evidence(path)
    assert data["endpoints"][0]["option"] == "direct" and data["vantage"] == "ci"
    assert "time to first token" in done.stdout  # the text rendering


def test_key_is_not_an_argument() -> None:
    done = run_testcall(
        "--base-url", "https://x.example/v1", "--api", "openai", "--model", "m", "--key", KEY
    )
    assert done.returncode == 2 and "unrecognized arguments" in done.stderr


def test_evidence_goes_into_the_report(loopback: LoopbackServer, tmp_path: Path) -> None:
    """A test call's evidence file, given to ``report --test-calls``, is a row of the report's
    test-call section with the measured numbers — and never the key."""
    done = run_testcall(
        *anthropic_args(
            loopback, "--runs", "2", "--evidence-out", str(tmp_path), "--option", "direct"
        )
    )
    assert done.returncode == 0, done.stderr
    (evidence,) = tmp_path.glob("*.json")
    data = read_evidence(evidence)
    out = tmp_path / "report.md"
    made = subprocess.run(
        [sys.executable, "-m", "model", "report", str(ROOT / "data/scenarios/default.yaml"),
         "--out", str(out), "--test-calls", str(evidence)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    text = out.read_text()
    endpoint = data["endpoints"][0]
    row = next(line for line in text.splitlines() if evidence.name.replace("-", "\\-") in line
               or evidence.name in line)  # fmt: skip
    assert endpoint["model"].replace("-", "\\-") in row or endpoint["model"] in row
    assert KEY not in text
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    refused = subprocess.run(
        [sys.executable, "-m", "model", "report", str(ROOT / "data/scenarios/default.yaml"),
         "--out", str(tmp_path / "r.md"), "--test-calls", str(bad)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert refused.returncode == 2 and "bad.json" in refused.stderr and refused.stdout == ""
