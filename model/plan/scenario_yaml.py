"""Reading scenario YAML safely: one reader for the CLI (``project``, ``reprice --scenario``)
and the calculator's upload, so a hostile file gets the same one-line refusal everywhere.

Why not ``yaml.safe_load``: it composes nested nodes recursively (a file nested 500 deep
raises ``RecursionError``), keeps the last of two duplicate keys without a word, turns
``2026-02-30`` into a ``ValueError`` from ``datetime`` (not a YAML error), and has no size
limit (``/dev/zero`` is read until memory runs out). This reader caps the size before
parsing, the nesting depth while composing, refuses duplicate keys by name and line, and
keeps dates as text so the scenario schema judges them (and names the key).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node

#: A scenario is a few kilobytes; the calculator's upload and the CLI refuse anything above.
MAX_SCENARIO_BYTES = 256_000
#: A scenario nests four levels (options → pooled → discount → vendor); 20 leaves room.
MAX_DEPTH = 20
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class ScenarioYamlError(ValueError):
    """The text is not a readable scenario YAML (the message names the problem and line)."""


class _ScenarioLoader(yaml.SafeLoader):
    """SafeLoader with a depth limit, no duplicate keys and dates kept as text."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise ScenarioYamlError(
                    f"nested deeper than {MAX_DEPTH} levels (line {mark.line + 1})"
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue  # `<<: *base` merges, and own keys may override it
            key = key_node.value if isinstance(key_node.value, str) else id(key_node)
            if key in seen:
                raise ScenarioYamlError(
                    f"duplicate key {key!r} (line {key_node.start_mark.line + 1})"
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Dates stay text ("2026-12", "2026-02-30"): the schema validates them and names the key.
_ScenarioLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ScenarioLoader.add_constructor(_TIMESTAMP, yaml.SafeLoader.construct_scalar)


def parse_yaml(data: bytes | str) -> Any:
    """The YAML document in ``data``; raises :class:`ScenarioYamlError` with a short reason."""
    if len(data) > MAX_SCENARIO_BYTES:
        raise ScenarioYamlError(
            f"{len(data):,} bytes is too large for a scenario file (limit {MAX_SCENARIO_BYTES:,})"
        )
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise ScenarioYamlError(f"not UTF-8 text (byte {exc.start})") from None
    try:
        return yaml.load(text, Loader=_ScenarioLoader)  # noqa: S506 - a SafeLoader subclass
    except ScenarioYamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        where = f" (line {exc.problem_mark.line + 1})" if exc.problem_mark else ""
        raise ScenarioYamlError(f"not valid YAML: {exc.problem or exc.context}{where}") from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        # Constructors raise plain errors too (an integer of 5,000 digits, bad base64).
        reason = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise ScenarioYamlError(f"not valid YAML: {reason}") from None


def read_yaml(path: Path) -> Any:
    """The YAML document of a scenario file, read no further than the size limit (so
    ``/dev/zero`` or a 50 MB file is refused at once, not after reading it)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SCENARIO_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioYamlError("file not found") from None
    except IsADirectoryError:
        raise ScenarioYamlError("is a folder, not a scenario file") from None
    except OSError as exc:
        raise ScenarioYamlError(f"cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_SCENARIO_BYTES:
        raise ScenarioYamlError(
            f"larger than {MAX_SCENARIO_BYTES:,} bytes: too large for a scenario file"
        )
    return parse_yaml(data)
