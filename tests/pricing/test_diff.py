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


def test_gpt_5_6_sol_cut_between_august_and_november() -> None:
    diffs = _by_id(diff_catalogs(BOOK.get("2026-08-22"), BOOK.get("2026-11-20")))
    sol = diffs["gpt-5.6-sol"]
    assert sol.status == "changed" and sol.provider == "openai"
    changes = {c.field: c for c in sol.changes}
    assert (changes["input"].old, changes["input"].new) == (Decimal(5), Decimal(4))
    assert changes["output"].ratio == Decimal(20) / Decimal(30)
    assert changes["long_context.input"].new == Decimal(8)
    assert changes["batch.output"].new == Decimal(10)
    assert changes["batch.long_context.input"].new == Decimal(4)
    assert diffs["gpt-6-sol"].status == "added"
    assert "claude-opus-4-1" not in diffs  # carried forward unchanged


def test_gemini_step_is_the_only_change_on_2027_01_01() -> None:
    diffs = diff_catalogs(BOOK.get("2026-11-20"), BOOK.get("2027-01-01"))
    assert [d.model_id for d in diffs] == ["gemini-3.6-flash", "gemini-3.7-flash"]
    fields = {c.field for c in diffs[0].changes}
    assert fields == {
        "input",
        "output",
        "cache_read",
        "batch.input",
        "batch.output",
        "batch.cache_read",
    }
    assert all(c.ratio == 2 for c in diffs[0].changes)


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
