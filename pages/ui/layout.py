"""The page frame every page sets itself: wide layout and icon — and the way out of
Streamlit's legacy ``pages/`` discovery, so a deep link shows the top navigation.

Why the second part: right after a server start (and in AppTest), Streamlit sees the
``pages/`` folder and serves a deep link such as ``/calculator`` by running
``pages/calculator.py`` alone, without ``app.py`` — so without the top navigation — until
some session has run ``st.navigation`` (DESIGN §7, research/aesthetics.md §1.1). The flag
that selects this mode is process-wide. A page that finds itself run that way switches the
flag off and reruns: the rerun executes ``app.py``, whose ``st.navigation`` resolves the
same URL path (a page's identity is the hash of its path in both modes) with the link's
query string intact, so the page renders inside the frame with its parameters applied.
"""

from __future__ import annotations

from typing import Any, Final

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

APP_NAME: Final = "Gatewise"
PAGE_CONFIG: Final[dict[str, Any]] = {"layout": "wide", "page_icon": ":material/hub:"}


def configure_page() -> None:
    """Apply the shared page configuration; leave legacy discovery if it is on (idempotent)."""
    st.set_page_config(**PAGE_CONFIG)
    # Private API of Streamlit 1.67 (pinned in requirements.txt); the browser tests catch a
    # change: tests/browser/test_navigation.py opens every deep link on a fresh server.
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
