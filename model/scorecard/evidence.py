"""The scorecard's evidence data (``data/criteria/``): criteria grouped as a scenario's weights
name them, and one file of ratings per vendor (the ``direct`` option is judged per vendor) or
per option. Validated by pydantic (unknown keys refused); every error names the file and key.

A rating other than ``unknown`` carries its scope and at least one piece of evidence (source
URL, date read, exact quote or one-line summary); ``unknown`` carries a note on what was looked
for. Criteria computed from the price data or the scenario are never typed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from model.plan.scenario import (
    MORE_REQUIREMENTS,
    REQUIREMENTS,
    WEIGHT_GROUPS,
    describe_validation_error,
)

Rating = Literal["yes", "partial", "no", "unknown"]
#: Where a rating sits on the 0–1 scale; ``unknown`` spans all of it (never 0, never the middle).
RATING_RANGE: dict[str, tuple[float, float]] = {
    "yes": (1.0, 1.0),
    "partial": (0.5, 0.5),
    "no": (0.0, 0.0),
    "unknown": (0.0, 1.0),
}
#: Criteria computed for every option (``derive``) and for the ``direct`` option only.
Derived = Literal[
    "cost",
    "catalog_breadth",
    "scenario_models",
    "other_vendors",
    "frontier_three",
    "batch_api",
    "published_prices",
]
DerivedDirect = Literal["capacity", "vendors_used"]
#: Criteria scored by a number rather than a rating (no must-have, no override).
NUMERIC: frozenset[str] = frozenset({"cost", "catalog_breadth"})
Text = Annotated[str, Field(min_length=1, max_length=600)]


class CriteriaError(ValueError):
    """Invalid evidence data; the message names the file and the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Group(_Strict):
    id: str
    label: Text
    default_weight: Annotated[float, Field(ge=0, le=1)]


class Criterion(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    group: str
    label: Text
    question: Text
    fails: Text
    weight: Annotated[float, Field(gt=0, le=10)] = 1.0
    derive: Derived | None = None
    derive_direct: DerivedDirect | None = None

    @property
    def numeric(self) -> bool:
        return self.derive in NUMERIC


class Evidence(_Strict):
    """One source: where, when it was read, and what it says (quoted or summarized)."""

    url: str = Field(pattern=r"^https?://\S+$", max_length=400)
    read: dt.date
    dated: dt.date | None = None
    quote: Text | None = None
    summary: Text | None = None
    via: Text | None = None

    @model_validator(mode="after")
    def _says_something(self) -> Evidence:
        if self.quote is None and self.summary is None:
            raise ValueError("needs a quote (exact wording) or a one-line summary")
        return self


class RatingEntry(_Strict):
    rating: Rating
    scope: Text | None = None
    note: Text | None = None
    evidence: tuple[Evidence, ...] = ()

    @model_validator(mode="after")
    def _sourced(self) -> RatingEntry:
        if self.rating == "unknown":
            if self.note is None:
                raise ValueError("an unknown rating needs a note saying what was looked for")
        elif not self.evidence or self.scope is None:
            raise ValueError(f"a {self.rating!r} rating needs its scope and at least one source")
        return self


class EvidenceFile(_Strict):
    subject: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    kind: Literal["vendor", "option"]
    name: Text
    ratings: dict[str, RatingEntry]


class CriteriaFile(_Strict):
    groups: tuple[Group, ...]
    criteria: tuple[Criterion, ...]

    @model_validator(mode="after")
    def _consistent(self) -> CriteriaFile:
        ids = [g.id for g in self.groups]
        if sorted(ids) != sorted(WEIGHT_GROUPS):
            raise ValueError(f"groups must be {list(WEIGHT_GROUPS)}, got {ids}")
        seen: set[str] = set()
        for i, c in enumerate(self.criteria):
            if c.group not in ids:
                raise ValueError(f"criteria.{i}.group: unknown group {c.group!r}")
            if c.id in seen:
                raise ValueError(f"criteria.{i}.id: duplicate {c.id!r}")
            seen.add(c.id)
        rated = {c.id for c in self.criteria if not c.numeric}
        expected = set(REQUIREMENTS) | set(MORE_REQUIREMENTS)
        if rated != expected:
            raise ValueError(
                "rated criteria must match the scenario's must-have ids: "
                f"missing {sorted(expected - rated)}, extra {sorted(rated - expected)}"
            )
        return self


@dataclass(frozen=True)
class CriteriaBook:
    """Criteria, groups and every subject's ratings, as loaded from ``data/criteria``."""

    groups: tuple[Group, ...]
    criteria: tuple[Criterion, ...]
    subjects: dict[str, EvidenceFile]
    folder: Path

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def in_group(self, group_id: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.group == group_id)

    @property
    def default_weights(self) -> dict[str, float]:
        return {g.id: g.default_weight for g in self.groups}


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CriteriaError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CriteriaError(f"{path}: cannot read ({' '.join(str(exc).split())})") from None


def _validate(model: type[BaseModel], path: Path) -> Any:
    try:
        return model.model_validate(_read(path))
    except ValidationError as exc:
        raise CriteriaError(f"{path}: {describe_validation_error(exc)}") from None


def _check_ratings(path: Path, ev: EvidenceFile, criteria: tuple[Criterion, ...]) -> None:
    """Every typed criterion is rated once; computed ones are not typed (file and key named)."""
    known = {c.id: c for c in criteria}
    for key in ev.ratings:
        c = known.get(key)
        if c is None:
            raise CriteriaError(f"{path}: ratings.{key}: unknown criterion")
        if c.derive is not None:
            raise CriteriaError(f"{path}: ratings.{key}: computed from the price data, not typed")
        if c.derive_direct is not None and ev.kind == "vendor":
            raise CriteriaError(f"{path}: ratings.{key}: computed for direct, not typed")
    needed = [
        c.id
        for c in criteria
        if c.derive is None and not (c.derive_direct is not None and ev.kind == "vendor")
    ]
    missing = [k for k in needed if k not in ev.ratings]
    if missing:
        raise CriteriaError(f"{path}: ratings: missing {missing} (rate them, or unknown)")


def load_criteria(folder: Path) -> CriteriaBook:
    """Read ``folder/criteria.yaml`` and ``folder/evidence/*.yaml``; raises ``CriteriaError``."""
    spec: CriteriaFile = _validate(CriteriaFile, folder / "criteria.yaml")
    subjects: dict[str, EvidenceFile] = {}
    for path in sorted((folder / "evidence").glob("*.yaml")):
        ev: EvidenceFile = _validate(EvidenceFile, path)
        if ev.subject != path.stem:
            raise CriteriaError(f"{path}: subject: {ev.subject!r} must match the file name")
        _check_ratings(path, ev, spec.criteria)
        subjects[ev.subject] = ev
    return CriteriaBook(spec.groups, spec.criteria, subjects, folder)
