"""Fixtures for the calculator's service layer: the bundled price book (loaded once) and
presets pinned to the 2026-11-20 prices and a fixed start month, so goldens never drift
with today's date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from model.plan.presets import load_presets
from model.plan.scenario import Scenario, parse_scenario
from pricing import PriceBook
from tests.conftest import DATA, PRICING_DATA

PRESETS = DATA / "scenarios" / "presets"
VERSION = "2026-11-20"
START = "2026-12"
DAYS = 365.25 / 12  # 30.4375, the scenario default


@pytest.fixture(scope="session")
def book() -> PriceBook:
    return PriceBook.load(PRICING_DATA)


def pinned(scenario: Scenario, **changes: Any) -> Scenario:
    """A scenario at the 2026-11-20 prices from December 2026, with changes (validated)."""
    data = scenario.model_dump(mode="json")
    data.update(pricing_version=VERSION, start_month=START, **changes)
    return parse_scenario(data)


@pytest.fixture(scope="session")
def preset() -> Callable[..., Scenario]:
    """``preset(id, **changes)``: a bundled preset, pinned (see :func:`pinned`)."""
    presets = {p.id: p.scenario for p in load_presets(PRESETS)}

    def get(preset_id: str, **changes: Any) -> Scenario:
        return pinned(presets[preset_id], **changes)

    return get


def with_options(scenario: Scenario, **options: dict[str, Any]) -> Scenario:
    data = scenario.model_dump(mode="json")
    data["options"] = {**data.get("options", {}), **options}
    return parse_scenario(data)


def with_workload(scenario: Scenario, index: int = 0, **changes: Any) -> Scenario:
    data = scenario.model_dump(mode="json")
    data["workloads"][index].update(changes)
    return parse_scenario(data)
