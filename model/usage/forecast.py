"""Project a usage log forward: daily volume → the next months, with a low/base/high band.

Method. With at least ``MIN_DAYS`` (14) days of history — two full weeks, the least from
which a weekly pattern can be told from noise — statsmodels' exponential smoothing
(``ETSModel``: additive errors, damped additive trend, additive weekly seasonality) is fitted
to total tokens per day. The base is its point forecast; the band is the 10th and 90th
percentile of each month's total over simulated paths (bootstrapped residuals), so it is a
prediction interval for the month, not a sum of daily intervals. A damped trend flattens
out instead of compounding; volumes never go below zero (a path that would is held at 0 and
the projection says so). Below ``MIN_DAYS`` days the projection is the log's average day,
flat, with a ±50 % band, and the reason is stated.

The projection starts in the current month (today's, UTC). A log that ended before it has
its pattern carried forward: whole weeks between the log's end and the start are skipped
(weekdays stay aligned) rather than extrapolated; days of the current month that the log
covers count as observed. :mod:`model.usage.outlook` turns the volumes into priced rows.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from model.engine import columns as c
from pricing.versions import today as today_utc

MIN_DAYS = 14
BAND_PERCENTILES = (10, 90)
FLAT_BAND = 0.5  # ± share of the base when the history is too short to measure a spread
PATHS = 400
DAYS_PER_MONTH = 365.25 / 12
#: A projected month this far above (or below) the log's recent monthly pace is flagged.
STEEP_RATIO = 3.0
NEAR_ZERO_RATIO = 0.1


@dataclass(frozen=True)
class DailyForecast:
    """Base, low and high total tokens per projected month, and how they were made."""

    days: int  # days of history
    method: str  # "exponential smoothing" | "flat"
    months: list[str]  # "YYYY-MM", from the current month on
    base: np.ndarray  # (months,) tokens per month
    low: np.ndarray
    high: np.ndarray
    daily: pd.Series  # base tokens per projected calendar day (for checks and charts)
    weekday_index: np.ndarray  # (7,) observed Monday..Sunday volume ÷ mean (1 when flat)
    notes: tuple[str, ...] = field(default=())  # how it was made, always shown
    warnings: tuple[str, ...] = field(default=())  # what to distrust

    def first(self, months: int) -> DailyForecast:
        """The first ``months`` months of this forecast (each month's band stands alone)."""
        end = pd.Timestamp(self.months[0] + "-01") + pd.DateOffset(months=months)
        return replace(
            self,
            months=self.months[:months],
            base=self.base[:months],
            low=self.low[:months],
            high=self.high[:months],
            daily=self.daily[self.daily.index < end],
        )

    @property
    def seasonal(self) -> bool:
        return self.method != "flat"

    def growth_text(self) -> str:
        """The growth the drawn base line shows, first to last month (empty for one month)."""
        if len(self.base) < 2 or self.base[0] <= 0:
            return ""
        ratio = self.base[-1] / self.base[0]
        per_month = ratio ** (1 / (len(self.base) - 1)) - 1
        return (
            f"base volume ×{ratio:.2f} from {self.months[0]} to {self.months[-1]} "
            f"({per_month * 100:+.1f} % a month on average)"
        )


def daily_series(frame: pd.DataFrame) -> pd.Series:
    """Total billed tokens per UTC day (all classes), days without traffic as 0."""
    day = frame[c.TIMESTAMP].dt.tz_convert("UTC").dt.tz_localize(None).dt.floor("D")
    total = sum(frame[col] for col in c.TOKEN_CLASSES)
    series = pd.Series(np.asarray(total, dtype=float), index=day).groupby(level=0).sum()
    full = pd.date_range(series.index.min(), series.index.max(), freq="D")
    return series.reindex(full, fill_value=0.0)


def _weekday_index(series: pd.Series) -> np.ndarray:
    y = series.to_numpy(dtype=float)
    weekday = series.index.day_of_week.to_numpy()
    means = np.array([y[weekday == d].mean() if (weekday == d).any() else 0.0 for d in range(7)])
    return means / means.mean() if means.mean() > 0 else np.ones(7)


def _fit_paths(y: np.ndarray, steps: int, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """ETS point forecast and simulated paths for ``steps`` days (scaled back to tokens)."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel  # ~1 s import: lazy

    scale = float(y.mean())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter: the fit is checked below
        model = ETSModel(
            y / scale,
            error="add",
            trend="add",
            damped_trend=True,
            seasonal="add",
            seasonal_periods=7,
        )
        fit = model.fit(disp=False)
        base = np.asarray(fit.forecast(steps), dtype=float) * scale
        paths = np.asarray(
            fit.simulate(
                steps, anchor="end", repetitions=PATHS, random_errors="bootstrap", rng=rng
            ),
            dtype=float,
        ).reshape(steps, PATHS)
    if not (np.isfinite(base).all() and np.isfinite(paths).all()):
        raise ArithmeticError("non-finite forecast")
    return base, paths * scale


def forecast_months(
    series: pd.Series, months: int, *, today: dt.date | None = None
) -> DailyForecast:
    """Project ``series`` (tokens per day) over ``months`` calendar months from today's."""
    today = today or today_utc()
    start = pd.Timestamp(today.year, today.month, 1)
    labels = [(start + pd.DateOffset(months=i)).strftime("%Y-%m") for i in range(months)]
    days = pd.date_range(start, start + pd.DateOffset(months=months) - pd.Timedelta(days=1))
    first, last = series.index.min(), series.index.max()
    n = len(series)
    notes: list[str] = []
    warned: list[str] = []
    if last < start - pd.Timedelta(days=1):
        notes.append(
            f"The log ends {last:%Y-%m-%d}; the projection starts in {labels[0]} (this month) "
            "with the log's pattern carried forward, not extrapolated across the gap."
        )
    # Whole weeks between the log's end and the start are skipped: weekdays stay aligned.
    gap = max((start - last).days - 1, 0)
    skip = gap // 7 * 7
    step = (days - last).days.to_numpy() - skip  # 1 = the first forecast day
    observed = step <= 0
    steps = max(int(step.max()), 1)
    y = series.to_numpy(dtype=float)
    method = "exponential smoothing"
    if n < MIN_DAYS or y.sum() <= 0:
        method = "flat"
        reason = (
            f"the log covers {n} day(s); a trend and weekly pattern need at least {MIN_DAYS}"
            if n < MIN_DAYS
            else "the log has no tokens"
        )
        notes.append(f"Projected flat at the log's average day: {reason}. Band ±50 %.")
    else:
        try:
            point, paths = _fit_paths(y, steps, np.random.default_rng(0))
        except (ArithmeticError, ValueError, np.linalg.LinAlgError) as exc:
            method = "flat"
            notes.append(f"Projected flat at the log's average day: the fit failed ({exc}).")
        else:
            notes.append(
                f"Exponential smoothing (damped trend, weekly pattern) fitted to {n} days; "
                f"band: {BAND_PERCENTILES[0]}th–{BAND_PERCENTILES[1]}th percentile of each "
                f"month's total over {PATHS} simulated paths."
            )
    if method == "flat":
        point = np.full(steps, y.mean() if n else 0.0)
        paths = None
    # Observed days of the window keep their volume; days before the log began (a log that
    # started this month) count as the average day.
    day_of = np.clip(step, 1, steps) - 1
    before = np.asarray(days < first)
    seen = series.reindex(days).fillna(0.0).to_numpy()
    fixed = np.where(before, y.mean(), seen)
    raw_base = np.where(observed, fixed, point[day_of])
    if (raw_base < 0).any():
        warned.append("the fitted trend goes below zero: those days are projected at zero")
    base_daily = np.maximum(raw_base, 0.0)
    month_of = (days.year - start.year) * 12 + days.month - start.month
    base = np.bincount(month_of, weights=base_daily, minlength=months)
    if paths is None:
        low, high = base * (1 - FLAT_BAND), base * (1 + FLAT_BAND)
    else:
        sim = np.where(observed[:, None], fixed[:, None], np.maximum(paths[day_of], 0.0))
        per_month = np.stack([sim[month_of == m].sum(axis=0) for m in range(months)])
        low, high = np.percentile(per_month, BAND_PERCENTILES, axis=1)
        low, high = np.minimum(low, base), np.maximum(high, base)
    if n < 28 and method != "flat":
        warned.append(f"only {n} days of history: treat the trend and the band as indicative")
    warned += _steep(series, base, labels)
    return DailyForecast(
        days=n,
        method=method,
        months=labels,
        base=base,
        low=low,
        high=high,
        daily=pd.Series(base_daily, index=days),
        weekday_index=_weekday_index(series) if method != "flat" else np.ones(7),
        notes=tuple(notes),
        warnings=tuple(warned),
    )


def _steep(series: pd.Series, base: np.ndarray, labels: list[str]) -> list[str]:
    """Say so when the base runs far from the log's recent monthly pace (up or down)."""
    recent = float(series.iloc[-28:].mean()) * DAYS_PER_MONTH
    if recent <= 0 or not len(base):
        return []
    ratios = base / recent
    out = []
    if (ratios < NEAR_ZERO_RATIO).any():
        m = labels[int(np.argmax(ratios < NEAR_ZERO_RATIO))]
        out.append(
            f"the fitted trend takes spend to near zero by {m} (under "
            f"{NEAR_ZERO_RATIO:.0%} of the log's recent monthly pace): a short decline may "
            "not continue"
        )
    if (ratios > STEEP_RATIO).any():
        m = labels[int(np.argmax(ratios > STEEP_RATIO))]
        out.append(
            f"the fitted trend takes volume above ×{STEEP_RATIO:g} the log's recent monthly "
            f"pace by {m}: short logs exaggerate trends"
        )
    return out
