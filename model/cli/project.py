"""``python -m model project SCENARIO.yaml``: monthly spend per option (DESIGN §5)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from model.cli.common import load_book, print_json


def register(sub: Any) -> None:
    p = sub.add_parser("project", help="monthly spend per option for a workload scenario")
    p.add_argument("scenario", help="scenario YAML (DESIGN §5; at most 256,000 bytes)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> None:
    from model.plan.projection import project
    from model.plan.scenario import ScenarioError, load_scenario
    from model.plan.verdict import project_json

    path = Path(args.scenario)
    scenario = load_scenario(path)
    # Everything is computed (and checked finite) before anything is printed.
    try:
        result = project_json(project(scenario, load_book(args)))
    except ScenarioError as exc:  # what the price data cannot price: name the file too
        raise ScenarioError(f"{path}: {exc}") from None
    if args.json:
        print_json(result, Path(args.scenario).name)
        return
    from model.cli.text import project_text

    print(project_text(result))
