"""Every page registered in app.py, in a real browser: reachable from the top navigation,
and opened by a deep link both on a FRESH server (where Streamlit would run the page without
app.py, aesthetics §1.1) and on a warm one — with the top navigation, its query applied, no
"Page not found" dialog and no redirect."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

import pytest
from playwright.sync_api import Page, expect

from model.plan.scenario import load_scenario
from model.share.payload import make_link
from pricing import PriceBook
from tests.browser.conftest import StreamlitServer, assert_no_errors, wait_for_app
from tests.conftest import DATA, PRICING_DATA, registered_page_titles

PAGES = registered_page_titles()
_VERSIONS = PriceBook.load(PRICING_DATA).versions
#: Optional per page: a shareable query string for its deep link, and a text it must then show.
#: The pricing link names the newest version, a scheduled one, which is never the default.
#: The report link carries an archetype scenario (a share link), whose name it then shows.
_SHARED = load_scenario(DATA / "scenarios" / "archetypes" / "regulated-baa.yaml")
DEEP_LINKS: dict[str, tuple[str, str]] = {
    "pages/pricing_tables.py": (f"?version={_VERSIONS[-1]}", f"Pricing version {_VERSIONS[-1]}"),
    "pages/report.py": (f"?s={make_link(_SHARED)}", f"Scenario: {_SHARED.name}"),
}


def _check_deep_link(page: Page, path: str, url: str) -> None:
    """The page of ``path`` is on screen inside the frame, at its own URL, query applied."""
    stem = PurePosixPath(path).stem
    query, shows = DEEP_LINKS.get(path, ("", ""))
    expect(page).to_have_url(re.compile(rf"^{re.escape(url)}/{stem}{re.escape(query)}$"))
    expect(page.get_by_test_id("stTopNav")).to_be_visible()
    title = dict(PAGES)[path]
    expect(page.get_by_test_id("stTopNav").get_by_role("link", name=title)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("dialog")).to_have_count(0)
    if shows:
        expect(page.get_by_text(shows).first).to_be_visible()


LINKED = [p for p, _ in PAGES[1:]]  # the home page is "/" itself


@pytest.mark.parametrize("path", LINKED)
def test_deep_link_on_a_fresh_server(
    page: Page, start_server: Callable, open_app: Callable, screenshot: Callable, path: str
) -> None:
    server = start_server()
    stem = PurePosixPath(path).stem
    open_app(page, server, f"/{stem}{DEEP_LINKS.get(path, ('', ''))[0]}")
    _check_deep_link(page, path, server.url)
    box = page.get_by_test_id("stMainBlockContainer").bounding_box()
    assert box is not None and box["width"] > 1000, box  # the wide layout
    screenshot(page, f"deep_link_{stem}")


@pytest.mark.parametrize("path", LINKED)
def test_deep_link_on_a_warm_server(
    page: Page, app_server: StreamlitServer, open_app: Callable, path: str
) -> None:
    open_app(page, app_server)  # a session has run app.py: st.navigation is in charge
    stem = PurePosixPath(path).stem
    open_app(page, app_server, f"/{stem}{DEEP_LINKS.get(path, ('', ''))[0]}")
    _check_deep_link(page, path, app_server.url)


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
