"""Reading delimited text fast with pyarrow, and robustly when the file is odd.

Every CSV/TSV reader goes through :func:`read_table`: the header is parsed once to find
which columns the format knows (unknown ones — prompt and response text included — are
never loaded), pyarrow parses with explicit column types, and when a typed column does
not convert (``1,234``, ``maybe``, a ``Total`` line) the offending columns are re-read as
text for the caller's vectorized coercion. Only when pyarrow cannot parse the file at
all (unbalanced quotes, …) does the slower csv-module path run.

A header that names a column the reader uses twice is refused (which copy holds the
values?); a cell longer than pyarrow's 1 MB parse block (a long prompt) is read with
bigger blocks rather than refused.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.csv as pacsv

from model.usage.readers.errors import UsageFormatError, clip
from model.usage.readers.headers import _fields, header_names, norm

#: Cells meaning "no value". Unlike pyarrow's defaults, NaN is not here: a NaN token
#: count is an impossible value to report (DESIGN §6), not a blank to default.
NULL_VALUES = ("", "NULL", "null", "NA", "N/A", "n/a", "#N/A", "None")
#: Parse block sizes tried in turn when a row is longer than a block (a prompt cell of
#: several MB): pyarrow cannot split a row across blocks.
_BLOCK_SIZES = (None, 64 << 20)


def first_record(data: bytes, delimiter: str) -> dict[str, str]:
    """Normalized header name → value of the first data line (to pick column types)."""
    head = data[:65536].decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = head.splitlines()[:2]
    if len(lines) < 2:
        return {}
    names = _fields(lines[0], delimiter)
    values = _fields(lines[1], delimiter)
    return {norm(k): v for k, v in zip(names, values, strict=False)}


@dataclass
class Table:
    """A parsed file: columns under their normalized names, plus what was skipped."""

    table: pa.Table
    unknown_columns: list[str] = field(default_factory=list)
    ragged: list[str] = field(default_factory=list)  # text of rows with a wrong field count
    blank_lines: int = 0
    slow_path: bool = False


_ARROW_CONVERSION = re.compile(r"In CSV column #(\d+): CSV conversion error")


def read_table(
    data: bytes,
    filename: str,
    delimiter: str,
    types: dict[str, pa.DataType],
    *,
    true_values: tuple[str, ...] = ("1", "true", "True", "TRUE", "yes", "Yes", "YES"),
    false_values: tuple[str, ...] = ("0", "false", "False", "FALSE", "no", "No", "NO"),
    keep: frozenset[str] | None = None,
) -> Table:
    """Parse UTF-8 delimited ``data``, keeping the columns of ``types`` (normalized names).

    ``types`` gives the wanted arrow type per normalized column name; columns of the
    file that are not in ``types`` (nor in ``keep``, loaded as text) are skipped and
    listed in ``unknown_columns``. A column whose values do not convert is re-read as
    text (the caller coerces it and names the bad rows).
    """
    # pyarrow drops a UTF-8 BOM itself; the header we match against must too.
    head = data[:65536].decode("utf-8", errors="replace").lstrip("\ufeff")
    raw_names = header_names(head, delimiter)
    if not raw_names:
        raise UsageFormatError(filename, "the file has no header line", "export it again")
    wanted = wanted_columns(raw_names, filename, types, keep)
    unknown = [raw.strip() for raw in raw_names if raw not in wanted and raw.strip()]
    ragged: list[str] = []
    blank: list[int] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        # Blank lines come here too (ignore_empty_lines=False): counting them in the
        # handler is free, while scanning the bytes for them costs 0.1 s per 100 MB.
        if row.text.strip(" \t\r" + delimiter):
            ragged.append(row.text)
        else:
            blank.append(1)
        return "skip"

    column_types = {raw: types.get(key, pa.string()) for raw, key in wanted.items()}
    text_cols: set[str] = set()
    # Quoted newlines (prompt text in a log export) break pyarrow's fast block splitting;
    # they show up as ragged rows, and one re-read with newlines allowed fixes them.
    multiline = False
    blocks = iter(_BLOCK_SIZES[1:])
    block_size = _BLOCK_SIZES[0]
    for _attempt in range(len(column_types) + len(_BLOCK_SIZES) + 2):
        ragged.clear()
        blank.clear()
        conv = pacsv.ConvertOptions(
            column_types={
                raw: (pa.string() if raw in text_cols else t) for raw, t in column_types.items()
            },
            include_columns=list(wanted),
            strings_can_be_null=True,
            null_values=list(NULL_VALUES),
            quoted_strings_can_be_null=True,
            true_values=list(true_values),
            false_values=list(false_values),
        )
        try:
            table = pacsv.read_csv(
                pa.py_buffer(data),
                read_options=pacsv.ReadOptions(block_size=block_size) if block_size else None,
                parse_options=pacsv.ParseOptions(
                    delimiter=delimiter,
                    invalid_row_handler=on_invalid,
                    newlines_in_values=multiline,
                    ignore_empty_lines=False,
                ),
                convert_options=conv,
            )
        except pa.ArrowInvalid as exc:
            if "straddl" in str(exc):
                # A row longer than a parse block (a multi-MB prompt cell): bigger blocks.
                block_size = next(blocks, None) or min(len(data) + 1, 2**31 - 1)
                continue
            m = _ARROW_CONVERSION.search(str(exc))
            if m:
                # Which column failed: #i counts the columns of the file, not the kept ones.
                idx = int(m.group(1))
                raw = raw_names[idx] if idx < len(raw_names) else None
                if raw in column_types and raw not in text_cols:
                    text_cols.add(raw)
                    continue
                # Unknown index: give up on types altogether.
                text_cols.update(column_types)
                continue
            return _slow_table(data, filename, delimiter, wanted, unknown)
        if ragged and not multiline and b'"' in data:
            multiline = True
            continue
        table = table.rename_columns([wanted[n] for n in table.column_names])
        return Table(table, unknown, list(ragged), len(blank))
    return _slow_table(data, filename, delimiter, wanted, unknown)


def wanted_columns(
    raw_names: list[str],
    filename: str,
    types: dict[str, pa.DataType],
    keep: frozenset[str] | None,
) -> dict[str, str]:
    """Raw header name → normalized name of the columns to load.

    Two header cells naming the same used column (``input_tokens`` twice, or
    ``Input Tokens`` beside ``input_tokens``) make the file ambiguous: refused, named.
    """
    wanted: dict[str, str] = {}
    where: dict[str, int] = {}
    for i, raw in enumerate(raw_names, start=1):
        key = norm(raw)
        if key not in types and not (keep and key in keep):
            continue
        if key in where:
            raise UsageFormatError(
                filename,
                f"the header names column {clip(raw)!r} twice (columns {where[key]} and {i}), "
                "so it is unclear which one holds the values",
                "remove or rename one of the two columns",
            )
        where[key] = i
        wanted[raw] = key
    return wanted


def _slow_table(
    data: bytes,
    filename: str,
    delimiter: str,
    wanted: dict[str, str],
    unknown: list[str],
) -> Table:
    """csv-module parse for files pyarrow rejects; everything comes back as text."""
    text = data.decode("utf-8", errors="replace")
    # The csv module refuses cells above 128 KB; a prompt cell can be megabytes.
    csv.field_size_limit(max(csv.field_size_limit(), min(len(text) + 1, 2**31 - 1)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        width = len(header)
        keep_idx = [(i, wanted[h]) for i, h in enumerate(header) if h in wanted]
        cols: dict[str, list[str | None]] = {key: [] for _, key in keep_idx}
        ragged: list[str] = []
        blank_lines = 0
        for fields in reader:
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                blank_lines += 1
                continue
            if len(fields) != width:
                ragged.append(delimiter.join(fields))
                continue
            for i, key in keep_idx:
                v = fields[i]
                cols[key].append(v if v != "" else None)
    except csv.Error as exc:
        raise UsageFormatError(
            filename,
            f"not readable as delimited text ({clip(exc)})",
            "export the file again as CSV (UTF-8)",
        ) from exc
    table = pa.table({k: pa.array(v, type=pa.string()) for k, v in cols.items()})
    return Table(table, unknown, ragged, blank_lines, slow_path=True)
