"""User-supplied text inside Streamlit markdown, shown as the characters it is (DESIGN §6).

``st.markdown``, ``st.error``, ``st.warning``, ``st.info``, ``st.caption`` and widget labels
render markdown with Streamlit's extensions: links, images (the browser fetches them), HTML,
``$…$`` as LaTeX, ``:red[…]`` colour directives, ``:material/…:`` icons and emoji
shortcodes. Text from a file, a link or a scenario name must never reach them raw.
:func:`md` backslash-escapes every ASCII punctuation character — CommonMark lets any of
them be escaped, and an escaped character is never markup — and folds line breaks, so a
cell cannot start a heading or a list. Pure: no streamlit import (unit-testable).

Prefer a plain-text element (``st.text``, ``st.code``, a dataframe cell) where the text
stands alone; use :func:`md` where it sits inside a sentence of ours.
"""

from __future__ import annotations

import string

_ESCAPES = {ord(ch): "\\" + ch for ch in string.punctuation}
#: Longest piece of user text quoted in a message: one line means a short line.
MAX_QUOTE = 120


def md(text: object, *, limit: int | None = MAX_QUOTE) -> str:
    """``text`` escaped for Streamlit markdown, on one line, cut to ``limit`` characters."""
    flat = " ".join(str(text).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return flat.translate(_ESCAPES)


def money(text: str) -> str:
    """Our own text with dollar amounts, made safe for markdown: two ``$`` in one line
    would otherwise be typeset as LaTeX (``$4.63 … $4.39``)."""
    return text.replace("$", "\\$")
