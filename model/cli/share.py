"""``python -m model share SCENARIO.yaml``: a share link for a scenario (the same link the
pages give), and ``--open LINK``: the scenario a link carries, as a scenario file."""

from __future__ import annotations

import argparse
from typing import Any

from model.cli.common import DEFAULT_BASE_URL, CliError, load_book, print_json

PAGES = ("calculator", "scorecard", "report")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "share",
        help="a share link for a scenario, or the scenario of a link (--open)",
        description="Links record the pricing versions of each month, so opening one later "
        "prices with those. Links above 2,000 characters may be cut by chat tools.",
    )
    p.add_argument("scenario", nargs="?", help="scenario YAML to share")
    p.add_argument("--open", metavar="LINK", help="print the scenario of a link as YAML")
    p.add_argument("--base-url", default=DEFAULT_BASE_URL, help="where Gatewise runs")
    p.add_argument("--page", choices=PAGES, default="calculator", help="page the link opens")
    p.add_argument("--json", action="store_true", help="link, url, characters, versions")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> None:
    if (args.scenario is None) == (args.open is None):
        raise CliError("share: give a scenario file or --open LINK (one of them)")
    if args.open is not None:
        _open(args)
        return
    from pathlib import Path

    from model.plan.calendar import pricing_calendar
    from model.plan.currency import reference_rates
    from model.plan.projection import check_scenario
    from model.plan.scenario import ScenarioError, load_scenario
    from model.share.link import MAX_LINK_CHARS, SAFE_LINK_CHARS
    from model.share.payload import PARAM, make_link

    scenario = load_scenario(Path(args.scenario))
    calendar = pricing_calendar(scenario, load_book(args))
    try:
        check_scenario(scenario, calendar)
    except ScenarioError as exc:
        raise ScenarioError(f"{args.scenario}: {exc}") from None
    from model.paths import fx_dir

    link = make_link(scenario, calendar, reference_rates(fx_dir()).rate(scenario.currency))
    if len(link) > MAX_LINK_CHARS:
        raise CliError(
            f"{args.scenario}: the link would be {len(link):,} characters (at most "
            f"{MAX_LINK_CHARS:,}); share the scenario file instead"
        )
    url = f"{args.base_url.rstrip('/')}/{args.page}?{PARAM}={link}"
    if args.json:
        print_json(
            {"link": link, "url": url, "chars": len(url), "safe": len(url) <= SAFE_LINK_CHARS,
             "priced_by": calendar.month_versions()}
        )  # fmt: skip
        return
    print(url)
    if len(url) > SAFE_LINK_CHARS:
        import sys

        print(
            f"note: {len(url):,} characters; chat tools and mail clients may cut links above "
            f"{SAFE_LINK_CHARS:,} — share the scenario file if it arrives cut",
            file=sys.stderr,
        )


def _open(args: argparse.Namespace) -> None:
    from model.plan.scenario import dump_scenario
    from model.share.payload import open_link

    shared = open_link(args.open)
    header = "# Scenario of a Gatewise share link.\n"
    if shared.priced_by:
        months = shared.scenario.horizon_months
        header += (
            f"# The link priced its {months} months with version(s) "
            f"{', '.join(shared.versions)}; `report --link` prices with those, this file with "
            "the data at hand.\n"
        )
    print(header + dump_scenario(shared.scenario), end="")
