"""Workload scenario (DESIGN §5): the YAML a user writes, the calculator edits and a share
link encodes. Unknown keys and impossible values are errors that name the key.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from model.engine.adjustments import OptionAssumptions
from model.plan.currency import CURRENCIES
from model.plan.scenario_yaml import ScenarioYamlError, parse_yaml, read_yaml
from pricing.versions import today as today_utc

# Numbers are strict: a boolean (`requests_per_day: true`) or a quoted string is refused,
# never read as 1; every bound is finite, so no total can overflow or vanish.
Tokens = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False, strict=True)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False, strict=True)]
Usd = Annotated[float, Field(ge=1, le=1e6, allow_inf_nan=False, strict=True)]
Flag = Annotated[bool, Field(strict=True)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
#: The months a scenario may start in: pandas timestamps end in 2262, and no price data
#: reaches back before 2000 (a 120-month horizon from 2199-12 still ends before 2210).
FIRST_MONTH, LAST_MONTH = "2000-01", "2199-12"
MAX_WORKLOADS = 200
REQUIREMENTS = ("baa", "soc2", "zdr", "sla", "eu_residency", "us_residency", "no_training")
#: Further scorecard criteria a user may make a must-have (ids of ``data/criteria``; a data
#: test checks the two agree). Kept apart from the list above so that list keeps its meaning.
MORE_REQUIREMENTS = (
    "iso27001",
    "short_retention",
    "enterprise_contract",
    "direct_relationship",
    "vendor_terms_ok",
    "no_third_party",
    "failover_429",
    "status_page",
    "continuity",
    "fee_rules_stable",
    "scenario_models",
    "other_vendors",
    "frontier_three",
    "day_zero",
    "openai_compatible",
    "anthropic_compatible",
    "gemini_compatible",
    "one_endpoint",
    "prompt_caching",
    "batch_api",
    "request_log",
    "prepaid_refundable",
    "published_prices",
)
#: Criterion groups a scorecard weight may name (DESIGN §5 ``weights``).
WEIGHT_GROUPS = ("cost", "compliance", "catalog", "trust", "integration", "billing")
#: Ratings a user may give in an override (``Override.rating``).
RATINGS = ("yes", "partial", "no", "unknown")


class ScenarioError(ValueError):
    """A scenario file or value is invalid; the message names the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Workload(_Strict):
    """One kind of traffic; token counts are per request, classes disjoint."""

    name: Name
    model: Name = Field(description="canonical model id of the priced version")
    requests_per_day: Tokens
    input_tokens: Tokens = 0.0
    cache_read_tokens: Tokens = 0.0
    cache_write_5m_tokens: Tokens = 0.0
    cache_write_1h_tokens: Tokens = 0.0
    output_tokens: Tokens = 0.0
    batch_share: Share = 0.0

    @property
    def prompt_tokens(self) -> float:
        return (
            self.input_tokens
            + self.cache_read_tokens
            + self.cache_write_5m_tokens
            + self.cache_write_1h_tokens
        )


class Override(_Strict):
    """A rating the user sets instead of the sourced one; marked as theirs in every output.
    ``vendor`` narrows an override of a per-vendor option (``direct``) to one vendor."""

    option: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    criterion: str = Field(min_length=1, max_length=64)
    rating: Literal["yes", "partial", "no", "unknown"]
    vendor: str | None = Field(default=None, min_length=1, max_length=64)
    note: str = Field(default="", max_length=500)


class _Choice(_Strict):
    """Assumptions any option may carry."""

    #: Share of cacheable tokens (the workload's cache reads) actually read from cache
    #: through this option, e.g. measured by a test call's cache probe; None = 1.0 (all).
    cache_effectiveness: Share | None = None


class OpenRouterChoice(_Choice):
    payment: Name | None = None
    topup_usd: Usd | None = None
    byok: Flag = False
    #: Use OpenRouter's beta batch API for batch-share traffic (vendor batch prices + fee).
    batch_api: Flag = False


def _share(value: Any, key: str = "") -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not 0 <= value <= 1:
        where = f"{key}: " if key else ""
        raise ValueError(f"{where}expected a share between 0 and 1, got {value!r}")
    return float(value)


def _discount(value: Any) -> float | dict[str, float] | None:
    """One share off list, or one per vendor (``{anthropic: 0.15}``)."""
    if value is None:
        return None
    if isinstance(value, dict):
        return {str(k): _share(v, str(k)) for k, v in value.items()}
    return _share(value)


Discount = Annotated[Any, AfterValidator(_discount)]


class PooledChoice(_Choice):
    discount: Discount = None


class DirectChoice(_Choice):
    region: Name | None = None


class GenericChoice(_Choice):
    """Assumptions for an option added as data (a fourth gateway)."""

    payment: Name | None = None
    topup_usd: Usd | None = None
    byok: Flag = False
    discount: Discount = None
    region: Name | None = None


_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def next_month(today: dt.date | None = None) -> str:
    today = today or today_utc()
    return f"{today.year + today.month // 12}-{today.month % 12 + 1:02d}"


class Scenario(_Strict):
    """A workload scenario. ``start_month`` defaults to the month after today."""

    name: Name = "Scenario"
    pricing_version: Name = "by-date"
    start_month: str = Field(default_factory=next_month)
    # Working days (e.g. 21) are a fair assumption; below one day a month is not.
    days_per_month: Annotated[float, Field(ge=1, le=31, allow_inf_nan=False, strict=True)] = (
        365.25 / 12
    )
    horizon_months: Annotated[int, Field(ge=1, le=120, strict=True)] = 12
    monthly_growth: Annotated[float, Field(ge=-0.99, le=10, allow_inf_nan=False, strict=True)] = 0.0
    workloads: tuple[Workload, ...] = Field(min_length=1, max_length=MAX_WORKLOADS)
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    #: Display currency (numbers are computed in USD and converted at a dated rate).
    currency: str = "USD"
    requirements: tuple[str, ...] = ()
    weights: dict[str, Annotated[float, Field(ge=0, le=1e6, allow_inf_nan=False, strict=True)]] = (
        Field(default_factory=dict)
    )
    overrides: tuple[Override, ...] = ()

    @field_validator("start_month", mode="before")
    @classmethod
    def _month(cls, v: Any) -> str:
        # A date object comes from Python callers (YAML dates are read as text).
        text = v.isoformat()[:7] if isinstance(v, dt.date) else v
        if not isinstance(text, str) or not _MONTH.match(text):
            raise ValueError(f"expected a month as YYYY-MM, got {v!r}")
        if not FIRST_MONTH <= text <= LAST_MONTH:
            raise ValueError(f"{text} is outside {FIRST_MONTH} … {LAST_MONTH}")
        return text

    @field_validator("workloads", mode="before")
    @classmethod
    def _few_workloads(cls, v: Any) -> Any:
        # Counted before each item is validated: 80,000 aliases of one workload in a 240 KB
        # file would otherwise take seconds to refuse.
        if isinstance(v, list | tuple) and len(v) > MAX_WORKLOADS:
            raise ValueError(f"{len(v):,} workloads; at most {MAX_WORKLOADS}")
        return v

    @field_validator("options")
    @classmethod
    def _options(cls, v: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        schema: dict[str, type[_Strict]] = {
            "openrouter": OpenRouterChoice,
            "pooled": PooledChoice,
            "direct": DirectChoice,
        }
        out = {}
        for key, choice in v.items():
            try:
                out[key] = schema.get(key, GenericChoice).model_validate(choice or {})
            except ValidationError as exc:
                # Re-raised as text so the message keeps the option's name in the path.
                raise ValueError(_describe(exc, prefix=f"options.{key}.")) from None
        return {k: c.model_dump(exclude_none=True) for k, c in out.items()}

    @field_validator("currency")
    @classmethod
    def _currency(cls, v: str) -> str:
        if v not in CURRENCIES:
            raise ValueError(f"unknown currency {v!r}; known: {', '.join(CURRENCIES)}")
        return v

    @field_validator("requirements")
    @classmethod
    def _requirements(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        known = REQUIREMENTS + MORE_REQUIREMENTS
        unknown = sorted(set(v) - set(known))
        if unknown:
            raise ValueError(f"unknown requirement(s) {unknown}; known: {list(known)}")
        return v

    @field_validator("weights")
    @classmethod
    def _weights(cls, v: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(v) - set(WEIGHT_GROUPS))
        if unknown:
            raise ValueError(f"unknown group(s) {unknown}; known: {list(WEIGHT_GROUPS)}")
        if v and not any(w > 0 for w in v.values()):
            raise ValueError("at least one group needs a weight above 0")
        return v

    @field_validator("overrides")
    @classmethod
    def _overrides(cls, v: tuple[Override, ...]) -> tuple[Override, ...]:
        seen: set[tuple[str, str | None, str]] = set()
        for i, o in enumerate(v):
            if o.criterion not in REQUIREMENTS + MORE_REQUIREMENTS:
                raise ValueError(
                    f"{i}.criterion: {o.criterion!r} is not a rated criterion (cost and "
                    "catalog breadth are computed, not rated)"
                )
            key = (o.option, o.vendor, o.criterion)
            if key in seen:
                raise ValueError(f"{i}: a second override of {o.criterion!r} on {o.option!r}")
            seen.add(key)
        return v

    @property
    def start(self) -> dt.date:
        return dt.date.fromisoformat(self.start_month + "-01")

    def assumptions(self) -> dict[str, OptionAssumptions]:
        return {k: OptionAssumptions.from_mapping(v) for k, v in self.options.items()}

    def cache_effectiveness(self) -> dict[str, float]:
        """Options whose cache effectiveness is below 100 % (option id → share)."""
        return {
            k: float(v["cache_effectiveness"])
            for k, v in self.options.items()
            if v.get("cache_effectiveness") is not None and v["cache_effectiveness"] < 1
        }


def _describe(exc: ValidationError, prefix: str = "") -> str:
    errors = exc.errors()
    locs = [tuple(str(x) for x in e["loc"]) for e in errors]
    parts = []
    for err, loc in zip(errors, locs, strict=True):
        # A container's own complaint ("workloads: at least 1 item") after one of its items
        # failed is noise: the item's error says what is wrong.
        if any(other[: len(loc)] == loc and len(other) > len(loc) for other in locs):
            continue
        where = prefix + ".".join(loc) if loc else prefix.rstrip(".") or "(top level)"
        if loc == ("options",) and err["type"] == "value_error":
            where = ""  # the message already names options.<id>.<key>
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        elif err["type"] == "value_error":
            msg = str(err["ctx"]["error"]) if "error" in err.get("ctx", {}) else err["msg"]
        else:
            msg = err["msg"]
        parts.append(f"{where}: {msg}" if where else msg)
    # One line means a short line: the first few problems, and how many more.
    more = f" (and {len(parts) - 3} more)" if len(parts) > 3 else ""
    return "; ".join(parts[:3]) + more


#: The same one-line rendering of a validation error, for other strict data files (the
#: scorecard's evidence).
describe_validation_error = _describe


def parse_scenario(data: Any, *, origin: str = "scenario") -> Scenario:
    """Validate a scenario mapping; errors name the key (``workloads.0.batch_share: ...``)."""
    if not isinstance(data, dict):
        raise ScenarioError(f"{origin}: expected a mapping of scenario keys")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(f"{origin}: {_describe(exc)}") from None


def load_scenario(path: Path) -> Scenario:
    """Read and validate a scenario YAML file (size-capped, see :mod:`scenario_yaml`)."""
    try:
        data = read_yaml(path)
    except ScenarioYamlError as exc:
        raise ScenarioError(f"{path}: {exc}") from None
    return parse_scenario(data, origin=str(path))


def read_scenario_bytes(data: bytes, *, origin: str) -> Scenario:
    """Validate an uploaded scenario file's bytes (the calculator's upload)."""
    try:
        parsed = parse_yaml(data)
    except ScenarioYamlError as exc:
        raise ScenarioError(f"{origin}: {exc}") from None
    return parse_scenario(parsed, origin=origin)


def dump_scenario(scenario: Scenario) -> str:
    """YAML text of a scenario (what the calculator downloads)."""
    return yaml.safe_dump(scenario.model_dump(mode="json"), sort_keys=False, allow_unicode=True)


Kind = Literal["direct", "aggregator", "pooled"]
