"""The report of the scenario in use, built once per input (cached: it is immutable) from
the same functions as ``python -m model report``; the analysis settings are the
calculator's (uncertainty, peak factor)."""

from __future__ import annotations

import hashlib
import json

import streamlit as st

from model.plan.analysis import Uncertainty
from model.plan.capacity import RateLimits
from model.plan.currency import FxRate
from model.plan.scenario import Scenario, ScenarioError, dump_scenario
from model.report.build import Report, make_report
from model.report.context import LiveCallRun, UsageEvidence, gather
from model.scorecard.evidence import CriteriaBook
from pages.ui import fx, loaders
from pages.ui import scenario_state as ss
from pages.ui.scorecard import data as score_data
from pricing import PriceBook


def settings() -> tuple[Uncertainty, float]:
    """The calculator's uncertainty and peak factor (its defaults when never changed)."""
    prefs = {**ss.PREF_DEFAULTS, **st.session_state.get(ss.PREFS, {})}
    u = Uncertainty(
        volume=prefs[ss.UNC_VOLUME] / 100,
        tokens=prefs[ss.UNC_TOKENS] / 100,
        sensitivity=prefs[ss.SENS_STEP] / 100,
    )
    return u, float(prefs[ss.PEAK])


@st.cache_resource(show_spinner=False, max_entries=8)
def _build(
    key: str,  # noqa: ARG001 - the cache key of everything underscored
    _scenario: Scenario,
    _book: PriceBook,
    _today: PriceBook | None,
    _criteria: CriteriaBook,
    _rate: FxRate,
    _limits: RateLimits | None,
    _settings: tuple[Uncertainty, float],
    _usage: UsageEvidence | None,
    _link: str | None,
    _calls: tuple[LiveCallRun, ...] = (),
) -> Report:
    uncertainty, peak = _settings
    ctx = gather(
        _scenario, _book, _criteria, _rate, limits=_limits, peak_factor=peak,
        uncertainty=uncertainty, today_book=_today, link=_link, usage=_usage,
        test_calls=_calls, scenario_yaml=dump_scenario(_scenario),
    )  # fmt: skip
    return make_report(ctx)


def report(
    scenario: Scenario,
    book: PriceBook,
    criteria: CriteriaBook,
    usage: UsageEvidence | None,
    usage_key: str,
    link: str | None,
    calls: tuple[LiveCallRun, ...] = (),
    calls_key: str = "",
) -> Report:
    """The report (raises ``ScenarioError`` naming the key for what cannot be priced)."""
    full = loaders.price_book_or_stop()
    today = None if book is full else full
    rate = fx.current_rate()
    u, peak = settings()
    parts = [
        scenario.model_dump_json(), str(id(book)), str(id(today)), str(id(criteria)),
        f"{rate.currency}:{rate.per_usd}:{rate.date}", usage_key, repr((u, peak)), link or "",
        calls_key,
    ]  # fmt: skip
    key = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
    limits = score_data.rate_limits()
    return _build(key, scenario, book, today, criteria, rate, limits, (u, peak), usage, link, calls)


def key_of(report: Report) -> str:
    """A short identity of a report's content (names the PDF made for it)."""
    return hashlib.sha256(report.meta.encode() + repr(report.sections).encode()).hexdigest()[:16]


__all__ = ["ScenarioError", "key_of", "report", "settings"]
