"""The price history layout: dated entries fold into versions; bad files are named.

Small hand-written histories (round prices) show the folding rules one at a time: a version
per change date, a model entering on its first entry, a retired model keeping its last
price under every spec (by-date, an id, today, latest), an unpublished model never priced.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from pricing import BY_DATE, LATEST, CatalogError, PriceBook, list_versions
from pricing.specs import TODAY

SRC = {"url": "https://vendor.example/pricing", "checked": "2026-01-01", "dataset": "test 1.0"}
OPTION = {"id": "direct", "kind": "direct", "name": "Direct", "resells": ["acme"]}


def _entry(day: str, inp: str, out: str, **extra: Any) -> dict[str, Any]:
    return {"from": day, "input": inp, "output": out, "source": SRC, **extra}


def write_history(root: Path, models: list[dict[str, Any]], starts: str = "2026-01-01") -> Path:
    (root / "models").mkdir(parents=True)
    (root / "options").mkdir()
    (root / "pricing.yaml").write_text(yaml.safe_dump({"schema_version": 2, "starts": starts}))
    (root / "models" / "acme.yaml").write_text(
        yaml.safe_dump({"provider": "acme", "models": models}, sort_keys=False)
    )
    (root / "options" / "direct.yaml").write_text(yaml.safe_dump(OPTION))
    return root


MODELS = [
    {"model_id": "old", "lifecycle": {"retires": "2026-02-15", "successor": "new"},
     "prices": [_entry("2025-06-01", "3", "15")]},
    {"model_id": "new", "prices": [_entry("2026-02-01", "2", "10"),
                                   _entry("2026-03-01", "2", "10", cache_read="0.1")]},
    {"model_id": "future", "prices": [_entry("2099-01-01", "9", "9")]},
    {"model_id": "secret", "unpublished": "the vendor publishes no price", "source": SRC},
]  # fmt: skip


@pytest.fixture
def book(tmp_path: Path) -> PriceBook:
    return PriceBook.load(write_history(tmp_path / "p", MODELS))


def test_versions_are_the_dates_of_change(book: PriceBook) -> None:
    # 2025-06-01 predates the start: it is what is in force on the start date
    assert book.versions == ("2026-01-01", "2026-02-01", "2026-03-01", "2099-01-01")
    assert list_versions(book.root) == list(book.versions)  # type: ignore[arg-type]


def test_a_model_enters_on_its_first_entry_and_changes_once(book: PriceBook) -> None:
    assert book.get("2026-01-01").model("new") is None
    assert book.in_force(dt.date(2026, 2, 28)).model("new").cache_read is None  # type: ignore[union-attr]
    assert book.in_force(dt.date(2026, 3, 1)).model("new").cache_read == Decimal("0.1")  # type: ignore[union-attr]
    assert "new" in book.get("2026-03-01").description  # the version says what changed


@pytest.mark.parametrize("spec", [BY_DATE, "2026-01-01", "2026-03-01", TODAY, LATEST])
def test_retired_model_keeps_its_last_price_under_every_spec(book: PriceBook, spec: str) -> None:
    catalog = book.resolve(spec, dt.date(2026, 6, 1))  # long after the retirement
    old = catalog.model("old")
    assert old is not None and old.input == Decimal(3)
    assert old.lifecycle is not None and old.lifecycle.status(dt.date(2026, 6, 1)) == "retired"
    assert old.deprecated_on == dt.date(2026, 2, 15)


def test_unpublished_model_is_listed_and_never_priced(book: PriceBook) -> None:
    for catalog in book.catalogs:
        assert catalog.model("secret") is None
        assert catalog.unpriced_model("secret") is not None


def test_scheduled_version_is_not_today(book: PriceBook) -> None:
    assert book.get(LATEST).version == "2099-01-01"
    assert book.get(TODAY).version != "2099-01-01"


@pytest.mark.parametrize(
    ("models", "words"),
    [
        ([{"model_id": "x", "prices": [_entry("2026-02-01", "1", "1"),
                                       _entry("2026-02-01", "2", "2")]}],
         ["acme.yaml", "distinct dates"]),
        ([{"model_id": "x", "prices": [_entry("2026-03-01", "1", "1"),
                                       _entry("2026-02-01", "2", "2")]}],
         ["acme.yaml", "ascending"]),
        ([{"model_id": "x", "prices": []}], ["acme.yaml", "x", "unpublished"]),
        ([{"model_id": "x", "unpublished": "no price"}], ["acme.yaml", "source"]),
        ([{"model_id": "x", "prices": [_entry("2026-02-01", "1", "1", unconfirmed=["cache"])]}],
         ["acme.yaml", "unconfirmed", "cache"]),
        ([{"model_id": "x", "prices": [_entry("2026-02-01", "-1", "1")]}],
         ["acme.yaml", "input"]),
        ([{"model_id": "x", "prices": [_entry("2026-11-31", "1", "1")]}],
         ["acme.yaml", "x", "from"]),
        ([{"model_id": "x", "prices": [_entry("2026-02-01", "1", "1")]},
          {"model_id": "x", "prices": [_entry("2026-02-01", "1", "1")]}],
         ["acme.yaml", "duplicate model_id"]),
    ],
)  # fmt: skip
def test_bad_history_is_named(
    tmp_path: Path, models: list[dict[str, Any]], words: list[str]
) -> None:
    root = write_history(tmp_path / "p", models)
    with pytest.raises(CatalogError) as info:
        PriceBook.load(root)
    message = str(info.value)
    for word in words:
        assert word in message, message


def test_provider_must_match_file_name(tmp_path: Path) -> None:
    root = write_history(tmp_path / "p", MODELS)
    (root / "models" / "acme.yaml").rename(root / "models" / "other.yaml")
    with pytest.raises(CatalogError, match=r"other\.yaml.*must match the file name"):
        PriceBook.load(root)


def test_same_model_in_two_files_is_refused(tmp_path: Path) -> None:
    root = write_history(tmp_path / "p", MODELS)
    (root / "models" / "beta.yaml").write_text(
        yaml.safe_dump({"provider": "beta", "models": [MODELS[1]]}, sort_keys=False)
    )
    with pytest.raises(CatalogError, match="new: also in"):
        PriceBook.load(root)


def test_a_history_folder_never_mixes_in_snapshot_versions(tmp_path: Path) -> None:
    root = write_history(tmp_path / "p", MODELS)
    (root / "2026-05-01").mkdir()
    with pytest.raises(CatalogError, match=r"2026-05-01.*price history"):
        PriceBook.load(root)


def test_missing_index_is_named(tmp_path: Path) -> None:
    root = write_history(tmp_path / "p", MODELS)
    (root / "pricing.yaml").unlink()
    with pytest.raises(CatalogError, match=r"pricing\.yaml: missing"):
        PriceBook.load(root)


def test_load_for_builds_only_the_versions_a_period_needs(book: PriceBook) -> None:
    root = book.root
    assert root is not None
    part = PriceBook.load_for(root, BY_DATE, dt.date(2026, 2, 10), dt.date(2026, 2, 20))
    assert part.versions == ("2026-02-01",)
    assert PriceBook.load_for(root, LATEST, dt.date(2026, 1, 1), dt.date(2026, 1, 1)).versions == (
        "2099-01-01",
    )


def test_a_models_file_that_is_not_a_file_is_refused(tmp_path: Path) -> None:
    root = write_history(tmp_path / "p", MODELS)
    (root / "models" / "beta.yaml").mkdir()
    with pytest.raises(CatalogError, match=r"beta\.yaml: not a file"):
        PriceBook.load(root)
