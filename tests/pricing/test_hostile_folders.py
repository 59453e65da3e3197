"""Hostile pricing folders (issue 8, items 7 and 9): one short line naming the file, never a
traceback, and never a version silently skipped (its dates would be priced by a neighbour).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pricing import CatalogError, PriceBook
from pricing.loader import read_yaml
from tests.pricing.test_cli import run


def _bad_month(root: Path) -> str:
    (root / "2026-11-20").rename(root / "2026-13-45")
    return "2026-13-45"


def _catalog_is_a_directory(root: Path) -> str:
    version = root / "2027-01-01"
    version.mkdir()
    (version / "catalog.yaml").mkdir()
    return "2027-01-01/catalog.yaml"


def _catalog_missing(root: Path) -> str:
    (root / "2027-01-01").mkdir()
    return "2027-01-01/catalog.yaml"


def _version_is_a_file(root: Path) -> str:
    (root / "2027-01-01").write_text("not a folder")
    return "2027-01-01"


def _impossible_date(root: Path) -> str:
    catalog = root / "2026-11-20" / "catalog.yaml"
    catalog.write_text(catalog.read_text().replace("checked: 2026-11-20", "checked: 2026-11-31", 1))
    return "checked"


def _deep_nesting(root: Path) -> str:
    (root / "2026-11-20" / "catalog.yaml").write_text("models: " + "[" * 5000 + "]" * 5000)
    return "catalog.yaml"


BREAKERS: dict[str, Callable[[Path], str]] = {
    "month-13": _bad_month,
    "catalog-is-a-directory": _catalog_is_a_directory,
    "catalog-missing": _catalog_missing,
    "version-is-a-file": _version_is_a_file,
    "checked-2026-11-31": _impossible_date,
    "deep-nesting": _deep_nesting,
}


@pytest.mark.parametrize("breaker", BREAKERS.values(), ids=BREAKERS.keys())
def test_price_book_refuses_with_one_line(version: Path, breaker: Callable[[Path], str]) -> None:
    root = version.parent
    named = breaker(root)
    with pytest.raises(CatalogError) as info:
        PriceBook.load(root)
    message = str(info.value)
    assert named in message and "\n" not in message and len(message) < 500


@pytest.mark.parametrize("command", ["validate", "diff"])
@pytest.mark.parametrize("breaker", BREAKERS.values(), ids=BREAKERS.keys())
def test_cli_refuses_with_one_line(
    version: Path, breaker: Callable[[Path], str], command: str
) -> None:
    root = version.parent
    named = breaker(root)
    args = ("validate", str(root)) if command == "validate" else ("diff", "latest", "latest")
    result = run(*args, "--pricing-dir", str(root))
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""  # nothing before the error
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert named in lines[0]


def test_impossible_date_in_a_price_history(history_copy: Path) -> None:
    models = history_copy / "models" / "openai.yaml"
    models.write_text(models.read_text().replace("from: 2026-11-17", "from: 2026-11-31", 1))
    result = run("validate", "--pricing-dir", str(history_copy))
    assert result.returncode == 2 and result.stdout == ""
    line = result.stderr.strip()
    assert "openai.yaml" in line and "gpt-6.2-astra" in line and "from" in line


def test_yaml_dates_stay_text_until_the_schema_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 2026-11-31\nb: 2026-11-30\n")
    assert read_yaml(path) == {"a": "2026-11-31", "b": "2026-11-30"}
