"""Report fixtures: reports of the bundled archetypes made by the CLI (once per module), and
a parser that reads an HTML report back as sections of tables, text, and every element's
attributes (for the self-containment and escaping checks)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.cli.test_model_cli import run
from tests.conftest import DATA

ARCHETYPES = DATA / "scenarios" / "archetypes"


@dataclass
class Parsed:
    """An HTML report, read back."""

    tables: dict[str, list[list[list[str]]]] = field(default_factory=dict)  # section → tables
    text: dict[str, str] = field(default_factory=dict)  # section → its text
    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # inline script bodies
    styles: list[str] = field(default_factory=list)  # inline style bodies

    def table(self, section: str, index: int = 0) -> list[list[str]]:
        return self.tables[section][index]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Parsed()
        self.section = ""
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.raw: str | None = None  # "script" or "style" while inside one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.elements.append((tag, dict(attrs)))
        if tag == "section":
            self.section = dict(attrs).get("id") or ""
            self.out.tables.setdefault(self.section, [])
            self.out.text.setdefault(self.section, "")
        elif tag == "table":
            self.out.tables.setdefault(self.section, []).append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag in ("script", "style"):
            self.raw = tag
            (self.out.scripts if tag == "script" else self.out.styles).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.out.tables[self.section][-1].append(self.row)
            self.row = None
        elif tag in ("script", "style"):
            self.raw = None

    def handle_data(self, data: str) -> None:
        if self.raw == "script":
            self.out.scripts[-1] += data
            return
        if self.raw == "style":
            self.out.styles[-1] += data
            return
        if self.cell is not None:
            self.cell.append(data)
        if self.section:
            self.out.text[self.section] += data


def parse_html(html: str) -> Parsed:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.out


MakeReport = Callable[..., tuple[str, Path]]


@pytest.fixture(scope="module")
def make_report(tmp_path_factory: pytest.TempPathFactory) -> MakeReport:
    """``make_report(scenario_path, *extra, suffix=".html")`` → (file text, path), via the CLI;
    the same arguments are run once per module."""
    made: dict[tuple[str, ...], tuple[str, Path]] = {}
    folder = tmp_path_factory.mktemp("reports")

    def go(scenario: Path | None, *extra: str, suffix: str = ".html") -> tuple[str, Path]:
        key = (str(scenario), *extra, suffix)
        if key not in made:
            out = folder / f"report{len(made)}{suffix}"
            args = [str(scenario)] if scenario else []
            done = run("report", *args, "--out", str(out), *extra)
            assert done.returncode == 0, done.stderr
            assert done.stdout.startswith(f"wrote {out}")
            made[key] = (out.read_text(encoding="utf-8") if suffix != ".pdf" else "", out)
        return made[key]

    return go


def cli_json(*args: str) -> dict:
    done = run(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
