"""Importer details on small synthetic inputs: units, key mapping, aliases, skips."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from pricing import CatalogError, PriceBook
from pricing.importers.decisions import apply_decisions
from pricing.importers.litellm import ModelSpec, import_litellm, model_from_entry, per_mtok
from pricing.importers.openrouter import import_openrouter, provider_of
from pricing.yamlio import format_decimal

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 11, 20)
SPEC = ModelSpec("openai", "gpt-9", "openai/gpt-9", "GPT-9")


@pytest.mark.parametrize(
    ("per_token", "expected"),
    [
        (3e-06, "3"),
        (1.5e-05, "15"),
        (7.5e-08, "0.075"),
        (1.875e-06, "1.875"),
        (0.00018, "180"),
        (0, "0"),
    ],
)
def test_per_mtok_is_exact(per_token: float, expected: str) -> None:
    assert format_decimal(per_mtok(per_token, "x")) == expected


def test_per_mtok_rejects_non_numbers() -> None:
    with pytest.raises(CatalogError, match="not a number"):
        per_mtok("cheap", "entry.input_cost_per_token")
    with pytest.raises(CatalogError, match="not a number"):
        per_mtok(True, "entry.input_cost_per_token")


ENTRY = {
    "litellm_provider": "openai",
    "input_cost_per_token": 2e-06,
    "output_cost_per_token": 1e-05,
    "cache_read_input_token_cost": 2e-07,
    "cache_creation_input_token_cost": 2.5e-06,
    "input_cost_per_token_above_272k_tokens": 4e-06,
    "output_cost_per_token_above_272k_tokens": 1.5e-05,
    "cache_read_input_token_cost_above_272k_tokens": 4e-07,
    "input_cost_per_token_batches": 1e-06,
    "output_cost_per_token_batches": 5e-06,
    "input_cost_per_token_above_272k_tokens_batches": 2e-06,
    "output_cost_per_token_above_272k_tokens_batches": 7.5e-06,
    "input_cost_per_token_priority": 4e-06,  # ignored: priority is not list price
    "cache_creation_input_token_cost_above_12hr": 5e-06,  # ignored: extended retention
    "max_input_tokens": 922000,
    "max_output_tokens": 128000,
    "deprecation_date": "2027-06-30",
}


def test_model_from_entry_maps_every_group() -> None:
    m = model_from_entry(SPEC, ENTRY, "litellm 9.9", DAY)
    assert (m.input, m.output, m.cache_read, m.cache_write_5m) == (
        Decimal(2), Decimal(10), Decimal("0.2"), Decimal("2.5"),
    )  # fmt: skip
    assert m.long_context is not None and m.long_context.threshold_tokens == 272_000
    assert (m.long_context.input, m.long_context.cache_read) == (Decimal(4), Decimal("0.4"))
    assert m.batch is not None and m.batch.cache_read is None  # absent: standard cache price
    assert m.batch.long_context is not None and m.batch.long_context.output == Decimal("7.5")
    assert (m.max_input_tokens, m.max_output_tokens) == (922_000, 128_000)
    assert m.deprecated_on == dt.date(2027, 6, 30)
    # where the price comes from (the vendor's pricing page) apart from the dataset read
    assert m.source.url == "https://developers.openai.com/api/docs/pricing"
    assert m.source.checked == DAY and m.source.dataset == "litellm 9.9"
    assert m.source.read_on is None  # importing a dataset is not a reading of the vendor page


def test_two_thresholds_in_one_entry_are_an_error() -> None:
    entry = {**ENTRY, "input_cost_per_token_above_200k_tokens": 3e-06}
    with pytest.raises(CatalogError, match="several long-context thresholds"):
        model_from_entry(SPEC, entry, "litellm 9.9", DAY)


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "model_prices.litellm-9.9.0.json"
    path.write_text(json.dumps(data))
    return path


def test_aliases_only_for_identically_priced_snapshots(tmp_path: Path) -> None:
    cheaper = {**ENTRY, "input_cost_per_token": 1e-06}
    path = _write(
        tmp_path,
        {
            "gpt-9": ENTRY,
            "gpt-9-2026-01-01": ENTRY,
            "gpt-9-20260301": ENTRY,
            "gpt-9-2025-06-01": cheaper,
            "gpt-9-mini": ENTRY,  # another model, not a snapshot
            "azure/gpt-9-2026-02-02": {**ENTRY, "litellm_provider": "azure"},
        },
    )
    (model,), missing = import_litellm(path, [SPEC], DAY, DAY, None)
    assert missing == []
    assert model.aliases == ("gpt-9-2026-01-01", "gpt-9-20260301")
    assert model.distinct_snapshots == ("gpt-9-2025-06-01",)


def test_retired_models_are_carried_forward(tmp_path: Path) -> None:
    previous = PriceBook.load(ROOT / "data" / "pricing").get("2026-08-22")
    spec = ModelSpec("anthropic", "claude-opus-4-1", "anthropic/claude-opus-4.1", None)
    path = _write(tmp_path, {"gpt-9": ENTRY})
    (model,), missing = import_litellm(path, [spec, SPEC], DAY, DAY, previous) and (
        import_litellm(path, [spec], DAY, DAY, previous)
    )
    assert missing == []
    old = previous.model("claude-opus-4-1")
    assert old is not None
    assert model.input == old.input and model.deprecated_on == old.deprecated_on
    assert model.notes is not None and model.notes.startswith(
        "Carried forward from version 2026-08-22"
    )
    _, missing = import_litellm(path, [spec], DAY, DAY, None)
    assert missing == ["claude-opus-4-1"]  # not in the dataset and nothing to carry


def test_gemini_uses_gemini_api_entries(tmp_path: Path) -> None:
    spec = ModelSpec("google", "gemini-9-flash", None, None)
    vertex = {
        **ENTRY,
        "litellm_provider": "vertex_ai-language-models",
        "input_cost_per_token": 9e-06,
    }
    # litellm's own `source` (here a models page) is not where a price comes from
    gemini = {**ENTRY, "litellm_provider": "gemini", "source": "https://ai.google.dev/models"}
    path = _write(tmp_path, {"gemini-9-flash": vertex, "gemini/gemini-9-flash": gemini})
    (model,), _ = import_litellm(path, [spec], DAY, DAY, None)
    assert model.input == Decimal(2)
    assert model.source.url == "https://ai.google.dev/gemini-api/docs/pricing"


def test_decisions_change_prices_and_leave_notes() -> None:
    spec = ModelSpec("google", "gemini-3.6-flash", None, None)
    entry = {"input_cost_per_token": 1.5e-06, "output_cost_per_token": 7.5e-06}
    model = model_from_entry(spec, entry, "litellm 1.98.0", DAY)
    (intro,) = apply_decisions([model], dt.date(2026, 12, 31))
    (standard,) = apply_decisions([model], dt.date(2027, 1, 1))
    assert (intro.input, intro.output) == (Decimal("0.75"), Decimal("3.75"))
    assert (standard.input, standard.output) == (Decimal("1.5"), Decimal("7.5"))
    assert intro.notes and "Sources disagree" in intro.notes


def test_missing_batch_is_derived_by_vendor_rule() -> None:
    spec = ModelSpec("anthropic", "claude-x", None, None)
    entry = {
        "input_cost_per_token": 3e-06,
        "output_cost_per_token": 1.5e-05,
        "cache_read_input_token_cost": 3e-07,
        "cache_creation_input_token_cost": 3.75e-06,
    }
    (model,) = apply_decisions([model_from_entry(spec, entry, "l", DAY)], DAY)
    assert model.batch is not None
    assert (model.batch.input, model.batch.cache_read, model.batch.cache_write_5m) == (
        Decimal("1.5"), Decimal("0.15"), Decimal("1.875"),
    )  # fmt: skip
    openai = model_from_entry(
        SPEC, {k: v for k, v in ENTRY.items() if "batches" not in k}, "l", DAY
    )
    (openai,) = apply_decisions([openai], DAY)
    assert openai.batch is not None and openai.batch.cache_read is None
    assert openai.batch.long_context is not None and openai.batch.long_context.input == 2


def test_openrouter_import_skips_what_it_must(tmp_path: Path) -> None:
    def entry(slug: str, prompt: str, completion: str, **extra: object) -> dict:
        return {"id": slug, "canonical_slug": slug + "-20260101", "name": slug,
                "pricing": {"prompt": prompt, "completion": completion, **extra},
                "context_length": 131072, "top_provider": {"max_completion_tokens": 8192}}  # fmt: skip

    data = {
        "data": [
            entry("deepseek/deepseek-chat-v3.1", "0.0000002", "0.0000008", input_cache_read="0.00000002"),
            entry("meta-llama/llama-3.3-70b-instruct", "0.0000001", "0.00000032"),
            entry("meta-llama/llama-3.3-70b-instruct:free", "0", "0"),
            entry("anthropic/claude-sonnet-4.5", "0.000003", "0.000015"),
            entry("openai/gpt-oss-120b", "0.00000005", "0.00000025"),
            entry("openrouter/auto", "-1", "-1"),
            entry("~moonshotai/kimi-latest", "0.0000006", "0.0000025"),
            entry("x-ai/grok-9", "-0.000001", "0.00001"),
            entry("z-ai/glm-4.6", "0.0000006", "0.0000022"),
        ]
    }  # fmt: skip
    path = tmp_path / "models.json"
    path.write_text(json.dumps(data))
    models = import_openrouter(path, DAY)
    assert [(m.provider, m.model_id) for m in models] == [
        ("deepseek", "deepseek/deepseek-chat-v3.1"),
        ("meta", "meta-llama/llama-3.3-70b-instruct"),
        ("zhipu", "z-ai/glm-4.6"),
    ]
    deepseek = models[0]
    assert (deepseek.input, deepseek.output, deepseek.cache_read) == (
        Decimal("0.2"), Decimal("0.8"), Decimal("0.02"),
    )  # fmt: skip
    assert deepseek.openrouter_slug == deepseek.model_id
    assert deepseek.aliases == ("deepseek/deepseek-chat-v3.1-20260101",)
    assert deepseek.context_window == 131072 and deepseek.max_output_tokens == 8192


def test_provider_map() -> None:
    assert [provider_of(s) for s in ("meta-llama/x", "mistralai/x", "x-ai/x", "z-ai/x", "qwen/x")] == [
        "meta", "mistral", "xai", "zhipu", "qwen",
    ]  # fmt: skip


def test_bundled_prices_have_no_float_artefacts() -> None:
    """Per-token floats ×1e6 must come out as the vendors' short prices (no 0.0499999…)."""
    from pricing.diff import price_fields

    for catalog in PriceBook.load(ROOT / "data" / "pricing").catalogs:
        for model in catalog.models:
            for field, value in price_fields(model).items():
                if value is not None:
                    digits = len(value.normalize().as_tuple().digits)
                    assert digits <= 6, f"{catalog.version} {model.model_id} {field} = {value}"
