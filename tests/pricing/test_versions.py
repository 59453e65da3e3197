"""Bundled versions validate, and the version in force on a date is the right one."""

from __future__ import annotations

import ast
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pricing import BY_DATE, LATEST, CatalogError, PriceBook, list_versions, load_catalog
from pricing.yamlio import catalog_yaml, option_yaml

ROOT = Path(__file__).resolve().parents[2]
PRICING = ROOT / "data" / "pricing"
BOOK = PriceBook.load(PRICING)
VERSIONS = list_versions(PRICING)


def test_bundled_versions() -> None:
    assert VERSIONS == ["2026-08-22", "2026-11-20", "2027-01-01"]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_bundled_version_validates_and_folder_is_effective_date(version: str) -> None:
    catalog = load_catalog(PRICING / version)
    assert catalog.version == version == catalog.effective_from.isoformat()
    assert {o.id for o in catalog.options} == {"direct", "openrouter", "pooled"}
    assert {m.provider for m in catalog.models} == {"anthropic", "openai", "google"}


@pytest.mark.parametrize("version", VERSIONS)
def test_written_files_are_what_the_dumper_writes(version: str) -> None:
    """The YAML on disk is canonical: re-dumping the loaded catalog gives the same bytes."""
    catalog = load_catalog(PRICING / version)
    on_disk = (PRICING / version / "catalog.yaml").read_text()
    assert on_disk.rstrip("\n") == catalog_yaml(catalog).rstrip("\n")
    generated = PRICING / version / "options" / "openrouter.yaml"
    assert generated.read_text().rstrip("\n") == option_yaml(catalog.option("openrouter")).rstrip(
        "\n"
    )


def test_options_terms() -> None:
    latest = BOOK.latest
    direct, openrouter, pooled = (latest.option(i) for i in ("direct", "openrouter", "pooled"))
    assert direct.kind == "direct" and direct.batch_api
    assert set(direct.resells) == {"anthropic", "openai", "google"}
    assert openrouter.kind == "aggregator" and not openrouter.batch_api
    card = openrouter.purchase_fees["card"]
    assert (card.percent, card.min_usd) == (Decimal("0.055"), Decimal("0.8"))
    assert openrouter.purchase_fees["crypto"].percent == Decimal("0.05")
    assert openrouter.byok is not None and openrouter.byok.free_allowance_usd == 25000
    assert openrouter.default_payment == "card" and openrouter.default_topup_usd == 100
    assert pooled.example and "EXAMPLE" in pooled.description
    assert pooled.discount_for("anthropic") == pooled.discount_for("google") > 0
    assert pooled.min_topup_usd == 1 and not pooled.batch_api


def test_openrouter_catalog_has_only_models_not_sold_direct() -> None:
    models = BOOK.latest.option("openrouter").models
    assert len(models) > 100
    providers = {m.provider for m in models}
    assert not providers & {"anthropic", "openai", "google"}
    assert {"meta", "mistral", "xai", "zhipu", "deepseek", "qwen"} <= providers
    assert all(":" not in m.model_id and m.input > 0 and m.output > 0 for m in models)
    assert all(m.model_id == m.openrouter_slug for m in models)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2020, 1, 1), "2026-08-22"),  # before every version: the oldest
        (dt.date(2026, 8, 21), "2026-08-22"),
        (dt.date(2026, 8, 22), "2026-08-22"),  # boundary: in force on its own date
        (dt.date(2026, 11, 19), "2026-08-22"),
        (dt.date(2026, 11, 20), "2026-11-20"),
        (dt.date(2026, 12, 31), "2026-11-20"),
        (dt.date(2027, 1, 1), "2027-01-01"),
        (dt.date(2030, 6, 1), "2027-01-01"),
    ],
)
def test_in_force(day: dt.date, expected: str) -> None:
    assert BOOK.in_force(day).version == expected
    assert BOOK.resolve(BY_DATE, day).version == expected
    assert BOOK.resolve(None, day).version == expected


def test_latest_and_get() -> None:
    assert BOOK.get(LATEST).version == "2027-01-01"
    assert BOOK.resolve("2026-11-20", dt.date(2020, 1, 1)).version == "2026-11-20"
    with pytest.raises(CatalogError, match="unknown pricing version"):
        BOOK.get("2025-01-01")


def test_gemini_flash_step_on_2027_01_01() -> None:
    before = BOOK.in_force(dt.date(2026, 12, 31)).model("gemini-3.6-flash")
    after = BOOK.in_force(dt.date(2027, 1, 1)).model("gemini-3.6-flash")
    assert before is not None and after is not None
    prices = (before.input, before.output, before.cache_read)
    assert prices == (Decimal("0.75"), Decimal("3.75"), Decimal("0.075"))
    prices = (after.input, after.output, after.cache_read)
    assert prices == (Decimal("1.5"), Decimal("7.5"), Decimal("0.15"))


def test_decision_notes_are_recorded_on_models() -> None:
    latest = BOOK.get("2026-11-20")
    sonnet = latest.model("claude-sonnet-4-5")
    assert sonnet is not None and sonnet.long_context is None
    assert sonnet.notes and "Sources disagree" in sonnet.notes
    for model_id in ("gpt-5.4-pro", "gpt-5.5-pro", "gpt-5-pro"):
        model = latest.model(model_id)
        assert model is not None and model.cache_read is None and model.notes


def test_readme_lists_every_decision() -> None:
    from pricing.importers.decisions import markdown_table

    assert markdown_table() in (PRICING / "README.md").read_text()


def test_pricing_imports_only_stdlib_pydantic_yaml() -> None:
    """DESIGN §2: the pricing layer never imports pandas, httpx, streamlit or model/pages."""
    allowed_third_party = {"pydantic", "yaml"}
    forbidden = {"pandas", "httpx", "streamlit", "numpy", "plotly", "model", "pages"}
    stdlib = set(sys.stdlib_module_names)
    for path in (ROOT / "pricing").rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top not in forbidden, f"{path}: imports {name}"
                assert top in stdlib | allowed_third_party | {"pricing", "__future__"}, (
                    f"{path}: imports {name}"
                )
