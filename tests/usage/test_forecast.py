"""Log projection (issue 8 item 3): statsmodels' exponential smoothing with a simulated
band from 14 days of history, a stated flat pace below that, never below zero, from the
current month on, the weekly pattern on the right weekdays, the recent mix, what-ifs."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from model.engine.costing import cost_usage
from model.engine.frame import records_frame
from model.usage import forecast
from model.usage.forecast import MIN_DAYS, daily_series, forecast_months
from model.usage.outlook import Substitution, project_log
from model.usage.readers import read_usage
from pricing.versions import PriceBook
from tests.conftest import DATA

TODAY = dt.date(2026, 11, 30)
MON_FRI = np.array([1.0, 1, 1, 1, 1, 0, 0])  # no traffic at weekends


def series(values: np.ndarray, start: str = "2026-09-07") -> pd.Series:  # a Monday
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="D"))


def weekly(days: int, per_day: float, week: np.ndarray, start: str = "2026-09-07") -> pd.Series:
    index = pd.date_range(start, periods=days, freq="D")
    return pd.Series(per_day * week[index.day_of_week], index=index)


def log(days: int, per_day: float, model: str = "claude-sonnet-4-5", start: str = "2026-09-07"):
    dates = pd.date_range(start, periods=days, freq="D", tz="UTC")
    return records_frame(
        [{"timestamp": d, "model": model, "input_tokens": per_day, "output_tokens": 0}
         for d in dates]
    )  # fmt: skip


def test_docstring_states_the_minimum_history_the_code_uses() -> None:
    assert MIN_DAYS == 14
    assert f"``MIN_DAYS`` ({MIN_DAYS})" in (forecast.__doc__ or "")


def test_weekdays_stay_on_their_weekdays() -> None:
    """Eight weeks of Monday–Friday traffic: projected weekends are empty, weekdays full."""
    fc = forecast_months(weekly(56, 1e6, MON_FRI, start="2026-10-05"), 2, today=TODAY)
    projected = fc.daily[fc.daily.index > "2026-11-29"]  # after the log's last day
    weekend = projected.index.day_of_week >= 5
    assert projected[weekend].max() < 1e4
    assert projected[~weekend].to_numpy() == pytest.approx(1e6, rel=0.02)


def test_a_weekday_without_traffic_does_not_empty_the_low_band() -> None:
    """The old index set a no-traffic weekday to 1.0 and took December's low band to 0."""
    fc = forecast_months(weekly(56, 1e6, MON_FRI, start="2026-10-05"), 2, today=TODAY)
    # December 2026 has 23 weekdays: 23 × 1M tokens.
    assert fc.base[1] == pytest.approx(23e6, rel=0.02)
    assert fc.low[1] > 0.9 * fc.base[1]


def test_band_is_the_10th_to_90th_percentile_of_monthly_totals() -> None:
    # 1M ± 20 % (normal) a day, no trend: a 30-day month's total has a spread of
    # 0.2 × √30 ≈ 1.1 days, i.e. ±1.28 × 1.1 / 30 ≈ ±4.7 % between its 10th and 90th
    # percentiles (bootstrapped residuals come out a little narrower).
    noise = np.random.default_rng(1).normal(0, 0.2, 84)
    fc = forecast_months(series(1e6 * (1 + noise)), 2, today=dt.date(2026, 12, 1))
    assert fc.method == "exponential smoothing"
    spread = fc.high[0] / fc.base[0] - 1, 1 - fc.low[0] / fc.base[0]
    assert 0.025 < spread[0] < 0.08 and 0.025 < spread[1] < 0.08


def test_short_log_is_flat_at_its_average_day_and_says_why() -> None:
    fc = forecast_months(series(np.full(MIN_DAYS - 1, 1e6)), 1, today=dt.date(2026, 12, 1))
    assert fc.method == "flat" and not fc.seasonal
    assert fc.base[0] == pytest.approx(31e6)
    assert (fc.low[0], fc.high[0]) == pytest.approx((15.5e6, 46.5e6))  # ±50 %
    assert f"at least {MIN_DAYS}" in " ".join(fc.notes)
    assert forecast_months(series(np.full(MIN_DAYS, 1e6)), 1, today=TODAY).seasonal


def test_a_falling_trend_is_held_at_zero_and_said() -> None:
    fc = forecast_months(series(np.linspace(2e6, 1e5, 28)), 12, today=dt.date(2026, 10, 1))
    assert (fc.daily >= 0).all() and (fc.low >= 0).all()
    assert any("zero" in w for w in fc.warnings)


def test_steep_growth_is_flagged() -> None:
    fc = forecast_months(series(np.geomspace(1e5, 4e6, 21)), 6, today=dt.date(2026, 10, 1))
    assert any("exaggerate" in w for w in fc.warnings)


def test_growth_sentence_is_the_drawn_line() -> None:
    fc = forecast_months(series(np.linspace(1e6, 2e6, 28)), 4, today=dt.date(2026, 10, 1))
    ratio = fc.base[-1] / fc.base[0]
    assert f"×{ratio:.2f}" in fc.growth_text()
    assert f"{(ratio ** (1 / 3) - 1) * 100:+.1f} %" in fc.growth_text()


def test_real_7_day_export_projects_flat_from_the_current_month() -> None:
    name = "openai_usage_export__REAL_2025-10.tsv"
    read = read_usage((DATA / "samples" / name).read_bytes(), name)
    fc = forecast_months(daily_series(read.frame), 6, today=TODAY)
    assert fc.months[0] == "2026-11" and fc.method == "flat"
    assert (fc.base > 0).all() and (fc.low > 0).all()
    # The average day over the 7 days (2025-10-05 → 11) carried into November's 30 days.
    total = read.frame[["input_tokens", "cache_read_tokens", "output_tokens"]].to_numpy().sum()
    assert fc.base[0] == pytest.approx(total / 7 * 30)
    assert "2025-10-11" in fc.notes[0] and "carried forward" in fc.notes[0]


def test_current_month_keeps_its_observed_days() -> None:
    fc = forecast_months(series(np.full(20, 1e6), start="2026-11-01"), 1, today=TODAY)
    assert fc.daily["2026-11-01":"2026-11-20"].to_numpy() == pytest.approx(1e6)


def test_mix_comes_from_the_last_28_days() -> None:
    frame = pd.concat([log(28, 1e6, "claude-opus-4-6"), log(28, 1e6, "gpt-4o", "2026-10-05")])
    base = project_log(frame, months=1, today=TODAY).frames["base"]
    assert set(base["model"].astype(str)) == {"gpt-4o"}


def test_projected_month_costs_days_times_daily_cost(bundled_book: PriceBook) -> None:
    # A flat 1M input tokens/day of Sonnet 4.5 at $3/MTok: 30- and 31-day months.
    projection = project_log(log(31, 1e6, start="2026-10-01"), months=2, today=TODAY)
    assert projection.months == ["2026-11", "2026-12"]
    direct = cost_usage(projection.frames["base"], bundled_book, pricing="2026-11-20")
    assert list(direct.option("direct").monthly_total) == pytest.approx(
        [30 * 3.0, 31 * 3.0], rel=1e-3
    )


def test_substitution_moves_traffic_and_keeps_volume(bundled_book: PriceBook) -> None:
    frame = log(28, 1e6, model="claude-opus-4-6")
    base = project_log(frame, months=1, today=TODAY).frames["base"]
    moved = project_log(
        frame, months=1, today=TODAY,
        substitutions=[Substitution("claude-opus-4-6", "claude-haiku-4-5", 0.25)],
    ).frames["base"]  # fmt: skip
    assert moved["input_tokens"].sum() == pytest.approx(base["input_tokens"].sum())
    by_model = moved.groupby(moved["model"].astype(str))["input_tokens"].sum()
    assert by_model["claude-haiku-4-5"] / by_model.sum() == pytest.approx(0.25)
    cost = lambda f: cost_usage(f, bundled_book, pricing="latest").option("direct").total_usd  # noqa: E731
    # Opus 4.6 input $5, Haiku 4.5 $1: a quarter moved saves 0.25 × (1 − 1/5) = 20 %.
    assert cost(moved) / cost(base) == pytest.approx(0.8)


def test_substitution_to_batch_halves_direct_only(bundled_book: PriceBook) -> None:
    frame = log(28, 1e6, model="claude-sonnet-4-5")
    sub = [Substitution("claude-sonnet-4-5", "batch", 1.0)]
    price = lambda f: cost_usage(f, bundled_book, pricing="latest")  # noqa: E731
    base = price(project_log(frame, months=1, today=TODAY).frames["base"])
    batch = price(project_log(frame, months=1, today=TODAY, substitutions=sub).frames["base"])
    assert batch.option("direct").total_usd == pytest.approx(base.option("direct").total_usd / 2)
    assert batch.option("openrouter").total_usd == pytest.approx(
        base.option("openrouter").total_usd
    )


def test_invalid_inputs() -> None:
    with pytest.raises(ValueError, match="share"):
        Substitution("a", "b", 1.5)
    with pytest.raises(ValueError, match="months"):
        project_log(log(10, 1), months=0)


def test_twenty_day_log_is_described_as_drawn() -> None:
    """Issue 8: a 20-day log was described as "+175 %/month" compounding while the drawn
    line was linear. Now the sentence is computed from the drawn monthly values."""
    rising = (
        1e6
        * (1 + 0.05 * np.arange(20))
        * MON_FRI[pd.date_range("2026-11-01", periods=20).day_of_week]
        + 1e5
    )
    fc = forecast_months(series(rising, start="2026-11-01"), 6, today=TODAY)
    assert fc.method == "exponential smoothing" and fc.days == 20
    assert any("only 20 days" in w for w in fc.warnings)
    ratio = fc.base[-1] / fc.base[0]
    assert fc.growth_text().startswith(f"base volume ×{ratio:.2f} from 2026-11 to 2027-04")
    assert (fc.low <= fc.base).all() and (fc.base <= fc.high).all() and (fc.low > 0).all()
