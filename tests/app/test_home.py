"""The home page (AppTest): what Gatewise answers, where to start, the prices in force today
and the latest changes — on the fixture catalogs (tests/conftest.py FIXTURE_MODELS), whose
2026-02-01 version made gpt-4o's input 20 % cheaper and gemini-2.5-pro's output 20 % dearer."""

from __future__ import annotations

from pathlib import Path

import pytest

from pages.ui.home.views import STARTS, WAYS_TO_BUY
from tests.app.conftest import OpenPage, assert_clean, frame_with

PAGE = "pages/home.py"


@pytest.fixture(autouse=True)
def _fixture_data(fixture_app: Path) -> None:
    """Every test here reads the fixture catalogs."""


def _texts(elements) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(e.value) for e in elements)


@pytest.mark.parametrize("via_app", [True, False], ids=["via-app", "direct"])
def test_says_what_it_answers_and_where_to_start(open_page: OpenPage, via_app: bool) -> None:
    at = open_page(PAGE, via_app=via_app)
    assert_clean(at)
    assert [t.value for t in at.title] == ["How should you buy Claude, GPT and Gemini?"]
    markdown, captions = _texts(at.markdown), _texts(at.caption)
    for kind, line in WAYS_TO_BUY:
        assert f"**{kind}**" in markdown
        assert line in captions
    offered = [s for s in STARTS if (Path(PAGE).parent / f"{s.page}.py").exists()]
    assert {"calculator", "upload"} <= {s.page for s in offered}
    for start in offered:
        assert start.need in captions


def test_shows_the_version_in_force_and_its_changes(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    assert_clean(at)
    markdown = _texts(at.markdown)
    assert "Prices in force today: version **2026-02-01** (since 01 Feb 2026)" in markdown
    assert (
        "**2026-02-01** (since 01 Feb 2026) against 2026-01-01: 1 price cheaper, "
        "1 price dearer, 1 model added." in markdown
    )
    table = frame_with(at, "Model").set_index("Model")
    assert table.loc["gpt-4o", "Input (per MTok)"] == "$2.5 → $2"
    assert table.loc["gpt-4o", "Change"] == "-20%"
    assert table.loc["gemini-2.5-pro", "Output (per MTok)"] == "$10 → $12"
    assert table.loc["gemini-2.5-pro", "Input (per MTok)"] == "—"
