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

import hashlib
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
from model.usage.forecast import Substitution, Trend, project_log
from model.usage.readers import UsageRead, read_usage
from model.usage.readers.mapping import read_mapped
from model.usage.reconcile import Reconciliation, reconcile
from model.usage.reprice import reprice_frame, summary
from model.usage.samples import Sample, list_samples
from model.usage.tables import projection_bands
from pages.ui import loaders, safe
from pages.ui.upload import state as ustate
from pricing import PriceBook
from pricing.versions import BY_DATE, TODAY

#: Same number as ``server.maxUploadSize`` in .streamlit/config.toml (MB, Streamlit's MiB).
MAX_UPLOAD_MB = 512
MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024
CACHE_TTL_S = 3600  # an abandoned upload's frames leave memory after an hour

Mapping = tuple[tuple[str, str | None], ...]  # hashable column mapping


@dataclass(frozen=True)
class Source:
    """A file to analyse: its name, its bytes (in memory only) and their content hash."""

    name: str
    data: bytes | memoryview  # an upload is a view on Streamlit's own buffer (no copy)
    digest: str
    sample: Sample | None = None


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


def file_size(n: int) -> str:
    """``13.3 KB``, ``212.4 MB``."""
    return f"{n / 1e6:,.1f} MB" if n >= 1e6 else f"{n / 1e3:,.1f} KB"


def digest(data: bytes | memoryview) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def uploaded_source(upload: Any) -> Source:
    """A Source for an ``UploadedFile``; its hash is computed once per upload (memo by id)."""
    memo: dict[str, str] = st.session_state[ustate.DIGESTS]
    # getbuffer(), not getvalue(): getvalue() copies the whole file on every rerun.
    data = upload.getbuffer()
    file_id = str(getattr(upload, "file_id", "") or upload.name)
    if file_id not in memo:
        memo.clear()  # one upload at a time: keep the memo tiny
        memo[file_id] = digest(data)
    return Source(upload.name, data, memo[file_id])


@st.cache_data(show_spinner=False, ttl=300)
def _samples(root: str) -> list[Sample]:
    return list_samples(Path(root))


def samples() -> list[Sample]:
    """The bundled sample logs, with their provenance (data/samples/README.md)."""
    return _samples(str(loaders.data_dir() / "samples"))


def sample_source(sample: Sample) -> Source:
    data = sample.path.read_bytes()
    return Source(sample.name, data, digest(data), sample)


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


def analyse(
    source: Source,
    fmt: str,
    mapping: Mapping | None,
    cached_in_input: bool,
    discount_pct: float,
) -> Analysis:
    """Read and re-price ``source`` (both views), showing progress the first time.

    Raises :class:`UsageFormatError` for a bad file; the page shows its message.
    """
    book = loaders.price_book()
    key = f"{source.digest}|{fmt}|{mapping}|{cached_in_input}"
    done: list[str] = st.session_state[ustate.DONE]
    cold = key + f"|{discount_pct}" not in done
    size = file_size(len(source.data))
    name = safe.md(source.name)  # a status label renders markdown; the name is the user's
    box = st.status(f"Reading {name} ({size})…", expanded=True) if cold else nullcontext()
    started = time.perf_counter()
    with box as status:
        bar = st.progress(0, text="Reading and checking every row…") if cold else None
        try:
            read = _read(source.digest, source.name, fmt, mapping, cached_in_input, source.data)
            if bar is not None:
                bar.progress(40, text=f"{read.rows:,} rows read; re-pricing under every option…")
            by_date = _costing(key, BY_DATE, discount_pct, book.versions, read)
            if bar is not None:
                bar.progress(75, text="Pricing the same usage at today's prices…")
            latest = _costing(key, TODAY, discount_pct, book.versions, read)
        except Exception:
            if status is not None:
                status.update(label=f"Could not read {name}", state="error")
            raise
        seconds = time.perf_counter() - started
        if status is not None:
            bar.progress(100, text="Done")
            status.update(
                label=f"Read and re-priced {name} ({size}, {read.rows:,} rows) in {seconds:.1f} s",
                state="complete",
                expanded=False,
            )
            done.append(key + f"|{discount_pct}")
            del done[:-8]
    result = _summary(key + f"|{discount_pct}", read, by_date)
    return Analysis(
        key=f"{key}|{discount_pct}",
        name=source.name,
        read=read,
        book=book,
        by_date=by_date,
        latest=latest,
        summary=result,
        assumptions=assumptions_with(discount_pct),
        seconds=seconds,
    )


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


@st.cache_resource(show_spinner=False, max_entries=8, ttl=CACHE_TTL_S)
def _tables(key: str, _analysis: Analysis) -> Tables:  # noqa: ARG001 - cache key only
    costing = _analysis.by_date
    return Tables(
        mapping=usage_tables.model_mapping(costing),
        breakdowns={by: usage_tables.breakdown(costing, by) for by in ("model", "day", "month")},
        models=usage_tables.priced_models(costing),
        reconciliation=reconcile(costing, _analysis.read.format),
    )


def tables(analysis: Analysis) -> Tables:
    return _tables(analysis.key, analysis)


@st.cache_resource(show_spinner="Projecting…", max_entries=16, ttl=CACHE_TTL_S)
def _projection(
    key: str,  # noqa: ARG001 - cache key only
    months: int,
    subs: tuple[tuple[str, str, float], ...],
    _analysis: Analysis,
) -> tuple[Trend, list[str], pd.DataFrame]:
    projection = project_log(
        _analysis.by_date.frame,  # normalized names: substitutions name canonical ids
        months=months,
        substitutions=[Substitution(s, t, share) for s, t, share in subs],
    )
    bands = projection_bands(projection, _analysis.book, _analysis.assumptions)
    return projection.trend, projection.months, bands


def projection(
    analysis: Analysis, months: int, subs: tuple[tuple[str, str, float], ...]
) -> tuple[Trend, list[str], pd.DataFrame]:
    """Trend, month labels and per-option low/base/high monthly totals (today's prices)."""
    return _projection(analysis.key, months, subs, analysis)
