"""``python -m model reprice FILE [FILE …]``: usage logs priced under every option (DESIGN §5)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from model.cli.common import (
    CliError,
    ensure_finite,
    load_scenario_or_default,
    pricing_root,
    print_json,
)
from pricing.versions import BY_DATE


def register(sub: Any) -> None:
    p = sub.add_parser(
        "reprice",
        help="price usage logs under every option",
        description="Several files (e.g. a usage export and the cost export of the same "
        "period) are summed as one log.",
    )
    p.add_argument("file", nargs="+")
    p.add_argument("--format", default="auto", help="auto or a reader name")
    p.add_argument(
        "--pricing",
        default=BY_DATE,
        help="by-date (default: each row by the version in force on its date), today (the "
        "version in force now), latest (the newest, scheduled included) or a version id",
    )
    p.add_argument("--scenario", help="scenario YAML with option assumptions")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--rows-out",
        metavar="ROWS.csv",
        help="write the re-priced rows CSV (every row read; empty cost where not priced)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> None:
    from model.usage.chunked import reprice_files

    def assumptions() -> Any:
        scenario = load_scenario_or_default(args.scenario)
        return scenario.assumptions() if scenario else None

    paths = [Path(f) for f in args.file]
    rows_out = Path(args.rows_out) if args.rows_out else None
    if rows_out is not None and any(rows_out.resolve() == p.resolve() for p in paths):
        raise CliError(f"--rows-out {rows_out} would overwrite an input file")
    result = reprice_files(
        paths,
        pricing_root(args),
        fmt=args.format,
        pricing=args.pricing,
        assumptions=assumptions,
        rows_out=rows_out,
    )
    source = ", ".join(p.name for p in paths)
    if args.json:
        print_json(result, source)
        return
    from model.cli.text import reprice_text

    ensure_finite(result, source)
    print(reprice_text(result))
