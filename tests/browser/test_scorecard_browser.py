"""The scorecard in a real browser: ticking a must-have drops an option out of the running
with its reason, and the ranking chart marks it; screenshots of every section."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import StreamlitServer, assert_no_errors, expect_rerun, wait_for_app


def test_ticking_a_must_have_drops_an_option_with_its_reason(
    page: Page, app_server: StreamlitServer, open_app: Callable, screenshot: Callable
) -> None:
    open_app(page, app_server, "/scorecard")
    expect(page.get_by_role("heading", name="Trade-off scorecard")).to_be_visible()
    out = page.locator(".st-key-score_eliminated")
    expect(out).to_have_count(0)  # the default scenario has no must-have
    bars = page.locator(".stPlotlyChart").first
    expect(bars).to_contain_text("OpenRouter")
    expect(bars).not_to_contain_text("(out)")
    screenshot(page, "scorecard_top")
    _sections(page, screenshot, "before")

    baa = page.get_by_test_id("stCheckbox").filter(has_text="BAA (HIPAA)")
    with expect_rerun(page):
        baa.locator("label").click()
    assert_no_errors(page)
    expect(out).to_contain_text("OpenRouter is out: needs BAA (HIPAA): not demonstrated")
    expect(out).to_contain_text("Pooled gateway (example) is out: needs BAA (HIPAA): no BAA")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        "Recommended: Direct from each vendor"
    )
    expect(bars).to_contain_text("OpenRouter (out)")
    screenshot(page, "scorecard_baa_ticked")

    _sections(page, screenshot, "baa")

    # Unticking brings it back: the must-have lives in the shared scenario, not a copy.
    with expect_rerun(page):
        baa.locator("label").click()
    expect(out).to_have_count(0)


def _sections(page: Page, screenshot: Callable, tag: str) -> None:
    for heading, name in (("3 · Ranking", "ranking"), ("5 · How robust is it?", "robustness"),
                          ("6 · Evidence", "evidence")):  # fmt: skip
        page.get_by_role("heading", name=heading).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        wait_for_app(page)
        screenshot(page, f"scorecard_{tag}_{name}")
