"""The founding article's three archetypes ("When to pick each") come out as it says, for the
reasons it gives — and the reasons are visible: which must-haves put whom out, which weighted
groups decided it, and which assumption it rests on."""

from __future__ import annotations

from typing import Any

import yaml

from model.plan.scenario import load_scenario
from tests.scorecard.conftest import ARCHETYPES, Score


def _raw(stem: str) -> dict[str, Any]:
    return yaml.safe_load((ARCHETYPES / f"{stem}.yaml").read_text())


def _by(card: Any) -> dict[str, Any]:
    return {r.id: r for r in card.ranking}


def test_the_three_archetypes_are_the_articles() -> None:
    names = {p.stem: load_scenario(p).name for p in ARCHETYPES.glob("*.yaml")}
    assert set(names) == {"regulated-baa", "broadest-catalog", "ide-frontier-payg"}


def test_regulated_team_needing_a_baa_goes_direct(score: Score) -> None:
    """Article: "Direct API — regulated data, signed SLA/BAA, …"."""
    card = score(_raw("regulated-baa"))
    by = _by(card)
    assert card.winner is not None and card.winner.id == "direct"
    assert card.decisive
    assert by["openrouter"].eliminated_by == ("baa",)
    assert "not demonstrated" in by["openrouter"].reasons[0]
    assert by["pooled"].eliminated_by == ("baa", "zdr", "soc2")
    assert by["pooled"].reasons[0] == "needs BAA (HIPAA): no BAA offered"
    # Direct meets them through both vendors the workloads use, on sourced evidence.
    assert "Anthropic: yes" in card.cell("direct", "baa").detail
    assert "OpenAI: yes" in card.cell("direct", "baa").detail
    assert all(s.url.startswith("https://") for s in card.cell("direct", "baa").sources)
    assert "OpenRouter is out (needs BAA (HIPAA)" in card.explanation


def test_broadest_catalog_with_open_models_goes_to_openrouter(score: Score) -> None:
    """Article: "OpenRouter — you want the broadest catalog (niche and open models
    included) through one integration"."""
    raw = _raw("broadest-catalog")
    card = score(raw)
    by = _by(card)
    assert card.winner is not None and card.winner.id == "openrouter"
    for other in ("direct", "pooled"):
        assert by[other].eliminated_by == ("scenario_models",)
        assert "deepseek/deepseek-v3.2" in by[other].reasons[0]
        assert "meta-llama/llama-3.3-70b-instruct" in by[other].reasons[0]
    breadth = card.cell("openrouter", "catalog_breadth")
    assert breadth.low == 1.0 and "from 52 vendors" in breadth.detail
    # Even without the must-have, the catalog weight alone puts it first, decisively.
    open_card = score({**raw, "requirements": []})
    assert open_card.winner is not None and open_card.winner.id == "openrouter"
    assert open_card.decisive
    assert "What decided it against" in open_card.explanation
    assert "catalog +" in open_card.explanation


def test_ide_heavy_frontier_payg_team_goes_to_the_pooled_gateway(score: Score) -> None:
    """Article: "Pooled gateway — you live in Claude/GPT/Gemini, want one key and
    per-request cost visibility for IDE and agent work, and care about pay-as-you-go
    pricing"."""
    raw = _raw("ide-frontier-payg")
    card = score(raw)
    by = _by(card)
    assert card.winner is not None and card.winner.id == "pooled"
    assert set(by["direct"].eliminated_by) == {"one_endpoint", "request_log"}
    assert "Anthropic, OpenAI, Google" in by["direct"].reasons[0]
    assert not by["openrouter"].eliminated
    # Cost decided it, and the scorecard says that cost is an example assumption.
    assert "What decided it against OpenRouter" in card.explanation
    assert "cost +" in card.explanation
    assert "example assumption" in card.explanation
    # Not decisive: the pooled gateway's unknowns are named as what would settle it.
    assert not card.decisive
    assert any(u.option == "pooled" for u in card.unknowns)
    # The reason really is the price: at list price (no discount) it is no longer first.
    at_list = score({**raw, "options": {**raw["options"], "pooled": {"discount": 0.0}}})
    assert at_list.winner is not None and at_list.winner.id == "openrouter"
