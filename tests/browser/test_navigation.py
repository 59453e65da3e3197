"""Every page registered in app.py, in a real browser: reachable from the top navigation,
and rendered by a deep link on a FRESH server (where Streamlit may run the page without
app.py, aesthetics §1.1)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

import pytest
from playwright.sync_api import Page, expect

from pricing import PriceBook
from tests.browser.conftest import StreamlitServer, assert_no_errors, wait_for_app
from tests.conftest import PRICING_DATA, registered_page_titles

PAGES = registered_page_titles()
_VERSIONS = PriceBook.load(PRICING_DATA).versions
#: Optional per page: a shareable query string for its deep link, and a text it must then show.
DEEP_LINKS: dict[str, tuple[str, str]] = {
    "pages/pricing_tables.py": (f"?version={_VERSIONS[0]}", f"Pricing version {_VERSIONS[0]}"),
}


@pytest.mark.parametrize("path", [p for p, _ in PAGES])
def test_deep_link_renders_on_a_fresh_server(
    page: Page, start_server: Callable, open_app: Callable, screenshot: Callable, path: str
) -> None:
    stem = PurePosixPath(path).stem
    query, shows = DEEP_LINKS.get(path, ("", ""))
    open_app(page, start_server(), f"/{stem}{query}")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    if shows:
        expect(page.get_by_text(shows).first).to_be_visible()
    # The page sets the wide layout itself, even without app.py's frame.
    box = page.get_by_test_id("stMainBlockContainer").bounding_box()
    assert box is not None and box["width"] > 1000, box
    screenshot(page, f"deep_link_{stem}")


def test_top_navigation_reaches_every_page(
    page: Page, app_server: StreamlitServer, open_app: Callable
) -> None:
    open_app(page, app_server)
    heading = page.get_by_role("heading", level=1).first
    for index, (path, title) in enumerate(PAGES):
        assert title, f"{path}: give its st.Page a title"
        before = heading.inner_text()
        page.get_by_test_id("stTopNav").get_by_role("link", name=title).click()
        expected = "/" if index == 0 else f"/{PurePosixPath(path).stem}"
        expect(page).to_have_url(re.compile(rf"{re.escape(expected)}(\?.*)?$"))
        if index > 0:  # a different page: wait until its own heading replaced the last one
            expect(heading).not_to_have_text(before)
        wait_for_app(page)
        assert_no_errors(page)
        expect(heading).to_be_visible()
