"""``python -m pricing versions|validate|diff|refresh|import`` — the headless contract of
DESIGN §5. Every command takes ``--pricing-dir DIR`` (a folder of price data; default
``data/pricing``).

Every command exits 0 on success and 2 on bad input with one line on stderr (no traceback):
scripts and CI call these, and a person reading a CI log needs the file and field, not a
stack.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pricing.diff import diff_catalogs, diff_json, diff_lines, diff_options
from pricing.errors import CatalogError
from pricing.history import is_history, load_history
from pricing.importers.litellm import MODELS_FILE, dataset_label, import_litellm, read_model_list
from pricing.importers.openrouter import import_openrouter, with_models
from pricing.importers.version import previous_version, write_catalog_version
from pricing.loader import CATALOG_FILE, OPTIONS_DIR, load_catalog, load_option
from pricing.refresh import refresh
from pricing.refresh_report import apply, review_lines
from pricing.schema import Catalog
from pricing.specs import LATEST, TODAY
from pricing.versions import PriceBook, list_versions, today
from pricing.yamlio import option_yaml, write_text

DEFAULT_ROOT = Path("data/pricing")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CatalogError(f"{self.prog}: {message}")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _summary(catalog: Catalog) -> str:
    per_provider = Counter(m.provider for m in catalog.models)
    providers = ", ".join(f"{p} {n}" for p, n in sorted(per_provider.items()))
    options = ", ".join(
        f"{o.id} ({o.kind}{f', {len(o.models)} own models' if o.models else ''})"
        for o in catalog.options
    )
    return (
        f"{catalog.version}: {len(catalog.models)} models ({providers}); "
        f"options: {options or 'none'}"
    )


def cmd_versions(args: argparse.Namespace) -> int:
    book = PriceBook.load(Path(args.root))
    current = book.get(TODAY).version
    rows = [
        {
            "id": c.version,
            "effective_from": c.effective_from.isoformat(),
            "scheduled": c.effective_from > today(),
        }
        for c in book.catalogs
    ]
    if args.json:
        print(json.dumps({"versions": rows, "today": current, "latest": book.get(LATEST).version}))
        return 0
    for row in rows:
        mark = (
            " (in force today)"
            if row["id"] == current
            else (" (scheduled)" if row["scheduled"] else "")
        )
        print(f"{row['id']}{mark}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    folder = Path(args.dir or args.root)
    if (folder / CATALOG_FILE).is_file():  # one version folder rather than the root
        catalogs: tuple[Catalog, ...] = (load_catalog(folder),)
    else:
        catalogs = PriceBook.load(folder).catalogs
    for catalog in catalogs:
        print(_summary(catalog))
    print(f"ok: {len(catalogs)} version(s) valid in {folder}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    book = PriceBook.load(Path(args.root))
    old, new = book.get(args.old), book.get(args.new)
    models, options = diff_catalogs(old, new), diff_options(old, new)
    if args.json:
        print(json.dumps(diff_json(models, options), indent=2))
    else:
        print("\n".join(diff_lines(old, new, models, options)))
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not is_history(root):
        raise CatalogError(f"{root}: refresh needs a price history folder (pricing.yaml, models/)")
    history = load_history(root)
    specs = read_model_list(Path(args.models) if args.models else root / MODELS_FILE)
    for path in (args.litellm, *args.genai_prices, args.openrouter):
        if path is not None and not Path(path).is_file():
            raise CatalogError(f"{path}: file not found")
    report = refresh(
        history,
        as_of=args.as_of,
        specs=specs,
        litellm=Path(args.litellm) if args.litellm else None,
        genai=[Path(p) for p in args.genai_prices],
        openrouter=Path(args.openrouter) if args.openrouter else None,
        overrides=args.override,
    )
    written = apply(history, report) if args.write else []
    print("\n".join(review_lines(report)))
    print()
    if args.write:
        print(f"wrote {len(written)} file(s): " + ", ".join(str(p) for p in written))
        print(f"next: python -m pricing validate --pricing-dir {root}, then review the diff")
    else:
        print("nothing written (run again with --write to apply the proposed changes)")
    return 0


def _refuse_history(root: Path) -> None:
    if is_history(root):
        raise CatalogError(
            f"{root}: a price history folder; use `python -m pricing refresh` to update it"
        )


def cmd_import_litellm(args: argparse.Namespace) -> int:
    root = Path(args.root)
    _refuse_history(root)
    effective = args.effective_from or args.as_of
    path = Path(args.file)
    if not path.is_file():
        raise CatalogError(f"{path}: file not found")
    specs = read_model_list(Path(args.models) if args.models else root / MODELS_FILE)
    prev_id = previous_version(root, effective, args.from_version)
    previous = load_catalog(root / prev_id) if prev_id else None
    models, missing = import_litellm(path, specs, args.as_of, effective, previous)
    if missing:
        print(f"not in {dataset_label(path)} (not released yet?): {', '.join(missing)}")
    options = f"options copied forward from {prev_id}" if prev_id else "options kept as found"
    description = (
        f"List prices of the direct vendors imported from {dataset_label(path)} "
        f"(as of {args.as_of}); {options}."
    )
    if args.note:
        description = f"{description} {args.note}"
    catalog = write_catalog_version(root, effective, models, description, prev_id)
    print(f"wrote {root / catalog.version}: {_summary(catalog)}")
    return 0


def cmd_import_openrouter(args: argparse.Namespace) -> int:
    root = Path(args.root)
    _refuse_history(root)
    version = args.version or args.as_of.isoformat()
    if version not in list_versions(root):
        raise CatalogError(f"{root / version}: version not found (import litellm first)")
    option_path = root / version / OPTIONS_DIR / "openrouter.yaml"
    option = load_option(option_path)
    path = Path(args.file)
    models = import_openrouter(path, args.as_of)
    write_text(option_path, option_yaml(with_models(option, models)))
    catalog = load_catalog(root / version)
    print(f"wrote {option_path}: {len(models)} models; {_summary(catalog)}")
    return 0


def _root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pricing-dir",
        "--root",
        dest="root",
        default=str(DEFAULT_ROOT),
        help="folder of price data (default: data/pricing)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m pricing", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("versions", help="the version ids with their effective dates")
    _root(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_versions)

    p = sub.add_parser("validate", help="validate every catalog version and print a summary")
    p.add_argument("dir", nargs="?", help="a pricing folder or one snapshot version folder")
    _root(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("diff", help="per-model price changes between two versions")
    p.add_argument("old", help="a version id, today or latest")
    p.add_argument("new", help="a version id, today or latest")
    _root(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("refresh", help="compare the newest datasets with the price history")
    p.add_argument("--as-of", type=_date, required=True, help="date the datasets are as of")
    p.add_argument("--litellm", help="litellm model_prices_and_context_window JSON")
    p.add_argument(
        "--genai-prices", action="append", default=[], help="genai-prices providers/<x>.yml"
    )
    p.add_argument("--openrouter", help="OpenRouter /api/v1/models response body")
    p.add_argument("--models", help=f"model list CSV (default: PRICING_DIR/{MODELS_FILE})")
    p.add_argument(
        "--override",
        action="append",
        default=[],
        metavar="MODEL",
        help="replace this model's reviewed price with the dataset's (said in the review)",
    )
    p.add_argument("--write", action="store_true", help="apply the proposed changes")
    _root(p)
    p.set_defaults(func=cmd_refresh)

    p = sub.add_parser("import", help="import a dataset into a new version")
    src = p.add_subparsers(dest="source", required=True, parser_class=_Parser)
    lit = src.add_parser("litellm", help="litellm model_prices_and_context_window JSON")
    lit.add_argument("file")
    lit.add_argument("--as-of", type=_date, required=True, help="date the dataset was published")
    lit.add_argument("--effective-from", type=_date, help="version date (default: --as-of)")
    _root(lit)
    lit.add_argument("--from-version", help="version to carry retired models and options from")
    lit.add_argument("--models", help=f"model list CSV (default: ROOT/{MODELS_FILE})")
    lit.add_argument("--note", help="sentence appended to the version's description")
    lit.set_defaults(func=cmd_import_litellm)
    orr = src.add_parser("openrouter", help="OpenRouter /api/v1/models response body")
    orr.add_argument("file")
    orr.add_argument("--as-of", type=_date, required=True, help="date of the snapshot")
    orr.add_argument(
        "--version", help="version whose openrouter option to update (default: --as-of)"
    )
    _root(orr)
    orr.set_defaults(func=cmd_import_openrouter)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        code = int(args.func(args))
        sys.stdout.flush()  # here, where a closed pipe is caught, not at the interpreter's exit
        return code
    except BrokenPipeError:
        # The reader left (`… | head`): not an error, and nothing more can be said there.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except CatalogError as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
