"""``python -m pricing validate|diff|import`` — the headless contract of DESIGN §5.

Every command exits 0 on success and 2 on bad input with one line on stderr (no traceback):
scripts and CI call these, and a person reading a CI log needs the file and field, not a
stack.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from pricing.diff import ModelDiff, OptionDiff, diff_catalogs, diff_options
from pricing.errors import CatalogError
from pricing.importers.litellm import MODELS_FILE, dataset_label, import_litellm, read_model_list
from pricing.importers.openrouter import import_openrouter, with_models
from pricing.importers.version import previous_version, write_catalog_version
from pricing.loader import CATALOG_FILE, OPTIONS_DIR, load_catalog, load_option
from pricing.schema import Catalog
from pricing.versions import PriceBook, list_versions
from pricing.yamlio import format_decimal, option_yaml, write_text

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


def cmd_validate(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    if (folder / CATALOG_FILE).is_file():  # one version folder rather than the root
        catalogs: tuple[Catalog, ...] = (load_catalog(folder),)
    else:
        catalogs = PriceBook.load(folder).catalogs
    for catalog in catalogs:
        print(_summary(catalog))
    print(f"ok: {len(catalogs)} version(s) valid in {args.dir}")
    return 0


def _pct(old: Decimal | None, new: Decimal | None) -> str:
    if old is None or new is None or old == 0:
        return ""
    return f" ({(new - old) / old * 100:+.1f}%)"


def _fmt(value: Decimal | None) -> str:
    return "–" if value is None else format_decimal(value)


def _diff_text(models: list[ModelDiff], options: list[OptionDiff]) -> list[str]:
    lines: list[str] = []
    for d in models:
        if d.status != "changed":
            lines.append(f"{d.model_id}  {d.status} ({d.provider})")
            continue
        for c in d.changes:
            lines.append(
                f"{d.model_id}  {c.field} {_fmt(c.old)} → {_fmt(c.new)}{_pct(c.old, c.new)}"
            )
    for o in options:
        if o.status != "changed":
            lines.append(f"option {o.option_id}  {o.status}")
        for field, old, new in o.changes if o.status == "changed" else ():
            lines.append(f"option {o.option_id}  {field} {old} → {new}")
    return lines or ["no price changes"]


def _jsonable(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return value


def _diff_json(models: list[ModelDiff], options: list[OptionDiff]) -> str:
    return json.dumps(
        {
            "models": [
                {
                    "model_id": d.model_id,
                    "provider": d.provider,
                    "status": d.status,
                    "changes": [
                        {
                            "field": c.field,
                            "old": _jsonable(c.old),
                            "new": _jsonable(c.new),
                            "ratio": _jsonable(c.ratio),
                        }
                        for c in d.changes
                    ],
                }
                for d in models
            ],
            "options": [
                {
                    "id": o.option_id,
                    "status": o.status,
                    "changes": [
                        {"field": f, "old": _jsonable(a), "new": _jsonable(b)}
                        for f, a, b in o.changes
                    ],
                }
                for o in options
            ],
        },
        indent=2,
    )


def cmd_diff(args: argparse.Namespace) -> int:
    book = PriceBook.load(Path(args.root))
    old, new = book.get(args.old), book.get(args.new)
    models, options = diff_catalogs(old, new), diff_options(old, new)
    if args.json:
        print(_diff_json(models, options))
    else:
        print(f"{old.version} → {new.version}")
        print("\n".join(_diff_text(models, options)))
    return 0


def cmd_import_litellm(args: argparse.Namespace) -> int:
    root = Path(args.root)
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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m pricing", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("validate", help="validate every catalog version and print a summary")
    p.add_argument("dir", nargs="?", default=str(DEFAULT_ROOT))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("diff", help="per-model price changes between two versions")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--root", default=str(DEFAULT_ROOT))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("import", help="import a dataset into a new version")
    src = p.add_subparsers(dest="source", required=True, parser_class=_Parser)
    lit = src.add_parser("litellm", help="litellm model_prices_and_context_window JSON")
    lit.add_argument("file")
    lit.add_argument("--as-of", type=_date, required=True, help="date the dataset was published")
    lit.add_argument("--effective-from", type=_date, help="version date (default: --as-of)")
    lit.add_argument("--root", default=str(DEFAULT_ROOT))
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
    orr.add_argument("--root", default=str(DEFAULT_ROOT))
    orr.set_defaults(func=cmd_import_openrouter)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return int(args.func(args))
    except CatalogError as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
