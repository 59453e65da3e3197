"""Cached loaders and the cached scorecard computation of the scorecard page.

The evidence data and rate-limit tiers are read once per change of their files (as the price
book is); a scorecard is computed once per (scenario, price book, evidence, peak factor, cost
basis) and shared, because it is immutable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import streamlit as st

from model.plan.capacity import RateLimits, load_ratelimits
from model.plan.scenario import Scenario, ScenarioError, load_scenario
from model.scorecard.card import Scorecard, score_scenario
from model.scorecard.evidence import CriteriaBook, CriteriaError, load_criteria
from model.scorecard.ratings import CostBasis
from pages.ui import loaders
from pages.ui import scenario_state as ss
from pricing import PriceBook


def _stamp(folder: Path) -> str:
    if not folder.exists():
        return "missing"
    files = [folder] if folder.is_file() else sorted(folder.rglob("*.yaml"))
    return str([(str(p), p.stat().st_mtime_ns) for p in files])


@st.cache_resource(show_spinner=False, max_entries=4)
def _criteria(folder: str, stamp: str) -> CriteriaBook:  # noqa: ARG001 - cache key
    return load_criteria(Path(folder))


def criteria_or_stop() -> CriteriaBook:
    """The evidence data, or an error naming the file and key and the end of the page."""
    folder = loaders.data_dir() / "criteria"
    try:
        return _criteria(str(folder), _stamp(folder))
    except CriteriaError as exc:
        st.error(f"Cannot load the scorecard's evidence data: {exc}")
        st.stop()
        raise


@st.cache_resource(show_spinner=False, max_entries=4)
def _limits(path: str, stamp: str) -> RateLimits | None:  # noqa: ARG001 - cache key
    return load_ratelimits(Path(path)) if Path(path).is_file() else None


def rate_limits() -> RateLimits | None:
    path = loaders.data_dir() / "capacity" / "ratelimits.yaml"
    return _limits(str(path), _stamp(path))


@st.cache_resource(show_spinner=False, max_entries=4)
def _archetypes(folder: str, stamp: str) -> tuple[tuple[str, Scenario], ...]:  # noqa: ARG001
    return tuple((p.stem, load_scenario(p)) for p in sorted(Path(folder).glob("*.yaml")))


def archetypes() -> tuple[tuple[str, Scenario], ...]:
    """The founding article's three archetypes (``data/scenarios/archetypes``)."""
    folder = loaders.data_dir() / "scenarios" / "archetypes"
    try:
        return _archetypes(str(folder), _stamp(folder))
    except ScenarioError as exc:
        st.warning(f"Archetype scenarios not loaded: {exc}")
        return ()


def peak_factor() -> float:
    """The calculator's peak-to-average setting (its capacity check), else 3."""
    return float(st.session_state.get(ss.PREFS, {}).get(ss.PEAK, 3.0))


@st.cache_resource(show_spinner=False, max_entries=32)
def _score(
    text: str,
    book_id: int,  # noqa: ARG001 - cache key of _book
    _book: PriceBook,
    criteria_stamp: str,  # noqa: ARG001 - cache key of _criteria
    _criteria: CriteriaBook,
    _limits: RateLimits | None,
    peak: float,
    costs: str,
) -> Scorecard:
    basis = None
    if costs:
        raw: dict[str, Any] = json.loads(costs)
        basis = CostBasis(raw["totals_usd"], raw["complete"], raw["label"])
    return score_scenario(
        Scenario.model_validate_json(text),
        _book,
        _criteria,
        limits=_limits,
        peak_factor=peak,
        costs=basis,
        origin="scenario",
    )


def scorecard(
    scenario: Scenario, book: PriceBook, criteria: CriteriaBook, costs: CostBasis | None
) -> Scorecard:
    """The scorecard of ``scenario`` (cached)."""
    folder = loaders.data_dir() / "criteria"
    cost_text = ""
    if costs:
        raw = {"totals_usd": dict(costs.totals_usd), "complete": dict(costs.complete)}
        cost_text = json.dumps({**raw, "label": costs.label})
    return _score(
        scenario.model_dump_json(),
        id(book),
        book,
        _stamp(folder),
        criteria,
        rate_limits(),
        peak_factor(),
        cost_text,
    )
