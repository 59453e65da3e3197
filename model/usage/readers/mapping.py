"""Column mapping for CSV layouts no reader knows: the user says which column is which.

The upload page offers this when detection fails. Rather than a second parser, the mapped
file is turned into the generic canonical CSV by rewriting its *header line only* (the data
bytes are reused as they are) and read by :mod:`model.usage.readers.generic_csv`, so a mapped file
gets exactly the same validation as every other CSV (DESIGN §6: bad rows named and left out,
never priced).

    columns = file_columns(data, filename)
    mapping = guess_mapping(columns)          # a starting point for the page's selectboxes
    read = read_mapped(data, filename, mapping, cached_in_input=True)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from model.engine import columns as c
from model.usage.readers import generic_csv
from model.usage.readers.base import UsageRead
from model.usage.readers.detect import probe
from model.usage.readers.errors import UsageFormatError, clip
from model.usage.readers.headers import header_names, norm, sniff_delimiter
from model.usage.readers.sniff import check_size, decode_text
from model.usage.readers.validate import count

FORMAT = "mapped_csv"


@dataclass(frozen=True)
class Field:
    """A canonical column the user can point at one of the file's columns."""

    column: str
    label: str
    required: bool
    hints: tuple[str, ...]  # normalized header fragments that suggest this field


#: What the mapping step asks for, in the order the page shows it.
FIELDS: tuple[Field, ...] = (
    Field(c.TIMESTAMP, "Timestamp", True, ("timestamp", "time", "date", "created", "day", "when")),
    Field(c.MODEL, "Model", True, ("model", "engine", "deployment")),
    Field(c.INPUT, "Input tokens", True, ("input", "prompt")),
    Field(c.CACHE_READ, "Cached input tokens (cache reads)", False, ("cache_read", "cached")),
    Field(
        c.CACHE_WRITE_5M,
        "Cache write tokens",
        False,
        ("cache_write", "cache_creation"),
    ),
    Field(c.OUTPUT, "Output tokens", True, ("output", "completion", "generated")),
    Field(c.REQUESTS, "Requests", False, ("requests", "request_count", "calls", "num_requests")),
    Field(c.REPORTED_COST, "Cost (USD)", False, ("cost", "spend", "usd", "amount", "charge")),
)
FIELD_BY_COLUMN: dict[str, Field] = {f.column: f for f in FIELDS}

#: Header names the generic reader would pick up by themselves; an unmapped file column
#: spelled like one of them is renamed so it cannot be read by accident.
_RESERVED = frozenset((*c.CANONICAL, *generic_csv.CACHE_WRITE_ANY))
_HEAD_BYTES = 65536


def _header(data: bytes, filename: str) -> tuple[list[str], str, int]:
    """(raw header names, delimiter, byte offset where the data rows start) of UTF-8 ``data``."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    head = data[start : start + _HEAD_BYTES].decode("utf-8", errors="replace")
    if head.lstrip().startswith(("{", "[")):
        raise UsageFormatError(
            filename,
            "column mapping works for CSV/TSV files, and this is JSON",
            "pick the export's format instead, or convert it to CSV",
        )
    end = data.find(b"\n", start)
    line_end = len(data) if end < 0 else end + 1
    line = data[start:line_end].decode("utf-8", errors="replace").rstrip("\r\n")
    if not line.strip():
        raise UsageFormatError(filename, "the first line (the header) is empty", "remove it")
    delimiter = sniff_delimiter(line)
    names = header_names(line, delimiter)
    return names, delimiter, line_end


def file_columns(data: bytes, filename: str) -> list[str]:
    """The header names of a delimited file, as written (blank names left out).

    Raises :class:`UsageFormatError` for files that are not text (binary, HTML, archives)
    or not delimited (JSON), so the page can say so before offering a mapping.
    """
    check_size(len(data), filename, max_bytes=max(len(data), 1))  # refuses only empty
    text, _notes = decode_text(bytes(data[:_HEAD_BYTES]), filename)
    names, _delimiter, _offset = _header(text, filename)
    shown = [n.strip() for n in names if n.strip()]
    if len(shown) < 2:
        raise UsageFormatError(
            filename,
            "the header has fewer than two columns, so there is nothing to map",
            "export the usage as CSV with one column per value",
        )
    return shown


def guess_mapping(columns: Sequence[str]) -> dict[str, str | None]:
    """A first guess per field from the header words; None where nothing fits.

    Only a starting point the user confirms: an exact canonical name wins, then the first
    header containing one of the field's hints; a column is used for one field at most.
    """
    keys = {col: norm(col) for col in columns}
    used: set[str] = set()
    guess: dict[str, str | None] = {}
    for f in FIELDS:
        exact = next((col for col, k in keys.items() if k == f.column and col not in used), None)
        hit = exact or next(
            (
                col
                for col, k in keys.items()
                if col not in used
                and any(re.search(h, k) for h in f.hints)
                # "cached_input_tokens" must not become the input column
                and not (f.column == c.INPUT and ("cache" in k or "cost" in k))
                and not (f.column in (c.OUTPUT,) and "cost" in k)
            ),
            None,
        )
        guess[f.column] = hit
        if hit:
            used.add(hit)
    return guess


def _check(mapping: Mapping[str, str | None], names: Sequence[str], filename: str) -> None:
    unknown = sorted(set(mapping) - set(FIELD_BY_COLUMN))
    if unknown:  # a programming error, not a user's
        raise KeyError(f"not mappable columns: {unknown}")
    missing = [f.label for f in FIELDS if f.required and not mapping.get(f.column)]
    if missing:
        raise UsageFormatError(
            filename,
            f"no column picked for {', '.join(missing)}",
            "pick a column of the file for every required field",
        )
    stripped = {n.strip() for n in names}
    absent = [src for src in mapping.values() if src and src not in stripped]
    if absent:
        raise UsageFormatError(
            filename,
            f"the file has no column {clip(absent[0])!r}",
            "pick one of the file's columns",
        )
    chosen = [src for src in mapping.values() if src]
    twice = sorted({src for src in chosen if chosen.count(src) > 1})
    if twice:
        raise UsageFormatError(
            filename,
            f"column {clip(twice[0])!r} is picked for more than one field",
            "each field needs its own column",
        )


def _renamed_header(
    names: Sequence[str], mapping: Mapping[str, str | None], delimiter: str
) -> bytes:
    target = {src: col for col, src in mapping.items() if src}
    out: list[str] = []
    for raw in names:
        key = raw.strip()
        if key in target:
            out.append(target[key])
        elif norm(key) in _RESERVED:
            # e.g. a "model" column the user did not pick: keep it out of the read.
            out.append(f"{key} (not mapped)")
        else:
            out.append(raw)
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerow(out)
    return buf.getvalue().encode("utf-8")


def read_mapped(
    data: bytes,
    filename: str,
    mapping: Mapping[str, str | None],
    *,
    cached_in_input: bool = False,
    max_bytes: int = 1_000_000_000,
) -> UsageRead:
    """Read a CSV whose columns the user mapped onto canonical fields (see module doc).

    ``mapping`` maps canonical column names (:data:`FIELDS`) to the file's header names
    (None: not in the file). ``cached_in_input``: the input column *includes* cached
    tokens (the OpenAI/OpenRouter/Gemini convention), so cache reads are subtracted to
    keep token columns disjoint (DESIGN §3); a row with more cached than input tokens is
    impossible and left out, named in the warnings.
    """
    check_size(len(data), filename, max_bytes)
    text, notes = decode_text(bytes(data), filename)
    names, delimiter, offset = _header(text, filename)
    _check(mapping, names, filename)
    rewritten = _renamed_header(names, mapping, delimiter) + text[offset:]
    del text  # the only other full copy: let it go before parsing
    read = generic_csv.read(rewritten, filename, probe(rewritten, filename))
    frame, warnings, dropped = read.frame, list(read.warnings), read.dropped_rows
    warnings[:0] = notes
    if cached_in_input and mapping.get(c.CACHE_READ):
        frame, w, k = _cached_out_of_input(frame, mapping[c.INPUT] or c.INPUT)
        warnings.extend(w)
        dropped += k
        if frame.empty:
            raise UsageFormatError(
                filename,
                "no usable rows (every row has more cached than input tokens)",
                "untick 'input includes cached tokens' if the columns are separate",
            )
    mapped = ", ".join(
        f"{FIELD_BY_COLUMN[col].label} ← {clip(src)!r}" for col, src in mapping.items() if src
    )
    warnings.insert(0, f"columns mapped by hand: {mapped}")
    if mapping.get(c.CACHE_WRITE_5M):
        warnings.append("cache writes mapped without a TTL: priced as 5-minute writes")
    return UsageRead(
        frame=frame,
        format=FORMAT,
        rows=read.rows,
        warnings=tuple(warnings),
        dropped_rows=dropped,
        timezone_assumed=read.timezone_assumed,
    )


def _cached_out_of_input(
    frame: pd.DataFrame, input_name: str
) -> tuple[pd.DataFrame, list[str], int]:
    inp = frame[c.INPUT].to_numpy()
    cached = frame[c.CACHE_READ].to_numpy()
    bad = cached > inp
    warnings: list[str] = []
    if bad.any():
        warnings.append(
            f"{count(int(bad.sum()), 'row')} with more cached than input tokens "
            f"({clip(input_name)!r} should include them) left out of every total"
        )
        frame = frame[~bad].reset_index(drop=True)
        inp, cached = inp[~bad], cached[~bad]
    frame = frame.copy(deep=False)
    frame[c.INPUT] = inp - cached
    return frame, warnings, int(bad.sum())
