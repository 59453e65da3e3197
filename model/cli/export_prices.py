"""``python -m model export-prices --format parquet|csv|sql --out DIR``: the price data as a
dated table and a reference SQL query, to re-price usage where it already lives (DESIGN §5).

Writes ``prices.<ext>`` and ``option_terms.<ext>`` (Parquet or CSV), or ``reprice.sql``
with ``--format sql``. Option terms use the scenario's assumptions (``--scenario``, else
the bundled default scenario), as ``reprice`` does.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from model.cli.common import CliError, load_scenario_or_default, pricing_root


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export-prices",
        help="write the price data as a dated table, or a reference SQL re-pricing query",
        description="Parquet or CSV: prices (one row per option, model, regime and token "
        "class, with the dates it holds) and option_terms (discounts, fees). SQL: a query "
        "that re-prices a canonical usage table with them.",
    )
    p.add_argument("--format", required=True, choices=("parquet", "csv", "sql"))
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    p.add_argument("--scenario", help="scenario YAML with option assumptions")
    p.set_defaults(func=run)


def _write(tables: dict[str, dict[str, list[object]]], out: Path, fmt: str) -> list[Path]:
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    written = []
    for name, columns in tables.items():
        table = pa.table(columns)
        path = out / f"{name}.{fmt}"
        tmp = out / f".{name}.{fmt}.partial"
        if fmt == "parquet":
            pq.write_table(table, tmp)
        else:
            pacsv.write_csv(table, tmp)
        tmp.replace(path)
        written.append(path)
    return written


def run(args: argparse.Namespace) -> None:
    from model.catalog.price_sql import reprice_sql
    from model.catalog.price_table import price_tables
    from pricing.cache import load_cached

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CliError(f"--out {out}: not a folder")
    scenario = load_scenario_or_default(args.scenario)
    assumptions = scenario.assumptions() if scenario else {}
    book = load_cached(pricing_root(args))
    if args.format == "sql":
        out.mkdir(parents=True, exist_ok=True)
        path = out / "reprice.sql"
        path.write_text(reprice_sql(), encoding="utf-8")
        written = [path]
    else:
        tables = price_tables(book, assumptions)
        out.mkdir(parents=True, exist_ok=True)
        written = _write(
            {"prices": tables.prices, "option_terms": tables.option_terms}, out, args.format
        )
    for path in written:
        print(path)
