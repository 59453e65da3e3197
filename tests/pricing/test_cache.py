"""The validated-catalog cache (pricing/cache.py): used only when the data's hash and the
payload's hash both match, equal to a full load, and never a reason to fail."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pricing import cache
from pricing.versions import PriceBook
from tests.conftest import PRICING_DATA


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GATEWISE_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "pricing"
    shutil.copytree(PRICING_DATA, root)
    return root


def _only_file(folder: Path) -> Path:
    (path,) = folder.glob("pricebook-*.json")
    return path


def test_cached_book_equals_the_full_load(data: Path, tmp_path: Path) -> None:
    first = cache.load_cached(data)  # writes the cache
    path = _only_file(tmp_path / "cache")
    second = cache.load_cached(data)  # reads it
    assert first.catalogs == second.catalogs == PriceBook.load(data).catalogs
    assert second.root == data
    assert cache.cached_thresholds(data) == PriceBook.load(data).tier_thresholds()
    assert path.read_bytes().startswith(b'{"source_sha256": ')


def test_a_change_to_the_data_is_never_served_from_the_cache(data: Path, tmp_path: Path) -> None:
    cache.load_cached(data)
    openai = data / "models" / "openai.yaml"
    text = openai.read_text()
    assert "description:" in text or "name:" in text
    openai.write_text(text + "\n# a comment changes the bytes, so the hash\n")
    assert cache.cached_thresholds(data) is None  # the old file no longer matches
    cache.load_cached(data)
    assert len(list((tmp_path / "cache").glob("pricebook-*.json"))) == 2


def test_an_edited_payload_is_ignored(data: Path, tmp_path: Path) -> None:
    """A payload that does not hash to the recorded value is not trusted (a full load)."""
    cache.load_cached(data)
    path = _only_file(tmp_path / "cache")
    head, _, payload = path.read_bytes().partition(b"\n")
    forged = payload.replace(b'"input": "', b'"input": "0.00', 1)  # $10 becomes $0.0010
    assert forged != payload
    path.write_bytes(head + b"\n" + forged)
    assert cache._read(path, json.loads(head)["source_sha256"]) is None
    book = cache.load_cached(data)
    assert book.catalogs == PriceBook.load(data).catalogs  # the truth, not the forgery


@pytest.mark.parametrize("garbage", [b"", b"not json\n{}", b'{"source_sha256": 1}\n[]'])
def test_a_broken_cache_file_costs_a_full_load(data: Path, tmp_path: Path, garbage) -> None:
    cache.load_cached(data)
    _only_file(tmp_path / "cache").write_bytes(garbage)
    assert cache.load_cached(data).catalogs == PriceBook.load(data).catalogs


def test_an_unwritable_cache_folder_is_not_an_error(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("GATEWISE_CACHE_DIR", str(blocker / "cache"))
    assert cache.load_cached(data).catalogs == PriceBook.load(data).catalogs


def test_old_cache_files_are_pruned(data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    for i in range(12):
        (folder / f"pricebook-old{i:02d}.json").write_text("stale")
    cache.load_cached(data)
    left = sorted(p.name for p in folder.glob("pricebook-*.json"))
    assert len(left) == 8 and _only_file_named(folder, data) in left


def _only_file_named(folder: Path, data: Path) -> str:
    return f"pricebook-{cache.source_digest(data)[:32]}.json"
