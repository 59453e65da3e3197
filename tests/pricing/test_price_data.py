"""The bundled price data says what the 2026-11-30 audit established, priced by date.

Each fact is checked on the day the audit names and on the day before, through the same
``PriceBook`` the engine reads (``research/pricing-audit-2026-11-30``). Provenance: every
price names the vendor's pricing page, where it was imported from or who read it, and a date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from pricing import PriceBook
from pricing.history import load_history
from pricing.names import NameResolver
from pricing.schema import ModelPrice

ROOT = Path(__file__).resolve().parents[2]
PRICING = ROOT / "data" / "pricing"
BOOK = PriceBook.load(PRICING)
HISTORY = load_history(PRICING)
D = Decimal
PRICING_PAGES = {
    "anthropic": "https://platform.claude.com/docs/en/about-claude/pricing",
    "openai": "https://developers.openai.com/api/docs/pricing",
    "google": "https://ai.google.dev/gemini-api/docs/pricing",
}


def on(day: str, model_id: str) -> ModelPrice | None:
    return BOOK.in_force(dt.date.fromisoformat(day)).model(model_id)


def priced(day: str, model_id: str) -> ModelPrice:
    model = on(day, model_id)
    assert model is not None, f"{model_id} has no price on {day}"
    return model


def test_gemini_4_argon_doubles_on_2026_12_01() -> None:
    before, after = priced("2026-11-30", "gemini-4-argon"), priced("2026-12-01", "gemini-4-argon")
    assert (before.input, before.output, before.cache_read) == (D(2), D(10), D("0.1"))
    assert before.batch is not None and (before.batch.input, before.batch.output) == (D(1), D(5))
    assert (after.input, after.output, after.cache_read) == (D(4), D(20), D("0.2"))
    assert after.batch is not None and (after.batch.input, after.batch.output) == (D(2), D(10))
    assert after.price_from == dt.date(2026, 12, 1)
    assert "batch.cache_read" in after.unconfirmed  # no source states it


def test_gemini_4_carbon_launch_price_and_step() -> None:
    assert on("2026-11-09", "gemini-4-carbon") is None  # GA 2026-11-10
    launch, step = priced("2026-11-10", "gemini-4-carbon"), priced("2026-12-01", "gemini-4-carbon")
    assert (launch.input, launch.output) == (D(2), D(10))
    assert (step.input, step.output) == (D(4), D(20))
    assert step.cache_read is None and step.batch is None  # not published: never guessed
    assert step.notes and "No source states a cache-read or batch price" in step.notes


def test_gemini_3_8_flash_step_on_2027_01_01_cache_read_unconfirmed() -> None:
    intro, step = priced("2026-12-31", "gemini-3.8-flash"), priced("2027-01-01", "gemini-3.8-flash")
    assert (intro.input, intro.output, intro.cache_read) == (D("0.75"), D("3.75"), D("0.075"))
    assert (step.input, step.output) == (D("1.5"), D("7.5"))
    assert step.batch is not None and (step.batch.input, step.batch.output) == (
        D("0.75"),
        D("3.75"),
    )
    assert step.cache_read == D("0.15") and "cache_read" in step.unconfirmed
    assert intro.unconfirmed == ()


def test_gpt_5_6_sol_promotion_from_2026_08_21_with_unverified_end() -> None:
    sol = priced("2026-08-22", "gpt-5.6-sol")  # the first day the data covers
    assert (sol.input, sol.output, sol.cache_read) == (D(4), D(20), D("0.4"))
    assert sol.long_context is not None and (sol.long_context.input, sol.long_context.output) == (
        D(8),
        D(30),
    )
    assert sol.price_from == dt.date(2026, 8, 21)
    assert sol.caveat is not None and "after 2026-11-21 is not verified" in sol.caveat
    assert priced("2026-11-30", "gpt-5.6-sol").input == D(4)  # kept, with the caveat


def test_sonnet_5_5_cache_read_cut_on_2026_10_07() -> None:
    assert on("2026-09-27", "claude-sonnet-5-5") is None  # released 2026-09-28
    launch = priced("2026-09-28", "claude-sonnet-5-5")
    before, after = (
        priced("2026-10-06", "claude-sonnet-5-5"),
        priced("2026-10-07", "claude-sonnet-5-5"),
    )
    assert launch.cache_read == before.cache_read == D("0.2")
    assert after.cache_read == D("0.1")
    assert (after.input, after.output, after.cache_write_5m) == (D(2), D(10), D("2.5"))


@pytest.mark.parametrize(
    ("model_id", "launch", "inp", "out", "cache_read"),
    [
        ("claude-fable-5-1", "2026-09-01", "10", "50", "0.25"),
        ("claude-mythos-5-1", "2026-09-01", "10", "50", "0.25"),
        ("gemini-3.8-flash", "2026-09-02", "0.75", "3.75", "0.075"),
        ("gpt-6-astra", "2026-09-03", "10", "50", "1"),
        ("claude-opus-5-5", "2026-09-22", "4", "20", "0.2"),
        ("gpt-6-sol", "2026-09-22", "2", "10", "0.2"),
        ("gpt-6-luna", "2026-09-22", "0.1", "0.5", "0.01"),
        ("gpt-6.1-sol", "2026-09-29", "2", "10", "0.1"),
        ("gemini-4-argon", "2026-09-30", "2", "10", "0.1"),
        ("claude-haiku-5-5", "2026-10-07", "0.1", "0.5", "0.01"),
        ("claude-fable-5-2", "2026-11-09", "8", "40", "0.2"),
        ("gpt-6.2-astra", "2026-11-17", "8", "40", "0.4"),
        ("gpt-6.2-sol", "2026-11-17", "2", "10", "0.1"),
    ],
)
def test_models_priced_from_their_launch(
    model_id: str, launch: str, inp: str, out: str, cache_read: str
) -> None:
    day = dt.date.fromisoformat(launch)
    assert on((day - dt.timedelta(days=1)).isoformat(), model_id) is None
    model = priced(launch, model_id)
    assert (model.input, model.output, model.cache_read) == (D(inp), D(out), D(cache_read))
    assert model.lifecycle is not None and model.lifecycle.released == day


def test_claude_fable_5_2_cache_writes() -> None:
    fable = priced("2026-11-30", "claude-fable-5-2")
    assert (fable.cache_write_5m, fable.cache_write_1h) == (D(10), D(16))


def test_claude_mythos_5_2_is_known_but_never_priced() -> None:
    for catalog in BOOK.catalogs:
        assert catalog.model("claude-mythos-5-2") is None
        unpriced = catalog.unpriced_model("claude-mythos-5-2")
        assert unpriced is not None and "price" in unpriced.reason
    resolved = NameResolver.from_book(BOOK).resolve("claude-mythos-5-2")
    assert resolved.model_id == "claude-mythos-5-2"  # known, not mistaken for Mythos 5.1


def test_aliases_and_moving_aliases() -> None:
    resolver = NameResolver.from_book(BOOK)
    assert resolver.resolve("gpt-5.6").model_id == "gpt-5.6-sol"
    for alias in ("gemini-flash-latest", "gemini-pro-latest", "gemini-flash-lite-latest"):
        assert resolver.resolve(alias).model_id == alias
    # the moving alias follows the model it points to: 2.5 Flash, then a 3.x Flash
    assert priced("2026-09-01", "gemini-flash-latest").input == D("0.3")
    assert priced("2026-11-30", "gemini-flash-latest").input == D("0.75")
    assert priced("2026-11-30", "gemini-pro-latest").output == D(12)
    assert priced("2026-11-30", "gemini-flash-lite-latest").input == D("0.3")


@pytest.mark.parametrize(
    ("model_id", "retires", "successor"),
    [
        ("claude-sonnet-4-20250514", "2026-06-15", None),
        ("claude-opus-4-1", "2026-08-05", None),
        ("gemini-3-pro-preview", "2026-03-09", None),
        ("gpt-4.1-nano", "2026-10-23", "gpt-5.6-luna"),
        ("o4-mini", "2026-10-23", "gpt-5.6-terra"),
        ("claude-sonnet-4-5", "2026-11-30", "claude-sonnet-5-5"),
        ("gemini-2.5-pro", "2026-12-01", "gemini-3.8-flash"),
        ("gemini-2.5-flash", "2026-12-01", "gemini-3.5-flash-lite"),
        ("gpt-5", "2026-12-11", "gpt-5.6-sol"),
        ("o3-pro", "2026-12-11", "gpt-5.6-sol"),
        ("gpt-4o", "2027-01-14", "gpt-6-luna"),
        ("gpt-5.4-nano", "2027-04-01", "gpt-6-luna"),
        ("claude-opus-4-5", "2027-01-22", None),
    ],
)
def test_lifecycle_dates_and_retired_models_keep_their_last_price(
    model_id: str, retires: str, successor: str | None
) -> None:
    day = dt.date.fromisoformat(retires)
    last = BOOK.in_force(day - dt.timedelta(days=1)).model(model_id)
    assert last is not None and last.lifecycle is not None
    assert last.lifecycle.retires == day and last.lifecycle.successor == successor
    assert last.lifecycle.source and last.lifecycle.source.startswith("https://")
    # lifecycle dates are not versions: every later version keeps the last price
    for catalog in BOOK.catalogs:
        kept = catalog.model(model_id)
        assert kept is not None
        assert (kept.input, kept.output, kept.batch) == (
            BOOK.latest.model(model_id).input,  # type: ignore[union-attr]
            BOOK.latest.model(model_id).output,  # type: ignore[union-attr]
            BOOK.latest.model(model_id).batch,  # type: ignore[union-attr]
        )


def test_claude_opus_4_5_retirement_is_tentative() -> None:
    life = priced("2026-11-30", "claude-opus-4-5").lifecycle
    assert life is not None and life.tentative and life.deprecated == dt.date(2026, 11, 23)


def test_every_price_entry_has_honest_provenance() -> None:
    for provider, model in HISTORY.models():
        for entry in model.prices:
            src = entry.source
            where = f"{model.model_id} from {entry.from_}"
            # where the price comes from: the vendor's pricing page, nothing else
            assert src.url == PRICING_PAGES[provider], where
            # imported from a dataset, read on the vendor page, or quoted by secondary sources
            assert src.dataset or src.read_on or src.evidence, where
            assert src.checked >= dt.date(2026, 5, 1), where
            if src.read_on is not None:
                assert src.note, f"{where}: who read the page?"
            if entry.reviewed is not None:
                assert entry.reviewed.by and entry.reviewed.note, where
    assert sum(len(m.prices) for _, m in HISTORY.models()) > len(HISTORY.models())


def test_option_sources_keep_the_three_facts_apart() -> None:
    openrouter = next(o for o in HISTORY.options if o.id == "openrouter")
    assert openrouter.byok is not None and openrouter.byok.source.read_on == dt.date(2026, 8, 22)
    assert openrouter.beta_batch_api is not None
    assert (
        openrouter.beta_batch_api.source.url
        == "https://openrouter.ai/docs/guides/features/batch-api"
    )
    assert {m.source.checked for m in openrouter.models} == {dt.date(2026, 5, 20)}
    assert all("2026-05-20" in (m.source.dataset or "") for m in openrouter.models)
    direct = next(o for o in HISTORY.options if o.id == "direct")
    assert direct.sources and all(s.read_on is None and s.dataset for s in direct.sources)


def test_the_audited_2026_11_20_version_is_unchanged_where_the_audit_confirmed_it() -> None:
    """Spot checks against research/reference_prices.csv (the audit found these right)."""
    catalog = BOOK.get("2026-11-20")
    sonnet_5 = catalog.model("claude-sonnet-5")
    assert sonnet_5 is not None and (sonnet_5.input, sonnet_5.output) == (D(2), D(10))
    sonnet_4_5 = catalog.model("claude-sonnet-4-5")
    assert sonnet_4_5 is not None and sonnet_4_5.long_context is None
    gpt_5_4 = catalog.model("gpt-5.4")
    assert gpt_5_4 is not None and gpt_5_4.batch is not None
    assert gpt_5_4.batch.cache_read == D("0.125")
    assert len(catalog.models) == 73 and len(BOOK.get("2026-08-22").models) == 54
