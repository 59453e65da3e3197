"""Every page registered in app.py renders on the bundled data, both through app.py
(+ switch_page) and directly from its file (a deep link right after a server start)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import TIMEOUT, OpenPage, assert_clean
from tests.conftest import APP, registered_pages


@pytest.mark.parametrize("via_app", [True, False], ids=["via-app", "direct"])
@pytest.mark.parametrize("page", registered_pages())
def test_page_renders(open_page: OpenPage, page: str, via_app: bool) -> None:
    at = open_page(page, via_app=via_app)
    assert_clean(at)
    assert len(at.title) == 1, f"{page} must start with exactly one st.title (its heading)"


def test_entrypoint_runs_its_default_page() -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert_clean(at)
    assert at.title, "the default page shows no title"
