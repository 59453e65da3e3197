"""The Pricing tables page in a real browser: its own route, tabs, shareable URL.

The deep link ``/pricing_tables?version=<oldest>`` on a fresh server is in test_navigation.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlencode, urlparse

import pytest
from playwright.sync_api import Page, expect

from pricing import PriceBook
from tests.browser.conftest import StreamlitServer, expect_rerun
from tests.conftest import PRICING_DATA

PATH = "/pricing_tables"
BOOK = PriceBook.load(PRICING_DATA) if PRICING_DATA.is_dir() else None


def _versions() -> tuple[str, str]:
    """(the version in force today, another) bundled version; the same when only one."""
    assert BOOK is not None, "data/pricing has no catalog version"
    return BOOK.get("today").version, BOOK.versions[0]


def test_route_shows_the_pricing_tables(
    page: Page, app_server: StreamlitServer, open_app: Callable, screenshot: Callable
) -> None:
    newest, _ = _versions()
    open_app(page, app_server, PATH)
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
    open_app(page, app_server, PATH)
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
    open_app(page, app_server, PATH)
    if other == newest:
        return  # one version: nothing to pick
    page.get_by_test_id("stSelectbox").first.click()
    with expect_rerun(page):
        page.get_by_role("option", name=other).click()
    expect(page).to_have_url(re.compile(rf"{PATH}\?(.*&)?version={other}"))
    expect(page.get_by_text(f"Pricing version {other}").first).to_be_visible()


def test_unknown_version_in_a_link_warns_and_falls_back(
    page: Page, app_server: StreamlitServer, open_app: Callable
) -> None:
    newest, _ = _versions()
    open_app(page, app_server, "/pricing_tables?version=1999-01-01")
    expect(
        page.get_by_text("The pricing version in the link (“1999-01-01”) does not exist")
    ).to_be_visible()
    expect(page.get_by_text(f"Pricing version {newest}").first).to_be_visible()


INJECTIONS = [
    "**Session expired.** [Click](https://evil.example/login)",
    "![t](http://127.0.0.1:9/beacon.gif)",
]


@pytest.mark.parametrize("param", ["version", "old", "new"])
@pytest.mark.parametrize("payload", INJECTIONS, ids=["bold-link", "image-beacon"])
def test_link_text_is_never_rendered_as_markdown(
    page: Page, app_server: StreamlitServer, open_app: Callable, param: str, payload: str
) -> None:
    """A link's query text is quoted as plain text: no <strong>, no live link, no image
    the browser would fetch (issue 8, item 11)."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    open_app(page, app_server, f"{PATH}?{urlencode({param: payload})}")
    expect(page.get_by_role("dialog")).to_have_count(0)
    if param != "version":
        page.get_by_role("tab", name="Compare versions").click()
    warning = page.get_by_test_id("stAlertContentWarning").filter(has_text="in the link")
    expect(warning.first).to_be_visible()
    assert "Session expired" in warning.first.inner_text() or "beacon" in warning.first.inner_text()
    main = page.get_by_test_id("stMain")
    expect(main.locator("strong", has_text="Session expired")).to_have_count(0)
    expect(main.locator("a[href*='evil.example']")).to_have_count(0)
    expect(main.locator("img[src*='beacon']")).to_have_count(0)
    hosts = {(urlparse(u).hostname, urlparse(u).port) for u in fetched}
    assert ("evil.example", None) not in hosts and ("127.0.0.1", 9) not in hosts


def test_status_and_provenance_columns(
    page: Page, app_server: StreamlitServer, open_app: Callable, screenshot: Callable
) -> None:
    """The models table shows each model's status and where its price comes from; a link to
    the scheduled 2026-12-01 version opens it."""
    page.set_viewport_size({"width": 4200, "height": 1000})  # every column rendered
    open_app(page, app_server, f"{PATH}?version=2026-12-01")
    expect(page.get_by_text("Pricing version 2026-12-01").first).to_be_visible()
    expect(page.get_by_text("Scheduled: takes effect on 01 Dec 2026.").first).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"prices: the vendor's pricing page has not been read"))
    ).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").first
    for header in ("Status", "Pricing page", "Imported from", "Page read", "Caveats"):
        expect(grid.locator("th", has_text=re.compile(f"^{header}$"))).to_have_count(1)
    search = page.get_by_label("Search models")
    search.fill("sonnet")
    with expect_rerun(page):
        search.press("Enter")
    expect(grid).to_contain_text("retired 2026-11-30")
    screenshot(page, "pricing_tables_status_wide")
    page.set_viewport_size({"width": 1400, "height": 900})
    screenshot(page, "pricing_tables_status")
