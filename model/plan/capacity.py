"""Capacity check — the 429 argument, quantified: does a projected workload fit a NEW direct
account at each vendor, which tier it needs, how long reaching that tier takes, and which
months a new account would be capped (spend cap) or throttled (rate limits at peak).

Tier data is dated and sourced (``data/capacity/ratelimits.yaml``), validated here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from model.engine import columns as c
from model.plan.projection import Projection

MINUTES_PER_DAY = 24 * 60


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    url: str = Field(min_length=1)
    checked: dt.date


class Tier(_Strict):
    """One rate-limit tier. ``cap``: ``hard`` (a monthly spend cap), ``none`` or ``unknown``."""

    id: str
    name: str
    cap: Literal["hard", "none", "unknown"]
    monthly_cap_usd: float | None = Field(default=None, ge=0)
    qualify_paid_usd: float | None = Field(default=None, ge=0)
    qualify_days: int | None = Field(default=None, ge=0)
    rpm: float | None = Field(default=None, gt=0)
    itpm: float | None = Field(default=None, gt=0)
    otpm: float | None = Field(default=None, gt=0)
    spend_per_10min_usd: float | None = Field(default=None, gt=0)
    note: str = ""
    source: Source

    @property
    def reachable(self) -> bool:
        """Reached by paying and waiting (not by a sales agreement)."""
        return self.qualify_paid_usd is not None and self.qualify_days is not None


class VendorLimits(_Strict):
    vendor: str
    name: str
    entry_tier: str
    scheme_note: str = ""
    tiers: tuple[Tier, ...] = Field(min_length=1)

    def tier(self, tier_id: str) -> Tier:
        return next(t for t in self.tiers if t.id == tier_id)


class AggregatorLimits(_Strict):
    option: str
    name: str
    platform_cap: Literal["none", "hard", "unknown"]
    note: str
    source: Source


class RateLimits(_Strict):
    checked: dt.date
    vendors: tuple[VendorLimits, ...]
    aggregators: tuple[AggregatorLimits, ...] = ()

    def vendor(self, vendor: str) -> VendorLimits | None:
        return next((v for v in self.vendors if v.vendor == vendor), None)


def load_ratelimits(path: Path) -> RateLimits:
    """Read and validate the tier file; errors name the file and the key."""
    try:
        return RateLimits.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ValueError(f"{path}: file not found") from None
    except ValidationError as exc:
        where = "; ".join(
            ".".join(str(x) for x in e["loc"]) + f": {e['msg']}" for e in exc.errors()
        )
        raise ValueError(f"{path}: {where}") from None


# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VendorCapacity:
    vendor: str
    name: str
    entry_tier: str
    fits_new_account: bool  # every month fits the entry tier (cap and known rate limits)
    required_tier: str | None  # lowest tier whose cap and limits fit the peak month
    reach_days_prepaid: int | None  # earliest day in that tier if you prepay its threshold
    reach_days_organic: int | None  # day the simulation (paying as you go) gets there
    #: One row per month, the single source of the page's sentence and its chart: month,
    #: start, need_usd, served_usd, unmet_usd, tier_at_start, tier (at month end), moved_up_day
    #: (day of the month at whose end it reached ``tier``; 0: no move), cap_usd (of ``tier``),
    #: status, capped_days, throttled_days, peak_rpm, peak_itpm, peak_otpm, peak_spend_10min_usd.
    months: pd.DataFrame
    notes: tuple[str, ...]
    sources: tuple[Source, ...]
    tiers: tuple[Tier, ...] = ()

    @property
    def problems(self) -> pd.DataFrame:
        """Months a new account paying as it goes would not serve in full."""
        return self.months[self.months["status"].isin(["capped", "throttled"])]

    def tier_named(self, name: str) -> Tier | None:
        return next((t for t in self.tiers if t.name == name), None)


def describe_tier(tier: Tier, *, reach: bool = True) -> str:
    """What a tier name means, for the sentence it appears in: ``Start ($500/month cap;
    reached after $40 paid)`` (without how it is reached when ``reach`` is false)."""
    cap = {
        "hard": f"${tier.monthly_cap_usd:,.0f}/month cap" if tier.monthly_cap_usd else "capped",
        "none": "no monthly cap",
        "unknown": "cap not published",
    }[tier.cap]
    if not reach:
        return f"{tier.name} ({cap})"
    if tier.qualify_paid_usd is None:
        how = "by agreement with sales"
    elif not tier.qualify_paid_usd and not tier.qualify_days:
        how = "where a new account starts"
    else:
        days = f" and {tier.qualify_days} days" if tier.qualify_days else ""
        how = f"reached after ${tier.qualify_paid_usd:,.0f} paid{days}"
    return f"{tier.name} ({cap}; {how})"


def _vendor_frames(projection: Projection) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Direct spend per vendor per month, and its rows (for rates)."""
    direct = next(o for o in projection.costing.options if o.kind == "direct")
    frame = projection.costing.frame
    providers = frame[c.PROVIDER].astype(str).to_numpy()
    n = projection.scenario.horizon_months
    out = {}
    for vendor in sorted(set(providers)):
        sel = providers == vendor
        cost = np.where(sel, np.nan_to_num(direct.token_cost), 0.0)
        out[vendor] = (np.bincount(projection.month_index, cost, minlength=n), sel)
    return out


def peak_rates(projection: Projection, sel: np.ndarray, peak: float) -> pd.DataFrame:
    """Peak requests and tokens per minute per month of a vendor's rows (``sel``)."""
    frame = projection.costing.frame
    days = projection.scenario.days_per_month
    n = projection.scenario.horizon_months
    minutes = days * MINUTES_PER_DAY

    def per_min(values: np.ndarray) -> np.ndarray:
        return np.bincount(projection.month_index, np.where(sel, values, 0.0), n) / minutes * peak

    col = {k: frame[k].to_numpy(dtype=float) for k in (*c.TOKEN_CLASSES, c.REQUESTS)}
    return pd.DataFrame(
        {
            "rpm": per_min(col[c.REQUESTS]),
            # Anthropic's ITPM counts uncached input and cache writes, not cache reads.
            "itpm": per_min(col[c.INPUT] + col[c.CACHE_WRITE_5M] + col[c.CACHE_WRITE_1H]),
            "otpm": per_min(col[c.OUTPUT]),
        }
    )


def _rate_problem(tier: Tier, rate: pd.Series, spend_10min: float) -> str | None:
    """The first rate limit of ``tier`` the month's peak minute exceeds (None: fits)."""
    for key in ("rpm", "itpm", "otpm"):
        limit = getattr(tier, key)
        if limit is not None and rate[key] > limit:
            return key
    if tier.spend_per_10min_usd is not None and spend_10min > tier.spend_per_10min_usd:
        return "spend_per_10min_usd"
    return None


def _fits(tier: Tier, need: float, rate: pd.Series, spend_10min: float) -> bool:
    """Whether a whole month fits ``tier`` (its cap and its rate limits)."""
    if tier.cap == "hard" and tier.monthly_cap_usd is not None and need > tier.monthly_cap_usd:
        return False
    return _rate_problem(tier, rate, spend_10min) is None


@dataclass
class _Month:
    tier_at_start: str
    tier: str = ""
    moved_up_day: int = 0
    capped_days: int = 0
    throttled_days: int = 0
    unmet_usd: float = 0.0


def _simulate(
    limits: VendorLimits,
    need: np.ndarray,
    days_per_month: float,
    rates: pd.DataFrame,
    spend_10min: np.ndarray,
) -> tuple[list[_Month], dict[str, int]]:
    """A new account paying as it goes, day by day: the tier it is in each day, the days its
    cap stops it (unmet spend) or its rate limits throttle the month's peak, and the first
    day it reached each tier. Upgrades need the tier's cumulative paid amount and days since
    the first payment (day 0); a higher tier's cap applies to the rest of the month."""
    tiers = [t for t in limits.tiers if t.reachable]
    current = limits.tier(limits.entry_tier)
    reached = {current.id: 0}
    paid, day = 0.0, 0
    out = []
    per_month_days = round(days_per_month)
    for m, month_need in enumerate(need):
        month = _Month(current.name)
        spent, daily = 0.0, month_need / per_month_days
        for d in range(per_month_days):
            if _rate_problem(current, rates.iloc[m], float(spend_10min[m])):
                month.throttled_days += 1
            cap = current.monthly_cap_usd if current.cap == "hard" else None
            room = daily if cap is None else max(min(daily, cap - spent), 0.0)
            if room < daily - 1e-9:
                month.capped_days += 1
                month.unmet_usd += daily - room
            spent += room
            paid += room
            day += 1
            for t in tiers:
                if t.id not in reached and paid >= t.qualify_paid_usd and day >= t.qualify_days:
                    reached[t.id] = day
            best = max(
                (t for t in tiers if t.id in reached),
                key=lambda t: t.qualify_paid_usd or 0,
                default=current,
            )
            if (best.qualify_paid_usd or 0) > (current.qualify_paid_usd or 0):
                current = best
                month.moved_up_day = d + 1  # reached at the end of this day of the month
        month.tier = current.name
        out.append(month)
    return out, reached


def check_capacity(
    projection: Projection, limits: RateLimits, peak_factor: float = 3.0
) -> list[VendorCapacity]:
    """Capacity of new direct accounts for every vendor the scenario uses."""
    out = []
    labels = projection.month_labels
    dpm = projection.scenario.days_per_month
    for vendor, (need, sel) in _vendor_frames(projection).items():
        vl = limits.vendor(vendor)
        if vl is None:
            continue
        rates = peak_rates(projection, sel, peak_factor)
        spend_10min = need / (dpm * 144) * peak_factor
        months, reached = _simulate(vl, need, dpm, rates, spend_10min)
        by_name = {t.name: t for t in vl.tiers}
        rows = []
        for m, sim in enumerate(months):
            tier = by_name[sim.tier]
            # One verdict per month, from the day-by-day simulation: the sentence, the table
            # and the chart all read this row.
            if sim.capped_days:
                status = "capped"
            elif sim.throttled_days:
                status = "throttled"
            else:
                status = "unknown cap" if tier.cap == "unknown" else "fits"
            rows.append(
                {
                    "month": m + 1,
                    "start": labels[m],
                    "need_usd": float(need[m]),
                    "served_usd": float(need[m] - sim.unmet_usd),
                    "unmet_usd": float(sim.unmet_usd),
                    "tier_at_start": sim.tier_at_start,
                    "tier": sim.tier,
                    "moved_up_day": sim.moved_up_day,
                    "cap_usd": tier.monthly_cap_usd if tier.cap == "hard" else np.nan,
                    "status": status,
                    "capped_days": sim.capped_days,
                    "throttled_days": sim.throttled_days,
                    "peak_rpm": float(rates["rpm"].iloc[m]),
                    "peak_itpm": float(rates["itpm"].iloc[m]),
                    "peak_otpm": float(rates["otpm"].iloc[m]),
                    "peak_spend_10min_usd": float(spend_10min[m]),
                }
            )
        peak_m = int(np.argmax(need)) if len(need) else 0
        entry = vl.tier(vl.entry_tier)
        fits_new = all(
            _fits(entry, float(need[m]), rates.iloc[m], float(spend_10min[m]))
            for m in range(len(need))
        )
        required = next(
            (
                t
                for t in vl.tiers
                if t.cap != "unknown"
                and _fits(t, float(need[peak_m]), rates.iloc[peak_m], float(spend_10min[peak_m]))
            ),
            None,
        )
        notes = [vl.scheme_note] + [t.note for t in vl.tiers if t.note]
        out.append(
            VendorCapacity(
                vendor=vendor,
                name=vl.name,
                entry_tier=entry.name,
                fits_new_account=fits_new,
                required_tier=required.name if required else None,
                reach_days_prepaid=(
                    required.qualify_days if required and required.reachable else None
                ),
                reach_days_organic=reached.get(required.id) if required else None,
                months=pd.DataFrame(rows),
                notes=tuple(n for n in notes if n),
                sources=tuple(dict.fromkeys(t.source for t in vl.tiers)),
                tiers=vl.tiers,
            )
        )
    return out


def capped_months(result: list[VendorCapacity]) -> pd.DataFrame:
    """One row per (vendor, month) that a new direct account would not serve in full."""
    frames = [v.problems.assign(vendor=v.name) for v in result]
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


@dataclass(frozen=True)
class Shortfall:
    """What new direct accounts would not serve over the horizon (for the headline)."""

    vendors: tuple[str, ...]
    capped_days: int
    throttled_days: int
    unmet_usd: float
    months: tuple[str, ...]


def shortfall(result: list[VendorCapacity]) -> Shortfall | None:
    """Capped or throttled days summed over vendors; None when every month is served."""
    problems = capped_months(result)
    if problems.empty:
        return None
    return Shortfall(
        vendors=tuple(dict.fromkeys(problems["vendor"])),
        capped_days=int(problems["capped_days"].sum()),
        throttled_days=int(problems["throttled_days"].sum()),
        unmet_usd=float(problems["unmet_usd"].sum()),
        months=tuple(dict.fromkeys(problems["start"])),
    )
