"""Issue 8's CLI reproductions as a user runs them (whole processes), and the last-line
defences of ``python -m model``: every printed number finite, nothing on stdout before an
error, one line on stderr whatever happens (DESIGN §5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from model.cli import common
from model.cli.main import main
from tests.cli.test_model_cli import ROOT, run

HEADER = "timestamp,model,input_tokens,output_tokens"


def test_cr_only_file_is_priced(tmp_path: Path) -> None:
    path = tmp_path / "cr.csv"
    path.write_bytes(f"{HEADER}\r2026-10-01T10:00:00Z,gpt-4o,1000,50\r".encode())
    done = run("reprice", str(path), "--json")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    out = json.loads(done.stdout)
    direct = next(o for o in out["options"] if o["id"] == "direct")
    # gpt-4o in the version in force on 2026-10-01 (2026-08-22): $2.50 in / $10 out per MTok
    assert direct["total_usd"] == pytest.approx((1000 * 2.5 + 50 * 10) / 1e6)


@pytest.mark.parametrize("mode", [["--json"], []])
def test_overflowing_costs_are_one_line_and_nothing_on_stdout(tmp_path: Path, mode) -> None:
    path = tmp_path / "big.csv"
    path.write_text(
        f"{HEADER},reported_cost_usd\n"
        "2026-10-01T10:00:00Z,gpt-4o,1000,50,1e308\n2026-10-01T11:00:00Z,gpt-4o,1000,50,1e308\n"
    )
    done = run("reprice", str(path), *mode)
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: big.csv: no usable rows (2 rows (1, 2): overflowing reported")


def test_one_overflowing_row_is_left_out_and_the_rest_priced(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text(
        f"{HEADER},reported_cost_usd\n"
        "2026-10-01T10:00:00Z,gpt-4o,1000,50,1e308\n2026-10-01T11:00:00Z,gpt-4o,1000,50,0.25\n"
    )
    done = run("reprice", str(path))
    assert done.returncode == 0, done.stderr
    assert "inf" not in done.stdout.lower() and "nan" not in done.stdout.lower()
    assert "reported cost: $0.25" in done.stdout
    assert "row 1: overflowing reported cost" in done.stdout


def test_duplicate_column_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(f"{HEADER},input_tokens\n2026-10-01T10:00:00Z,gpt-4o,1000,50,7\n")
    done = run("reprice", str(path), "--json")
    assert (done.returncode, done.stdout) == (2, "")
    assert "'input_tokens' twice" in done.stderr and len(done.stderr.splitlines()) == 1


# --- the last-line defences, in process ---------------------------------------------------------


def _fake_result(total: float) -> dict:  # type: ignore[type-arg]
    return {
        "format": "generic_csv",
        "rows": 1,
        "options": [{"id": "direct", "total_usd": total, "vendors": {"openai": total}}],
    }


@pytest.mark.parametrize("mode", [["--json"], []])
def test_a_non_finite_result_is_refused_before_anything_is_printed(
    monkeypatch, capsys, tmp_path: Path, mode
) -> None:
    import model.usage.chunked as chunked

    monkeypatch.setattr(chunked, "reprice_files", lambda *a, **k: _fake_result(float("inf")))
    path = tmp_path / "log.csv"
    path.write_text("x")
    assert main(["reprice", str(path), *mode]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "error: log.csv: the result would hold a non-finite number at options[0].total_usd "
        "(an input value overflows) — check the file's numbers\n"
    )


NOISY = """
import sys
import numpy as np
import model.usage.chunked as chunked
from model.cli.main import main

def noisy(*_a, **_k):
    np.array([1e308]) * 10  # RuntimeWarning: overflow encountered in multiply
    return {"format": "x", "rows": 1, "options": [{"id": "direct", "total_usd": 1.0}]}

chunked.reprice_files = noisy
sys.exit(main(["reprice", sys.argv[1], "--json"]))
"""


def test_numpy_warnings_never_reach_stderr(tmp_path: Path) -> None:
    # A fresh interpreter, as a user runs it (pytest would capture the warning itself).
    path = tmp_path / "log.csv"
    path.write_text("x")
    done = subprocess.run(
        [sys.executable, "-c", NOISY, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["options"][0]["total_usd"] == 1.0


def test_a_bug_is_one_line_not_a_traceback(monkeypatch, capsys, tmp_path: Path) -> None:
    import model.usage.chunked as chunked

    def bug(*_a, **_k):
        raise AssertionError("slices\nmissing")

    monkeypatch.setattr(chunked, "reprice_files", bug)
    path = tmp_path / "log.csv"
    path.write_text("x")
    assert main(["reprice", str(path), "--json"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "error: internal error in reprice (AssertionError: slices missing) — please report it\n"
    )


def test_non_finite_paths() -> None:
    assert common.non_finite_at({"a": [1.0, {"b": 2}], "c": "x"}) is None
    assert common.non_finite_at({"a": [1.0, {"b": float("nan")}]}) == "a[1].b"
    assert common.non_finite_at([float("-inf")]) == "[0]"
    assert common.non_finite_at(float("inf")) == "(top level)"


def test_print_json_writes_nothing_when_refusing(capsys) -> None:
    with pytest.raises(common.CliError, match=r"s\.yaml: .* at months\[1\]\.total_usd"):
        common.print_json({"months": [{"total_usd": 1.0}, {"total_usd": float("nan")}]}, "s.yaml")
    assert capsys.readouterr().out == ""
