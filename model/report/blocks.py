"""The report's section model: plain data that both renderers (HTML and Markdown) draw.

Every string in a block is *plain text* — ours or the user's (scenario and workload names,
override notes, model names from a log) — and each renderer escapes it for its format; no
block carries markup. Amounts are formatted once, by the section builders, so the HTML and
the Markdown versions show the same figures. A link's address is checked here (http or https
only), so no renderer can be handed a ``javascript:`` URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

Tone = Literal["plain", "good", "note", "warning"]
_URL = re.compile(r"^https?://[^\s<>\"']+$")


@dataclass(frozen=True)
class Link:
    """A link to a source (evidence, price page); the address must be http(s)."""

    text: str
    url: str

    def __post_init__(self) -> None:
        if not _URL.match(self.url):
            raise ValueError(f"not an http(s) address: {self.url[:80]!r}")


Cell = str | Link


@dataclass(frozen=True)
class Paragraph:
    """One paragraph; ``lead`` is set in bold before the text (e.g. a verdict)."""

    kind: ClassVar[str] = "paragraph"

    text: str
    lead: str = ""
    tone: Tone = "plain"


@dataclass(frozen=True)
class Bullets:
    kind: ClassVar[str] = "bullets"

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of formatted cells; ``numeric`` marks right-aligned columns."""

    kind: ClassVar[str] = "table"

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    numeric: tuple[bool, ...] = ()
    #: Row indexes drawn as a total (bold, ruled above).
    totals: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row of {len(row)} cells for {len(self.columns)} columns")

    def is_numeric(self, column: int) -> bool:
        return column < len(self.numeric) and self.numeric[column]


@dataclass(frozen=True)
class Chart:
    """A plotly figure (``go.Figure.to_plotly_json()`` shape); ``summary`` says in words
    what it shows (the Markdown version prints it, the HTML version uses it as a label)."""

    kind: ClassVar[str] = "chart"

    figure: dict[str, Any]
    summary: str


@dataclass(frozen=True)
class Preformatted:
    """Text shown verbatim in a monospaced block (the scenario file, the share link)."""

    kind: ClassVar[str] = "pre"

    text: str
    label: str = ""


Block = Paragraph | Bullets | Table | Chart | Preformatted


@dataclass(frozen=True)
class Section:
    """One section of the report: an id (its anchor), a title and its blocks."""

    id: str
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
