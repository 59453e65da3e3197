"""``python -m pricing`` exit codes and output (DESIGN §5): 0 ok, 2 + one stderr line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pricing.loader import load_option
from pricing.yamlio import option_yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "tests" / "pricing" / "data" / "sources"
LITELLM = SOURCES / "litellm" / "litellm-1.110.2.anthropic-openai-gemini.json"
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
    assert "2026-11-20: 63 models (anthropic 19, google 14, openai 30)" in result.stdout
    assert "openrouter (aggregator" in result.stdout
    assert "ok: 3 version(s) valid" in result.stdout


def test_validate_one_version_folder() -> None:
    result = run("validate", "data/pricing/2026-08-22")
    assert result.returncode == 0, result.stderr
    assert "ok: 1 version(s) valid" in result.stdout


def test_validate_broken_copy(tmp_path: Path) -> None:
    target = tmp_path / "2026-11-20"
    shutil.copytree(ROOT / "data" / "pricing" / "2026-11-20", target)
    catalog = target / "catalog.yaml"
    catalog.write_text(catalog.read_text().replace('input: "3"', 'input: "-3"', 1))
    assert_bad_input(run("validate", str(tmp_path)), "catalog.yaml", "input")


def test_validate_missing_dir(tmp_path: Path) -> None:
    assert_bad_input(run("validate", str(tmp_path / "nope")), "not found")


def test_diff_text() -> None:
    result = run("diff", "2026-08-22", "2026-11-20")
    assert result.returncode == 0, result.stderr
    assert "gpt-5.6-sol  input 5 → 4 (-20.0%)" in result.stdout
    assert "gpt-6-sol  added (openai)" in result.stdout


def test_diff_json() -> None:
    result = run("diff", "2026-11-20", "latest", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    ids = [m["model_id"] for m in data["models"]]
    assert ids == ["gemini-3.6-flash", "gemini-3.7-flash"]
    change = data["models"][0]["changes"][0]
    assert change == {"field": "input", "old": 0.75, "new": 1.5, "ratio": 2.0}


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


def test_import_is_deterministic_and_copies_options(tmp_path: Path) -> None:
    root = tmp_path / "pricing"
    shutil.copytree(ROOT / "data" / "pricing" / "2026-08-22", root / "2026-08-22")
    shutil.copy(ROOT / "data" / "pricing" / "models.csv", root / "models.csv")
    result = run("import", "litellm", str(LITELLM), "--as-of", "2026-11-20", "--root", str(root))
    assert result.returncode == 0, result.stderr
    bundled = ROOT / "data" / "pricing" / "2026-11-20"
    assert (root / "2026-11-20" / "catalog.yaml").read_text() == (
        bundled / "catalog.yaml"
    ).read_text()
    for option in ("direct", "openrouter", "pooled"):
        assert (root / "2026-11-20" / "options" / f"{option}.yaml").read_text() == (
            bundled / "options" / f"{option}.yaml"
        ).read_text()
    assert run("validate", str(root)).returncode == 0


def test_import_openrouter_updates_option(tmp_path: Path) -> None:
    root = tmp_path / "pricing"
    shutil.copytree(ROOT / "data" / "pricing" / "2026-11-20", root / "2026-11-20")
    option = root / "2026-11-20" / "options" / "openrouter.yaml"
    before = option.read_text()
    stripped = load_option(option).model_copy(update={"models": ()})
    option.write_text(option_yaml(stripped))
    assert "models:" not in option.read_text()
    result = run(
        "import",
        "openrouter",
        str(OPENROUTER),
        "--as-of",
        "2026-05-20",
        "--version",
        "2026-11-20",
        "--root",
        str(root),
    )
    assert result.returncode == 0, result.stderr
    assert option.read_text() == before
