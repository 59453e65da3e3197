"""Broken catalog files give a CatalogError that names the FILE and the FIELD.

Each test writes a real bundled version to tmp_path as a snapshot folder (the ``version``
fixture of ``conftest.py``), breaks one thing, and checks the message: the person fixing the
YAML must not have to guess where the problem is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pricing import CatalogError, PriceBook, load_catalog


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new, count))


def _error(folder: Path) -> str:
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    return str(info.value)


def test_missing_field_names_file_model_and_field(version: Path) -> None:
    catalog = version / "catalog.yaml"
    _edit(catalog, '  output: "15"\n', "\n")  # first model with $15 output loses its output
    message = _error(version)
    assert str(catalog) in message
    assert "output" in message
    assert "Field required" in message


def test_negative_price(version: Path) -> None:
    catalog = version / "catalog.yaml"
    _edit(catalog, 'cache_read: "0.3"', 'cache_read: "-0.3"')
    message = _error(version)
    assert str(catalog) in message and "cache_read" in message
    assert "greater than or equal to 0" in message


def test_unknown_key(version: Path) -> None:
    catalog = version / "catalog.yaml"
    _edit(catalog, '  input: "3"\n', '  input: "3"\n  input_price: "3"\n')
    message = _error(version)
    assert str(catalog) in message and "input_price" in message
    assert "Extra inputs are not permitted" in message


def test_duplicate_model(version: Path) -> None:
    catalog = version / "catalog.yaml"
    _edit(catalog, "model_id: claude-opus-4-7\n", "model_id: claude-opus-4-6\n")
    message = _error(version)
    assert str(catalog) in message and "models" in message
    assert "duplicate model_id 'claude-opus-4-6'" in message


def test_duplicate_yaml_key(version: Path) -> None:
    option = version / "options" / "pooled.yaml"
    _edit(option, "batch_api: false\n", "batch_api: false\nbatch_api: true\n")
    message = _error(version)
    assert str(option) in message and "batch_api" in message and "duplicate key" in message


def test_wrong_version_for_effective_date(version: Path) -> None:
    catalog = version / "catalog.yaml"
    _edit(catalog, "effective_from: 2026-11-20", "effective_from: 2026-11-21")
    message = _error(version)
    assert str(catalog) in message and "version" in message and "effective_from" in message


def test_option_file_name_must_match_id(version: Path) -> None:
    (version / "options" / "pooled.yaml").rename(version / "options" / "reseller.yaml")
    message = _error(version)
    assert "reseller.yaml" in message and "id" in message and "'pooled'" in message


def test_invalid_yaml_names_file(version: Path) -> None:
    option = version / "options" / "direct.yaml"
    option.write_text("id: direct\nkind: [unclosed\n")
    message = _error(version)
    assert str(option) in message and "invalid YAML" in message


def test_option_field_error_names_option_file(version: Path) -> None:
    option = version / "options" / "openrouter.yaml"
    _edit(option, "default_payment: card", "default_payment: paypal")
    message = _error(version)
    assert str(option) in message and "paypal" in message


def test_bad_option_fee_percent(version: Path) -> None:
    option = version / "options" / "openrouter.yaml"
    _edit(option, 'percent: "0.055"', 'percent: "5.5"')
    message = _error(version)
    assert str(option) in message and "purchase_fees.card.percent" in message


def test_missing_catalog_file(tmp_path: Path) -> None:
    folder = tmp_path / "2026-01-01"
    folder.mkdir()
    message = _error(folder)
    assert "catalog.yaml" in message and "file not found" in message


def test_pricebook_with_broken_version_fails_loudly(version: Path) -> None:
    _edit(version / "catalog.yaml", 'input: "3"', 'input: "three"')
    with pytest.raises(CatalogError, match="input"):
        PriceBook.load(version.parent)
