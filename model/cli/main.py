"""Headless commands (DESIGN §5): ``python -m model reprice|project …``.

Exit 0 on success, 2 on bad input with one line on stderr — never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from model.paths import default_scenario_path, pricing_dir
from pricing.errors import CatalogError
from pricing.versions import BY_DATE, PriceBook

EXIT_BAD_INPUT = 2


class CliError(Exception):
    """Bad input: printed as one line, exit 2."""


def _book(args: argparse.Namespace) -> PriceBook:
    return PriceBook.load(Path(args.pricing_dir) if args.pricing_dir else pricing_dir())


def _scenario(path: str | None) -> Any:
    from model.plan.scenario import load_scenario

    if path:
        return load_scenario(Path(path))
    default = default_scenario_path()
    return load_scenario(default) if default.is_file() else None


def _print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, indent=2, allow_nan=False)
    sys.stdout.write("\n")


def cmd_reprice(args: argparse.Namespace) -> None:
    from model.usage.chunked import reprice_file

    def assumptions() -> Any:
        scenario = _scenario(args.scenario)
        return scenario.assumptions() if scenario else None

    root = Path(args.pricing_dir) if args.pricing_dir else pricing_dir()
    result = reprice_file(
        Path(args.file),
        root,
        fmt=args.format,
        pricing=args.pricing,
        assumptions=assumptions,
    )
    if args.json:
        _print_json(result)
        return
    from model.cli.text import reprice_text

    print(reprice_text(result))


def cmd_project(args: argparse.Namespace) -> None:
    from model.plan.projection import project
    from model.plan.scenario import load_scenario

    projection = project(load_scenario(Path(args.scenario)), _book(args))
    result = projection.to_json()
    if args.json:
        _print_json(result)
        return
    from model.cli.text import project_text

    print(project_text(result))


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line (exit 2), like every other bad input."""

    def error(self, message: str) -> NoReturn:
        print(f"error: {self.prog}: {message} (see --help)", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m model", description=__doc__)
    parser.add_argument("--pricing-dir", help="folder of pricing versions (default data/pricing)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("reprice", help="price a usage log under every option")
    p.add_argument("file")
    p.add_argument("--format", default="auto", help="auto or a reader name")
    p.add_argument("--pricing", default=BY_DATE, help="by-date (default), latest or a version id")
    p.add_argument("--scenario", help="scenario YAML with option assumptions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reprice)

    p = sub.add_parser("project", help="monthly spend per option for a workload scenario")
    p.add_argument("scenario")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_project)
    return parser


def _bad_input_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [CatalogError, CliError, FileNotFoundError]
    try:
        from model.usage.readers import UsageFormatError

        errors.append(UsageFormatError)
    except ImportError:  # pragma: no cover - readers always ship
        pass
    from model.plan.scenario import ScenarioError

    errors.append(ScenarioError)
    return tuple(errors)


def main(argv: Sequence[str] | None = None, *, out: Callable[[str], Any] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except _bad_input_errors() as exc:
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValueError as exc:  # invalid option assumptions and the like
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    del out
    return 0
