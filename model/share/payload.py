"""What a share link carries, and how it is checked when opened.

A link holds one JSON object (v1)::

    {"scenario": {...},                      # the DESIGN §5 scenario, validated on opening
     "priced_by": [["2026-11-20"], ...],     # per month of the horizon, the versions that
                                             # priced it (oldest first), as the author saw it
     "fx": {"per_usd": 0.8612, "date": "2026-10-30"}}   # the display rate (not for USD);
                                                          # date null: the author's own rate

``priced_by`` is what makes a link reopen *the same numbers* later: opening prices with those
versions only (see :mod:`model.share.pins`), even once newer price data has arrived. API keys
and anything else from a session are never part of it: the payload is built from a
validated :class:`~model.plan.scenario.Scenario` and these two records only, and every key of
an opened link is checked (an unknown key is refused, not ignored).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import parse_qs, urlsplit

from model.plan.calendar import PricingCalendar
from model.plan.currency import FxRate
from model.plan.scenario import Scenario, ScenarioError, Workload, parse_scenario
from model.share.link import ShareLinkError, decode, encode

#: The query parameter a share link travels in (``/calculator?s=v1.…``).
PARAM: Final = "s"
#: The keys a v1 payload may hold.
KEYS: Final = frozenset({"scenario", "priced_by", "fx"})
_VERSION_ID = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Workload keys left out of a link when they hold the default (a shorter link; opening it
#: fills the defaults back in, so the scenario is the same).
_WORKLOAD_DEFAULTS: Final = {
    name: field.default
    for name, field in Workload.model_fields.items()
    if not field.is_required() and field.default is not None
}
_SCENARIO_DEFAULTS: Final = {"options": {}, "requirements": [], "weights": {}, "overrides": []}


@dataclass(frozen=True)
class SharedRate:
    """The display rate the author saw: units of the scenario's currency per US dollar, as
    of ``date`` (``None``: a rate the author typed in)."""

    per_usd: float
    date: dt.date | None


@dataclass(frozen=True)
class Shared:
    """An opened link: the scenario, the versions that priced each month (``None`` for a
    link that does not say) and the display rate (``None`` for USD)."""

    scenario: Scenario
    priced_by: tuple[tuple[str, ...], ...] | None
    fx: SharedRate | None = None

    @property
    def versions(self) -> tuple[str, ...]:
        """Every version the link was priced with, oldest first."""
        return tuple(sorted({v for month in self.priced_by or () for v in month}))


def compact(scenario: Scenario) -> dict[str, Any]:
    """The scenario as JSON data, without keys that hold their default (``start_month`` is
    always kept: its default is 'next month', which moves)."""
    data = scenario.model_dump(mode="json")
    data["workloads"] = [
        {k: v for k, v in w.items() if _WORKLOAD_DEFAULTS.get(k, object()) != v}
        for w in data["workloads"]
    ]
    for key, empty in _SCENARIO_DEFAULTS.items():
        if data.get(key) == empty:
            del data[key]
    if data.get("currency") == "USD":
        del data["currency"]
    return data


def make_payload(
    scenario: Scenario, calendar: PricingCalendar | None = None, rate: FxRate | None = None
) -> dict[str, Any]:
    """The JSON object a link carries (see the module docstring)."""
    payload: dict[str, Any] = {"scenario": compact(scenario)}
    if calendar is not None:
        payload["priced_by"] = calendar.month_versions()
    if rate is not None and rate.currency != "USD" and rate.currency == scenario.currency:
        payload["fx"] = {
            "per_usd": rate.per_usd,
            "date": rate.date.isoformat() if rate.date else None,
        }
    return payload


def make_link(
    scenario: Scenario, calendar: PricingCalendar | None = None, rate: FxRate | None = None
) -> str:
    """``v1.…``: the scenario, the versions that priced each month and the display rate."""
    return encode(make_payload(scenario, calendar, rate))


def token_of(text: str) -> str:
    """The ``v1.…`` text of a share link given whole (``https://host/report?s=v1.…``) or
    bare; a URL without an ``s`` parameter is refused."""
    text = text.strip()
    if "://" not in text and "?" not in text:
        return text
    query = urlsplit(text).query if "://" in text else text.split("?", 1)[1]
    values = parse_qs(query, keep_blank_values=True).get(PARAM)
    if not values:
        raise ShareLinkError(f"the address has no ?{PARAM}= share parameter")
    return values[0]


def open_link(text: str) -> Shared:
    """The scenario a link carries, validated; :class:`ShareLinkError` (one line) otherwise.
    ``text`` is the link's ``v1.…`` text or the whole address."""
    return read_payload(decode(token_of(text)))


def read_payload(payload: dict[str, Any]) -> Shared:
    """Check every key of a decoded payload (the link is untrusted data)."""
    unknown = sorted(set(payload) - KEYS)
    if unknown:
        raise ShareLinkError(
            f"the link holds unknown data ({', '.join(map(repr, unknown))[:60]}); "
            "was it made by a newer Gatewise?"
        )
    if "scenario" not in payload:
        raise ShareLinkError("the link holds no scenario")
    try:
        scenario = parse_scenario(payload["scenario"], origin="the link's scenario")
    except ScenarioError as exc:
        raise ShareLinkError(_short(str(exc))) from None
    priced_by = _priced_by(payload.get("priced_by"), scenario.horizon_months)
    return Shared(scenario, priced_by, _fx(payload.get("fx"), scenario.currency))


def _short(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _priced_by(value: Any, months: int) -> tuple[tuple[str, ...], ...] | None:
    if value is None:
        return None
    bad = ShareLinkError(
        f"the link's priced_by must list the pricing versions of each of its {months} months"
    )
    if not isinstance(value, list) or len(value) != months:
        raise bad
    out = []
    for month in value:
        if not isinstance(month, list) or not 1 <= len(month) <= 31:
            raise bad
        if not all(isinstance(v, str) and _VERSION_ID.match(v) for v in month):
            raise bad
        if month != sorted(set(month)):
            raise bad
        out.append(tuple(month))
    return tuple(out)


def _fx(value: Any, currency: str) -> SharedRate | None:
    if value is None:
        return None
    bad = ShareLinkError("the link's fx must be {per_usd: a positive number, date: YYYY-MM-DD}")
    if currency == "USD" or not isinstance(value, dict) or set(value) - {"per_usd", "date"}:
        raise bad
    rate, date = value.get("per_usd"), value.get("date")
    if isinstance(rate, bool) or not isinstance(rate, int | float):
        raise bad
    if not (math.isfinite(rate) and 0 < rate < 1e6):
        raise bad
    if date is None:
        return SharedRate(float(rate), None)
    try:
        return SharedRate(float(rate), dt.date.fromisoformat(date))
    except (TypeError, ValueError):
        raise bad from None


def shared_rate(shared: Shared, reference: FxRate) -> FxRate:
    """The display rate of an opened link: the author's (so amounts match theirs) unless it is
    today's reference rate anyway."""
    fx = shared.fx
    if fx is None or shared.scenario.currency == "USD":
        return reference
    if fx.date == reference.date and fx.per_usd == reference.per_usd:
        return reference
    source = reference.source if fx.date else "the link's author's own rate"
    return FxRate(shared.scenario.currency, fx.per_usd, fx.date, source)
