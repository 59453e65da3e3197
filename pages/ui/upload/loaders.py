"""Cached reading, re-pricing and projection of a usage log for the upload page.

Everything is parsed in memory (DESIGN §6): the bytes come from the uploader or a bundled
sample and are never written anywhere. Results are cached by the *content hash* of the
file, never by the bytes (hashing 200 MB on every rerun would cost ~0.3 s each time);
the bytes ride along as an underscore argument, which Streamlit does not hash.

``st.cache_resource`` rather than ``st.cache_data`` for the read and the costings: a
million-row frame pickled on every rerun (what cache_data does to hand out copies) costs
more than the re-pricing itself. Cached values are treated as immutable; they are keyed by
content, so a session only ever gets results for bytes it uploaded itself.
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from model.engine.adjustments import OptionAssumptions
from model.engine.costing import Costing
from model.plan.scenario import ScenarioError, load_scenario
from model.usage import tables as usage_tables
from model.usage.billed import BillAgainstUsage, bill_against_usage, combine_reads, is_cost_only
from model.usage.forecast import DailyForecast, daily_series, forecast_months
from model.usage.outlook import Substitution, project_log
from model.usage.readers import UsageFormatError, UsageRead, read_usage
from model.usage.readers.mapping import read_mapped
from model.usage.reconcile import Reconciliation, reconcile
from model.usage.reprice import reprice_frame, summary
from model.usage.tables import projection_bands
from pages.ui import loaders, safe
from pages.ui.upload import state as ustate
from pages.ui.upload.sources import MAX_BYTES, Source, file_size
from pricing import PriceBook
from pricing.specs import BY_DATE, TODAY

CACHE_TTL_S = 3600  # an abandoned upload's frames leave memory after an hour

Mapping = tuple[tuple[str, str | None], ...]  # hashable column mapping


@dataclass(frozen=True)
class Analysis:
    """A read log priced both ways, plus the DESIGN §5 summary of the by-date view."""

    key: str  # identifies (content, format, mapping, assumptions) for downstream caches
    name: str
    read: UsageRead
    book: PriceBook
    by_date: Costing
    latest: Costing
    summary: dict[str, Any]
    assumptions: dict[str, OptionAssumptions]
    seconds: float
    bills: tuple[UsageRead, ...] = ()  # cost-only files read with the usage


@st.cache_resource(show_spinner=False, max_entries=2)
def _scenario_assumptions(path: str) -> dict[str, OptionAssumptions]:
    try:
        return load_scenario(Path(path)).assumptions()
    except (OSError, ScenarioError):
        return {}  # catalog defaults: the page still works without the default scenario


def default_assumptions() -> dict[str, OptionAssumptions]:
    """Option assumptions of the bundled default scenario (as the CLI uses them)."""
    return _scenario_assumptions(str(loaders.data_dir() / "scenarios" / "default.yaml"))


def default_discount_pct() -> float:
    d = default_assumptions().get("pooled", OptionAssumptions()).discount
    return float(d) * 100 if isinstance(d, int | float) else 20.0


def assumptions_with(discount_pct: float) -> dict[str, OptionAssumptions]:
    """The default assumptions with the user's pooled discount (one number off list)."""
    base = dict(default_assumptions())
    base["pooled"] = base.get("pooled", OptionAssumptions()).with_(discount=discount_pct / 100)
    return base


@st.cache_resource(show_spinner=False, max_entries=4, ttl=CACHE_TTL_S)
def _read(
    content: str,  # noqa: ARG001 - cache key only
    name: str,
    fmt: str,
    mapping: Mapping | None,
    cached_in_input: bool,
    _data: bytes | memoryview,
) -> UsageRead:
    if mapping is not None:
        return read_mapped(
            _data, name, dict(mapping), cached_in_input=cached_in_input, max_bytes=MAX_BYTES
        )
    return read_usage(_data, name, fmt, max_bytes=MAX_BYTES)


@st.cache_resource(show_spinner=False, max_entries=8, ttl=CACHE_TTL_S)
def _costing(
    key: str,  # noqa: ARG001 - cache key only
    pricing: str,
    discount_pct: float,
    versions: tuple[str, ...],  # noqa: ARG001 - cache key only (a new catalog re-prices)
    _read: UsageRead,
) -> Costing:
    return reprice_frame(
        _read.frame,
        loaders.price_book(),
        pricing=pricing,
        assumptions=assumptions_with(discount_pct),
    )


@dataclass(frozen=True)
class FileRead:
    """One file of the batch: read, or the reason it could not be."""

    name: str
    read: UsageRead | None
    error: Exception | None = None

    @property
    def cost_only(self) -> bool:
        return self.read is not None and is_cost_only(self.read)


@dataclass(frozen=True)
class Batch:
    """The files of one upload: the usage files priced as one log, the cost-only files."""

    files: list[FileRead]
    usage: Analysis | None

    @property
    def bills(self) -> list[FileRead]:
        return [f for f in self.files if f.cost_only]

    @property
    def failures(self) -> list[FileRead]:
        return [f for f in self.files if f.error is not None]


def analyse(
    sources: list[Source],
    fmt: str,
    mapping: Mapping | None,
    cached_in_input: bool,
    discount_pct: float,
) -> Batch:
    """Read every file and re-price the usage files together (both views), showing progress
    the first time. A file that cannot be read is kept with its error; the rest go on."""
    book = loaders.price_book()
    key = "+".join(s.digest for s in sources) + f"|{fmt}|{mapping}|{cached_in_input}"
    done: list[str] = st.session_state[ustate.DONE]
    cold = key + f"|{discount_pct}" not in done
    # A status label renders markdown; the names are the user's.
    names = safe.md(", ".join(s.name for s in sources))
    size = file_size(sum(len(s.data) for s in sources))
    box = st.status(f"Reading {names} ({size})…", expanded=True) if cold else nullcontext()
    started = time.perf_counter()
    files: list[FileRead] = []
    by_date = latest = None
    with box as status:
        bar = st.progress(0, text="Reading and checking every row…") if cold else None
        for i, source in enumerate(sources):
            if bar is not None and len(sources) > 1:
                # The file name is the user's: the progress text is plain (not markdown).
                bar.progress(
                    int(40 * i / len(sources)),
                    text=f"Reading file {i + 1} of {len(sources)} and checking every row…",
                )
            try:
                read = _read(source.digest, source.name, fmt, mapping, cached_in_input, source.data)
                files.append(FileRead(source.name, read))
            except UsageFormatError as exc:
                files.append(FileRead(source.name, None, exc))
        usage = [(f.name, f.read) for f in files if f.read is not None and not f.cost_only]
        read = combine_reads(usage) if usage else None
        if read is not None:
            if bar is not None:
                bar.progress(40, text=f"{read.rows:,} rows read; re-pricing under every option…")
            by_date = _costing(key, BY_DATE, discount_pct, book.versions, read)
            if bar is not None:
                bar.progress(75, text="Pricing the same usage at today's prices…")
            latest = _costing(key, TODAY, discount_pct, book.versions, read)
        seconds = time.perf_counter() - started
        if status is not None:
            bar.progress(100, text="Done")
            failed = sum(f.error is not None for f in files)
            status.update(
                label=f"Read {names} ({size}) in {seconds:.1f} s"
                + (f" · {failed} file(s) could not be read" if failed else ""),
                state="error" if failed == len(files) else "complete",
                expanded=False,
            )
            done.append(key + f"|{discount_pct}")
            del done[:-8]
    if read is None or by_date is None or latest is None:
        return Batch(files, None)
    analysis = Analysis(
        key=f"{key}|{discount_pct}",
        name=usage[0][0],  # the downloads are named after the first usage file
        read=read,
        book=book,
        by_date=by_date,
        latest=latest,
        summary=_summary(key + f"|{discount_pct}", read, by_date),
        assumptions=assumptions_with(discount_pct),
        seconds=seconds,
        bills=tuple(f.read for f in files if f.cost_only and f.read is not None),
    )
    return Batch(files, analysis)


@st.cache_resource(show_spinner=False, max_entries=8, ttl=CACHE_TTL_S)
def _summary(key: str, _read: UsageRead, _costing: Costing) -> dict[str, Any]:  # noqa: ARG001
    return summary(_costing, fmt=_read.format, rows=_read.rows, read_warnings=_read.warnings)


@dataclass(frozen=True)
class Tables:
    """Per-analysis tables that cost time on a large log: computed once, not per rerun."""

    mapping: pd.DataFrame
    breakdowns: dict[str, pd.DataFrame]
    models: list[str]
    reconciliation: Reconciliation | None
    bill: BillAgainstUsage | None


@st.cache_resource(show_spinner=False, max_entries=8, ttl=CACHE_TTL_S)
def _tables(key: str, _analysis: Analysis) -> Tables:  # noqa: ARG001 - cache key only
    costing = _analysis.by_date
    return Tables(
        mapping=usage_tables.model_mapping(costing),
        breakdowns={by: usage_tables.breakdown(costing, by) for by in ("model", "day", "month")},
        models=usage_tables.priced_models(costing),
        reconciliation=reconcile(costing, _analysis.read.format),
        bill=bill_against_usage(costing, _analysis.bills) if _analysis.bills else None,
    )


def tables(analysis: Analysis) -> Tables:
    return _tables(analysis.key, analysis)


#: Longest horizon the page offers: the fit is done once for it, shorter ones are its start.
MAX_MONTHS = 24


@st.cache_resource(show_spinner="Fitting the trend…", max_entries=8, ttl=CACHE_TTL_S)
def _forecast(key: str, _analysis: Analysis) -> DailyForecast:  # noqa: ARG001 - cache key only
    return forecast_months(daily_series(_analysis.by_date.frame), MAX_MONTHS)


@st.cache_resource(show_spinner="Projecting…", max_entries=16, ttl=CACHE_TTL_S)
def _projection(
    key: str,  # noqa: ARG001 - cache key only
    months: int,
    subs: tuple[tuple[str, str, float], ...],
    _analysis: Analysis,
) -> tuple[DailyForecast, list[str], pd.DataFrame]:
    projection = project_log(
        _analysis.by_date.frame,  # normalized names: substitutions name canonical ids
        months=months,
        substitutions=[Substitution(s, t, share) for s, t, share in subs],
        forecast=_forecast(_analysis.key, _analysis),
    )
    bands = projection_bands(projection, _analysis.book, _analysis.assumptions)
    return projection.forecast, projection.months, bands


def projection(
    analysis: Analysis, months: int, subs: tuple[tuple[str, str, float], ...]
) -> tuple[DailyForecast, list[str], pd.DataFrame]:
    """Forecast, month labels and per-option low/base/high monthly totals."""
    return _projection(analysis.key, months, subs, analysis)
