"""Load one catalog version from its folder: ``catalog.yaml`` (list prices) plus
``options/*.yaml`` (one buying option per file), validated by :mod:`pricing.schema`.

Errors name the file, the entry (model id or option id) and the field.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from pricing.errors import CatalogError
from pricing.schema import Catalog, Option

M = TypeVar("M", bound=BaseModel)

CATALOG_FILE = "catalog.yaml"
OPTIONS_DIR = "options"


# libyaml's parser when PyYAML has it: the catalogs hold hundreds of entries and the pure
# Python parser made loading them the slowest step of a re-price.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """Safe loader that refuses duplicate mapping keys (PyYAML silently keeps the last) and
    reads dates as text: PyYAML's own date parsing raises a bare ``ValueError`` on
    ``2026-11-31``; as text, the schema's date field names the file and the field."""


# Dates stay strings (see the class docstring): drop the implicit timestamp resolver.
_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeBase.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)  # type: ignore[no-untyped-call]
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,  # type: ignore[arg-type]
)


#: Parsed documents by content hash. Versions often carry byte-identical files (an option
#: copied forward), and parsing YAML dominates loading; the parsed data is only ever read.
_PARSED: dict[str, Any] = {}


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, turning every failure into a :class:`CatalogError` naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: cannot read ({exc})") from None
    digest = hashlib.sha256(text.encode()).hexdigest()
    if digest in _PARSED:
        return _PARSED[digest]
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: invalid YAML: {_one_line(str(exc))[:300]}") from None
    except (ValueError, TypeError, RecursionError) as exc:  # hostile nesting, odd scalars
        raise CatalogError(f"{path}: invalid YAML: {_one_line(str(exc))[:300]}") from None
    if len(_PARSED) > 64:
        _PARSED.clear()
    _PARSED[digest] = data
    return data


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _where(data: Any, loc: tuple[int | str, ...]) -> str:
    """Render a pydantic error location, replacing list indexes by the entry's id."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int) and isinstance(node, list) and item < len(node):
            node = node[item]
            label = node.get("model_id") or node.get("id") if isinstance(node, dict) else None
            parts.append(f"[{label}]" if label else f"[{item}]")
            continue
        parts.append(f".{item}" if parts else str(item))
        node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts)


def describe_validation_error(path: Path, data: Any, exc: ValidationError) -> str:
    """One line per problem: ``file: entry.field: message``."""
    lines = [
        f"{path}: {_where(data, tuple(err['loc'])) or '(top level)'}: {err['msg']}"
        for err in exc.errors()
    ]
    return "\n".join(lines)


def read_validated(path: Path, kind: type[M], expected: str = "a mapping") -> M:
    """One YAML file validated as ``kind``; a problem names the file and the entry."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: expected {expected}")
    try:
        return kind.model_validate(data)
    except ValidationError as exc:
        raise CatalogError(describe_validation_error(path, data, exc)) from None


def load_option(path: Path) -> Option:
    """Validate one option file."""
    return read_validated(path, Option, "a mapping of option fields")


def load_options(folder: Path) -> list[Option]:
    """Every ``<id>.yaml`` option file of ``folder`` (none if it does not exist); a name
    that is not a readable file, or an id that differs from the file name, is an error."""
    paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    for p in paths:
        if not p.is_file():
            raise CatalogError(f"{p}: not a file")
    options = [load_option(p) for p in paths]
    for p, opt in zip(paths, options, strict=True):
        if p.stem != opt.id:
            raise CatalogError(f"{p}: id: {opt.id!r} must match the file name {p.stem!r}")
    return options


def load_catalog(folder: Path) -> Catalog:
    """Load and validate the catalog version stored in ``folder``."""
    path = folder / CATALOG_FILE
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: expected a mapping with version, models, ...")
    if "options" in data:
        raise CatalogError(f"{path}: options: belong in {folder / OPTIONS_DIR}/<id>.yaml")
    options = load_options(folder / OPTIONS_DIR)
    try:
        return Catalog.model_validate({**data, "options": options})
    except ValidationError as exc:
        raise CatalogError(describe_validation_error(path, data, exc)) from None
    except ValueError as exc:  # pragma: no cover - pydantic wraps validator errors
        raise CatalogError(f"{path}: {exc}") from None
