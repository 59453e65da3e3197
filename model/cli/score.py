"""``python -m model score SCENARIO.yaml``: the trade-off scorecard (DESIGN §5) — must-haves,
weights and overrides from the scenario file; evidence from ``data/criteria``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from model.cli.common import load_book, print_json


def register(sub: Any) -> None:
    p = sub.add_parser("score", help="rank the options on cost, compliance, catalog, trust, …")
    p.add_argument("scenario")
    p.add_argument("--json", action="store_true")
    p.add_argument("--criteria-dir", help="folder of evidence data (default data/criteria)")
    p.add_argument(
        "--costs-from",
        metavar="SUMMARY.json",
        help="cost score from a re-priced log (the reprice --json summary), not the projection",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> None:
    from model.paths import criteria_dir, ratelimits_path
    from model.plan.capacity import load_ratelimits
    from model.plan.scenario import load_scenario
    from model.scorecard.card import score_scenario
    from model.scorecard.evidence import load_criteria

    scenario = load_scenario(Path(args.scenario))
    criteria = load_criteria(Path(args.criteria_dir) if args.criteria_dir else criteria_dir())
    limits_file = ratelimits_path()
    limits = load_ratelimits(limits_file) if limits_file.is_file() else None
    costs = _costs(args.costs_from) if args.costs_from else None
    card = score_scenario(
        scenario, load_book(args), criteria, limits=limits, costs=costs, origin=args.scenario
    )
    result = card.to_json()
    if args.json:
        print_json(result)
        return
    from model.cli.text import score_text

    print(score_text(result))


def _costs(path: str) -> Any:
    import json

    from model.cli.common import CliError
    from model.scorecard.costs import costs_from_reprice

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CliError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CliError(f"{path}: not a JSON summary ({' '.join(str(exc).split())})") from None
    return costs_from_reprice(data, origin=path)
