"""The page frame every page sets itself: wide layout and icon.

``app.py`` applies it too, but a page can run without app.py (legacy ``pages/`` discovery
after a server start, AppTest); without this call such a run falls back to the narrow
centered layout. Streamlit allows several ``st.set_page_config`` calls per run.
"""

from __future__ import annotations

from typing import Any, Final

import streamlit as st

APP_NAME: Final = "Gatewise"
PAGE_CONFIG: Final[dict[str, Any]] = {"layout": "wide", "page_icon": ":material/hub:"}


def configure_page() -> None:
    """Apply the shared page configuration (idempotent)."""
    st.set_page_config(**PAGE_CONFIG)
