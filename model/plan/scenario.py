"""Workload scenario (DESIGN §5): the YAML a user writes, the calculator edits and a share
link encodes. Unknown keys and impossible values are errors that name the key.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from model.engine.adjustments import OptionAssumptions

Tokens = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
REQUIREMENTS = ("baa", "soc2", "zdr", "sla", "eu_residency", "us_residency", "no_training")


class ScenarioError(ValueError):
    """A scenario file or value is invalid; the message names the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Workload(_Strict):
    """One kind of traffic; token counts are per request, classes disjoint."""

    name: str = Field(min_length=1)
    model: str = Field(min_length=1, description="canonical model id of the priced version")
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


class OpenRouterChoice(_Strict):
    payment: str | None = None
    topup_usd: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None
    byok: bool = False
    #: Use OpenRouter's beta batch API for batch-share traffic (vendor batch prices + fee).
    batch_api: bool = False


class PooledChoice(_Strict):
    discount: Share | dict[str, Share] | None = None


class DirectChoice(_Strict):
    region: str | None = None


class GenericChoice(_Strict):
    """Assumptions for an option added as data (a fourth gateway)."""

    payment: str | None = None
    topup_usd: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None
    byok: bool = False
    discount: Share | dict[str, Share] | None = None
    region: str | None = None


_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def next_month(today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    return f"{today.year + today.month // 12}-{today.month % 12 + 1:02d}"


class Scenario(_Strict):
    """A workload scenario. ``start_month`` defaults to the month after today."""

    name: str = "Scenario"
    pricing_version: str = "by-date"
    start_month: str = Field(default_factory=next_month)
    days_per_month: Annotated[float, Field(gt=0, le=31)] = 365.25 / 12
    horizon_months: Annotated[int, Field(ge=1, le=120)] = 12
    monthly_growth: Annotated[float, Field(ge=-0.99, le=10, allow_inf_nan=False)] = 0.0
    workloads: tuple[Workload, ...] = Field(min_length=1)
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    requirements: tuple[str, ...] = ()
    weights: dict[str, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)

    @field_validator("start_month", mode="before")
    @classmethod
    def _month(cls, v: Any) -> str:
        text = v.isoformat()[:7] if isinstance(v, dt.date) else str(v)
        if not _MONTH.match(text):
            raise ValueError(f"expected YYYY-MM, got {v!r}")
        return text

    @field_validator("options")
    @classmethod
    def _options(cls, v: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        schema: dict[str, type[_Strict]] = {
            "openrouter": OpenRouterChoice,
            "pooled": PooledChoice,
            "direct": DirectChoice,
        }
        return {
            k: schema.get(k, GenericChoice).model_validate(d or {}).model_dump(exclude_none=True)
            for k, d in v.items()
        }

    @field_validator("requirements")
    @classmethod
    def _requirements(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(v) - set(REQUIREMENTS))
        if unknown:
            raise ValueError(f"unknown requirement(s) {unknown}; known: {list(REQUIREMENTS)}")
        return v

    @property
    def start(self) -> dt.date:
        return dt.date.fromisoformat(self.start_month + "-01")

    def assumptions(self) -> dict[str, OptionAssumptions]:
        return {k: OptionAssumptions.from_mapping(v) for k, v in self.options.items()}


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"]) or "(top level)"
        msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        parts.append(f"{loc}: {msg}")
    return "; ".join(parts)


def parse_scenario(data: Any, *, origin: str = "scenario") -> Scenario:
    """Validate a scenario mapping; errors name the key (``workloads.0.batch_share: ...``)."""
    if not isinstance(data, dict):
        raise ScenarioError(f"{origin}: expected a mapping of scenario keys")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(f"{origin}: {_describe(exc)}") from None


def load_scenario(path: Path) -> Scenario:
    """Read and validate a scenario YAML file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScenarioError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ScenarioError(
            f"{path}: cannot read scenario ({' '.join(str(exc).split())})"
        ) from None
    return parse_scenario(data, origin=str(path))


def dump_scenario(scenario: Scenario) -> str:
    """YAML text of a scenario (what the calculator downloads)."""
    return yaml.safe_dump(scenario.model_dump(mode="json"), sort_keys=False, allow_unicode=True)


Kind = Literal["direct", "aggregator", "pooled"]
