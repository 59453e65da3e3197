"""The test-call page in Chromium against the loopback server (a fresh ``streamlit run`` with
``GATEWISE_ALLOW_PRIVATE_ENDPOINTS=1``): point two endpoints at it, type keys, run; see the
side-by-side table, the verdict and the cache probe; the key is gone from the page."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import expect_rerun, wait_for_app
from tests.live.fixtures import KEY
from tests.live.server import LoopbackServer


def _fill(page: Page, field, value: str) -> None:
    with expect_rerun(page):
        field.fill(value)
        field.press("Enter")


def test_run_side_by_side_in_a_browser(
    page: Page,
    start_server: Callable,
    open_app: Callable,
    screenshot: Callable,
    loopback: LoopbackServer,
) -> None:
    loopback.behave(
        "claude-sonnet-4-6",
        first_token_delay=0.3,
        tokens=["Tokens", " are", " pieces", " of", " text."],
    )
    loopback.behave(
        "anthropic/claude-sonnet-4.6",
        first_token_delay=0.15,
        keepalive_every=0.05,
        reported_cost=0.000105,
    )
    server = start_server(env={"GATEWISE_ALLOW_PRIVATE_ENDPOINTS": "1"})
    open_app(page, server, "/test_call")
    expect(page.get_by_role("heading", name="Test call")).to_be_visible()
    screenshot(page, "test_call_fresh", full_page=True)

    urls = page.get_by_label("Base URL")
    _fill(page, urls.nth(0), loopback.url("/anthropic"))
    _fill(page, urls.nth(1), loopback.url("/openrouter/api/v1"))
    _fill(page, page.get_by_role("spinbutton", name="Measured runs"), "3")
    with expect_rerun(page):
        page.get_by_text("Cache probe").click()

    page.get_by_label("API key for Anthropic (direct)").fill(KEY)
    page.get_by_label("API key for OpenRouter (OpenAI format)").fill(KEY)
    with expect_rerun(page):
        page.get_by_role("button", name="Run test calls").click()
    wait_for_app(page)
    expect(page.get_by_text("Fastest:", exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("OpenRouter (OpenAI format)").first).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert len(loopback.requests) == 2 * (1 + 3 + 2)

    # The form cleared its password fields; the key is nowhere in the page.
    expect(page.get_by_label("API key for Anthropic (direct)")).to_have_value("")
    assert KEY not in page.content()
    page.get_by_text("Cache probe", exact=True).last.scroll_into_view_if_needed()
    screenshot(page, "test_call_results", full_page=True)
    page.get_by_text("Anthropic (direct) — 3 of 3 runs ok").click()
    page.get_by_text("Start of an answer").first.scroll_into_view_if_needed()
    expect(page.get_by_text("Tokens are pieces of text.")).to_be_visible()
    screenshot(page, "test_call_runs")
