"""Headless commands (DESIGN §5): ``python -m model <command> …``.

Exit 0 on success, 2 on bad input with one line on stderr — never a traceback. Each command
is a module of this package with ``register(subparsers)``; add a new one to ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from typing import NoReturn

from model.cli import export_prices, project, report, reprice, score, share, testcall
from model.cli.common import EXIT_BAD_INPUT, EXIT_INTERNAL, CliError
from pricing.errors import CatalogError

#: One module per command, in the order ``--help`` lists them.
COMMANDS = (reprice, project, score, report, share, testcall, export_prices)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line (exit 2), like every other bad input."""

    def error(self, message: str) -> NoReturn:
        if message.startswith("unrecognized arguments:"):
            # Values are not echoed: one may be a key typed where it does not belong.
            extra = message.split(":", 1)[1].split()
            shown = " ".join(a if a.startswith("-") else "…" for a in extra)
            message = f"unrecognized arguments: {shown}"
        print(f"error: {self.prog}: {message} (see --help)", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def _name(command: object) -> str:
    """The command a module registers (``export_prices`` → ``export-prices``)."""
    return getattr(command, "__name__", "").rsplit(".", 1)[-1].replace("_", "-")


def _chosen(argv: Sequence[str]) -> str | None:
    """The command named on the line (after ``--pricing-dir DIR``), if it is one of ours."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--pricing-dir":
            rest = rest[1:]
        elif not arg.startswith("-"):
            return arg if arg in {_name(c) for c in COMMANDS} else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with ``argv`` naming a command, only that command's arguments are set up
    (a command's registration may load its own modules: ``reprice`` need not load the test
    call's). Without one — ``--help``, a typo — every command is, so argparse lists them."""
    parser = _Parser(prog="python -m model", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pricing-dir", help="folder of pricing versions (default data/pricing)")
    sub = parser.add_subparsers(dest="command", required=True)
    chosen = _chosen(argv) if argv is not None else None
    for command in COMMANDS:
        if chosen is None or _name(command) == chosen:
            command.register(sub)
    return parser


def _bad_input_errors() -> tuple[type[BaseException], ...]:
    from model.plan.scenario import ScenarioError
    from model.scorecard.evidence import CriteriaError
    from model.usage.readers import UsageFormatError

    return (
        CatalogError,
        CliError,
        FileNotFoundError,
        UsageFormatError,
        ScenarioError,
        CriteriaError,
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    try:
        with warnings.catch_warnings():
            # numpy's RuntimeWarnings (overflow, invalid value) would add lines to stderr;
            # what they warn of is caught where it matters: every printed number is
            # checked finite (common.ensure_finite).
            warnings.simplefilter("ignore", RuntimeWarning)
            # A command may return an exit code (testcall: 1 when an upstream error was
            # measured).
            code = args.func(args)
    except BrokenPipeError:
        # The reader left (`… | head`): not an error, and nothing more can be said there.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except _bad_input_errors() as exc:
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValueError as exc:  # invalid option assumptions and the like
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug: still one line, never a traceback (exit 1, not 2)
        detail = " ".join(str(exc).split())[:200]
        print(f"error: internal error in {args.command} ({type(exc).__name__}: {detail}) "
              "— please report it", file=sys.stderr)  # fmt: skip
        return EXIT_INTERNAL
    return code or 0
