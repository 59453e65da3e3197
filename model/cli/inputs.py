"""The inputs of ``report`` and ``share``: a scenario from a file or a share link (priced
with the link's versions), the evidence data, rate-limit tiers, exchange rate and usage log."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from model.cli.common import CliError
from pricing.versions import PriceBook


def scenario_from_args(args: argparse.Namespace, book: PriceBook) -> tuple[Any, Any, list[str]]:
    """(scenario, pinned prices, notes) from ``args.scenario`` or ``args.link``."""
    from model.plan.scenario import load_scenario
    from model.share.payload import open_link
    from model.share.pins import Pinned, months_not_honoured, pin

    if args.link is None:
        return load_scenario(Path(args.scenario)), None, []
    shared = open_link(args.link)
    pinned: Pinned = pin(shared.priced_by, book)
    notes = list(pinned.notes)
    from model.plan.calendar import pricing_calendar

    off = months_not_honoured(shared.priced_by, pricing_calendar(shared.scenario, pinned.book))
    if off and not pinned.notes:
        notes.append(f"months {', '.join(off)} are priced differently from the link's record")
    return shared, pinned, notes


def report_context(args: argparse.Namespace, book: PriceBook) -> tuple[Any, list[str]]:
    """Everything ``report`` needs, computed by :func:`model.report.context.gather`."""
    from model.paths import criteria_dir, fx_dir, ratelimits_path
    from model.plan.capacity import load_ratelimits
    from model.plan.currency import reference_rates
    from model.plan.scenario import dump_scenario
    from model.report.context import gather
    from model.scorecard.evidence import load_criteria
    from model.share.payload import PARAM, make_link, shared_rate

    loaded, pinned, notes = scenario_from_args(args, book)
    scenario = getattr(loaded, "scenario", loaded)
    rate = reference_rates(fx_dir()).rate(scenario.currency)
    if pinned is not None:
        rate = shared_rate(loaded, rate)
    pricing_book = pinned.book if pinned is not None else book
    criteria = load_criteria(Path(args.criteria_dir) if args.criteria_dir else criteria_dir())
    limits_file = ratelimits_path()
    limits = load_ratelimits(limits_file) if limits_file.is_file() else None
    usage = _usage(args, pricing_book, scenario)
    from model.plan.calendar import pricing_calendar

    token = make_link(scenario, pricing_calendar(scenario, pricing_book), rate)
    link = f"{args.base_url.rstrip('/')}/report?{PARAM}={token}"
    ctx = gather(
        scenario,
        pricing_book,
        criteria,
        rate,
        limits=limits,
        peak_factor=args.peak_factor,
        today_book=pinned.today if pinned is not None else None,
        link=link,
        usage=usage,
        test_calls=_test_calls(args),
        scenario_yaml=dump_scenario(scenario),
    )
    return ctx, notes


def _test_calls(args: argparse.Namespace) -> list[Any]:
    """The runs of every ``--test-calls`` evidence file (errors name the file and key)."""
    from model.live.evidence import EvidenceError, read_evidence
    from model.report.context import live_runs_from_evidence

    runs: list[Any] = []
    for name in getattr(args, "test_calls", None) or []:
        try:
            runs += live_runs_from_evidence(read_evidence(Path(name)), Path(name).name)
        except EvidenceError as exc:
            raise CliError(str(exc)) from None
    return runs


def _usage(args: argparse.Namespace, book: PriceBook, scenario: Any) -> Any:
    from model.report.usage import usage_from_logs, usage_from_summary

    if args.usage:
        return usage_from_logs([Path(p) for p in args.usage], book, scenario.assumptions())
    if not args.usage_summary:
        return None
    path = Path(args.usage_summary)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CliError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CliError(f"{path}: not a JSON summary ({' '.join(str(exc).split())[:120]})") from None
    return usage_from_summary(data, path.name)
