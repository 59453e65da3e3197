"""Write catalog and option YAML files the loader reads back unchanged.

Why a custom dumper: prices are ``Decimal`` and must stay exact in the file (``"0.075"``,
never ``0.07500000000000001``), field order should follow the schema so a diff of two
versions is readable, and empty/default fields are left out so a file shows only what
is known. Output is deterministic: the same catalog always gives the same bytes.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from pricing.schema import Catalog, ModelPrice, Option


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes Decimals as quoted exact strings and never uses anchors."""

    def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 - signature from PyYAML
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", format_decimal(value), style='"')


_Dumper.add_representer(Decimal, _decimal)


def format_decimal(value: Decimal) -> str:
    """Plain, normalized notation: ``3E+1`` → ``30``, ``0.0750`` → ``0.075``."""
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


# Written even when they hold the default: a reader should see "no batch API" and "no
# minimum fee" stated, not infer them from an absent key.
_ALWAYS = frozenset({"batch_api", "min_usd"})


def _plain(model: BaseModel) -> dict[str, Any]:
    """Schema-ordered mapping without None, empty and (most) default values, keyed by each
    field's alias where it has one (``from`` of a price entry)."""
    out: dict[str, Any] = {}
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None or value == () or value == {}:
            continue
        default = not field.is_required() and value == field.get_default(call_default_factory=True)
        if default and name not in _ALWAYS:
            continue
        out[field.alias or name] = _convert(value)
    return out


def _convert(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _plain(value)
    if isinstance(value, tuple | list):
        return [_convert(v) for v in value]
    if isinstance(value, dict):
        return {k: _convert(v) for k, v in value.items()}
    return value


def dump(data: Any) -> str:
    """YAML text of plain data (Decimals quoted, keys in insertion order)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)


def catalog_yaml(catalog: Catalog) -> str:
    """Text of ``catalog.yaml`` (models only; options live in their own files)."""
    head = {
        "schema_version": catalog.schema_version,
        "version": catalog.version,
        "effective_from": catalog.effective_from,
        "description": catalog.description,
    }
    models = [_plain(m) for m in sort_models(catalog.models)]
    return dump(head) + "\n" + dump({"models": models})


def history_yaml(provider_file: BaseModel) -> str:
    """Text of ``models/<provider>.yaml`` (a :class:`pricing.history.ProviderFile`)."""
    return dump(_plain(provider_file))


def option_yaml(option: Option) -> str:
    """Text of ``options/<id>.yaml``; the option's own models sorted like the catalog's."""
    sorted_option = option.model_copy(update={"models": sort_models(option.models)})
    return dump(_plain(sorted_option))


def sort_models(models: tuple[ModelPrice, ...] | list[ModelPrice]) -> tuple[ModelPrice, ...]:
    """Provider, then model id: the order every written file uses."""
    return tuple(sorted(models, key=lambda m: (m.provider, m.model_id)))


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 with a trailing newline, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
