"""Tables and sentences the upload page shows about a re-priced log. Pure (no streamlit):
data in, small DataFrames and strings out, so the page stays a list of calls and the
numbers it shows are testable without a browser.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from model.display import money
from model.engine import columns as c
from model.engine.adjustments import OptionAssumptions
from model.engine.comparable import comparable
from model.engine.costing import Costing, cost_usage
from model.usage.outlook import LogProjection
from model.usage.readers.base import UsageRead
from model.usage.reconcile import Reconciliation
from pricing.specs import BY_DATE
from pricing.versions import PriceBook


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def understood(read: UsageRead, costing: Costing) -> list[tuple[str, str]]:
    """What the reader and the name mapping made of the file, as (label, text) pairs."""
    frame = costing.frame
    ts = frame[c.TIMESTAMP]
    period = (
        f"{ts.min():%Y-%m-%d %H:%M} → {ts.max():%Y-%m-%d %H:%M} UTC "
        f"({_plural(calendar_days(ts), 'calendar day')})"
        if len(ts)
        else "—"
    )
    requests = frame[c.REQUESTS]
    unpriced_rows = sum(costing.unpriced.values())
    reported = frame[c.REPORTED_COST]
    billed = (
        [("Reported cost", f"{money(reported.sum())} (what the export says was charged)")]
        if reported.notna().any()
        else []
    )
    return [
        ("Format", read.format),
        ("Rows read", f"{read.rows:,}"),
        (
            "Rows left out",
            f"{read.dropped_rows:,} (impossible or missing values; reasons under Assumptions)"
            if read.dropped_rows
            else "none",
        ),
        ("Requests", "not in this export" if requests.isna().all() else f"{requests.sum():,.0f}"),
        ("Period", period),
        ("Time zone assumed", read.timezone_assumed),
        (
            "Models",
            f"{_priced_models(costing):,} priced · {len(costing.unpriced):,} unknown "
            f"({_plural(unpriced_rows, 'row')} in no total)",
        ),
        *billed,
    ]


def calendar_days(stamps: pd.Series) -> int:
    """UTC calendar days from the first row's to the last row's, both included (the same
    count as the projection's daily series: 27 Mar 08:52 → 28 Mar 17:05 is 2 days)."""
    days = stamps.dt.tz_convert("UTC").dt.floor("D")
    return int((days.max() - days.min()).days) + 1


def _priced_models(costing: Costing) -> int:
    lay = costing.layout
    return int(np.unique(lay.name_code[costing.priced]).size)


def priced_models(costing: Costing) -> list[str]:
    """Canonical ids of the models some option priced, sorted (for the what-if pickers)."""
    lay = costing.layout
    codes = np.unique(lay.name_code[costing.priced & (lay.name_code >= 0)])
    return sorted(str(lay.names[i]) for i in codes)


def model_mapping(costing: Costing) -> pd.DataFrame:
    """Raw model name → canonical id, with row counts and whether any option prices it.

    Works on integer codes (a million rows have a few dozen names): grouping the string
    columns themselves costs seconds per rerun.
    """
    frame = costing.frame
    raw_codes, raw_names = pd.factorize(frame[c.MODEL_RAW], use_na_sentinel=False)
    rows = np.bincount(raw_codes, minlength=len(raw_names))
    priced = np.bincount(raw_codes, weights=costing.priced, minlength=len(raw_names)) > 0
    # The canonical name is a function of the raw one: read it at each name's first row.
    first = np.full(len(raw_names), len(raw_codes), dtype=np.int64)
    np.minimum.at(first, raw_codes, np.arange(len(raw_codes)))
    model = frame[c.MODEL].iloc[first]
    out = pd.DataFrame(
        {
            "model_raw": [("(none)" if pd.isna(n) else str(n)) for n in raw_names],
            "model": [("(none)" if pd.isna(m) else str(m)) for m in model],
            "rows": rows,
            "priced": priced,
        }
    )
    out = out.sort_values(["priced", "rows"], ascending=[True, False], kind="stable")
    return out.reset_index(drop=True)


def breakdown(costing: Costing, by: str = "model") -> pd.DataFrame:
    """Token cost per option by ``model``, ``day`` or ``month``: the numbers of
    :func:`model.usage.reconcile.cost_table`, computed on integer codes with ``np.bincount``
    (cost_table groups strings, ~2 s per table on a million rows, on every rerun).
    NaN where an option prices none of the group's rows (it does not sell the model).
    """
    known = costing.priced
    frame = costing.frame
    if by == "model":
        lay = costing.layout
        codes = lay.name_code[known]
        labels = [str(n) for n in lay.names]
    elif by in ("day", "month"):
        unit = "D" if by == "day" else "M"
        stamps = (
            frame[c.TIMESTAMP].to_numpy(dtype="datetime64[ns]")[known].astype(f"datetime64[{unit}]")
        )
        ordinal = stamps.astype(np.int64)
        first = int(ordinal.min()) if len(ordinal) else 0
        codes = ordinal - first
        span = int(codes.max()) + 1 if len(codes) else 0
        labels = [str(np.datetime64(first + k, unit)) for k in range(span)]
    else:
        raise ValueError(f"unknown breakdown {by!r}: use model, day or month")
    size = len(labels)
    present = np.bincount(codes, minlength=size) > 0
    data = {}
    for o in costing.options:
        cost = o.token_cost[known]
        sold = ~np.isnan(cost)
        total = np.bincount(codes, weights=np.where(sold, cost, 0.0), minlength=size)
        any_sold = np.bincount(codes, weights=sold, minlength=size) > 0
        data[o.id] = np.where(any_sold, total, np.nan)[present]
    index = pd.Index(np.asarray(labels, dtype=object)[present], name=by)
    table = pd.DataFrame(data, index=index)
    return table.sort_index() if by == "model" else table


def unmapped_text(unpriced: Mapping[str, int]) -> str:
    """``acme-omni-7 (3 rows), foo (1 row)`` — largest first."""
    items = sorted(unpriced.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{name} ({_plural(n, 'row')})" for name, n in items)


def cheapest_option(costing: Costing) -> str | None:
    """The cheapest option on the rows every option prices (None when there are none)."""
    return comparable(costing).cheapest


def cheapest_sentence(costing: Costing) -> str:
    """The headline verdict, like with like: the cheapest option on the rows every option
    prices and by how much, then the rows outside the comparison and what they cost where
    they are sold. Our own markdown: model names never appear in it."""
    cmp = comparable(costing)
    names = {o.id: o.option.name for o in costing.options}
    ranked = cmp.ranked()
    if not ranked:
        return (
            "No row is priced by every option, so no option is called cheapest: each "
            "total below covers different rows."
        )
    best, rest = ranked[0], ranked[1:]
    text = (
        f"Cheapest on the {_plural(cmp.rows, 'row')} every option prices: "
        f"**{names[best.id]}** at **{money(best.total_usd, small=True)}**"
    )
    if rest:
        runner = rest[0]
        text += (
            f", {money(runner.total_usd - best.total_usd, small=True)} less than "
            f"{names[runner.id]} ({money(runner.total_usd, small=True)})"
        )
    text += "".join(f"; {names[o.id]} {money(o.total_usd, small=True)}" for o in rest[1:]) + "."
    if cmp.left_out_rows:
        models = len(cmp.left_out_models)
        sold = "; ".join(
            f"{names[x.id]} charges {money(x.token_cost_usd, small=True)} for "
            f"{_plural(x.rows, 'row')}"
            for x in cmp.left_out
        )
        text += (
            f" {_plural(cmp.left_out_rows, 'row')} of {_plural(models, 'model')} not every "
            "option sells are outside this comparison" + (f": {sold}." if sold else ".")
        )
    return text


def options_table(costing: Costing) -> pd.DataFrame:
    """One row per option: its total on the rows every option prices (``same_rows_usd``) and
    its rank there, then token cost, discount, fees and total over every row it can price,
    and the rows it cannot. A lower total over fewer rows is not cheaper: the rank comes
    from the same rows."""
    cmp = comparable(costing)
    rank = {o.id: i + 1 for i, o in enumerate(cmp.ranked())}
    same = {o.id: o.total_usd for o in cmp.options} if cmp.rows else {}
    rows = []
    for o in costing.options:
        missing = sum(o.unpriced.values())
        rows.append(
            {
                "option": o.option.name,
                "id": o.id,
                "kind": o.kind,
                "example": bool(o.option.example),
                "token_cost_usd": o.token_cost_usd,
                "discount_usd": o.discount_usd,
                "fees_usd": o.fees_usd,
                "total_usd": o.total_usd,
                "rows_not_priced": missing,
                "same_rows_usd": same.get(o.id, np.nan),
                "rank": rank.get(o.id, 0),
            }
        )
    return pd.DataFrame(rows)


def compare_views(by_date: Costing, latest: Costing) -> pd.DataFrame:
    """Per option: total priced by the version in force on each row's date vs today's."""
    rows = []
    for a in by_date.options:
        b = next((o for o in latest.options if o.id == a.id), None)
        today = b.total_usd if b is not None else np.nan
        rows.append(
            {
                "option": a.option.name,
                "by_date_usd": a.total_usd,
                "latest_usd": today,
                "change_pct": (today - a.total_usd) / a.total_usd * 100 if a.total_usd else np.nan,
            }
        )
    return pd.DataFrame(rows)


def versions_text(costing: Costing, book: PriceBook) -> str:
    """``2026-08-22 (in force from 22 Aug 2026)`` for each version that priced a row."""
    parts = []
    for v in costing.versions_used:
        cat = book.get(v)
        parts.append(f"{v} (in force from {cat.effective_from:%d %b %Y})")
    return ", ".join(parts) or "none (no row could be priced)"


def reconciliation_sentence(rec: Reconciliation, option_name: str) -> str:
    """``Computed $4.39 through OpenRouter vs billed $4.39 (+0.0004 %).``"""
    pct = rec.diff_pct
    diff = "n/a" if pct is None else f"{pct:+.2f} %" if abs(pct) >= 0.01 else f"{pct:+.4f} %"
    return (
        f"Computed **{money(rec.computed_usd)}** through {option_name} vs billed "
        f"**{money(rec.reported_usd)}** ({diff}); "
        f"{_plural(len(rec.flagged), 'model-day')} of {len(rec.table):,} beyond tolerance."
    )


def projection_bands(
    projection: LogProjection,
    book: PriceBook,
    assumptions: Mapping[str, OptionAssumptions] | None,
) -> pd.DataFrame:
    """Monthly total per option for the low, base and high projections, each month priced by
    the version in force in that month (so a scheduled price change applies when it starts).

    Columns ``option``, ``month``, ``low``, ``base``, ``high`` (the shape
    :func:`model.plan.charts.range_band` draws), months in order within each option.
    """
    totals: dict[str, dict[str, np.ndarray]] = {}
    names: dict[str, str] = {}
    for band, frame in projection.frames.items():
        if frame.empty:
            continue
        costing = cost_usage(frame, book, pricing=BY_DATE, assumptions=assumptions)
        index = {m: i for i, m in enumerate(costing.months)}
        for o in costing.options:
            names[o.id] = o.id
            monthly = o.monthly_total
            totals.setdefault(o.id, {})[band] = np.array(
                [monthly[index[m]] if m in index else 0.0 for m in projection.months]
            )
    rows = []
    for option_id, bands in totals.items():
        for i, month in enumerate(projection.months):
            rows.append(
                {
                    "option": option_id,
                    "month": month,
                    **{
                        b: float(bands.get(b, np.zeros(len(projection.months)))[i])
                        for b in ("low", "base", "high")
                    },
                }
            )
    return pd.DataFrame(rows, columns=["option", "month", "low", "base", "high"])


def projection_totals(bands: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """Sum over the projected months per option (low, base, high), cheapest base first."""
    if bands.empty:
        return pd.DataFrame(columns=["option", "low", "base", "high"])
    out = bands.groupby("option", sort=False)[["low", "base", "high"]].sum().reset_index()
    out["option"] = out["option"].map(lambda i: labels.get(i, i))
    return out.sort_values("base", kind="stable").reset_index(drop=True)
