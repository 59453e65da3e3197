"""How to reproduce this report: the share link and the scenario file it was made from."""

from __future__ import annotations

from model.report.blocks import Paragraph, Preformatted, Section
from model.report.context import ReportContext
from model.share.link import SAFE_LINK_CHARS

COMMANDS = (
    "python -m model project scenario.yaml --json\n"
    "python -m model score scenario.yaml --json\n"
    "python -m model report scenario.yaml --out report.html"
)


def build(ctx: ReportContext) -> Section:
    blocks: list = [
        Paragraph(
            f"Made on {ctx.made:%Y-%m-%d %H:%M} UTC by Gatewise. Save the scenario file below "
            "as scenario.yaml: these commands print the same numbers from the same price data "
            "(or open the share link).",
        ),
        Preformatted(COMMANDS, label="Commands"),
    ]
    if ctx.link:
        long = len(ctx.link) > SAFE_LINK_CHARS
        blocks.append(
            Preformatted(
                ctx.link,
                label="Share link"
                + (
                    f" ({len(ctx.link):,} characters: some chat tools cut links above "
                    f"{SAFE_LINK_CHARS:,}; share the scenario file if it arrives cut)"
                    if long
                    else ""
                ),
            )
        )
    if ctx.scenario_yaml:
        blocks.append(Preformatted(ctx.scenario_yaml, label="Scenario file (YAML)"))
    return Section("reproduce", "Reproduce this report", tuple(blocks))
