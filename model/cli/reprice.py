"""``python -m model reprice FILE``: a usage log priced under every option (DESIGN §5)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from model.cli.common import ensure_finite, load_scenario_or_default, pricing_root, print_json
from pricing.versions import BY_DATE


def register(sub: Any) -> None:
    p = sub.add_parser("reprice", help="price a usage log under every option")
    p.add_argument("file")
    p.add_argument("--format", default="auto", help="auto or a reader name")
    p.add_argument("--pricing", default=BY_DATE, help="by-date (default), latest or a version id")
    p.add_argument("--scenario", help="scenario YAML with option assumptions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> None:
    from model.usage.chunked import reprice_file

    def assumptions() -> Any:
        scenario = load_scenario_or_default(args.scenario)
        return scenario.assumptions() if scenario else None

    result = reprice_file(
        Path(args.file),
        pricing_root(args),
        fmt=args.format,
        pricing=args.pricing,
        assumptions=assumptions,
    )
    source = Path(args.file).name
    if args.json:
        print_json(result, source)
        return
    from model.cli.text import reprice_text

    ensure_finite(result, source)
    print(reprice_text(result))
