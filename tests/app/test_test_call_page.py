"""AppTest of pages/test_call.py against the loopback server: endpoints side by side, the
verdict, errors as results, the cache probe carried into the calculator, refusals, and the
key absent from session state and results."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from pages.ui import scenario_state as ss
from pages.ui.test_call import state as ts
from tests.app.conftest import OpenPage, assert_clean
from tests.live.fixtures import KEY
from tests.live.server import LoopbackServer

PAGE = "pages/test_call.py"


def point_at(at: AppTest, srv: LoopbackServer, *, runs: int = 2, probe: bool = False) -> AppTest:
    at.text_input(key=ts.W_URL + "0").set_value(srv.url("/anthropic"))
    at.text_input(key=ts.W_URL + "1").set_value(srv.url("/openrouter/api/v1"))
    at.number_input(key=ts.RUNS).set_value(runs)
    at.number_input(key=ts.WARMUPS).set_value(1)
    if probe:
        at.checkbox(key=ts.PROBE).check()
    return at.run()


def submit(at: AppTest, key: str = KEY) -> AppTest:
    for field in at.text_input:
        if field.label.startswith("API key for"):
            field.input(key)
    (button,) = [b for b in at.button if b.label == "Run test calls"]
    button.click()
    return at.run()


def user_state(at: AppTest) -> str:
    """Everything st.session_state exposes (the keyed state a snapshot would hold)."""
    return repr(at.session_state._state._state.filtered_state)


def test_fresh_page_offers_the_baseline_and_drop_in_settings(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    assert_clean(at)
    assert at.selectbox(key=ts.MODEL).value == "claude-sonnet-4-6"
    assert at.selectbox(key=ts.W_PRESET + "0").value == "anthropic"  # the direct baseline
    assert at.text_input(key=ts.W_MODEL + "1").value == "anthropic/claude-sonnet-4.6"
    codes = "\n".join(c.value for c in at.code)
    assert "https://openrouter.ai/api/v1" in codes and "<your key>" in codes
    assert [f.label for f in at.text_input if "API key" in f.label] == [
        "API key for Anthropic (direct)",
        "API key for OpenRouter (OpenAI format)",
    ]


def test_model_change_respells_every_row(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    at.selectbox(key=ts.MODEL).set_value("gpt-4o").run()
    assert at.text_input(key=ts.W_MODEL + "1").value == "openai/gpt-4o"
    assert at.text_input(key=ts.W_MODEL + "0").value == "gpt-4o"
    at.selectbox(key=ts.W_PRESET + "0").set_value("openai").run()
    assert at.text_input(key=ts.W_URL + "0").value == "https://api.openai.com/v1"
    assert at.selectbox(key=ts.W_API + "0").value == "openai"


def test_run_side_by_side(
    open_page: OpenPage, loopback: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    loopback.behave("claude-sonnet-4-6", first_token_delay=0.25)
    loopback.behave("anthropic/claude-sonnet-4.6", reported_cost=1e-7)
    at = submit(point_at(open_page(PAGE), loopback, probe=True))
    assert_clean(at)
    assert len(loopback.requests) == 2 * (1 + 2 + 2)  # warm-up, runs, probe, per endpoint
    (table,) = [d.value for d in at.dataframe if "ttft_p50_s" in d.value.columns]
    assert list(table["endpoint"]) == ["Anthropic (direct)", "OpenRouter (OpenAI format)"]
    assert table["marks"].tolist() == ["baseline", "cheapest, fastest"]
    assert table["ttft_p50_s"].iloc[0] >= 0.25
    text = "\n".join(m.value for m in at.markdown)
    assert "**Fastest:** OpenRouter" in text and "Cheapest per call" in text
    result = at.session_state[ts.RESULT]
    assert result["status"] == "ok"
    assert "Hello there, tester!" in [t.value for t in at.text]  # the answer, as plain text
    # The key: not in what session state exposes, not in the results or evidence.
    assert KEY not in user_state(at)
    assert KEY not in json.dumps(result) + json.dumps(at.session_state[ts.EVIDENCE])
    (download,) = [b for b in at.get("download_button")]
    assert download is not None


def test_cache_probe_is_carried_into_the_calculator(
    open_page: OpenPage, loopback: LoopbackServer
) -> None:
    at = submit(point_at(open_page(PAGE), loopback, runs=1, probe=True))
    carry = [b for b in at.button if b.label.startswith("Use 100 % as openrouter")]
    assert len(carry) == 1
    carry[0].click()
    at.run()
    assert at.session_state[ss.SCENARIO]["options"]["openrouter"]["cache_effectiveness"] == 1.0
    assert any("In the calculator's scenario" in s.value for s in at.success)


def test_errors_are_results_without_traceback(
    open_page: OpenPage, loopback: LoopbackServer
) -> None:
    loopback.behave(
        "anthropic/claude-sonnet-4.6", status=429, headers={"retry-after": "9"}, echo_key=True
    )
    at = submit(point_at(open_page(PAGE), loopback, runs=1))
    assert not at.exception
    warnings = "\n".join(w.value for w in at.warning)
    assert (
        "rate limited" in warnings and "retry after 9 s" in warnings and "429 argument" in warnings
    )
    assert KEY not in warnings and "\\[key\\]" in warnings
    assert at.session_state[ts.RESULT]["status"] == "error"


def test_private_endpoints_are_refused_without_the_opt_in(
    open_page: OpenPage, loopback: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GATEWISE_ALLOW_PRIVATE_ENDPOINTS")
    at = submit(point_at(open_page(PAGE), loopback, runs=1))
    assert not at.exception and loopback.requests == []
    warnings = "\n".join(w.value for w in at.warning)
    assert "loopback address" in warnings and at.session_state[ts.RESULT] is None


def test_missing_key_sends_nothing(open_page: OpenPage, loopback: LoopbackServer) -> None:
    at = submit(point_at(open_page(PAGE), loopback, runs=1), key="")
    assert loopback.requests == [] and any("No key typed" in w.value for w in at.warning)


def test_calculator_shows_and_resets_a_carried_effectiveness(open_page: OpenPage) -> None:
    at = open_page("pages/calculator.py")
    before = at.session_state[ss.SCENARIO]
    data = {
        **before,
        "options": {
            **before.get("options", {}),
            "openrouter": {
                **before.get("options", {}).get("openrouter", {}),
                "cache_effectiveness": 0.25,
            },
        },
    }
    at.session_state[ss.SCENARIO] = data
    at.run()
    assert_clean(at)
    assert any("Cache effectiveness 25 %" in c.value for c in at.caption)
    at.button(key="calc_cache_reset_openrouter").click().run()
    assert "cache_effectiveness" not in at.session_state[ss.SCENARIO]["options"]["openrouter"]
    assert not any("Cache effectiveness" in c.value for c in at.caption)


def test_cache_probe_is_recorded_as_the_users_rating_in_the_scorecard(
    open_page: OpenPage, loopback: LoopbackServer
) -> None:
    from model.plan.scenario import parse_scenario
    from model.scorecard.card import score_scenario
    from model.scorecard.evidence import load_criteria
    from pricing import PriceBook
    from tests.conftest import DATA, PRICING_DATA

    at = submit(point_at(open_page(PAGE), loopback, runs=1, probe=True))
    record = [b for b in at.button if b.label.startswith("Record in the scorecard")]
    labels = sorted(b.label for b in record)
    assert labels == [
        "Record in the scorecard: prompt caching through direct — yes (measured)",
        "Record in the scorecard: prompt caching through openrouter — yes (measured)",
    ]
    for key in [b.key for b in record]:
        at.button(key=key).click().run()
    overrides = at.session_state[ss.SCENARIO]["overrides"]
    assert [(o["option"], o.get("vendor"), o["rating"]) for o in overrides] == [
        ("direct", "anthropic", "yes"),
        ("openrouter", None, "yes"),
    ]
    assert all(o["note"].startswith("measured by a test call on ") for o in overrides)
    assert any("Recorded as your ratings" in s.value for s in at.success)
    # The scorecard scores the same scenario with the measured rating marked as the user's.
    card = score_scenario(
        parse_scenario(at.session_state[ss.SCENARIO]),
        PriceBook.load(PRICING_DATA),
        load_criteria(DATA / "criteria"),
    )
    cell = card.cell("openrouter", "prompt_caching")
    assert (cell.rating, cell.basis) == ("yes", "user")
    assert cell.user_note and re.match(
        r"measured by a test call on \d{4}-\d\d-\d\d: ", cell.user_note
    )
