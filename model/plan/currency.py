"""Show USD results in another currency with a dated reference rate (or the user's own).

Rates are ECB euro reference rates re-expressed per US dollar: ``X per USD = X per EUR ÷ USD
per EUR``. The newest of two sources wins: the ECB rates bundled with the ``currencyconverter``
package (when installed; read through its public API) and the dated snapshots in
``data/fx/``. Numbers are always computed in USD (DESIGN §4) and converted only for display.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from model import display

#: Currencies the calculator offers (USD first: the default).
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "INR", "CAD", "AUD")
SYMBOLS = display.SYMBOLS
#: Currencies shown without decimals (one yen is below the precision anyone budgets in).
NO_DECIMALS = display.NO_DECIMALS
ECB_SOURCE = (
    "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/"
    "euro_reference_exchange_rates/html/index.en.html"
)


@dataclass(frozen=True)
class FxRate:
    """Units of ``currency`` per US dollar, as of ``date``."""

    currency: str
    per_usd: float
    date: dt.date | None  # None: entered by the user
    source: str

    def convert(self, usd: float) -> float:
        return usd * self.per_usd

    @property
    def label(self) -> str:
        if self.currency == "USD":
            return "USD (no conversion)"
        when = f"ECB reference rate of {self.date:%d %b %Y}" if self.date else "your rate"
        return f"1 USD = {self.per_usd:,.4f} {self.currency} ({when})"


@dataclass(frozen=True)
class RateTable:
    date: dt.date
    per_usd: dict[str, float]
    source: str

    def rate(self, currency: str) -> FxRate:
        if currency == "USD":
            return FxRate("USD", 1.0, self.date, self.source)
        if currency not in self.per_usd:
            raise KeyError(f"no reference rate for {currency}; known: {sorted(self.per_usd)}")
        return FxRate(currency, self.per_usd[currency], self.date, self.source)


def _per_usd(per_eur: dict[str, Decimal], usd_per_eur: Decimal) -> dict[str, float]:
    return {k: float(v / usd_per_eur) for k, v in per_eur.items()} | {"USD": 1.0}


def read_snapshot(path: Path) -> RateTable:
    """A ``data/fx/*.yaml`` snapshot (rates per EUR, as the ECB publishes them)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    per_eur = {k: Decimal(str(v)) for k, v in data["per_eur"].items()}
    return RateTable(
        date=dt.date.fromisoformat(str(data["date"])),
        per_usd=_per_usd(per_eur, Decimal(str(data["usd_per_eur"]))),
        source=str(data.get("source", ECB_SOURCE)),
    )


def packaged_rates() -> RateTable | None:
    """The newest day of ECB rates bundled with ``currencyconverter``, through its public API
    (its one-day file: the full history takes ~0.8 s to load and adds nothing here).
    None when the package is not installed."""
    try:
        from currency_converter import SINGLE_DAY_CURRENCY_FILE, CurrencyConverter
    except ImportError:
        return None
    converter = CurrencyConverter(SINGLE_DAY_CURRENCY_FILE, decimal=True)
    day = converter.bounds["USD"].last_date
    per_eur = {code: converter.convert(1, "EUR", code, date=day) for code in converter.currencies}
    return RateTable(day, _per_usd(per_eur, per_eur["USD"]), ECB_SOURCE)


def reference_rates(fx_dir: Path | None = None) -> RateTable:
    """The newest reference rates available offline; raises ``FileNotFoundError`` if none."""
    tables = []
    packaged = packaged_rates()
    if packaged is not None:
        tables.append(packaged)
    if fx_dir is not None and fx_dir.is_dir():
        tables += [read_snapshot(p) for p in sorted(fx_dir.glob("*.yaml"))]
    if not tables:
        raise FileNotFoundError("no exchange-rate data: install currencyconverter or add data/fx")
    return max(tables, key=lambda t: t.date)


def user_rate(currency: str, per_usd: float) -> FxRate:
    """A rate the user entered (e.g. their bank's)."""
    if not per_usd > 0:
        raise ValueError(f"exchange rate must be positive, got {per_usd}")
    return FxRate(currency, float(per_usd), None, "entered by you")


def money(amount_usd: float, rate: FxRate, *, digits: int | None = None) -> str:
    """``€1,234.56`` — a USD amount converted, then written by :func:`model.display.money`."""
    return display.money(rate.convert(amount_usd), digits=digits, currency=rate.currency)
