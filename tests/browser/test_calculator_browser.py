"""The calculator in a real browser: load a preset, edit values (a number input and a
workload cell), see the chart and the cheapest-option line follow; screenshots of every
result tab for a human to look at."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import StreamlitServer, assert_no_errors, wait_for_app

CHEAPEST = "[data-testid='stAlertContentSuccess']"


def _monthly_y(page: Page) -> list[list[float]]:
    """The y values plotted by the monthly-spend chart (plotly keeps them on its div)."""
    return page.evaluate(
        "() => document.querySelector('.st-key-calc_chart_monthly .js-plotly-plot')"
        ".data.map(t => t.y)"
    )


def _settle(page: Page) -> None:
    page.wait_for_timeout(300)  # let the rerun start before waiting for it to finish
    wait_for_app(page)
    assert_no_errors(page)


def test_preset_edit_chart_and_cheapest_line(
    page: Page, app_server: StreamlitServer, open_app: Callable, screenshot: Callable
) -> None:
    open_app(page, app_server, "/calculator")
    expect(page.get_by_role("heading", name="Cost calculator")).to_be_visible()
    expect(page.locator(".st-key-calc_chart_monthly .js-plotly-plot")).to_be_visible()

    # 1. A preset in one click: nightly batch → direct is cheapest (batch API at half price).
    page.get_by_role("button", name="Nightly batch summarization").click()
    cheapest = page.locator(CHEAPEST).filter(has_text="Cheapest")
    expect(cheapest).to_contain_text("Cheapest: Direct from each vendor")
    expect(cheapest).to_contain_text("$1,293.59/month")
    _settle(page)
    before = _monthly_y(page)
    screenshot(page, "calculator_preset_batch")

    # 2. Edit a value: a 50 % pooled quote on Anthropic makes the gateway the cheapest.
    discount = page.get_by_label("Anthropic discount (%)")
    discount.fill("50")
    discount.press("Enter")
    expect(cheapest).to_contain_text("Cheapest: Pooled gateway (example)")
    _settle(page)
    after = _monthly_y(page)
    assert after[0] == before[0]  # direct unchanged
    assert after[2][0] < before[2][0] * 0.7  # pooled: 80 % of list → 50 % of list
    screenshot(page, "calculator_discount_edited")

    # 3. Edit a workload cell: requests/day 20,000 → 40,000 doubles every option.
    grid = page.locator(".st-key-calc_workloads_editor [data-testid='stDataFrame']")
    grid.click(position={"x": 60, "y": 52})  # first row, "Workload" cell
    for _ in range(2):
        page.keyboard.press("ArrowRight")  # → Model → Requests/day
    page.keyboard.press("Enter")  # open the cell editor, then wait until it has the focus
    page.wait_for_function("() => ['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)")
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("40000", delay=40)
    page.keyboard.press("Enter")  # commit
    _settle(page)
    expect(cheapest).to_contain_text("Cheapest: Pooled gateway (example)")
    doubled = _monthly_y(page)
    assert abs(doubled[0][0] - 2 * after[0][0]) < 0.01, (doubled[0][0], after[0][0])
    screenshot(page, "calculator_workload_edited")
    cheapest.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    screenshot(page, "calculator_results_after_edit")


def test_result_tabs_render(
    page: Page, app_server: StreamlitServer, open_app: Callable, screenshot: Callable
) -> None:
    open_app(page, app_server, "/calculator")
    page.get_by_role("button", name="Long-context document analysis").click()
    expect(page.locator(CHEAPEST).filter(has_text="Cheapest")).to_be_visible()
    _settle(page)
    for tab, name in (
        ("Ranges", "ranges"),
        ("Sensitivity", "sensitivity"),
        ("Break-even", "break_even"),
        ("Capacity (new accounts)", "capacity"),
    ):
        page.get_by_role("tab", name=tab).click()
        panel = page.get_by_role("tabpanel", name=tab)
        expect(panel).to_be_visible()
        if name != "break_even":
            expect(panel.locator(".js-plotly-plot").first).to_be_visible()
        panel.scroll_into_view_if_needed()
        page.wait_for_timeout(400)
        screenshot(page, f"calculator_tab_{name}")
    expect(page.get_by_text("Gemini API (AI Studio)").first).to_be_visible()


def test_scheduled_step_in_a_short_horizon(
    page: Page,
    app_server: StreamlitServer,
    open_app: Callable,
    screenshot: Callable,
    tmp_path: Path,
) -> None:
    """Issue 8: Gemini 3.6 Flash from 2026-12 over three months, uploaded as a scenario file.
    The bundled 2027-01-01 version doubles its price: January costs twice December, the page
    says which version priced which month, and a three-month axis ticks by month."""
    path = tmp_path / "flash.yaml"
    path.write_text(
        "name: Flash step\nstart_month: 2026-12\nhorizon_months: 3\n"
        "workloads: [{name: chat, model: gemini-3.6-flash, requests_per_day: 10000,"
        " input_tokens: 2000, output_tokens: 500}]\n"
    )
    open_app(page, app_server, "/calculator")
    page.get_by_text("Load a scenario file (YAML)").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    versions = page.get_by_text("2027-01-01 for 2027-01 … 2027-02")
    expect(versions).to_be_visible(timeout=30_000)
    _settle(page)
    direct = _monthly_y(page)[0]
    # Dec: 304,375 requests × (2,000 × $0.75 + 500 × $3.75) / 1e6 = $1,027.27; Jan, Feb × 2.
    assert abs(direct[0] - 1027.265625) < 0.01 and abs(direct[1] - 2 * direct[0]) < 0.01
    ticks = page.evaluate(
        "() => [...document.querySelectorAll('.st-key-calc_chart_monthly .xtick text')]"
        ".map(t => t.textContent)"
    )
    assert ticks == ["Dec 2026", "Jan 2027", "Feb 2027"], ticks
    page.locator(CHEAPEST).filter(has_text="Cheapest").scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    screenshot(page, "calculator_flash_step")
