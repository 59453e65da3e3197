"""``python -m pricing`` exit codes and output (DESIGN §5): 0 ok, 2 + one stderr line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_into_closed_pipe

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "tests" / "pricing" / "data" / "sources"
LITELLM = SOURCES / "litellm" / "litellm-1.110.2.anthropic-openai-gemini.json"
LITELLM_AUG = SOURCES / "litellm" / "litellm-1.98.0.anthropic-openai-gemini.json"
OPENROUTER = SOURCES / "openrouter" / "models-api-v1-2026-05.json"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pricing", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_bad_input(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_validate_default_dir() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert "2026-11-20: 73 models (anthropic 20, google 20, openai 33)" in result.stdout
    assert "openrouter (aggregator, 217 own models)" in result.stdout
    assert "ok: 18 version(s) valid in data/pricing" in result.stdout


def test_pricing_dir_option_on_every_command(history_copy: Path) -> None:
    """``--pricing-dir DIR`` points each command at another folder (DESIGN §5)."""
    models = history_copy / "models" / "google.yaml"
    text = models.read_text()
    at = text.index('input: "4"', text.index("model_id: gemini-4-argon"))  # its 2026-12-01 step
    models.write_text(text[:at] + 'input: "4.5"' + text[at + len('input: "4"') :])
    assert "ok: 18 version(s)" in run("validate", "--pricing-dir", str(history_copy)).stdout
    diff = run("diff", "today", "2026-12-01", "--pricing-dir", str(history_copy))
    assert "gemini-4-argon  input $2 → $4.5 (+125.0%)" in diff.stdout, diff.stderr
    versions = run("versions", "--json", "--pricing-dir", str(history_copy))
    assert json.loads(versions.stdout)["latest"] == "2027-01-01"


def test_versions_json_contract() -> None:
    """DESIGN §5: ``{"versions": [{"id", "effective_from", "scheduled"}], "today", "latest"}``,
    oldest first; today is 2026-11-30 here, so the 2026-12-01 step is scheduled."""
    result = run("versions", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"versions", "today", "latest"}
    ids = [v["id"] for v in data["versions"]]
    assert ids == sorted(ids) and ids[0] == "2026-08-22" and ids[-1] == data["latest"]
    assert {"2026-11-20", "2026-12-01", "2027-01-01"} <= set(ids)
    for v in data["versions"]:
        assert set(v) == {"id", "effective_from", "scheduled"}
        assert v["effective_from"] == v["id"]
        assert v["scheduled"] == (v["id"] > os.environ["GATEWISE_TODAY"])
    assert data["today"] == max(i for i in ids if i <= os.environ["GATEWISE_TODAY"])


def test_validate_one_snapshot_folder(version: Path) -> None:
    result = run("validate", str(version))
    assert result.returncode == 0, result.stderr
    assert "ok: 1 version(s) valid" in result.stdout


def test_validate_broken_copy(version: Path) -> None:
    catalog = version / "catalog.yaml"
    catalog.write_text(catalog.read_text().replace('input: "3"', 'input: "-3"', 1))
    assert_bad_input(run("validate", str(version.parent)), "catalog.yaml", "input")


def test_validate_missing_dir(tmp_path: Path) -> None:
    assert_bad_input(run("validate", str(tmp_path / "nope")), "not found")


def test_diff_text_has_units_and_keeps_stated_prices_apart() -> None:
    result = run("diff", "2026-11-20", "2026-12-01")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2026-11-20 → 2026-12-01 (prices in USD per million tokens)"
    assert "gemini-4-argon  input $2 → $4 (+100.0%)" in lines
    assert "gemini-4-carbon  output $10 → $20 (+100.0%)" in lines
    later = run("diff", "2026-09-30", "2026-10-07").stdout
    assert "claude-sonnet-5-5  cache_read $0.2 → $0.1 (-50.0%)" in later
    assert "Models added (1): claude-haiku-5-5 (anthropic)" in later


def test_diff_text_filled_in_price_is_not_a_change(version: Path) -> None:
    """A price stated where there was none ("– → 0.03" before) is listed apart, not as a
    change; a threshold is in tokens."""
    catalog = version / "catalog.yaml"
    older = version.parent / "2026-11-01"
    shutil.copytree(version, older)
    text = (older / "catalog.yaml").read_text()
    text = text.replace("2026-11-20", "2026-11-01").replace('    cache_read: "0.03"\n', "", 1)
    (older / "catalog.yaml").write_text(text)
    assert catalog.read_text() != text
    result = run("diff", "2026-11-01", "2026-11-20", "--pricing-dir", str(version.parent))
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert "Prices stated where there were none (not price changes):" in out
    stated = out[out.index("Prices stated where there were none (not price changes):") + 1 :]
    assert stated[0].endswith("batch.cache_read $0.03")
    assert not any("none →" in line or "– →" in line for line in out)


def test_diff_json() -> None:
    result = run("diff", "2026-12-01", "latest", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    ids = [m["model_id"] for m in data["models"]]
    assert ids == [
        "gemini-3.6-flash", "gemini-3.7-flash", "gemini-3.8-flash", "gemini-flash-latest"
    ]  # fmt: skip
    change = data["models"][0]["changes"][0]
    assert change == {"field": "input", "old": 0.75, "new": 1.5, "ratio": 2.0, "kind": "changed"}


def test_diff_unknown_version() -> None:
    assert_bad_input(run("diff", "2026-08-22", "1999-01-01"), "1999-01-01")


@pytest.mark.parametrize(
    "args",
    [
        ("import", "litellm", "missing.json", "--as-of", "2026-11-20"),
        ("import", "litellm", str(LITELLM), "--as-of", "20-11-2026"),
        ("import", "openrouter", "missing.json", "--as-of", "2026-11-20"),
        ("frobnicate",),
        (),
    ],
)
def test_bad_input_exit_2(args: tuple[str, ...]) -> None:
    assert_bad_input(run(*args))


def test_import_refuses_a_price_history(history_copy: Path) -> None:
    result = run(
        "import",
        "litellm",
        str(LITELLM),
        "--as-of",
        "2026-11-20",
        "--pricing-dir",
        str(history_copy),
    )
    assert_bad_input(result, "refresh")


def test_import_builds_snapshot_versions_deterministically(tmp_path: Path) -> None:
    """The snapshot importer still works for a folder of snapshots (fixtures, exports)."""
    outputs = []
    for name in ("a", "b"):
        root = tmp_path / name
        models = str(ROOT / "data" / "pricing" / "models.csv")
        args = ("--pricing-dir", str(root), "--models", models)
        old = run("import", "litellm", str(LITELLM_AUG), "--as-of", "2026-08-22", *args)
        assert old.returncode == 0, old.stderr
        new = run("import", "litellm", str(LITELLM), "--as-of", "2026-11-20", *args)
        assert new.returncode == 0, new.stderr
        assert run("validate", str(root)).returncode == 0
        outputs.append((root / "2026-11-20" / "catalog.yaml").read_text())
    assert outputs[0] == outputs[1]


def test_a_reader_that_leaves_early_is_no_error() -> None:
    """`python -m pricing versions --json | head -c 20`: no "error: Broken pipe" line."""
    assert run_into_closed_pipe("-m", "pricing", "versions", "--json") == (0, "")
