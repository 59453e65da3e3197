"""Share links and the report in a real browser: a scenario built on the calculator, its
link copied with the copy button and opened on a freshly started server shows the same
totals; the report page's HTML download opens offline in Chromium with its charts drawn
(screenshot) and prints to a PDF with pages."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect
from pypdf import PdfReader

from tests.browser.conftest import StreamlitServer, assert_no_errors, wait_for_app

METRICS = "[data-testid='stMetric']"


def _settle(page: Page) -> None:
    page.wait_for_timeout(300)  # let the rerun start before waiting for it to finish
    wait_for_app(page)
    assert_no_errors(page)


def _totals(page: Page) -> list[str]:
    """The calculator's per-option average months, as shown."""
    expect(page.locator(METRICS).first).to_be_visible()
    return page.locator(METRICS).all_inner_texts()


def test_a_copied_link_opens_the_same_totals_on_a_fresh_server(
    page: Page,
    context: BrowserContext,
    app_server: StreamlitServer,
    start_server: Callable,
    open_app: Callable,
    screenshot: Callable,
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_server.url)
    open_app(page, app_server, "/calculator")
    # Build a scenario: a preset, then a pooled quote of 35 % on Anthropic and 4 % growth.
    page.get_by_role("button", name="Nightly batch summarization").click()
    _settle(page)
    discount = page.get_by_label("Anthropic discount (%)")
    discount.fill("35")
    discount.press("Enter")
    _settle(page)
    growth = page.get_by_role("spinbutton", name="Growth per month (%)")
    growth.fill("4")
    growth.press("Enter")
    _settle(page)
    before = _totals(page)
    block = page.locator(".st-key-share_link_calculator")
    block.scroll_into_view_if_needed()
    block.hover()
    block.get_by_role("button").first.click()  # st.code's copy button
    link = page.evaluate("() => navigator.clipboard.readText()")
    assert link.startswith(f"{app_server.url}/calculator?s=v1."), link
    assert link == block.locator("code").inner_text().strip()
    screenshot(page, "share_link_calculator")

    fresh = start_server()
    colleague = context.new_page()
    colleague.goto(link.replace(app_server.url, fresh.url))
    wait_for_app(colleague)
    assert_no_errors(colleague)
    expect(colleague.get_by_role("heading", name="Cost calculator")).to_be_visible()
    assert _totals(colleague) == before
    expect(colleague.get_by_label("Anthropic discount (%)")).to_have_value("35.00")
    screenshot(colleague, "share_link_opened_fresh")
    colleague.close()


def test_a_bad_link_shows_one_message_and_the_defaults(
    page: Page, app_server: StreamlitServer
) -> None:
    page.goto(f"{app_server.url}/scorecard?s=v2.from-the-future")
    wait_for_app(page)
    errors = page.get_by_test_id("stAlertContentError")
    expect(errors).to_have_count(1)
    expect(errors).to_contain_text("This share link cannot be opened")
    expect(errors).to_contain_text("made by a newer Gatewise")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_report_file_works_offline_and_prints(
    page: Page,
    context: BrowserContext,
    app_server: StreamlitServer,
    open_app: Callable,
    screenshot: Callable,
    tmp_path: Path,
) -> None:
    open_app(page, app_server, "/report")
    expect(page.get_by_role("heading", name="Shareable report")).to_be_visible()
    expect(page.get_by_role("heading", name="Monthly spend per option")).to_be_visible()
    screenshot(page, "report_page")
    with page.expect_download() as download:
        page.get_by_role("button", name="Report (HTML)").click()
    path = tmp_path / "report.html"
    download.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")

    offline = context.new_page()
    asked: list[str] = []

    def refuse(route) -> None:
        asked.append(route.request.url)
        route.abort()

    offline.route("http*://**/*", refuse)  # nothing may come from a network
    offline.goto(path.as_uri())
    offline.wait_for_function("document.documentElement.getAttribute('data-charts') === 'ready'")
    expect(offline.locator(".plot .main-svg").first).to_be_visible()
    charts = offline.locator(".js-plotly-plot").count()
    assert charts >= 3, charts
    assert asked == []
    screenshot(offline, "report_file_offline", full_page=False)
    offline.locator("#scorecard").scroll_into_view_if_needed()
    screenshot(offline, "report_file_scorecard")
    offline.emulate_media(media="print")
    pdf = offline.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    assert pdf.startswith(b"%PDF-") and len(reader.pages) >= 5
    assert "The recommendation and why" in reader.pages[0].extract_text()
    offline.close()
