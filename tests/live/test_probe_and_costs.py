"""Cache probe through each channel (the loopback server caches a repeated prefix the way
each vendor does) and list-price cost of a call, worked by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from model.live.call import CallResult, Endpoint
from model.live.costs import price_calls
from model.live.probe import CacheProbe, cache_effectiveness, cache_prefix
from model.live.session import RunConfig, run_session, wants_marker
from model.live.usage import Tokens
from pricing.versions import PriceBook
from tests.live.fixtures import KEY
from tests.live.server import LoopbackServer
from tests.live.test_loopback import FORMATS, endpoint

PROBE = RunConfig(runs=1, warmups=0, cache_probe=True, probe_tokens=2000)


@pytest.mark.parametrize(
    ("name", "marker", "cached"),
    [
        ("anthropic", "auto", True),  # cache_control on the system block
        ("anthropic", "off", False),  # no marker: Anthropic does not cache
        ("openrouter", "auto", True),  # Claude through OpenRouter with cache_control parts
        ("openrouter", "off", False),  # …and without: the 13× blow-up of peers §0
        ("openai", "auto", True),  # automatic prefix caching
        ("gemini", "auto", True),  # implicit caching
        ("gemini-openai", "auto", None),  # the compatible endpoint does not report it
    ],
)
def test_probe_per_channel(
    loopback: LoopbackServer, name: str, marker: str, cached: bool | None
) -> None:
    ep = endpoint(loopback, name)
    session = run_session(
        [ep], {ep.label: KEY}, RunConfig(**{**PROBE.__dict__, "cache_marker": marker})
    )
    probe = session.reports[0].probe
    assert probe is not None and probe.ok
    assert probe.cached is cached, probe.verdict
    data = probe.to_json()
    assert data["second_usage"] is not None  # the provider's own fields, as proof
    if cached:
        assert probe.read_tokens >= 1024 and "cached" in probe.verdict
    elif cached is False:
        assert probe.read_tokens == 0 and probe.verdict.startswith("not")
    else:
        assert probe.verdict.startswith("unknown") and cache_effectiveness(probe) is None


def test_probe_with_caching_switched_off(loopback: LoopbackServer) -> None:
    loopback.behave(FORMATS["openai"][2], cache="none")
    ep = endpoint(loopback, "openai")
    probe = run_session([ep], {ep.label: KEY}, PROBE).reports[0].probe
    assert probe.cached is False and cache_effectiveness(probe) == 0.0


def test_probe_prefix_is_unique_and_long() -> None:
    a, b = cache_prefix(2000), cache_prefix(2000)
    assert a != b and a[:30] != b[:30]  # the nonce leads: a guaranteed first miss
    assert len(a) >= 8000  # ≈ 4 characters per token


def _probe(read: int, prompt_side: int, *, reported: bool = True) -> CacheProbe:
    first = CallResult("x", 1, False, True, "t", tokens=Tokens(input=prompt_side))
    second = CallResult(
        "x",
        2,
        False,
        True,
        "t",
        tokens=Tokens(input=prompt_side - read, cache_read=read, cache_reported=reported),
    )
    return CacheProbe("x", first, second)


def test_cache_effectiveness_relative_to_the_direct_baseline() -> None:
    # Direct read 4,800 of 5,000 (96 %); the gateway 2,400 of 5,000 (48 %): the gateway gets
    # 48 / 96 = 50 % of what direct caching gets — the option assumption carried over.
    direct, gateway = _probe(4800, 5000), _probe(2400, 5000)
    assert cache_effectiveness(gateway, direct) == pytest.approx(0.5)
    assert cache_effectiveness(gateway) == pytest.approx(0.48)  # no baseline: as measured
    assert cache_effectiveness(direct, direct) == 1.0
    assert cache_effectiveness(_probe(5000, 5000), direct) == 1.0  # capped at 100 %
    assert cache_effectiveness(_probe(0, 5000), direct) == 0.0
    assert cache_effectiveness(_probe(0, 5000, reported=False), direct) is None


def test_marker_choice() -> None:
    claude_or = Endpoint("o", "openai", "https://x/v1", "anthropic/claude-sonnet-4.5")
    gpt = Endpoint("g", "openai", "https://x/v1", "gpt-4o")
    assert wants_marker(claude_or, "auto") and not wants_marker(gpt, "auto")
    assert wants_marker(gpt, "on") and not wants_marker(claude_or, "off")
    assert wants_marker(Endpoint("a", "anthropic", "https://x", "anything"), "auto")


# --- list cost --------------------------------------------------------------------------------


@pytest.fixture
def fixture_book(fixture_data_dir: Path) -> PriceBook:
    return PriceBook.load(fixture_data_dir / "pricing")


def test_cost_from_todays_prices_worked_by_hand(fixture_book: PriceBook) -> None:
    # claude-sonnet-4-5 in the fixture catalogs ($/MTok): in 3, cache read 0.30, write 5m
    # 3.75, write 1h 6, out 15 (unchanged in 2026-02-01, the version in force "today").
    # (1,000×3 + 2,000×0.30 + 500×3.75 + 100×6 + 300×15) / 1e6
    #   = (3,000 + 600 + 1,875 + 600 + 4,500) / 1e6 = $0.010575
    call = CallResult(
        "or",
        0,
        False,
        True,
        "t",
        tokens=Tokens(1000, 2000, 500, 100, 300),
        served_model="anthropic/claude-sonnet-4.5",
    )
    pricing = price_calls(
        [call],
        "anthropic/claude-sonnet-4.5",
        fixture_book,
        now=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
    )
    assert call.cost_usd == pytest.approx(0.010575, rel=1e-12)
    assert (pricing.model_id, pricing.version, pricing.option) == (
        "claude-sonnet-4-5",
        "2026-02-01",
        "direct",
    )


def test_cost_uses_the_version_in_force_on_the_day(fixture_book: PriceBook) -> None:
    # gpt-4o input 2.50 → 2.00 on 2026-02-01; 1,000,000 input + 0 output tokens.
    for day, expected, version in (
        (dt.datetime(2026, 1, 15), 2.50, "2026-01-01"),
        (dt.datetime(2026, 3, 1), 2.00, "2026-02-01"),
    ):
        call = CallResult("oai", 0, False, True, "t", tokens=Tokens(input=1_000_000))
        pricing = price_calls([call], "gpt-4o", fixture_book, now=day)
        assert call.cost_usd == pytest.approx(expected) and pricing.version == version


def test_unknown_model_is_never_priced_at_zero(fixture_book: PriceBook) -> None:
    call = CallResult("x", 0, False, True, "t", tokens=Tokens(input=10, output=10))
    pricing = price_calls([call], "acme-omni-7", fixture_book)
    assert (
        call.cost_usd is None
        and pricing.model_id is None
        and "not in the price data" in pricing.note
    )


def test_session_costs_each_call(loopback: LoopbackServer, bundled_book: Any) -> None:
    ep = endpoint(loopback, "anthropic")
    session = run_session([ep], {ep.label: KEY}, RunConfig(runs=2, warmups=1), book=bundled_book)
    rep = session.reports[0]
    assert all(r.cost_usd is not None and r.cost_usd > 0 for r in rep.runs + rep.warmups)
    assert rep.pricing.model_id == "claude-sonnet-4-5" and rep.pricing.version
