"""``python -m model reprice FILE [FILE …]``: usage logs priced under every option (DESIGN §5)."""

from __future__ import annotations

import argparse
import glob
from pathlib import Path
from typing import Any

from model.cli.common import (
    CliError,
    ensure_finite,
    load_scenario_or_default,
    pricing_root,
    print_json,
)
from pricing.specs import BY_DATE

_GLOB = set("*?[")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "reprice",
        help="price usage logs under every option",
        description="Several files (e.g. a usage export and the cost export of the same "
        "period) are summed as one log. A folder or a quoted pattern ('logs/*.parquet') is "
        "read as one log of one format. The generic columns may be CSV, Parquet or Arrow; "
        "files of any size are read in bounded memory, except JSON and JSONL (read whole, up "
        "to 256 MB).",
    )
    p.add_argument("file", nargs="+", help="a file, a folder, or a quoted glob pattern")
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


def _is_part(path: Path) -> bool:
    # Spark and Hive write _SUCCESS and .crc files beside the parts.
    return path.is_file() and not path.name.startswith((".", "_")) and path.suffix != ".crc"


def expand(args: list[str]) -> tuple[list[Path], list[list[Path]]]:
    """The files to read, and the groups that came from one folder or pattern (each must
    be one log of one format). A plain path is kept as given (its errors name it)."""
    paths: list[Path] = []
    groups: list[list[Path]] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if _is_part(p))
            what = f"folder {arg}"
        elif _GLOB & set(arg) and not path.exists():
            found = sorted(p for p in map(Path, glob.glob(arg, recursive=True)) if _is_part(p))
            what = f"pattern {arg!r}"
        else:
            paths.append(path)
            continue
        if not found:
            raise CliError(f"{what}: no file to read")
        paths.extend(found)
        groups.append(found)
    return paths, groups


def _one_format(result: dict[str, Any], groups: list[list[Path]]) -> None:
    formats = {f["file"]: f["format"] for f in result.get("files", [])}
    for group in groups:
        seen = {formats.get(p.name) for p in group if p.name in formats}
        if len(seen) > 1:
            listed = ", ".join(f"{p.name}: {formats[p.name]}" for p in group[:4])
            raise CliError(
                f"{group[0].parent}: a folder or pattern is read as one log of one format, "
                f"these files differ ({listed}) — list a usage export and its cost export "
                "as separate files"
            )


def run(args: argparse.Namespace) -> None:
    from model.cli.progress import TerminalProgress
    from model.usage.chunked import reprice_files

    def assumptions() -> Any:
        scenario = load_scenario_or_default(args.scenario)
        return scenario.assumptions() if scenario else None

    paths, groups = expand(args.file)
    rows_out = Path(args.rows_out) if args.rows_out else None
    if rows_out is not None and any(rows_out.resolve() == p.resolve() for p in paths):
        raise CliError(f"--rows-out {rows_out} would overwrite an input file")
    progress = TerminalProgress()
    try:
        result = reprice_files(
            paths,
            pricing_root(args),
            fmt=args.format,
            pricing=args.pricing,
            assumptions=assumptions,
            rows_out=rows_out,
            progress=progress,
        )
    finally:
        progress.close()
    _one_format(result, groups)
    source = ", ".join(p.name for p in paths[:3]) + (" …" if len(paths) > 3 else "")
    if args.json:
        print_json(result, source)
        return
    from model.cli.text import reprice_text

    ensure_finite(result, source)
    print(reprice_text(result))
