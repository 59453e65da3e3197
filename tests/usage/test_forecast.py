"""Log projection: trend and weekly seasonality recovered from a synthetic series, the short
log fallback, what-if substitutions, and projected months priced by the engine."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.engine.costing import cost_usage
from model.engine.frame import records_frame
from model.usage.forecast import Substitution, daily_series, fit_trend, project_log
from pricing.versions import PriceBook

WEEK = np.array([1.2, 1.2, 1.2, 1.2, 1.2, 0.5, 0.5])  # busy weekdays, quiet weekend


def log(
    days: int,
    per_day: float,
    model: str = "claude-sonnet-4-5",
    growth: float = 0.0,
    start: str = "2026-09-07",
) -> pd.DataFrame:  # 2026-09-07 is a Monday
    dates = pd.date_range(start, periods=days, freq="D", tz="UTC")
    rows = [
        {
            "timestamp": d,
            "model": model,
            "input_tokens": (per_day + growth * i) * WEEK[d.day_of_week] / WEEK.mean(),
            "output_tokens": 0,
        }
        for i, d in enumerate(dates)
    ]
    return records_frame(rows)


def test_recovers_weekly_index_and_flat_level() -> None:
    trend = fit_trend(daily_series(log(56, 1e6)))
    assert trend.weekday_index == pytest.approx(WEEK / WEEK.mean(), rel=1e-6)
    assert trend.slope == pytest.approx(0.0, abs=1e-3)
    assert trend.level == pytest.approx(1e6, rel=1e-6)
    assert trend.low_ratio == pytest.approx(1.0) and trend.high_ratio == pytest.approx(1.0)


def test_recovers_linear_growth() -> None:
    trend = fit_trend(daily_series(log(56, 1e6, growth=1e4)))
    assert trend.slope == pytest.approx(1e4, rel=0.02)
    assert trend.monthly_growth > 0


def test_short_log_projects_flat_with_wide_band_and_says_so() -> None:
    trend = fit_trend(daily_series(log(3, 1e6)))
    assert (trend.low_ratio, trend.high_ratio) == (0.5, 1.5)
    assert "flat" in trend.warnings[0]


def test_projected_month_costs_days_times_daily_cost(bundled_book: PriceBook) -> None:
    # A flat 1M input tokens/day of Sonnet 4.5 at $3/MTok: a 30-day month costs $90.
    frame = records_frame(
        [
            {"timestamp": d, "model": "claude-sonnet-4-5", "input_tokens": 1e6, "output_tokens": 0}
            for d in pd.date_range("2026-10-01", "2026-10-31", tz="UTC")
        ]
    )
    projection = project_log(frame, months=2)
    assert projection.months == ["2026-11", "2026-12"]
    direct = cost_usage(projection.frames["base"], bundled_book, pricing="2026-11-20")
    assert list(direct.option("direct").monthly_total) == pytest.approx([30 * 3.0, 31 * 3.0])


def test_substitution_moves_traffic_and_keeps_volume(bundled_book: PriceBook) -> None:
    frame = log(28, 1e6, model="claude-opus-4-6")
    base = project_log(frame, months=1).frames["base"]
    moved = project_log(
        frame, months=1, substitutions=[Substitution("claude-opus-4-6", "claude-haiku-4-5", 0.25)]
    ).frames["base"]
    assert moved["input_tokens"].sum() == pytest.approx(base["input_tokens"].sum())
    by_model = moved.groupby(moved["model"].astype(str))["input_tokens"].sum()
    assert by_model["claude-haiku-4-5"] / by_model.sum() == pytest.approx(0.25)
    cost = lambda f: cost_usage(f, bundled_book, pricing="latest").option("direct").total_usd  # noqa: E731
    # Opus 4.6 input $5, Haiku 4.5 $1: a quarter moved saves 0.25 × (1 − 1/5) = 20 %.
    assert cost(moved) / cost(base) == pytest.approx(0.8)


def test_substitution_to_batch_halves_direct_only(bundled_book: PriceBook) -> None:
    frame = log(28, 1e6, model="claude-sonnet-4-5")
    sub = [Substitution("claude-sonnet-4-5", "batch", 1.0)]
    base = cost_usage(project_log(frame, months=1).frames["base"], bundled_book, pricing="latest")
    batch = cost_usage(
        project_log(frame, months=1, substitutions=sub).frames["base"],
        bundled_book,
        pricing="latest",
    )
    assert batch.option("direct").total_usd == pytest.approx(base.option("direct").total_usd / 2)
    assert batch.option("openrouter").total_usd == pytest.approx(
        base.option("openrouter").total_usd
    )


def test_invalid_inputs() -> None:
    with pytest.raises(ValueError, match="share"):
        Substitution("a", "b", 1.5)
    with pytest.raises(ValueError, match="months"):
        project_log(log(10, 1), months=0)
