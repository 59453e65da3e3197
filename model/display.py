"""Display conventions shared by every capability's figures, tables and text (no streamlit,
no plotly): one colour per option kind, so the calculator, the upload page, the scorecard and
the report agree on which colour means which way of buying; and one way of writing money, so
the CLI, the pages and the report print ``$1,234.56`` alike."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Final

#: One colour per option kind, stable across charts (colour-blind-safe Okabe-Ito hues).
COLORS: Final = {"direct": "#0072B2", "aggregator": "#E69F00", "pooled": "#009E73"}
#: For option kinds added as data (another gateway), in order of appearance.
FALLBACK: Final = ("#CC79A7", "#56B4E9", "#D55E00", "#F0E442")

#: Currency symbols (an unknown currency is written as its code and a space).
SYMBOLS: Final = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "INR": "₹",
    "CAD": "CA$",
    "AUD": "A$",
}
#: Currencies written without decimals (one yen is below the precision anyone budgets in).
NO_DECIMALS: Final = frozenset({"JPY", "INR", "KRW"})
#: What a missing (or non-finite) amount is written as: never "nan", "None" or "$inf".
MISSING: Final = "—"


def option_color(kind: str, index: int = 0) -> str:
    """The colour of an option kind; unknown kinds take the fallback hues in turn."""
    return COLORS.get(kind, FALLBACK[index % len(FALLBACK)])


def money(
    value: float | int | Decimal | None,
    *,
    digits: int | None = None,
    currency: str = "USD",
    small: bool = False,
) -> str:
    """An amount of money for people: ``$1,234.56``, ``-$3.00``, ``€12.50``, ``¥1,235``.

    ``digits`` defaults to the currency's (2; 0 for JPY and INR). ``small=True`` writes a
    non-zero amount below one unit with 4 decimals, or more down to two significant digits
    (a small log costs cents: ``$0.0123``, ``$0.000038``, where ``$0.00`` would read as
    free). Missing or non-finite amounts are an em dash,
    never ``nan`` or ``$inf``. Amounts in another currency are converted before they come
    here (see :func:`model.plan.currency.money`).
    """
    if value is None:
        return MISSING
    amount = float(value)
    if not math.isfinite(amount):
        return MISSING
    if digits is None:
        digits = 0 if currency in NO_DECIMALS else 2
        if small and 0 < abs(amount) < 1:
            digits = min(8, max(4, 1 - math.floor(math.log10(abs(amount)))))
    text = f"{abs(amount):,.{digits}f}"
    sign = "-" if amount < 0 and text.strip("0.,") else ""  # no "-$0.00"
    return f"{sign}{SYMBOLS.get(currency, currency + ' ')}{text}"


#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV
#: injection"): ``=HYPERLINK(…)``, ``+cmd|…``, ``-2+3+cmd|…``, ``@SUM(…)``, and a leading
#: tab or carriage return, which some spreadsheets strip before looking.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """``text`` as a spreadsheet shows it literally: a leading ``'`` when it starts like a
    formula (OWASP's recommendation), otherwise unchanged. For every text cell of a table
    a user can download as CSV that holds text from a file or a scenario."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def pct(share: float | int | Decimal | None, *, digits: int = 1, signed: bool = False) -> str:
    """A share as a percentage: ``0.055`` → ``5.5 %``; ``signed`` adds ``+`` to gains."""
    if share is None or not math.isfinite(float(share)):
        return "—"
    value = float(share) * 100  # type: ignore[arg-type]
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} %"
