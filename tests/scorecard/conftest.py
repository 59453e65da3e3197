"""Scorecard fixtures: the bundled evidence and rate-limit data (read once), a scenario maker
pinned to one price version, and ``score`` to run the whole scorecard on a scenario dict."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from model.plan.capacity import RateLimits, load_ratelimits
from model.plan.scenario import parse_scenario
from model.scorecard.card import Scorecard, score_scenario
from model.scorecard.evidence import CriteriaBook, load_criteria
from tests.conftest import DATA

CRITERIA = DATA / "criteria"
ARCHETYPES = DATA / "scenarios" / "archetypes"
VERSION = "2026-11-20"


@pytest.fixture(scope="session")
def criteria() -> CriteriaBook:
    return load_criteria(CRITERIA)


@pytest.fixture(scope="session")
def limits() -> RateLimits:
    return load_ratelimits(DATA / "capacity" / "ratelimits.yaml")


def scenario_dict(**changes: Any) -> dict[str, Any]:
    """A small Claude + GPT scenario on the bundled prices, pinned to one version."""
    base: dict[str, Any] = {
        "name": "test",
        "pricing_version": VERSION,
        "start_month": "2026-12",
        "horizon_months": 3,
        "workloads": [
            {"name": "a", "model": "claude-sonnet-4-6", "requests_per_day": 100,
             "input_tokens": 2000, "output_tokens": 300},
            {"name": "b", "model": "gpt-5.4-mini", "requests_per_day": 200,
             "input_tokens": 1000, "output_tokens": 100},
        ],
        "options": {"pooled": {"discount": 0.2}},
    }  # fmt: skip
    base.update(changes)
    return base


Score = Callable[..., Scorecard]


@pytest.fixture
def score(bundled_book: Any, criteria: CriteriaBook, limits: RateLimits) -> Score:
    def run(data: dict[str, Any] | None = None, **kwargs: Any) -> Scorecard:
        scenario = parse_scenario(data if data is not None else scenario_dict())
        return score_scenario(scenario, bundled_book, criteria, limits=limits, **kwargs)

    return run


def archetype_paths() -> list[Path]:
    return sorted(ARCHETYPES.glob("*.yaml"))
