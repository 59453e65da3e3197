"""Where the bundled data lives. Pure functions take paths; only entry points call these."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data folder: ``$GATEWISE_DATA_DIR`` if set (tests), else the repository's ``data/``."""
    return Path(os.environ.get("GATEWISE_DATA_DIR") or REPO / "data")


def pricing_dir() -> Path:
    return data_dir() / "pricing"


def default_scenario_path() -> Path:
    return data_dir() / "scenarios" / "default.yaml"


def criteria_dir() -> Path:
    """The scorecard's evidence data (``data/criteria``)."""
    return data_dir() / "criteria"


def ratelimits_path() -> Path:
    """Rate-limit tiers of new direct accounts (the capacity check)."""
    return data_dir() / "capacity" / "ratelimits.yaml"


def fx_dir() -> Path:
    """Dated exchange-rate snapshots (``data/fx``)."""
    return data_dir() / "fx"
