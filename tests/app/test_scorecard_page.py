"""The scorecard page in AppTest: must-haves, weights and overrides go into the scenario the
calculator shares; an option drops out with its reason; the numbers are the CLI's; user text
(override notes) stays plain; bad input is one message, never a traceback."""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest

from model.plan.scenario import load_scenario
from pages.ui import scenario_state as ss
from pages.ui.scorecard import keys as k
from tests.app.conftest import OpenPage, assert_clean, frame_with
from tests.cli.test_model_cli import run
from tests.conftest import DATA

PAGE = "pages/scorecard.py"
ARCHETYPES = DATA / "scenarios" / "archetypes"


def _open(open_page: OpenPage, scenario: dict[str, Any] | None = None, **kw: Any) -> AppTest:
    seed = {ss.SCENARIO: scenario, ss.PRESET: None} if scenario else None
    at = open_page(PAGE, session_state=seed, **kw)
    assert_clean(at)
    return at


def _archetype(stem: str) -> dict[str, Any]:
    return load_scenario(ARCHETYPES / f"{stem}.yaml").model_dump(mode="json")


def _out_text(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown if " is out: " in m.value)


def test_renders_the_default_scenario_with_evidence(open_page: OpenPage) -> None:
    at = _open(open_page)
    assert at.title[0].value == "Trade-off scorecard"
    assert at.success or at.warning  # the verdict
    evidence = frame_with(at, "says")
    assert {"option", "criterion", "rating", "link", "read", "scope"} <= set(evidence.columns)
    sourced = evidence[evidence["basis"] == "sourced"]
    assert sourced["link"].str.startswith("https://").all()
    assert (sourced["read"] == "2026-11-30").all()
    assert len(at.get("plotly_chart")) >= 6  # ranking + one per group (+ robustness)


def test_ticking_a_must_have_eliminates_with_the_reason_and_updates_the_scenario(
    open_page: OpenPage,
) -> None:
    at = _open(open_page)
    assert _out_text(at) == ""
    at.checkbox(key=k.must_key("baa")).check().run()
    assert_clean(at)
    out = _out_text(at)
    assert "**OpenRouter** is out: needs BAA \\(HIPAA\\)\\: not demonstrated" in out
    assert "no BAA offered" in out
    assert at.session_state[ss.SCENARIO]["requirements"] == ["baa"]
    assert "Recommended" in at.success[0].value
    table = frame_with(at, "eliminated by")
    assert table.iloc[-1]["eliminated by"] == "BAA (HIPAA)"  # still ranked, below the others


def test_weights_are_written_into_the_shared_scenario(open_page: OpenPage) -> None:
    at = _open(open_page)
    at.slider(key=k.weight_key("catalog")).set_value(100).run()
    assert_clean(at)
    weights = at.session_state[ss.SCENARIO]["weights"]
    # Sliders start at the default shares (40/20/10/10/10/10); catalog raised to 100.
    assert weights == {"cost": 40, "compliance": 20, "catalog": 100, "trust": 10,
                       "integration": 10, "billing": 10}  # fmt: skip
    caption = " ".join(c.value for c in at.caption)
    assert "catalog 53 %" in caption  # 100 / 190
    assert "cost 21 %" in caption  # 40 / 190


def test_same_ranking_as_the_cli(open_page: OpenPage) -> None:
    at = _open(open_page)
    at.button(key="score_arch_regulated-baa").click().run()
    assert_clean(at)
    assert at.session_state[ss.SCENARIO]["name"] == "Regulated team (needs a BAA)"
    table = frame_with(at, "eliminated by")
    cli = json.loads(run("score", str(ARCHETYPES / "regulated-baa.yaml"), "--json").stdout)
    names = {"direct": "Direct from each vendor", "openrouter": "OpenRouter",
             "pooled": "Pooled gateway (example)"}  # fmt: skip
    assert list(table["option"]) == [names[r["id"]] for r in cli["ranking"]]
    assert list(table["score"]) == [round(r["score"], 1) for r in cli["ranking"]]
    assert list(table["high"]) == [round(r["score_high"], 1) for r in cli["ranking"]]


def test_overrides_are_marked_as_the_users_and_their_note_stays_plain(
    open_page: OpenPage,
) -> None:
    note = "**signed** [terms](http://evil.example) $x$"
    scenario = _archetype("regulated-baa")
    scenario["overrides"] = [
        {"option": "pooled", "criterion": "baa", "rating": "yes", "note": note}
    ]
    at = _open(open_page, scenario)
    evidence = frame_with(at, "says")
    mine = evidence[(evidence["basis"] == "your override")]
    assert list(mine["your note"].unique()) == [note]
    assert mine["detail"].iloc[0].startswith("your rating: yes (was no")
    assert all(note not in m.value for m in at.markdown)  # never rendered as markdown
    assert "BAA" not in " ".join(  # pooled no longer out for the BAA
        part for part in _out_text(at).split("- ") if "Pooled" in part
    )


def test_the_must_have_survives_a_trip_to_the_calculator(open_page: OpenPage) -> None:
    at = _open(open_page, via_app=True)
    at.checkbox(key=k.must_key("zdr")).check().run()
    at.switch_page("pages/calculator.py").run()
    assert_clean(at)
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert at.checkbox(key=k.must_key("zdr")).value is True


def test_an_invalid_override_is_one_message(open_page: OpenPage) -> None:
    scenario = _archetype("regulated-baa")
    scenario["overrides"] = [{"option": "acme", "criterion": "baa", "rating": "yes"}]
    at = open_page(PAGE, session_state={ss.SCENARIO: scenario, ss.PRESET: None})
    assert not at.exception
    assert [e.value for e in at.error] == [
        "scenario: overrides.0.option: unknown option 'acme'; known: "
        "['direct', 'openrouter', 'pooled']"
    ]


def test_all_weights_at_zero_fall_back_to_the_defaults(open_page: OpenPage) -> None:
    at = _open(open_page)
    for group in ("cost", "compliance", "catalog", "trust", "integration", "billing"):
        at.slider(key=k.weight_key(group)).set_value(0).run()
    assert_clean(at)
    assert at.session_state[ss.SCENARIO]["weights"] == {}
    assert any("default weights are used" in w.value for w in at.warning)
