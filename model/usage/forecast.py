"""Project a usage log forward: daily series → next N months with trend and weekly
seasonality, a low/base/high band, and what-if substitution (move a share of one model's
traffic to another model or to batch). The projection is a canonical frame of monthly
bucket rows, priced by the same engine as everything else.

Method (deliberately simple and explainable, ≥ 14 days of history): total daily tokens are
divided by a day-of-week index (mean of each weekday ÷ overall mean), a least-squares line
is fitted to the de-seasonalized series, and the band comes from the residuals' 10th and
90th percentiles as a ratio of the fitted level. Each (model, batch, long-context band)
keeps its share of the last 28 days' volume.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from model.engine import columns as c
from model.engine.frame import canonical_frame

MIN_DAYS = 7
KEYS = (c.MODEL, c.BATCH, c.LONG_CONTEXT, c.FREE)
SHARE_WINDOW_DAYS = 28
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Substitution:
    """Move ``share`` of ``source`` model's traffic to ``target`` (a model id, or "batch")."""

    source: str
    target: str
    share: float

    def __post_init__(self) -> None:
        if not 0 <= self.share <= 1:
            raise ValueError(f"substitution share must be within 0–1, got {self.share}")


@dataclass(frozen=True)
class Trend:
    """Fitted daily volume: level at the last observed day, slope per day, weekday index."""

    days: int
    level: float  # de-seasonalized total tokens per day at the last observed day
    slope: float  # tokens per day per day
    weekday_index: np.ndarray  # (7,) Monday..Sunday multipliers, mean 1
    low_ratio: float  # band: multiplier of the base at the 10th percentile of residuals
    high_ratio: float
    warnings: tuple[str, ...] = field(default=())

    @property
    def monthly_growth(self) -> float:
        """Implied month-over-month growth at the last observed level."""
        if self.level <= 0:
            return 0.0
        return self.slope * DAYS_PER_MONTH / self.level


def daily_series(frame: pd.DataFrame) -> pd.Series:
    """Total billed tokens per UTC day (all classes), days without traffic as 0."""
    day = frame[c.TIMESTAMP].dt.tz_convert("UTC").dt.floor("D")
    total = sum(frame[col] for col in c.TOKEN_CLASSES)
    series = pd.Series(total.to_numpy(), index=day).groupby(level=0).sum()
    full = pd.date_range(series.index.min(), series.index.max(), freq="D")
    return series.reindex(full, fill_value=0.0)


def fit_trend(series: pd.Series) -> Trend:
    """Trend and weekly seasonality of a daily series (see the module docstring)."""
    n = len(series)
    warnings: list[str] = []
    y = series.to_numpy(dtype=float)
    if n < MIN_DAYS:
        # Too short for a trend: carry the observed daily mean forward, with a wide band.
        return Trend(
            n,
            float(y.mean()) if n else 0.0,
            0.0,
            np.ones(7),
            0.5,
            1.5,
            (
                f"the log covers {n} day(s): projected flat at its daily average (a trend and "
                f"weekly pattern need at least {MIN_DAYS} days); band ±50 %",
            ),
        )
    weekday = series.index.day_of_week.to_numpy()
    if n >= 14 and y.mean() > 0:
        means = np.array(
            [y[weekday == d].mean() if (weekday == d).any() else y.mean() for d in range(7)]
        )
        index = means / means.mean() if means.mean() > 0 else np.ones(7)
        index = np.where(index > 0, index, 1.0)
    else:
        index = np.ones(7)
        warnings.append("less than 14 days of history: no weekly seasonality fitted")
    deseason = y / index[weekday]
    t = np.arange(n, dtype=float)
    slope, intercept = np.polyfit(t, deseason, 1) if n > 1 else (0.0, float(deseason[0]))
    fitted = intercept + slope * t
    level = float(max(fitted[-1], 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(fitted > 0, deseason / fitted, np.nan)
    ratio = ratio[np.isfinite(ratio)]
    low, high = np.percentile(ratio, [10, 90]) if len(ratio) >= 5 else (0.8, 1.2)
    if n < 28:
        warnings.append(f"only {n} days of history: treat the band as indicative")
    return Trend(
        n, level, float(slope), index, float(min(low, 1.0)), float(max(high, 1.0)), tuple(warnings)
    )


def _mix(frame: pd.DataFrame, thresholds: dict[str, float]) -> pd.DataFrame:
    """Per (model, batch, band): share of tokens per class and requests, per total token."""
    last = frame[c.TIMESTAMP].max()
    recent = frame[frame[c.TIMESTAMP] > last - pd.Timedelta(days=SHARE_WINDOW_DAYS)]
    prompt = sum(recent[col] for col in c.TOKEN_CLASSES[:4])
    threshold = recent[c.MODEL].astype(str).map(thresholds).fillna(np.inf).astype(float)
    bucket = recent[c.REQUESTS].fillna(0) != 1
    band = np.where(
        bucket,
        recent[c.LONG_CONTEXT].fillna(False).astype(bool),
        prompt.to_numpy() > threshold.to_numpy(),
    )
    keys = pd.DataFrame(
        {
            c.MODEL: recent[c.MODEL].astype(str),
            c.BATCH: recent[c.BATCH],
            c.LONG_CONTEXT: band,
            c.FREE: recent[c.FREE],
        }
    )
    cols = [*c.TOKEN_CLASSES, c.REQUESTS]
    values = recent[cols].astype(float).fillna(0.0)
    grouped = pd.concat([keys, values], axis=1).groupby(list(KEYS))[cols].sum()
    total = float(grouped[list(c.TOKEN_CLASSES)].to_numpy().sum())
    return grouped / total if total > 0 else grouped * 0.0


def substitute(mix: pd.DataFrame, subs: list[Substitution]) -> pd.DataFrame:
    """Apply what-ifs to a mix: tokens move as they are (same per-request shape)."""
    mix = mix.copy()
    for s in subs:
        src = (
            mix.xs(s.source, level=c.MODEL, drop_level=False)
            if s.source in mix.index.get_level_values(c.MODEL)
            else None
        )
        if src is None or not s.share:
            continue
        moved = src * s.share
        mix.loc[src.index] = src * (1 - s.share)
        if s.target == "batch":
            moved.index = pd.MultiIndex.from_tuples(
                [(m, True, lc, fr) for m, _, lc, fr in moved.index], names=mix.index.names
            )
        else:  # a free variant moved to another model is no longer free
            moved.index = pd.MultiIndex.from_tuples(
                [(s.target, b, lc, False) for _, b, lc, _ in moved.index], names=mix.index.names
            )
        mix = pd.concat([mix, moved]).groupby(level=list(range(len(KEYS)))).sum()
    return mix


@dataclass(frozen=True)
class LogProjection:
    """Monthly bucket frames (low, base, high) for the months after the log."""

    trend: Trend
    months: list[str]
    frames: dict[str, pd.DataFrame]  # "low" | "base" | "high" → canonical bucket rows


def project_log(
    frame: pd.DataFrame,
    *,
    months: int = 6,
    thresholds: dict[str, float] | None = None,
    substitutions: list[Substitution] | None = None,
) -> LogProjection:
    """Project the log's volume ``months`` calendar months past its last day."""
    if not 1 <= months <= 36:
        raise ValueError("months must be between 1 and 36")
    series = daily_series(frame)
    trend = fit_trend(series)
    mix = substitute(_mix(frame, thresholds or {}), substitutions or [])
    last_day = series.index.max()
    start = (last_day + pd.offsets.MonthBegin(1)).normalize()
    labels, volumes = [], []
    for i in range(months):
        first = start + pd.DateOffset(months=i)
        days = pd.date_range(first, first + pd.offsets.MonthEnd(0), freq="D")
        ahead = (days - last_day).days.to_numpy(dtype=float)
        daily = (
            np.maximum(trend.level + trend.slope * ahead, 0.0)
            * trend.weekday_index[days.day_of_week.to_numpy()]
        )
        labels.append(first.strftime("%Y-%m"))
        volumes.append(float(daily.sum()))
    frames = {}
    for name, ratio in (("low", trend.low_ratio), ("base", 1.0), ("high", trend.high_ratio)):
        rows = []
        for label, volume in zip(labels, volumes, strict=True):
            for (model_id, batch, band, free), shares in mix.iterrows():
                scaled = shares * volume * ratio
                rows.append(
                    {
                        c.TIMESTAMP: f"{label}-01T00:00:00Z",
                        c.MODEL: model_id,
                        c.MODEL_RAW: model_id,
                        c.BATCH: bool(batch),
                        c.LONG_CONTEXT: bool(band),
                        c.FREE: bool(free),
                        **{col: float(scaled[col]) for col in c.TOKEN_CLASSES},
                        c.REQUESTS: float(scaled[c.REQUESTS]),
                    }
                )
        frames[name] = canonical_frame(pd.DataFrame(rows))
    return LogProjection(trend, labels, frames)
