"""The upload page in Chromium: upload a real export, see the totals, download the re-priced
CSV and check it is the engine's numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from model.plan.scenario import load_scenario
from model.usage.export import cost_column
from model.usage.readers import read_usage
from model.usage.reprice import reprice_frame
from pricing.versions import PriceBook
from tests.browser.conftest import StreamlitServer, assert_no_errors, wait_for_app
from tests.conftest import DATA, PRICING_DATA

SAMPLES = DATA / "samples"
NAME = "generic_small.csv"
pytestmark = pytest.mark.skipif(not PRICING_DATA.is_dir(), reason="data/pricing has no version yet")


def _engine_costs() -> dict[str, float]:
    read = read_usage((SAMPLES / NAME).read_bytes(), NAME)
    scenario = load_scenario(DATA / "scenarios" / "default.yaml")
    costing = reprice_frame(
        read.frame, PriceBook.load(PRICING_DATA), assumptions=scenario.assumptions()
    )
    return {o.id: o.token_cost_usd for o in costing.options}


def _settle(page: Page) -> None:
    """Data grids and charts draw after the script finished: wait for them to paint."""
    expect(page.locator("[data-testid='stDataFrame'] canvas").first).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_attached()
    page.wait_for_timeout(1500)  # glide-data-grid paints its canvas after layout


def test_upload_reprice_and_download(
    page: Page, app_server: StreamlitServer, open_app: Callable, screenshot: Callable
) -> None:
    open_app(page, app_server, "/upload")
    expect(page.get_by_role("heading", name="Re-price a usage log")).to_be_visible()
    screenshot(page, "upload_empty")

    page.locator("input[type=file]").set_input_files(str(SAMPLES / NAME))
    wait_for_app(page)
    expect(page.get_by_role("heading", name="What we understood")).to_be_visible()
    expect(page.get_by_text("Cheapest on the").first).to_be_visible()
    expect(page.get_by_text("acme-omni-7 (3 rows)").first).to_be_visible()
    assert_no_errors(page)
    _settle(page)
    screenshot(page, "upload_understood")
    # Streamlit scrolls inside the app, not the document: a tall viewport shows it all.
    page.set_viewport_size({"width": 1440, "height": 4400})
    _settle(page)
    screenshot(page, "upload_full")
    page.set_viewport_size({"width": 1440, "height": 900})

    with page.expect_download() as info:
        page.get_by_role("button", name="Re-priced rows (CSV)").click()
    download = info.value
    assert download.suggested_filename == "generic_small__repriced.csv"
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert len(rows) == 40
    for option_id, total in _engine_costs().items():
        column = [r[cost_column(option_id)] for r in rows]
        assert sum(float(v) for v in column if v) == pytest.approx(total)
    assert all(r[cost_column("direct")] == "" for r in rows if r["model_raw"] == "acme-omni-7")


def test_bad_file_then_sample(
    page: Page, app_server: StreamlitServer, open_app: Callable, screenshot: Callable, tmp_path
) -> None:
    bad = tmp_path / "invoice.csv"
    bad.write_bytes(b"<!DOCTYPE html><html><body>Usage</body></html>")
    open_app(page, app_server, "/upload")
    page.locator("input[type=file]").set_input_files(str(bad))
    wait_for_app(page)
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text("invoice.csv")
    expect(error).to_contain_text("web page")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "upload_bad_file")
    # The page keeps working: a sample right after.
    page.get_by_role("radio", name="Try a sample").click()  # a segmented control
    wait_for_app(page)
    expect(page.get_by_role("heading", name="What we understood")).to_be_visible()
    expect(page.get_by_text("Source").first).to_be_visible()  # the sample's provenance
    assert_no_errors(page)
    _settle(page)
    screenshot(page, "upload_sample")


def test_usage_and_cost_exports_together(
    page: Page, app_server: StreamlitServer, open_app: Callable, screenshot: Callable
) -> None:
    """Issue 8: a usage export and the cost export of the same period, dropped together."""
    open_app(page, app_server, "/upload")
    dropzone = page.get_by_test_id("stFileUploaderDropzoneInstructions")
    expect(dropzone).to_contain_text("1GB per file")  # the label says "up to 1 GB per file"
    expect(page.get_by_text("up to 1 GB per file")).to_be_visible()
    page.locator("input[type=file]").set_input_files(
        [
            str(SAMPLES / "openai_usage_export__REAL_2025-10.tsv"),
            str(SAMPLES / "openai_cost_export__REAL_2025-10.tsv"),
        ]
    )
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Files read together")).to_be_visible()
    expect(page.get_by_text("Billed $2.99 against $2.05 re-priced").first).to_be_visible()
    expect(page.get_by_text("for the same 7 days, 2025-10-05 → 2025-10-11").first).to_be_visible()
    assert_no_errors(page)
    _settle(page)
    page.set_viewport_size({"width": 1440, "height": 5200})
    _settle(page)
    screenshot(page, "upload_usage_and_cost")
    page.set_viewport_size({"width": 1440, "height": 900})


def test_cost_export_alone_and_the_real_openrouter_verdict(
    page: Page, app_server: StreamlitServer, open_app: Callable, screenshot: Callable
) -> None:
    open_app(page, app_server, "/upload")
    page.locator("input[type=file]").set_input_files(
        str(SAMPLES / "openai_cost_export__REAL_2025-10.tsv")
    )
    wait_for_app(page)
    expect(page.get_by_role("heading", name="What was billed")).to_be_visible()
    expect(page.get_by_text("no token counts").first).to_be_visible()
    expect(page.get_by_text("No row could be priced")).to_have_count(0)
    assert_no_errors(page)
    page.wait_for_timeout(1500)
    screenshot(page, "upload_cost_only")
    page.get_by_role("radio", name="Try a sample").click()
    wait_for_app(page)
    page.get_by_test_id("stSelectbox").filter(has_text="Sample log").click()
    page.get_by_role("option", name="openrouter_generations__REAL_2026-03.csv").click()
    wait_for_app(page)
    expect(page.get_by_text("Cheapest on the 53 rows every option prices").first).to_be_visible()
    assert_no_errors(page)
    _settle(page)
    page.set_viewport_size({"width": 1440, "height": 4400})
    _settle(page)
    screenshot(page, "upload_openrouter_verdict")
    page.set_viewport_size({"width": 1440, "height": 900})


def test_parquet_upload_in_chromium(
    page: Page,
    app_server: StreamlitServer,
    open_app: Callable,
    screenshot: Callable,
    tmp_path,
) -> None:
    """Issue 13: the drop zone takes a Parquet file of the generic columns (typed), and the
    page prices it as the CSV of the same rows."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    path = tmp_path / "usage.parquet"
    pq.write_table(pacsv.read_csv(SAMPLES / NAME), path)
    open_app(page, app_server, "/upload")
    page.locator("input[type=file]").set_input_files(str(path))
    wait_for_app(page)
    expect(page.get_by_role("heading", name="What we understood")).to_be_visible()
    expect(page.get_by_text("generic_parquet").first).to_be_visible()
    expect(page.get_by_text("acme-omni-7 (3 rows)").first).to_be_visible()
    assert_no_errors(page)
    _settle(page)
    screenshot(page, "upload_parquet")
