"""AppTest fixtures: fresh caches per test and ``open_page`` to render a page either through
app.py (+ switch_page) or directly from its file (how a deep link after a server start runs).

Add a page's AppTest: ``at = open_page("pages/<stem>.py")``, then drive widgets by key
(``at.selectbox(key=state.X).set_value(...).run()``) and assert on elements; call
``assert_clean(at)`` to check there is no exception and no st.error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import APP, ROOT

TIMEOUT = 30  # seconds: a cold import of pandas/plotly inside the first script run

OpenPage = Callable[..., AppTest]


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Streamlit caches are process-wide and outlive an AppTest (aesthetics §1.4)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def _open_page(
    page: str,
    *,
    via_app: bool = False,
    query_params: dict[str, str] | None = None,
    session_state: dict[str, Any] | None = None,
) -> AppTest:
    """Run ``page`` (``pages/x.py``) once and return the AppTest.

    ``via_app``: start from app.py, then ``switch_page`` (with a ``pages/`` folder AppTest
    then runs the page without app.py's frame, see aesthetics §1.1). Otherwise the page file
    is the script itself. Query params and session state are seeded before the first run.
    """
    at = AppTest.from_file(str(APP if via_app else ROOT / page), default_timeout=TIMEOUT)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    for key, value in (session_state or {}).items():
        at.session_state[key] = value
    at.run()
    if via_app:
        at.switch_page(page).run()
    return at


@pytest.fixture
def open_page() -> OpenPage:
    return _open_page


def assert_clean(at: AppTest) -> None:
    """No uncaught exception and no error box."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def plain(text: object) -> str:
    """Markdown text as the user reads it: ``pages.ui.safe.md``'s backslash escapes and
    invisible word joiners removed."""
    return re.sub(r"\\(.)", r"\1", str(text)).replace("\u2060", "")


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The one st.dataframe on screen that has ``column``."""
    frames = [df.value for df in at.dataframe if column in df.value.columns]
    assert len(frames) == 1, f"{len(frames)} dataframes with column {column!r}"
    return frames[0]


@pytest.fixture
def fixture_app(fixture_data_dir: Path, use_data_dir: Callable[[Path], Path]) -> Path:
    """The app reads the two-version fixture catalogs (tests/conftest.py FIXTURE_MODELS)."""
    return use_data_dir(fixture_data_dir)
