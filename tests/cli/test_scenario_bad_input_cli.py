"""Bad scenario files through the CLI (issue 8, items 7–10 and 13): ``project`` and
``reprice --scenario`` exit 2 with one line on stderr naming the file, and write nothing to
stdout — with or without ``--json``. Plus the text output's verdict line and the help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from model.cli.main import main
from tests.conftest import ROOT
from tests.plan.test_scenario_bad_input import REPRODUCTIONS, WORKLOAD, nested

BAD = REPRODUCTIONS
USAGE = "timestamp,model,input_tokens,output_tokens\n2026-11-21T00:00:00Z,gpt-4o,1000,10\n"


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def assert_refused(code: int, out: str, err: str, needle: str, path: Path) -> None:
    assert code == 2
    assert out == "", "nothing may reach stdout before an error"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and needle in lines[0], err
    assert "Traceback" not in err


@pytest.mark.parametrize("case", BAD)
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_project_refuses_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, as_json: bool
) -> None:
    text, needle = BAD[case]
    path = tmp_path / "s.yaml"
    path.write_text(text)
    args = ["project", str(path)] + (["--json"] if as_json else [])
    assert_refused(*run_main(args, capsys), needle, path)


# A region or a model is only judged against price data by a projection; `reprice` uses a
# scenario for its option assumptions, so an unknown region is refused there too.
REPRICE_CASES = [c for c in BAD if c not in ("unknown model", "unknown version")]


@pytest.mark.parametrize("case", REPRICE_CASES)
def test_reprice_scenario_refuses_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    text, needle = BAD[case]
    usage, path = tmp_path / "u.csv", tmp_path / "s.yaml"
    usage.write_text(USAGE)
    path.write_text(text)
    args = ["reprice", str(usage), "--scenario", str(path), "--json"]
    code, out, err = run_main(args, capsys)
    if case == "unknown region":  # the engine names the option's key (no file path)
        assert code == 2 and out == "" and "options.direct.region: 'mars'" in err
        return
    assert_refused(code, out, err, needle, path)


@pytest.mark.parametrize("command", ["project", "reprice"])
def test_deep_nesting_in_a_real_process(tmp_path: Path, command: str) -> None:
    """A whole process (its own stack depth): no RecursionError, exit 2, one line."""
    path = tmp_path / "deep.yaml"
    path.write_text(nested(500))
    usage = tmp_path / "u.csv"
    usage.write_text(USAGE)
    args = [str(path)] if command == "project" else [str(usage), "--scenario", str(path)]
    done = subprocess.run(
        [sys.executable, "-m", "model", command, *args, "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == f"error: {path}: nested deeper than 20 levels (line 1)"


@pytest.mark.parametrize("command", ["project", "reprice"])
def test_dev_zero_is_refused_by_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    usage = tmp_path / "u.csv"
    usage.write_text(USAGE)
    args = ["/dev/zero"] if command == "project" else [str(usage), "--scenario", "/dev/zero"]
    code, out, err = run_main([command, *args], capsys)
    assert code == 2 and out == ""
    assert (
        err.strip() == "error: /dev/zero: larger than 256,000 bytes: too large for a scenario file"
    )


def test_a_50_mb_scenario_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(WORKLOAD + ("# " + "x" * 1022 + "\n") * 50 * 1024)
    assert_refused(*run_main(["project", str(path)], capsys), "larger than 256,000 bytes", path)


def test_project_text_names_the_winner_and_the_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Nightly batch on Haiku: direct (batch API) is cheapest; pooled (no batch API, 20 % off)
    # is the runner-up: 4,139.50 − 2,845.90625 = $1,293.59375 a month (tests/plan/test_goldens),
    # × 12 = $15,523.125 (printed $15,523.12: the float is a hair below the half cent).
    from model.plan.presets import load_presets

    preset = next(
        p for p in load_presets(ROOT / "data" / "scenarios" / "presets")
        if p.id == "nightly-batch-summaries"
    )  # fmt: skip
    data = preset.scenario.model_dump(mode="json") | {
        "pricing_version": "2026-11-20",
        "start_month": "2026-12",
    }
    path = tmp_path / "batch.yaml"
    path.write_text(json.dumps(data))  # JSON is YAML
    code, out, err = run_main(["project", str(path)], capsys)
    assert code == 0, err
    assert "cheapest: direct, saving $1,293.59 a month on average vs pooled" in out
    assert "($15,523.12 over 12 months)" in out
    assert "avg/mo" in out and "(average month over 12)" in out
    assert out.count("   2026-11-20\n") == 12  # every month says which version priced it


def test_reprice_help_names_today(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["reprice", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "today (the version in force now)" in text and "latest" in text and "by-date" in text


def test_json_is_all_or_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    # json.dump streams: a non-finite number half-way used to leave half a document on stdout.
    from model.cli.common import CliError, print_json

    with pytest.raises(CliError, match="non-finite number"):
        print_json({"months": [{"total_usd": 1.0}, {"total_usd": float("inf")}]})
    assert capsys.readouterr().out == ""
