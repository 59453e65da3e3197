"""`python -m model reprice` at any size (issue 13): Parquet on the command line, a folder or
a quoted pattern read as one log of one format, progress on a terminal only (stderr)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from model.cli import progress as progress_module
from model.cli.progress import TerminalProgress
from tests.cli.test_model_cli import run
from tests.conftest import DATA

GENERIC = DATA / "samples" / "generic_small.csv"
OPENAI_COST = DATA / "samples" / "openai_cost_export__REAL_2025-10.tsv"


@pytest.fixture
def parts(tmp_path: Path) -> Path:
    """The generic sample as two Parquet parts, with a Spark-style _SUCCESS marker."""
    table = pacsv.read_csv(GENERIC)
    half = table.num_rows // 2
    pq.write_table(table.slice(0, half), tmp_path / "part-0.parquet")
    pq.write_table(table.slice(half), tmp_path / "part-1.parquet")
    (tmp_path / "_SUCCESS").write_text("")
    return tmp_path


def test_a_folder_and_a_pattern_are_one_log(parts: Path) -> None:
    whole = json.loads(run("reprice", str(GENERIC), "--json").stdout)
    for arg in (str(parts), str(parts / "*.parquet")):
        done = run("reprice", arg, "--json")
        assert done.returncode == 0, done.stderr
        out = json.loads(done.stdout)
        assert out["format"] == "generic_parquet"
        assert [f["file"] for f in out["files"]] == ["part-0.parquet", "part-1.parquet"]
        assert out["rows"] == whole["rows"]
        for a, b in zip(out["options"], whole["options"], strict=True):
            assert a["total_usd"] == pytest.approx(b["total_usd"], rel=1e-9)


def test_a_folder_of_several_formats_is_refused(parts: Path) -> None:
    (parts / OPENAI_COST.name).write_bytes(OPENAI_COST.read_bytes())
    done = run("reprice", str(parts), "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "one log of one format" in done.stderr and "openai_costs_csv" in done.stderr


def test_a_pattern_that_matches_nothing(tmp_path: Path) -> None:
    done = run("reprice", str(tmp_path / "*.parquet"), "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().endswith("no file to read")


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_after_a_second(monkeypatch) -> None:
    clock = _Clock()
    monkeypatch.setattr(progress_module.time, "monotonic", clock)
    screen = _Terminal()
    bar = TerminalProgress(screen)
    bar("reading usage.csv", 0.1)
    assert screen.getvalue() == ""  # a short step prints nothing
    clock.now = 1.5
    bar("reading usage.csv", 0.42)
    assert screen.getvalue() == "\rreading usage.csv … 42%"
    bar.close()
    assert screen.getvalue().endswith("\r" + " " * len("reading usage.csv … 42%") + "\r")


def test_no_progress_when_stderr_is_not_a_terminal(monkeypatch) -> None:
    clock = _Clock()
    monkeypatch.setattr(progress_module.time, "monotonic", clock)
    log = io.StringIO()
    bar = TerminalProgress(log)
    clock.now = 5.0
    bar("reading usage.csv", 0.5)
    bar.close()
    assert log.getvalue() == ""


def test_only_the_chosen_command_is_set_up() -> None:
    """`python -m model reprice …` registers reprice alone (the test call's modules stay
    unloaded); every command module registers the name it is looked up by."""
    from model.cli import main

    for command in main.COMMANDS:
        parser = main.build_parser([main._name(command), "--help"])
        sub = next(a for a in parser._actions if a.dest == "command")
        assert list(sub.choices) == [main._name(command)]
    assert main._chosen(["--pricing-dir", "reprice", "project", "x.yaml"]) == "project"
    assert main._chosen(["--help"]) is None and main._chosen(["nope"]) is None
    full = main.build_parser(["nope"])
    sub = next(a for a in full._actions if a.dest == "command")
    assert len(sub.choices) == len(main.COMMANDS)
