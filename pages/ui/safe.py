"""User-supplied text inside Streamlit markdown, shown as the characters it is (DESIGN §6).

``st.markdown``, ``st.error``, ``st.warning``, ``st.info``, ``st.caption`` and widget labels
render markdown with Streamlit's extensions: links, images (the browser fetches them), HTML,
``$…$`` as LaTeX, ``:red[…]`` colour directives, ``:material/…:`` icons and emoji
shortcodes. Text from a file, a link or a scenario name must never reach them raw.
:func:`md` backslash-escapes every ASCII punctuation character — CommonMark lets any of
them be escaped, and an escaped character is never markup — and folds line breaks, so a
cell cannot start a heading or a list. Escapes do not stop GitHub's *autolink literals*
(``https://…``, ``www.…``, ``a@b.c`` become links after unescaping, as Chromium shows), so
an invisible WORD JOINER (U+2060) is put inside ``://``, after ``www`` and after ``@``.
Pure: no streamlit import (unit-testable).

Prefer a plain-text element (``st.text``, ``st.code``, a dataframe cell) where the text
stands alone; use :func:`md` where it sits inside a sentence of ours.
"""

from __future__ import annotations

import re
import string

_ESCAPES = {ord(ch): "\\" + ch for ch in string.punctuation}
#: Invisible, and no line break either: what keeps a URL or an address from being linked.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=[a-z]:)(?=//)|(?<=www)(?=\.)|(?<=@)")
#: Longest piece of user text quoted in a message: one line means a short line.
MAX_QUOTE = 120


def md(text: object, *, limit: int | None = MAX_QUOTE) -> str:
    """``text`` escaped for Streamlit markdown, on one line, cut to ``limit`` characters."""
    flat = " ".join(str(text).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return no_autolink(flat).translate(_ESCAPES)


def no_autolink(text: str) -> str:
    """``text`` with a WORD JOINER where markdown would turn it into a link
    (``https://``, ``www.``, ``@``): it reads the same, it is not a link."""
    return _AUTOLINK.sub(WORD_JOINER, text)


#: A URL we link as it is: https, a host, and a path of ordinary characters. Anything else
#: from the data (``javascript:``, a ``)`` that ends the link early) is shown as text.
_PLAIN_URL = re.compile(r"^https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~/#%?=&+-]*)?$")


def link(url: str, label: str | None = None) -> str:
    """A markdown link to ``url``, or the escaped text when it is not a plain https URL.
    ``label`` is our own markdown (escape user text with :func:`md` first); by default the
    URL itself."""
    if not _PLAIN_URL.match(url):
        return md(url, limit=None)
    return f"[{url if label is None else label}]({url})"


def money(text: str) -> str:
    """Our own text with dollar amounts, made safe for markdown: two ``$`` in one line
    would otherwise be typeset as LaTeX (``$4.63 … $4.39``)."""
    return text.replace("$", "\\$")
