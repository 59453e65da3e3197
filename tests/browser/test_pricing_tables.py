"""The Pricing tables page in a real browser: default route, tabs, shareable URL.

The deep link ``/pricing_tables?version=<oldest>`` on a fresh server is in test_navigation.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from pricing import PriceBook
from tests.browser.conftest import StreamlitServer, expect_rerun
from tests.conftest import PRICING_DATA

BOOK = PriceBook.load(PRICING_DATA) if PRICING_DATA.is_dir() else None


def _versions() -> tuple[str, str]:
    """(the version in force today, another) bundled version; the same when only one."""
    assert BOOK is not None, "data/pricing has no catalog version"
    return BOOK.get("today").version, BOOK.versions[0]


def test_root_shows_the_pricing_tables(
    page: Page, app_server: StreamlitServer, open_app: Callable, screenshot: Callable
) -> None:
    newest, _ = _versions()
    open_app(page, app_server)
    expect(page.get_by_role("heading", name="Pricing tables")).to_be_visible()
    expect(page.get_by_text(f"Pricing version {newest}").first).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    screenshot(page, "pricing_tables")
    search = page.get_by_label("Search models")
    search.fill("sonnet")
    with expect_rerun(page):
        search.press("Enter")
    expect(page.get_by_text(re.compile(r"· \d+ of \d+ models")).first).to_be_visible()
    screenshot(page, "pricing_tables_search")


def test_options_and_compare_tabs(
    page: Page, app_server: StreamlitServer, open_app: Callable, screenshot: Callable
) -> None:
    open_app(page, app_server)
    page.get_by_role("tab", name="Buying options").click()
    expect(page.get_by_text("example assumption").first).to_be_visible()
    screenshot(page, "pricing_options")
    page.get_by_role("tab", name="Compare versions").click()
    expect(
        page.get_by_text(re.compile(r"^From \d{4}-\d{2}-\d{2} to |No price changes"))
    ).to_be_visible()
    screenshot(page, "pricing_compare")


def test_picking_a_version_updates_the_url(
    page: Page, app_server: StreamlitServer, open_app: Callable
) -> None:
    newest, other = _versions()
    open_app(page, app_server)
    if other == newest:
        return  # one version: nothing to pick
    page.get_by_test_id("stSelectbox").first.click()
    with expect_rerun(page):
        page.get_by_role("option", name=other).click()
    expect(page).to_have_url(re.compile(rf"[?&]version={other}"))
    expect(page.get_by_text(f"Pricing version {other}").first).to_be_visible()


def test_unknown_version_in_a_link_warns_and_falls_back(
    page: Page, app_server: StreamlitServer, open_app: Callable
) -> None:
    newest, _ = _versions()
    open_app(page, app_server, "/pricing_tables?version=1999-01-01")
    expect(page.get_by_text("'1999-01-01' from the link does not exist")).to_be_visible()
    expect(page.get_by_text(f"Pricing version {newest}").first).to_be_visible()
