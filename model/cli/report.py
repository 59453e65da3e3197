"""``python -m model report SCENARIO.yaml --out FILE``: the shareable report (DESIGN §5) —
one self-contained HTML file (plotly inline, no external scripts, styles or fonts), or its
Markdown version, or a PDF printed by Chromium."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from model.cli.common import DEFAULT_BASE_URL, CliError, load_book


def register(sub: Any) -> None:
    # Imported here, not at the top: every command loads this module, and the report pulls in
    # pandas and the whole plan — `reprice` must not pay for them (see test_cli_imports).
    from model.report.build import FORMATS

    p = sub.add_parser(
        "report",
        help="the shareable report: one self-contained HTML, Markdown or PDF file",
        description="Give a scenario file or a share link (--link). A PDF needs Chromium "
        "(/usr/bin/chromium or $GATEWISE_CHROMIUM) and the playwright package.",
    )
    p.add_argument("scenario", nargs="?", help="scenario YAML (DESIGN §5)")
    p.add_argument("--link", help="a share link instead of a scenario: the URL or its v1.… text")
    p.add_argument("--out", required=True, help="file to write")
    p.add_argument("--format", choices=FORMATS, help="default: from --out (.md, .pdf), else html")
    usage = p.add_mutually_exclusive_group()
    usage.add_argument("--usage", nargs="+", metavar="LOG", help="usage log(s) to summarize")
    usage.add_argument("--usage-summary", metavar="SUMMARY.json", help="a reprice --json summary")
    p.add_argument("--criteria-dir", help="folder of evidence data (default data/criteria)")
    p.add_argument(
        "--test-calls",
        nargs="+",
        metavar="EVIDENCE.json",
        help="test-call evidence files (testcall --evidence-out) to include",
    )
    p.add_argument("--peak-factor", type=float, default=3.0, help="capacity check (default 3)")
    p.add_argument(
        "--base-url",
        default=DEFAULT_BASE_URL,
        help="where Gatewise runs, for the report's share link (default: a local run)",
    )
    p.set_defaults(func=run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.out).suffix.lower()
    return {".md": "md", ".markdown": "md", ".pdf": "pdf"}.get(suffix, "html")


def run(args: argparse.Namespace) -> None:
    from model.cli.inputs import report_context
    from model.report.build import make_report

    if (args.scenario is None) == (args.link is None):
        raise CliError("report: give a scenario file or --link (one of them)")
    if not 1 <= args.peak_factor <= 50:
        raise CliError("--peak-factor: expected a number from 1 to 50")
    out = Path(args.out)
    inputs = [
        Path(p)
        for p in [args.scenario, args.usage_summary, *(args.usage or []), *(args.test_calls or [])]
        if p
    ]
    if any(out.resolve() == p.resolve() for p in inputs):
        raise CliError(f"--out {out} would overwrite an input file")
    fmt = _format(args)
    if fmt == "pdf":
        from model.report.pdf import unavailable_reason

        reason = unavailable_reason()
        if reason:
            raise CliError(reason)
    ctx, notes = report_context(args, load_book(args))
    report = make_report(ctx)
    if fmt == "md":
        data = report.markdown().encode("utf-8")
    else:
        html = report.html()
        if fmt == "pdf":
            from model.report.pdf import PdfUnavailableError, html_to_pdf

            try:
                data = html_to_pdf(html)
            except PdfUnavailableError as exc:
                raise CliError(str(exc)) from None
        else:
            data = html.encode("utf-8")
    _write(out, data)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"wrote {out} ({fmt}, {len(data):,} bytes, {len(report.sections)} sections)")


def _write(path: Path, data: bytes) -> None:
    """All or nothing: a temporary file beside ``path``, renamed once complete."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.")
    except OSError as exc:
        raise CliError(f"--out {path}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CliError(f"--out {path}: cannot write ({exc.strerror})") from None
