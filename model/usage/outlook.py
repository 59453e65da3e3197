"""The outlook of a usage log: its projected monthly volume (:mod:`model.usage.forecast`)
split by its recent model mix, with what-if substitutions (move a share of one model's
traffic to another model or to batch), as canonical monthly bucket rows that the same
engine prices as everything else.

Each (model, batch, long-context band, free) keeps its share of the last
``SHARE_WINDOW_DAYS`` (28) days of tokens: the recent mix, not the whole log's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.engine import columns as c
from model.engine.frame import canonical_frame
from model.usage.forecast import DailyForecast, daily_series, forecast_months

KEYS = (c.MODEL, c.BATCH, c.LONG_CONTEXT, c.FREE)
SHARE_WINDOW_DAYS = 28


@dataclass(frozen=True)
class Substitution:
    """Move ``share`` of ``source`` model's traffic to ``target`` (a model id, or "batch")."""

    source: str
    target: str
    share: float

    def __post_init__(self) -> None:
        if not 0 <= self.share <= 1:
            raise ValueError(f"substitution share must be within 0–1, got {self.share}")


def recent_mix(frame: pd.DataFrame, thresholds: dict[str, float]) -> pd.DataFrame:
    """Per (model, batch, band, free): share of tokens per class and requests, per total
    token, over the last ``SHARE_WINDOW_DAYS`` days of the log."""
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
    """Monthly bucket frames (low, base, high) from the current month on."""

    forecast: DailyForecast
    months: list[str]
    frames: dict[str, pd.DataFrame]  # "low" | "base" | "high" → canonical bucket rows


def project_log(
    frame: pd.DataFrame,
    *,
    months: int = 6,
    thresholds: dict[str, float] | None = None,
    substitutions: list[Substitution] | None = None,
    today: dt.date | None = None,
    forecast: DailyForecast | None = None,
) -> LogProjection:
    """Project the log's volume over ``months`` calendar months from today's, split by its
    recent mix. ``forecast`` reuses a fit of at least ``months`` months (a what-if changes
    the mix, not the volume; a shorter horizon is the first months of a longer one)."""
    if not 1 <= months <= 36:
        raise ValueError("months must be between 1 and 36")
    if forecast is None or len(forecast.months) < months:
        forecast = forecast_months(daily_series(frame), months, today=today)
    forecast = forecast.first(months)
    mix = substitute(recent_mix(frame, thresholds or {}), substitutions or [])
    frames = {}
    for name in ("low", "base", "high"):
        volumes = getattr(forecast, name)
        rows = []
        for label, volume in zip(forecast.months, volumes, strict=True):
            for (model_id, batch, band, free), shares in mix.iterrows():
                scaled = shares * float(volume)
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
    return LogProjection(forecast, forecast.months, frames)
