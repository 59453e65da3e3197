"""diff_catalogs / diff_options: every price field, dotted names, ratios."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pricing import PriceBook
from pricing.diff import ModelDiff, PriceChange, diff_catalogs, diff_options, price_fields
from pricing.schema import Catalog, ModelPrice

ROOT = Path(__file__).resolve().parents[2]
BOOK = PriceBook.load(ROOT / "data" / "pricing")


def _by_id(diffs: list[ModelDiff]) -> dict[str, ModelDiff]:
    return {d.model_id: d for d in diffs}


def test_price_change_ratio() -> None:
    assert PriceChange("input", Decimal(5), Decimal(4)).ratio == Decimal("0.8")
    assert PriceChange("input", None, Decimal(4)).ratio is None
    assert PriceChange("input", Decimal(0), Decimal(4)).ratio is None


def test_sonnet_5_5_cache_read_cut_on_2026_10_07() -> None:
    diffs = _by_id(diff_catalogs(BOOK.get("2026-09-30"), BOOK.get("2026-10-07")))
    sonnet = diffs["claude-sonnet-5-5"]
    assert sonnet.status == "changed" and sonnet.provider == "anthropic"
    changes = {c.field: c for c in sonnet.changes}
    assert set(changes) == {"cache_read", "batch.cache_read"}
    assert (changes["cache_read"].old, changes["cache_read"].new) == (
        Decimal("0.2"),
        Decimal("0.1"),
    )
    assert changes["batch.cache_read"].ratio == Decimal("0.5")
    assert diffs["claude-haiku-5-5"].status == "added"  # released the same day
    assert "claude-opus-4-1" not in diffs  # retired: kept unchanged, never removed


def test_each_version_records_only_its_own_changes() -> None:
    """One price change is one entry: neighbouring versions differ only in what changed."""
    diffs = diff_catalogs(BOOK.get("2026-12-01"), BOOK.get("2027-01-01"))
    assert [d.model_id for d in diffs] == [
        "gemini-3.6-flash",
        "gemini-3.7-flash",
        "gemini-3.8-flash",
        "gemini-flash-latest",
    ]
    fields = {c.field for c in diffs[0].changes}
    assert fields == {
        "input",
        "output",
        "cache_read",
        "batch.input",
        "batch.output",
        "batch.cache_read",
    }
    assert all(c.ratio == 2 for d in diffs for c in d.changes)
    step = diff_catalogs(BOOK.get("2026-11-20"), BOOK.get("2026-12-01"))
    assert [d.model_id for d in step] == ["gemini-4-argon", "gemini-4-carbon"]


def test_identical_catalogs_have_no_diff() -> None:
    latest = BOOK.latest
    assert diff_catalogs(latest, latest) == []
    assert diff_options(latest, latest) == []


def _catalog(models: list[ModelPrice], base: Catalog) -> Catalog:
    return base.model_copy(update={"models": tuple(models)})


def test_removed_model_and_option_changes() -> None:
    base = BOOK.latest
    fewer = _catalog([m for m in base.models if m.model_id != "o3"], base)
    diffs = _by_id(diff_catalogs(base, fewer))
    assert diffs["o3"].status == "removed"
    assert {c.field for c in diffs["o3"].changes} >= {"input", "output", "batch.input"}
    assert all(c.new is None for c in diffs["o3"].changes)

    pooled = base.option("pooled")
    cheaper = pooled.model_copy(update={"discount": Decimal("0.3"), "batch_api": True})
    changed = base.model_copy(
        update={"options": tuple(cheaper if o.id == "pooled" else o for o in base.options)}
    )
    (option_diff,) = diff_options(base, changed)
    assert option_diff.option_id == "pooled" and option_diff.status == "changed"
    fields = {f for f, _, _ in option_diff.changes}
    assert {"batch_api", "discount", "discount.anthropic"} <= fields


def test_price_fields_cover_every_price_of_the_schema() -> None:
    fields = price_fields(BOOK.latest.models[0])
    for name in ("input", "output", "cache_read", "cache_write_5m", "cache_write_1h"):
        assert name in fields
        assert f"long_context.{name}" in fields
        assert f"batch.{name}" in fields
        assert f"batch.long_context.{name}" in fields
    assert "long_context.threshold_tokens" in fields
    assert "per_request_usd" in fields
