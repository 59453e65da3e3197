"""Cost-only exports and several files read together (issue 8 item 4).

A cost export (OpenAI's cost CSV, Anthropic Console's cost download, OpenAI's Costs API)
says what was billed per day — and per model or line item when grouped — but carries no
token counts, so it cannot be re-priced. On its own it is shown for what it is: the bill by
day and model, and what it lacks. Next to the usage export of the same period it becomes
the reference: what was billed against what the same usage costs at list prices, over the
days both files cover. That gap is the finding (credits, tools, line items a usage export
does not carry, other projects, or prices that changed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.engine import columns as c
from model.engine.costing import Costing
from model.usage.readers.base import UsageRead
from model.usage.reconcile import billing_kind

LACKS = (
    "A cost export carries what was billed per day (and per model or line item when "
    "grouped) but no token counts, so it cannot be re-priced under another option. Upload "
    "the usage export of the same period together with it to see the bill against the "
    "same usage re-priced."
)


def is_cost_only(read: UsageRead) -> bool:
    """True for a file that reports cost but has no tokens at all (a cost export)."""
    frame = read.frame
    if not len(frame) or frame[c.REPORTED_COST].isna().all():
        return False
    return not any(float(frame[col].abs().sum()) for col in c.TOKEN_CLASSES)


def combine_reads(reads: Sequence[tuple[str, UsageRead]]) -> UsageRead:
    """Several usage files as one log: rows appended, warnings named by file."""
    if len(reads) == 1:
        return reads[0][1]
    frame = pd.concat([r.frame for _, r in reads], ignore_index=True)
    formats = list(dict.fromkeys(r.format for _, r in reads))
    zones = list(dict.fromkeys(r.timezone_assumed for _, r in reads))
    return UsageRead(
        frame=frame,
        format=formats[0] if len(formats) == 1 else " + ".join(formats),
        rows=sum(r.rows for _, r in reads),
        warnings=tuple(f"{name}: {w}" for name, r in reads for w in r.warnings),
        dropped_rows=sum(r.dropped_rows for _, r in reads),
        timezone_assumed="; ".join(zones),
    )


def _days(frame: pd.DataFrame) -> pd.Series:
    return frame[c.TIMESTAMP].dt.tz_convert("UTC").dt.strftime("%Y-%m-%d")


def billed_by_day_and_model(frame: pd.DataFrame) -> pd.DataFrame:
    """What a cost export billed: one row per day and model (or line item), in USD."""
    table = pd.DataFrame(
        {
            "day": _days(frame).to_numpy(),
            "model": frame[c.MODEL_RAW].astype(str).to_numpy(),
            "billed_usd": frame[c.REPORTED_COST].to_numpy(dtype=float, na_value=np.nan),
        }
    )
    grouped = table.groupby(["day", "model"], sort=True)["billed_usd"].sum(min_count=1)
    return grouped.reset_index()


def billed_by_day(frame: pd.DataFrame) -> pd.DataFrame:
    """Billed USD per day, days without a row included as 0 (a gap is a finding)."""
    table = billed_by_day_and_model(frame).groupby("day")["billed_usd"].sum()
    full = pd.date_range(table.index.min(), table.index.max(), freq="D").strftime("%Y-%m-%d")
    return table.reindex(full, fill_value=0.0).rename_axis("day").reset_index()


@dataclass(frozen=True)
class BillAgainstUsage:
    """The bill of the cost files against the usage re-priced, over the days both cover."""

    option_id: str  # the option whose prices match the bill (the vendor: direct)
    start: str
    end: str
    table: pd.DataFrame  # day, billed_usd, repriced_usd, diff_usd
    unpriced_rows: int  # usage rows in the window no option could price (not in repriced)

    @property
    def days(self) -> int:
        return len(self.table)

    @property
    def billed_usd(self) -> float:
        return float(self.table["billed_usd"].sum())

    @property
    def repriced_usd(self) -> float:
        return float(self.table["repriced_usd"].sum())

    @property
    def gap_usd(self) -> float:
        return self.billed_usd - self.repriced_usd


def bill_against_usage(costing: Costing, bills: Sequence[UsageRead]) -> BillAgainstUsage | None:
    """Compare the cost files' bill with the usage re-priced, day by day, over the days
    both cover and the vendors the bill covers. None when they share no day."""
    billed = pd.concat([b.frame for b in bills], ignore_index=True)
    usage = costing.frame
    if not len(billed) or not len(usage):
        return None
    start = max(billed[c.TIMESTAMP].min(), usage[c.TIMESTAMP].min()).floor("D")
    end = min(billed[c.TIMESTAMP].max(), usage[c.TIMESTAMP].max()).floor("D")
    if start > end:
        return None
    option_id = next(
        (o.id for o in costing.options if o.kind == billing_kind(bills[0].format)),
        costing.options[0].id,
    )
    vendors = set(billed[c.PROVIDER].dropna().astype(str))
    in_window = (usage[c.TIMESTAMP] >= start) & (usage[c.TIMESTAMP] < end + pd.Timedelta(days=1))
    same_vendor = usage[c.PROVIDER].astype(str).isin(vendors) if vendors else True
    rows = np.asarray(in_window & same_vendor, dtype=bool)
    cost = np.nan_to_num(costing.option(option_id).token_cost)
    repriced = pd.Series(cost[rows], index=_days(usage)[rows].to_numpy()).groupby(level=0).sum()
    bill_rows = (billed[c.TIMESTAMP] >= start) & (billed[c.TIMESTAMP] < end + pd.Timedelta(days=1))
    bill = billed_by_day(billed[bill_rows.to_numpy()]).set_index("day")["billed_usd"]
    days = pd.date_range(start, end, freq="D").strftime("%Y-%m-%d")
    table = pd.DataFrame(
        {
            "day": days,
            "billed_usd": bill.reindex(days, fill_value=0.0).to_numpy(),
            "repriced_usd": repriced.reindex(days, fill_value=0.0).to_numpy(),
        }
    )
    table["diff_usd"] = table["billed_usd"] - table["repriced_usd"]
    return BillAgainstUsage(
        option_id=option_id,
        start=str(days[0]),
        end=str(days[-1]),
        table=table,
        unpriced_rows=int(np.count_nonzero(rows & ~costing.priced)),
    )
