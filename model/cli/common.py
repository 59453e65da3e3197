"""What every command shares: the bad-input error, loading the price book and scenarios,
and printing JSON that is always finite (DESIGN §5)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from model.paths import default_scenario_path, pricing_dir
from pricing.versions import PriceBook

EXIT_BAD_INPUT = 2


class CliError(Exception):
    """Bad input: printed as one line, exit 2."""


def pricing_root(args: argparse.Namespace) -> Path:
    """The folder of price data: ``--pricing-dir`` or the bundled ``data/pricing``."""
    return Path(args.pricing_dir) if args.pricing_dir else pricing_dir()


def load_book(args: argparse.Namespace) -> PriceBook:
    return PriceBook.load(pricing_root(args))


def load_scenario_or_default(path: str | None) -> Any:
    """The scenario at ``path``, else the bundled default scenario (None if there is none)."""
    from model.plan.scenario import load_scenario

    if path:
        return load_scenario(Path(path))
    default = default_scenario_path()
    return load_scenario(default) if default.is_file() else None


def print_json(obj: Any) -> None:
    """Print ``obj`` as JSON, all or nothing: the text is built first, so a non-finite number
    is an error before any output (``json.dump`` would stream half a document)."""
    try:
        text = json.dumps(obj, indent=2, allow_nan=False)
    except ValueError:
        raise CliError("the result holds a number that is not finite; nothing printed") from None
    sys.stdout.write(text + "\n")
