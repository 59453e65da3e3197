"""What every command shares: the bad-input error, loading the price book and scenarios,
and printing JSON that is always finite (DESIGN §5)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model.paths import default_scenario_path, pricing_dir

#: Where `make run` serves the app: the default host of the share links the CLI writes.
DEFAULT_BASE_URL = "http://127.0.0.1:8501"

if TYPE_CHECKING:  # imported when used: `reprice` starts reading before pydantic is loaded
    from pricing.versions import PriceBook

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1  # a bug, reported in one line too


class CliError(Exception):
    """Bad input: printed as one line, exit 2."""


def pricing_root(args: argparse.Namespace) -> Path:
    """The folder of price data: ``--pricing-dir`` or the bundled ``data/pricing``."""
    return Path(args.pricing_dir) if args.pricing_dir else pricing_dir()


def load_book(args: argparse.Namespace) -> PriceBook:
    from pricing.versions import PriceBook

    return PriceBook.load(pricing_root(args))


def load_scenario_or_default(path: str | None) -> Any:
    """The scenario at ``path``, else the bundled default scenario (None if there is none)."""
    from model.plan.scenario import load_scenario

    if path:
        return load_scenario(Path(path))
    default = default_scenario_path()
    return load_scenario(default) if default.is_file() else None


def non_finite_at(obj: Any, path: str = "") -> str | None:
    """JSON path of the first NaN or infinite number in ``obj`` (None if all are finite)."""
    if isinstance(obj, float):
        return None if math.isfinite(obj) else path or "(top level)"
    if isinstance(obj, dict):
        items = ((f"{path}.{k}" if path else str(k), v) for k, v in obj.items())
    elif isinstance(obj, list | tuple):
        items = ((f"{path}[{i}]", v) for i, v in enumerate(obj))
    else:
        return None
    return next((p for key, v in items if (p := non_finite_at(v, key)) is not None), None)


def ensure_finite(obj: Any, source: str) -> None:
    """Refuse a result holding NaN or infinity (DESIGN §5: every number written is finite).

    Readers and scenarios bound their inputs so sums stay finite; this is the last check
    before anything is printed, so an overflow the bounds missed is still one line naming
    the input and the number, never ``$inf`` or a half-printed document.
    """
    where = non_finite_at(obj)
    if where is not None:
        raise CliError(
            f"{source}: the result would hold a non-finite number at {where} "
            "(an input value overflows) — check the file's numbers"
        )


def print_json(obj: Any, source: str = "the input") -> None:
    """Print ``obj`` as JSON, all at once: rendered (and checked finite) before any write."""
    ensure_finite(obj, source)
    sys.stdout.write(json.dumps(obj, indent=2, allow_nan=False) + "\n")
