"""Hostile scenario uploads on the calculator page (issue 8, items 7–10): one short error
naming the file and the key, no exception, the scenario in use unchanged — and the session
keeps working after the upload is removed. User text in messages is shown as text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from pages.ui import scenario_state as ss
from tests.app.conftest import OpenPage, assert_clean
from tests.app.test_calculator_page import EDITOR, metrics, open_calculator, pinned, plain
from tests.plan.test_scenario_bad_input import REPRODUCTIONS, WORKLOAD

BAD = {
    **REPRODUCTIONS,
    "too large": (WORKLOAD + "#" * 300_000 + "\n", "too large for a scenario file"),
}


def upload(at: AppTest, name: str, data: bytes | None) -> AppTest:
    value = None if data is None else (name, data, "application/x-yaml")
    return at.file_uploader(key=ss.UPLOAD).set_value(value).run()


@pytest.mark.parametrize("case", BAD)
def test_a_bad_upload_is_one_error_and_changes_nothing(open_page: OpenPage, case: str) -> None:
    text, needle = BAD[case]
    at = open_calculator(open_page, pinned("rag-chatbot"))
    before, scenario = metrics(at), dict(at.session_state[ss.SCENARIO])
    upload(at, "bad.yaml", text.encode())
    assert not at.exception
    (error,) = [plain(e.value) for e in at.error]
    assert error.startswith("bad.yaml: ") and needle in error and "\n" not in error, error
    assert len(error) < 420
    assert metrics(at) == before and at.session_state[ss.SCENARIO] == scenario
    # Removing the upload leaves a working page (the session never held the bad scenario).
    upload(at, "bad.yaml", None)
    assert_clean(at)
    assert metrics(at) == before


def test_a_good_upload_after_a_bad_one(open_page: OpenPage) -> None:
    at = open_calculator(open_page, pinned("rag-chatbot"))
    upload(at, "bad.yaml", f"start_month: 9999-06\n{WORKLOAD}".encode())
    good = f"start_month: 2027-03\npricing_version: 2026-11-20\n{WORKLOAD}".encode()
    upload(at, "good.yaml", good)
    assert_clean(at)
    assert at.session_state[ss.SCENARIO]["start_month"] == "2027-03"
    # gpt-4o at $2.50 / MTok input: 1,000 × 100 tokens a day × 30.4375 = $7.61 a month.
    assert metrics(at)["Direct from each vendor"] == "$7.61/mo"


def test_a_broken_stored_scenario_offers_a_way_back(open_page: OpenPage) -> None:
    # A session holding a scenario the data cannot price (e.g. restored from elsewhere):
    # an error and a button back to the default preset, never a traceback.
    scenario: dict[str, Any] = pinned("rag-chatbot")
    scenario["start_month"] = "9999-06"
    at = open_page("pages/calculator.py", session_state={ss.SCENARIO: scenario})
    assert not at.exception
    assert any("start_month: 9999-06 is outside" in plain(e.value) for e in at.error)
    at.button(key="calc_reset").click().run()
    assert_clean(at)
    assert at.session_state[ss.PRESET] == ss.DEFAULT_PRESET and metrics(at)


def test_user_text_in_messages_is_not_markdown(open_page: OpenPage) -> None:
    # A workload named like a phishing message, with a bad value: the error quotes the name
    # with every markdown character escaped, so no bold text and no live link render.
    scenario = pinned("rag-chatbot")
    scenario["workloads"][0]["name"] = "**Session expired** [sign in](https://evil.example)"
    at = open_calculator(open_page, scenario)
    at.session_state[EDITOR] = {
        "edited_rows": {0: {"input_tokens": -5}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "**Session" not in error and "](https" not in error
    assert re.search(r"\\\*\\\*Session expired\\\*\\\* \\\[sign in\\\]\\\(https", error)
