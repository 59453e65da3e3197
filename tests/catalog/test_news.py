"""model.catalog.news: the home page's "price data" block, on hand-made versions.

Versions (tests/conftest.py FIXTURE_MODELS, plus one scheduled here):
- 2026-01-01 → 2026-02-01: gpt-4o input 2.50 → 2.00 (−20 %), gemini-2.5-pro output
  10 → 12 (+20 %), gpt-4-turbo removed, gpt-5 added.
- 2026-02-01 → 2026-03-01 (scheduled on 2026-02-15): gpt-5 input 1.25 → 1.50 (+20 %) and
  output 10 → 15 (+50 %); a batch cache-read price filled in for gpt-4o (none before: not a move).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from model.catalog.news import price_news
from pricing import PriceBook
from tests.conftest import FIXTURE_MODELS, write_pricing_version

TODAY = dt.date(2026, 2, 15)


@pytest.fixture
def book(tmp_path: Path) -> PriceBook:
    for version, models in FIXTURE_MODELS.items():
        write_pricing_version(tmp_path, version, models)
    scheduled = [
        {**m, "input": "1.50", "output": "15"}
        if m["model_id"] == "gpt-5"
        else {**m, "batch": {"input": "1.25", "output": "5", "cache_read": "0.5"}}
        if m["model_id"] == "gpt-4o"
        else m
        for m in FIXTURE_MODELS["2026-02-01"]
    ]
    write_pricing_version(tmp_path, "2026-03-01", scheduled)
    return PriceBook.load(tmp_path)


def test_in_force_today_and_newest(book: PriceBook) -> None:
    news = price_news(book, TODAY)
    assert (news.today, news.today_from, news.latest) == (
        "2026-02-01",
        dt.date(2026, 2, 1),
        "2026-03-01",
    )


def test_recent_versions_newest_first_with_scheduled_flag(book: PriceBook) -> None:
    recent = price_news(book, TODAY).recent
    assert [(c.version, c.previous, c.scheduled) for c in recent] == [
        ("2026-03-01", "2026-02-01", True),
        ("2026-02-01", "2026-01-01", False),
    ]
    assert [len(price_news(book, TODAY, past=p).recent) for p in (1, 2)] == [2, 2]


def test_moves_are_priced_on_both_sides(book: PriceBook) -> None:
    scheduled, current = price_news(book, TODAY).recent
    assert scheduled.counts["dearer"] == 2
    # gpt-4o's batch cache read was filled in where there was none: listed by the diff,
    # but not a move of a price.
    assert "gpt-4o" not in set(scheduled.changes["model_id"])
    row = scheduled.by_model.set_index("model_id").loc["gpt-5"]
    assert (row["input_old"], row["input_new"], row["output_old"], row["output_new"]) == (
        1.25, 1.5, 10, 15,
    )  # fmt: skip
    assert row["change_min"] == pytest.approx(0.2) and row["change_max"] == pytest.approx(0.5)
    assert row["prices"] == 2
    by_model = current.by_model.set_index("model_id")
    assert by_model.loc["gpt-4o", "change_min"] == pytest.approx(-0.2)
    assert math.isnan(by_model.loc["gemini-2.5-pro", "input_old"])  # only output moved
    assert current.added == ["gpt-5"]


def test_a_book_of_one_version_has_no_changes(tmp_path: Path) -> None:
    write_pricing_version(tmp_path, "2026-01-01", FIXTURE_MODELS["2026-01-01"])
    news = price_news(PriceBook.load(tmp_path), TODAY)
    assert news.today == news.latest == "2026-01-01"
    assert news.recent == []
