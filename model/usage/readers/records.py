"""Load a delimited export into validated-column form: the shared front half of CSV readers.

:func:`load_csv` parses (see :mod:`tabular`), leaves out lines that are not records
(all key fields empty, ``Total`` lines) with a warning, and returns a :class:`Rows`
whose helpers validate columns into :class:`~model.usage.readers.validate.Issues`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from model.engine import columns as c
from model.usage.readers.assemble import finish
from model.usage.readers.base import Probe, UsageRead
from model.usage.readers.errors import UsageFormatError
from model.usage.readers.headers import table_notes
from model.usage.readers.tabular import Table, read_table, wanted_columns
from model.usage.readers.timestamps import to_timestamps
from model.usage.readers.validate import (
    Issues,
    check_tokens,
    is_missing,
    non_record_mask,
    stripped,
    text,
    to_bool,
)


@dataclass
class Rows:
    """The records of a file, with their problems collected so far."""

    tab: pa.Table
    issues: Issues
    warnings: list[str]
    ragged: int
    values: dict[str, object] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return self.tab.num_rows

    def col(self, name: str) -> pa.ChunkedArray | None:
        return self.tab.column(name) if name in self.tab.column_names else None

    def tokens(self, name: str, *, required: bool = False, default: float = 0.0):
        """Validated float64 counts of a source column (``default`` when absent/blank)."""
        return check_tokens(
            self.issues, name, self.col(name), required=required, default=default, n=self.n
        )

    def finish(self, filename: str, fmt: str, *, timezone_assumed: str = "UTC") -> UsageRead:
        return finish(
            filename,
            fmt,
            self.values,
            self.issues,
            records=self.n + self.ragged,
            warnings=self.warnings,
            timezone_assumed=timezone_assumed,
            dropped_before=self.ragged,
        )


def require(probe: Probe, filename: str, fmt: str, names: Sequence[str]) -> None:
    """Refuse a file forced to ``fmt`` that lacks the columns it needs (named)."""
    missing = [n for n in names if n not in probe.columns]
    if missing:
        raise UsageFormatError(
            filename,
            f"missing column(s) {', '.join(missing)} needed for {fmt}",
            "upload the export unchanged, or choose another format",
        )


def load_csv(
    data: bytes,
    filename: str,
    probe: Probe,
    types: dict[str, pa.DataType],
    *,
    key_columns: Sequence[str],
    label_columns: Sequence[str] = (),
    name_unknown: bool = False,
) -> Rows:
    """Parse and drop non-record lines.

    A line is blank when every column of ``key_columns`` is empty; it is a summary
    line when a ``label_columns`` cell reads ``Total`` (or similar). Columns the reader
    does not load are named in a warning only with ``name_unknown`` (the generic CSV:
    a known export's other columns are expected, not news).
    """
    t: Table = read_table(data, filename, probe.delimiter, types)
    return rows_of(t, key_columns, label_columns, name_unknown)


def load_arrow(
    table: pa.Table,
    filename: str,
    types: dict[str, pa.DataType],
    *,
    key_columns: Sequence[str],
    label_columns: Sequence[str] = (),
    name_unknown: bool = False,
) -> Rows:
    """:func:`load_csv` for a table that arrives typed (Parquet, Arrow IPC): the same
    column matching (a used column named twice is refused), the same skipped lines."""
    names = table.schema.names
    wanted = wanted_columns(names, filename, types, None)
    unknown = [raw.strip() for raw in names if raw not in wanted and raw.strip()]
    picked = table.select([names.index(raw) for raw in wanted])
    t = Table(picked.rename_columns(list(wanted.values())), unknown)
    return rows_of(t, key_columns, label_columns, name_unknown)


def rows_of(
    t: Table, key_columns: Sequence[str], label_columns: Sequence[str], name_unknown: bool
) -> Rows:
    """Drop blank and summary lines of a parsed table, with the warnings they call for."""
    tab = t.table
    n = tab.num_rows
    present = [k for k in key_columns if k in tab.column_names]
    blank = np.ones(n, dtype=bool) if present else np.zeros(n, dtype=bool)
    for k in present:
        blank &= is_missing(tab.column(k))
    labels = [tab.column(k) for k in label_columns if k in tab.column_names]
    summary = non_record_mask(n, *labels) & ~blank
    skip = blank | summary
    row_numbers = None
    if skip.any():
        row_numbers = np.flatnonzero(~skip) + 1
        tab = tab.filter(pa.array(~skip))
    warnings = table_notes(
        t.unknown_columns if name_unknown else [],
        t.ragged,
        t.blank_lines + int(blank.sum()),
        int(summary.sum()),
    )
    return Rows(tab, Issues(tab.num_rows, row_numbers), warnings, len(t.ragged))


def const_text(value: str | None, n: int):
    """A string column holding one value (``provider`` of a single-vendor export)."""
    return text(pa.repeat(pa.scalar(value, pa.string()), n), n)


def slug_vendor(arr: pa.ChunkedArray | None, n: int):
    """The vendor prefix of ``vendor/model`` slugs (OpenRouter, LiteLLM), else null."""
    if arr is None:
        return const_text(None, n)
    found = pc.extract_regex(pc.utf8_trim_whitespace(arr.cast(pa.string())), r"^(?P<v>[^/:]+)/")
    vendor = pc.utf8_lower(pc.struct_field(found, [0]))
    return text(pc.if_else(pc.is_valid(found), vendor, pa.scalar(None, pa.string())), n)


def model_columns(rows: Rows, name: str, *, ungrouped: str | None = None) -> None:
    """Fill ``model_raw``/``model`` from source column ``name``.

    With ``ungrouped`` set (bucket exports), a missing model is the export's "not
    grouped by model" bucket: kept under that marker (reported unpriced downstream,
    usage-formats §9 rule 15) instead of being dropped.
    """
    arr = rows.col(name)
    model = stripped(arr, rows.n)
    missing = model.isna()
    if ungrouped is not None:
        if missing.any():
            model = model.fillna(ungrouped)
            rows.issues.note(
                f"no model (export not grouped by model): kept as {ungrouped!r}, which "
                "cannot be re-priced — export again grouped by model",
                missing,
            )
        raw = text(arr, rows.n).fillna(ungrouped) if arr is not None else model
    else:
        rows.issues.drop(f"missing {name}", missing)
        raw = text(arr, rows.n)
    rows.values[c.MODEL_RAW] = raw
    rows.values[c.MODEL] = model


def timestamps(rows: Rows, name: str) -> None:
    stamps, notes = to_timestamps(rows.issues, name, rows.col(name), n=rows.n)
    rows.warnings.extend(notes)
    rows.values[c.TIMESTAMP] = stamps


def cached_inside(rows: Rows, total: np.ndarray, cached: np.ndarray, what: str) -> np.ndarray:
    """Uncached input of a vendor that counts cache reads *inside* the prompt (OpenAI style).

    Cached tokens above the prompt total are impossible (DESIGN §6): the row is dropped.
    """
    rows.issues.drop(f"cached tokens above the prompt total ({what})", cached > total)
    return np.maximum(total - cached, 0.0)


def flag(rows: Rows, name: str, *, default: bool | None = False):
    return to_bool(rows.issues, name, rows.col(name), default=default, n=rows.n)


def equals_any(arr: pa.ChunkedArray | None, n: int, values: Sequence[str]) -> np.ndarray:
    """Case- and space-insensitive membership of a text column (for small exports)."""
    if arr is None:
        return np.zeros(n, dtype=bool)
    low = pc.utf8_lower(pc.utf8_trim_whitespace(arr.cast(pa.string())))
    hit = pc.is_in(low, value_set=pa.array([v.lower() for v in values]))
    return pc.fill_null(hit, False).to_numpy(zero_copy_only=False)
