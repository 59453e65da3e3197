"""Build a :class:`Probe` of a file and pick its format (usage-formats.md §7a).

CSV formats are told apart by a required subset of header names, matched case- and
space-insensitively (headers drift between exports, so never by the exact header
line). JSON formats are told apart by keys.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from model.usage.readers.base import Probe, Reader
from model.usage.readers.errors import UsageFormatError, clip
from model.usage.readers.headers import first_line, header_names, norm, sniff_delimiter


def probe(data: bytes, filename: str, delimiter: str | None = None) -> Probe:
    """Look at UTF-8 ``data``: JSON document, JSON lines, or delimited text.

    ``delimiter`` overrides the sniffed one (Excel's ``sep=`` line names it).
    """
    head = data[:65536].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if not head:
        raise UsageFormatError(
            filename, "the file is empty (only blank space)", "export the usage again"
        )
    if head[0] in "{[" and delimiter is None:
        return _json_probe(data, filename)
    line = first_line(head)
    delimiter = delimiter or sniff_delimiter(line)
    names = header_names(line, delimiter)
    return Probe("csv", frozenset(norm(n) for n in names if n.strip()), delimiter)


def _json_probe(data: bytes, filename: str) -> Probe:
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    try:
        return Probe("json", obj=json.loads(text))
    except RecursionError as exc:
        raise UsageFormatError(
            filename,
            "the JSON is nested deeper than any usage export (over ~1,000 levels)",
            "upload the export file unchanged",
        ) from exc
    except json.JSONDecodeError as whole_err:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        records = []
        bad: list[int] = []
        for i, ln in enumerate(lines, start=1):
            try:
                records.append(json.loads(ln))
            except (json.JSONDecodeError, RecursionError):
                bad.append(i)
        if len(lines) > 1 and len(bad) < len(lines):
            return Probe("jsonl", obj=records, bad_lines=tuple(bad))
        raise UsageFormatError(
            filename,
            f"not valid JSON (line {whole_err.lineno}, column {whole_err.colno}: {whole_err.msg})",
            "upload the export file unchanged",
        ) from whole_err


def choose(p: Probe, formats: Mapping[str, Reader], filename: str) -> Reader:
    """The first registered format whose fingerprint matches; a clear refusal otherwise."""
    for reader in formats.values():
        if reader.detect(p):
            return reader
    if p.kind == "csv":
        shown = ", ".join(clip(name, 40) for name in sorted(p.columns)[:12]) or "(none)"
        missing = [
            c for c in ("timestamp", "model", "input_tokens", "output_tokens") if c not in p.columns
        ]
        raise UsageFormatError(
            filename,
            f"not a known usage export (header columns: {shown}); "
            f"as a generic CSV it lacks {', '.join(missing)}",
            "upload a supported export or add the generic columns timestamp, model, "
            "input_tokens, output_tokens",
        )
    raise UsageFormatError(
        filename,
        "this JSON is not a known usage export",
        "supported JSON: OpenAI usage/costs API pages, Anthropic usage report, "
        "OpenRouter activity API, Claude Code JSONL — or upload a CSV export",
    )
