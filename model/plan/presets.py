"""Calculator presets: strict scenario files plus a sidecar index with their stated
assumptions (the scenario schema forbids unknown keys, so descriptions live beside it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from model.plan.scenario import Scenario, ScenarioError, load_scenario

INDEX_FILE = "index.yaml"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    assumptions: tuple[str, ...] = Field(min_length=1)


class _Index(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    presets: tuple[_Entry, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Preset:
    """A scenario a user starts from in one click, with the assumptions it rests on."""

    id: str
    title: str
    description: str
    assumptions: tuple[str, ...]
    scenario: Scenario
    path: Path


def load_presets(folder: Path) -> tuple[Preset, ...]:
    """Every preset listed in ``folder/index.yaml``, in index order; raises ``ScenarioError``
    naming the file and key when an index entry or a scenario is invalid."""
    index_path = folder / INDEX_FILE
    try:
        index = _Index.model_validate(yaml.safe_load(index_path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ScenarioError(f"{index_path}: file not found") from None
    except (yaml.YAMLError, ValidationError) as exc:
        raise ScenarioError(f"{index_path}: {' '.join(str(exc).split())}") from None
    return tuple(
        Preset(
            e.id,
            e.title,
            e.description,
            e.assumptions,
            load_scenario(p := folder / f"{e.id}.yaml"),
            p,
        )
        for e in index.presets
    )
