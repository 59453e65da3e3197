"""Display conventions shared by every capability's figures and tables (no streamlit, no
plotly): one colour per option kind, so the calculator, the upload page, the scorecard and
the report agree on which colour means which way of buying."""

from __future__ import annotations

from typing import Final

#: One colour per option kind, stable across charts (colour-blind-safe Okabe-Ito hues).
COLORS: Final = {"direct": "#0072B2", "aggregator": "#E69F00", "pooled": "#009E73"}
#: For option kinds added as data (another gateway), in order of appearance.
FALLBACK: Final = ("#CC79A7", "#56B4E9", "#D55E00", "#F0E442")


def option_color(kind: str, index: int = 0) -> str:
    """The colour of an option kind; unknown kinds take the fallback hues in turn."""
    return COLORS.get(kind, FALLBACK[index % len(FALLBACK)])


#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV
#: injection"): ``=HYPERLINK(…)``, ``+cmd|…``, ``-2+3+cmd|…``, ``@SUM(…)``, and a leading
#: tab or carriage return, which some spreadsheets strip before looking.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """``text`` as a spreadsheet shows it literally: a leading ``'`` when it starts like a
    formula (OWASP's recommendation), otherwise unchanged. For every text cell of a table
    a user can download as CSV that holds text from a file or a scenario."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
