"""The scenario's scorecard keys (DESIGN §5): requirements, weights and overrides are
validated by name, and they travel with the scenario (YAML round trip)."""

from __future__ import annotations

import pytest
import yaml

from model.plan.scenario import ScenarioError, dump_scenario, parse_scenario
from tests.scorecard.conftest import scenario_dict

OVERRIDE = {"option": "pooled", "criterion": "zdr", "rating": "yes", "note": "signed"}


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"requirements": ["baa", "vibes"]}, r"requirements: .*unknown requirement\(s\) \['vibes'\]"),
        ({"weights": {"cost": 1, "vibes": 1}}, r"weights: .*unknown group\(s\) \['vibes'\]"),
        ({"weights": {"cost": -1}}, r"weights\.cost"),
        ({"weights": {"cost": 0, "trust": 0}}, r"weights: .*at least one group"),
        ({"weights": {"cost": float("inf")}}, r"weights\.cost"),
        ({"overrides": [{**OVERRIDE, "criterion": "cost"}]}, r"overrides: .*'cost' is not a rated"),
        ({"overrides": [{**OVERRIDE, "rating": "maybe"}]}, r"overrides\.0\.rating"),
        ({"overrides": [{**OVERRIDE, "colour": "red"}]}, r"overrides\.0\.colour: unknown key"),
        ({"overrides": [OVERRIDE, {**OVERRIDE, "rating": "no"}]}, r"overrides: .*1: a second override"),
        ({"overrides": [{**OVERRIDE, "note": "x" * 501}]}, r"overrides\.0\.note"),
    ],
)  # fmt: skip
def test_scorecard_keys_name_what_is_wrong(patch: dict[str, object], message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        parse_scenario(scenario_dict(**patch))


def test_overrides_weights_and_must_haves_travel_with_the_scenario() -> None:
    s = parse_scenario(
        scenario_dict(
            requirements=["baa", "failover_429"],
            weights={"cost": 2, "compliance": 1},
            overrides=[OVERRIDE, {"option": "direct", "vendor": "google", "criterion": "baa",
                                  "rating": "yes"}],
        )
    )  # fmt: skip
    again = parse_scenario(yaml.safe_load(dump_scenario(s)))
    assert again == s
    assert again.overrides[1].vendor == "google"
