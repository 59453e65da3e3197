"""model.share.pins: a link opened after new price data arrived prices with the versions it
recorded (the author's numbers, to the cent), and the drift says which months today's data
prices differently and by how much (worked by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.plan.calendar import pricing_calendar
from model.plan.projection import project
from model.plan.scenario import parse_scenario
from model.share.payload import make_link, open_link
from model.share.pins import drift, months_not_honoured, pin, pinned_book
from pricing.versions import PriceBook
from tests.conftest import FIXTURE_MODELS, write_pricing_version

# One workload on gpt-4o: 1,000 requests/day × 1,000 input tokens × 30 days = 30 MTok a month.
SCENARIO = {
    "name": "pins",
    "start_month": "2026-01",
    "horizon_months": 4,
    "days_per_month": 30,
    "workloads": [
        {"name": "chat", "model": "gpt-4o", "requests_per_day": 1000, "input_tokens": 1000}
    ],
}
NEW_VERSION = "2026-03-15"  # gpt-4o input 2.00 → 3.00, from the 15th of a 31-day March


def _book(root: Path, with_new: bool) -> PriceBook:
    for version, models in FIXTURE_MODELS.items():
        write_pricing_version(root, version, models)
    if with_new:
        later = [{**m, "input": "3.00"} if m["model_id"] == "gpt-4o" else m
                 for m in FIXTURE_MODELS["2026-02-01"]]  # fmt: skip
        write_pricing_version(root, NEW_VERSION, later)
    return PriceBook.load(root)


@pytest.fixture
def author(tmp_path: Path) -> PriceBook:
    """The data when the link was made: 2026-01-01 and 2026-02-01."""
    return _book(tmp_path / "then", with_new=False)


@pytest.fixture
def today(tmp_path: Path) -> PriceBook:
    """The data when it is opened: a price step on 2026-03-15 has arrived."""
    return _book(tmp_path / "now", with_new=True)


def test_a_link_reopens_the_authors_numbers_after_a_price_change(
    author: PriceBook, today: PriceBook
) -> None:
    scenario = parse_scenario(SCENARIO)
    made = project(scenario, author)
    # 30 MTok × $2.50 in January, × $2.00 from February.
    assert [round(float(x), 2) for x in made.costing.option("direct").monthly_total] == [
        75.0, 60.0, 60.0, 60.0
    ]  # fmt: skip
    shared = open_link(make_link(scenario, made.calendar))
    pinned = pin(shared.priced_by, today)
    assert pinned.today is today and pinned.book.versions == ("2026-01-01", "2026-02-01")
    again = project(shared.scenario, pinned.book)
    for o in made.costing.options:
        assert list(again.costing.option(o.id).monthly_total) == list(o.monthly_total)
    assert months_not_honoured(shared.priced_by, again.calendar) == []


def test_drift_names_the_months_and_the_amounts(author: PriceBook, today: PriceBook) -> None:
    scenario = parse_scenario(SCENARIO)
    linked = project(scenario, pinned_book(today, ["2026-01-01", "2026-02-01"]))
    moved = drift(linked, project(scenario, today))
    assert [d.month for d in moved] == ["2026-03", "2026-04"]
    march, april = moved
    assert march.linked == ("2026-02-01",) and march.today == ("2026-02-01", NEW_VERSION)
    # March: 14 of 31 days at $2.00, 17 at $3.00 → 30 × (28 + 51) / 31 = $76.4516 vs $60.
    assert march.delta_usd["direct"] == pytest.approx(30 * 79 / 31 - 60)
    # April: 30 MTok × $1.00 more.
    assert april.delta_usd["direct"] == pytest.approx(30.0)
    # OpenRouter passes the list price through plus its 5.5 % card fee; pooled takes 20 % off.
    assert april.delta_usd["openrouter"] == pytest.approx(30.0 * 1.055)
    assert april.delta_usd["pooled"] == pytest.approx(30.0 * 0.8)


def test_same_data_means_no_pin(author: PriceBook) -> None:
    scenario = parse_scenario(SCENARIO)
    shared = open_link(make_link(scenario, pricing_calendar(scenario, author)))
    pinned = pin(shared.priced_by, author)
    assert pinned.book is author and pinned.today is None and not pinned.notes


def test_a_version_this_data_lacks_is_said_and_today_prices(
    author: PriceBook, today: PriceBook
) -> None:
    scenario = parse_scenario(SCENARIO)
    shared = open_link(make_link(scenario, pricing_calendar(scenario, today)))
    pinned = pin(shared.priced_by, author)  # opened on a server with older data
    assert pinned.book is author and pinned.today is None
    assert len(pinned.notes) == 1 and NEW_VERSION in pinned.notes[0]
    assert "priced with today's data instead" in pinned.notes[0]


def test_a_link_without_a_record_prices_with_today(today: PriceBook) -> None:
    pinned = pin(None, today)
    assert pinned.book is today and pinned.today is None
