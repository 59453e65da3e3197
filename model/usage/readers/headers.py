"""Header lines and file-shape wording, free of pandas and pyarrow (the columnar path
checks a header with these before it imports the readers)."""

from __future__ import annotations

import csv
import re

from model.usage.readers.errors import clip

_DELIMITERS = (",", ";", "\t", "|")
_NORM_RE = re.compile(r"[\s_]+")
_LINE_END = re.compile(r"\r\n?|\n")
#: An ISO 8601 date or date-time at the start of a value, and a UTC offset at its end: the
#: first timestamp of a column decides how the column is parsed.
ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?")
OFFSET = re.compile(r"(Z|[+-]\d\d:?\d\d)$")


def norm(name: str) -> str:
    """Header key used for matching: case-, space- and BOM-insensitive.

    ``" Prompt Tokens"`` → ``"prompt_tokens"``; ``"Input (w/ Cache Write)"`` →
    ``"input_(w/_cache_write)"``. Format specs are normalized the same way.
    """
    return _NORM_RE.sub("_", name.replace("\ufeff", "").strip().strip('"').strip().lower())


def first_line(text: str) -> str:
    """The text up to the first line end (LF, CRLF or a lone CR, as pyarrow reads them)."""
    return _LINE_END.split(text, maxsplit=1)[0]


def _fields(line: str, delimiter: str) -> list[str]:
    # csv refuses a stray CR or NUL inside a header; a plain split is the best guess there.
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return line.split(delimiter)


def sniff_delimiter(header: str) -> str:
    """The delimiter of a header line: the candidate that splits it into most fields.

    A header of a real export has several columns; a count outside quotes is enough
    (csv.Sniffer guesses wrong on short samples with quoted commas).
    """
    best, best_n = ",", 0
    for d in _DELIMITERS:
        n = len(_fields(header, d))
        if n > best_n:
            best, best_n = d, n
    return best


def header_names(text_head: str, delimiter: str) -> list[str]:
    return _fields(first_line(text_head), delimiter)


def count(n: int, noun: str) -> str:
    """``1 row`` / ``3 rows`` (warnings are sentences users read)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def table_notes(
    unknown: list[str], ragged: list[str], blank_lines: int, non_records: int
) -> list[str]:
    """Warnings about the shape of a delimited file (not about values)."""
    out: list[str] = []
    if unknown:
        shown = ", ".join(clip(u, 40) for u in unknown[:8]) + (
            f" and {len(unknown) - 8} more" if len(unknown) > 8 else ""
        )
        out.append(f"ignored columns not used for pricing: {shown}")
    if ragged:
        sample = clip(ragged[0], 60)
        out.append(
            f"{count(len(ragged), 'line')} with the wrong number of fields left out of every total "
            f"(first: {sample!r})"
        )
    if blank_lines:
        out.append(f"{count(blank_lines, 'empty line')} skipped (no usage recorded)")
    if non_records:
        out.append(f"{count(non_records, 'total/summary line')} skipped (not usage records)")
    return out
