"""The report as Markdown (GitHub-flavoured) for docs and tickets.

All text is escaped: every ASCII punctuation character that Markdown (or GitHub's
extensions: tables, autolinks, emoji, HTML) could read as markup is backslash-escaped, line
breaks are folded, so a scenario or model name such as ``<img src=x>`` or ``[x](javascript:…)``
stays the characters it is. Verbatim blocks use a fence longer than any run of backticks in
their text. Charts are not drawn: their one-line summary is printed and the table beside
them carries the numbers.
"""

from __future__ import annotations

import re

from model.report.blocks import Bullets, Chart, Link, Paragraph, Preformatted, Section, Table

#: Characters that are markup anywhere in a line: emphasis, code, links and images, HTML,
#: headings and issue references, maths, entities, table cells, strikethrough, mentions and
#: the ``:`` of autolinks and emoji shortcodes.
_ANYWHERE = "\\`*_[]<>#$&|~@:"
_ESCAPES = {ord(ch): "\\" + ch for ch in _ANYWHERE}
#: What is markup only at the start of a line: a list item or a numbered one.
_LINE_START = re.compile(r"^([-+]|\d+(?=[.)]))")


def escape(text: object) -> str:
    """``text`` as Markdown that renders as exactly these characters, on one line."""
    flat = " ".join(str(text).split()).translate(_ESCAPES)
    return _LINE_START.sub(_unlist, flat)


def _unlist(match: re.Match[str]) -> str:
    """``- x`` → ``\\- x``; ``12. x`` → ``12\\. x``."""
    mark = match.group(1)
    return mark + "\\" if mark[0].isdigit() else "\\" + mark


def _url(url: str) -> str:
    # Link checked the scheme and refused spaces, quotes and angle brackets; parentheses
    # would end the destination early.
    return url.replace("(", "%28").replace(")", "%29")


def _cell(cell: str | Link) -> str:
    if isinstance(cell, Link):
        return f"[{escape(cell.text)}]({_url(cell.url)})"
    return escape(cell) or " "


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _block(block: object) -> str:
    if isinstance(block, Paragraph):
        lead = f"**{escape(block.lead)}** " if block.lead else ""
        mark = {"warning": "⚠ ", "note": "ℹ ", "good": "✓ "}.get(block.tone, "")
        return mark + lead + escape(block.text)
    if isinstance(block, Bullets):
        return "\n".join(f"- {escape(item)}" for item in block.items)
    if isinstance(block, Table):
        head = "| " + " | ".join(escape(c) for c in block.columns) + " |"
        rule = (
            "|"
            + "|".join("---:" if block.is_numeric(i) else "---" for i in range(len(block.columns)))
            + "|"
        )
        rows = []
        for i, row in enumerate(block.rows):
            cells = [_cell(c) for c in row]
            if i in block.totals:
                cells = [f"**{c}**" if c.strip() else c for c in cells]
            rows.append("| " + " | ".join(cells) + " |")
        caption = f"\n\n*{escape(block.caption)}*" if block.caption else ""
        return "\n".join([head, rule, *rows]) + caption
    if isinstance(block, Chart):
        return f"*Chart (drawn in the HTML version): {escape(block.summary)}*"
    if isinstance(block, Preformatted):
        fence = _fence(block.text)
        label = f"**{escape(block.label)}**\n\n" if block.label else ""
        return f"{label}{fence}text\n{block.text}\n{fence}"
    raise TypeError(f"unknown block {type(block).__name__}")


def render_markdown(title: str, meta: str, sections: list[Section], footer: str) -> str:
    """One Markdown document holding every section."""
    parts = [f"# {escape(title)}", escape(meta)]
    parts.append("\n".join(f"{i}\\. {escape(s.title)}" for i, s in enumerate(sections, 1)))
    for section in sections:
        parts.append(f"## {escape(section.title)}")
        parts += [_block(b) for b in section.blocks]
    parts.append(f"---\n\n{escape(footer)}")
    return "\n\n".join(parts) + "\n"
