"""Every page registered in app.py renders, through app.py and directly from its file."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import TIMEOUT, OpenPage, assert_clean
from tests.conftest import APP, PRICING_DATA, registered_pages


@pytest.mark.skipif(
    not any(PRICING_DATA.glob("*/catalog.yaml")), reason="data/pricing has no version yet"
)
@pytest.mark.parametrize("via_app", [True, False], ids=["via-app", "direct"])
@pytest.mark.parametrize("page", registered_pages())
def test_page_renders_on_bundled_data(open_page: OpenPage, page: str, via_app: bool) -> None:
    at = open_page(page, via_app=via_app)
    assert_clean(at)
    assert at.title, f"{page} shows no title"


@pytest.mark.usefixtures("fixture_app")
@pytest.mark.parametrize("via_app", [True, False], ids=["via-app", "direct"])
@pytest.mark.parametrize("page", registered_pages())
def test_page_renders_on_fixture_data(open_page: OpenPage, page: str, via_app: bool) -> None:
    assert_clean(open_page(page, via_app=via_app))


@pytest.mark.usefixtures("fixture_app")
def test_entrypoint_runs_its_default_page() -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert_clean(at)
    assert at.title, "the default page shows no title"
