"""Everything a report is built from, computed once (:func:`gather`), and the documented
input shapes of the optional sections.

The CLI and the page both call :func:`gather`, so the report's numbers come from the same
functions as ``project`` (the projection), ``score`` (the scorecard) and the calculator
(analysis, capacity). Optional inputs:

- ``usage``: a re-priced log, as :class:`UsageEvidence` — the ``reprice --json`` summary
  (DESIGN §5) and, when the rows were at hand, the reconciliation per model.
- ``lifecycle``: :class:`LifecycleWarning` items (model, date, kind, successor, source), by
  default :func:`catalog_lifecycle`'s, from the lifecycle dates of the price data.
- ``test_calls``: :class:`LiveCallRun` items, one per live test-call run (the
  ``testcall --json`` summary plus where and when it ran; see :func:`live_call_run`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from model.plan.analysis import Analysis, Uncertainty, analyze
from model.plan.capacity import RateLimits, VendorCapacity, check_capacity
from model.plan.currency import FxRate
from model.plan.projection import Projection, project
from model.plan.verdict import Cheapest, projection_cheapest
from model.scorecard.card import Scorecard, score_scenario
from model.scorecard.evidence import CriteriaBook
from model.scorecard.ratings import CostBasis
from model.share.pins import MonthDrift, drift
from pricing.lifecycle import lifecycle_warnings
from pricing.versions import PriceBook


@dataclass(frozen=True)
class LifecycleWarning:
    """A model the scenario uses that is released, deprecated or retired on ``date``."""

    model: str
    date: dt.date
    kind: Literal["release", "deprecation", "retirement"]
    successor: str | None = None
    source: str | None = None  # http(s) address of the announcement, if known


@dataclass(frozen=True)
class LiveCallRun:
    """One live test-call run, summarized (no key, header or prompt is kept)."""

    when: dt.datetime
    target: str  # the option or base URL host called
    api: str  # openai | anthropic | gemini
    model: str
    status: str  # ok | error
    runs: int  # measured runs
    ttft_p50_s: float | None = None
    ttft_p95_s: float | None = None
    total_p50_s: float | None = None
    total_p95_s: float | None = None
    cost_usd_mean: float | None = None
    error: str | None = None  # the first error's type and message, when status is error
    evidence: str | None = None  # name of the saved JSON evidence file


@dataclass(frozen=True)
class ReconciledModel:
    """Reported against re-priced cost of one model over the log."""

    model: str
    rows: int
    reported_usd: float
    computed_usd: float | None  # None: the billing option cannot price it
    flagged_days: int


@dataclass(frozen=True)
class UsageEvidence:
    """A usage log re-priced: the ``reprice --json`` summary, where it came from, and the
    reconciliation per model against the option that billed it (when known)."""

    summary: Mapping[str, Any]
    source: str
    billed_by: str | None = None  # option id the log's reported costs are compared with
    reconciliation: tuple[ReconciledModel, ...] = ()


@dataclass(frozen=True)
class ReportContext:
    """The computed inputs of every section."""

    projection: Projection
    analysis: Analysis
    cheapest: Cheapest
    card: Scorecard
    criteria: CriteriaBook
    capacity: tuple[VendorCapacity, ...] | None
    rate: FxRate
    made: dt.datetime
    peak_factor: float = 3.0
    uncertainty: Uncertainty = field(default_factory=Uncertainty)
    link: str | None = None  # the share link (full URL or v1. token)
    drift: tuple[MonthDrift, ...] | None = None  # None: priced with today's data
    usage: UsageEvidence | None = None
    lifecycle: tuple[LifecycleWarning, ...] = ()
    test_calls: tuple[LiveCallRun, ...] = ()
    scenario_yaml: str = ""

    @property
    def scenario(self) -> Any:
        return self.projection.scenario

    @property
    def names(self) -> dict[str, str]:
        return {o.id: o.name for o in self.projection.catalog.options}

    @property
    def kinds(self) -> dict[str, str]:
        return {o.id: o.kind for o in self.projection.catalog.options}


def catalog_lifecycle(projection: Projection) -> tuple[LifecycleWarning, ...]:
    """Retirements and deprecations the price data records for the scenario's models over
    its horizon (:func:`pricing.lifecycle.lifecycle_warnings`, what the calculator shows);
    a model with no published price is the engine's to report, not a lifecycle event."""
    s = projection.scenario
    index = s.start.year * 12 + s.start.month - 1 + s.horizon_months
    end = dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)
    found = lifecycle_warnings(
        projection.calendar.catalogs, [w.model for w in s.workloads], s.start, end
    )
    kinds = {"retired": "retirement", "retiring": "retirement", "deprecated": "deprecation"}

    def announcement(model_id: str) -> str | None:
        for catalog in reversed(projection.calendar.catalogs):  # the newest knows best
            model = catalog.model(model_id)
            if model is not None and model.lifecycle is not None:
                return model.lifecycle.source
        return None

    return tuple(
        LifecycleWarning(w.model_id, w.day, kinds[w.kind], w.successor, announcement(w.model_id))  # type: ignore[arg-type]
        for w in found
        if w.kind in kinds and w.day is not None
    )


def gather(
    scenario: Any,
    book: PriceBook,
    criteria: CriteriaBook,
    rate: FxRate,
    *,
    limits: RateLimits | None = None,
    peak_factor: float = 3.0,
    uncertainty: Uncertainty | None = None,
    costs: CostBasis | None = None,
    today_book: PriceBook | None = None,
    link: str | None = None,
    usage: UsageEvidence | None = None,
    lifecycle: Sequence[LifecycleWarning] | None = None,
    test_calls: Sequence[LiveCallRun] = (),
    scenario_yaml: str = "",
    made: dt.datetime | None = None,
) -> ReportContext:
    """Compute every input of the report. ``book`` prices the scenario (a link's versions
    only, when it was opened from a link); ``today_book`` (the full data) is then compared
    with it month by month."""
    projection = project(scenario, book)
    uncertainty = uncertainty or Uncertainty()
    capacity = check_capacity(projection, limits, peak_factor) if limits else None
    card = score_scenario(
        scenario, book, criteria, limits=limits, peak_factor=peak_factor, costs=costs,
        projection=projection,
    )  # fmt: skip
    moved = None
    if today_book is not None:
        moved = tuple(drift(projection, project(scenario, today_book)))
    return ReportContext(
        projection=projection,
        analysis=analyze(scenario, book, uncertainty),
        cheapest=projection_cheapest(projection),
        card=card,
        criteria=criteria,
        capacity=tuple(capacity) if capacity is not None else None,
        rate=rate,
        made=made or dt.datetime.now(dt.UTC),
        peak_factor=peak_factor,
        uncertainty=uncertainty,
        link=link,
        drift=moved,
        usage=usage,
        lifecycle=tuple(lifecycle) if lifecycle is not None else catalog_lifecycle(projection),
        test_calls=tuple(test_calls),
        scenario_yaml=scenario_yaml,
    )


def live_call_run(
    result: Mapping[str, Any],
    *,
    when: dt.datetime,
    target: str,
    api: str,
    model: str,
    evidence: str | None = None,
) -> LiveCallRun:
    """A :class:`LiveCallRun` from a ``testcall --json`` object (DESIGN §5). Only the
    documented summary fields are read, so nothing else a result may carry reaches the
    report."""
    summary = result.get("summary") or {}
    runs = result.get("runs") or []
    error = next(
        (r["error"] for r in runs if isinstance(r, dict) and isinstance(r.get("error"), dict)),
        None,
    )

    def number(key: str) -> float | None:
        value = summary.get(key)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return float(value) if ok and value == value and abs(value) != float("inf") else None

    return LiveCallRun(
        when=when,
        target=target,
        api=api,
        model=model,
        status="ok" if result.get("status") == "ok" else "error",
        runs=len(runs),
        ttft_p50_s=number("ttft_p50_s"),
        ttft_p95_s=number("ttft_p95_s"),
        total_p50_s=number("total_p50_s"),
        total_p95_s=number("total_p95_s"),
        cost_usd_mean=number("cost_usd_mean"),
        error=(
            f"{error.get('type', 'error')}: {error.get('message', '')}"[:200] if error else None
        ),
        evidence=evidence,
    )


def _error_text(errors: int, kinds: Mapping[str, Any]) -> str:
    listed = ", ".join(f"{k} ×{v}" for k, v in sorted(kinds.items()))
    return f"{errors} error(s): {listed}"[:200]


def live_runs_from_evidence(data: Mapping[str, Any], name: str) -> list[LiveCallRun]:
    """One :class:`LiveCallRun` per endpoint of a test-call evidence file (the format of
    :mod:`model.live.evidence`, already checked by ``read_evidence``). Only summary numbers
    are read: the file holds no key, and no header or receipt reaches the report."""
    try:
        when = dt.datetime.fromisoformat(str(data.get("created_at") or data.get("date")))
    except ValueError:
        when = dt.datetime(1970, 1, 1)

    def number(block: Mapping[str, Any], key: str) -> float | None:
        value = block.get(key)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return float(value) if ok and math.isfinite(value) else None

    runs = []
    for e in data.get("endpoints") or []:
        latency, cost = e.get("latency") or {}, e.get("cost") or {}
        errors = int(latency.get("errors") or 0)
        kinds = latency.get("error_types") or {}
        runs.append(
            LiveCallRun(
                when=when,
                target=str(e.get("option") or e.get("label") or e.get("base_url") or "?"),
                api=str(e.get("api") or "?"),
                model=str(e.get("model") or "?"),
                status="error" if errors else "ok",
                runs=int(latency.get("runs") or latency.get("n") or 0),
                ttft_p50_s=number(latency, "ttft_p50_s"),
                ttft_p95_s=number(latency, "ttft_p95_s"),
                total_p50_s=number(latency, "total_p50_s"),
                total_p95_s=number(latency, "total_p95_s"),
                cost_usd_mean=number(cost, "list_cost_usd_mean"),
                error=(
                    f"{errors} error(s): "
                    + ", ".join(f"{k} ×{v}" for k, v in sorted(kinds.items()))
                )[:200]
                if errors
                else None,
                evidence=name,
            )
        )
    return runs
