"""Parquet and Arrow IPC files of the generic canonical columns (typed columns welcome).

Recognised by their magic bytes (``PAR1``; ``ARROW1`` or an IPC stream's continuation
marker), parsed with pyarrow and validated by the generic reader exactly as a CSV of the
same columns: row-named warnings, duplicate columns refused, timestamps in range.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from model.usage.readers import generic_csv
from model.usage.readers.base import UsageRead
from model.usage.readers.errors import UsageFormatError, clip

#: Rows a Parquet or Arrow file may hold to be read whole (a few bytes per row compressed
#: can be a hundred per row in memory); larger ones are re-priced by the CLI at any size.
MAX_ROWS = 20_000_000
PARQUET = "generic_parquet"
ARROW = "generic_arrow"
_WHAT = {PARQUET: "Parquet", ARROW: "Arrow IPC"}


def columnar_format(head: bytes) -> str | None:
    """``generic_parquet``, ``generic_arrow`` or None, from a file's first bytes."""
    if head.startswith(b"PAR1"):
        return PARQUET
    if head.startswith((b"ARROW1", b"\xff\xff\xff\xff")):
        return ARROW
    return None


def arrow_table(source: pa.NativeFile | pa.Buffer, fmt: str) -> pa.Table:
    """The whole table of a Parquet or Arrow IPC (file or stream) source."""
    if fmt == PARQUET:
        return pq.read_table(source)
    try:
        return pa.ipc.open_file(source).read_all()
    except pa.ArrowInvalid:
        if isinstance(source, pa.NativeFile):
            source.seek(0)
        return pa.ipc.open_stream(source).read_all()


def _rows(source: pa.Buffer, fmt: str) -> int:
    if fmt == PARQUET:
        return pq.ParquetFile(pa.BufferReader(source)).metadata.num_rows
    return 0  # Arrow IPC is memory-mapped as it is: its size is its memory


def read_columnar(data: bytes, filename: str, fmt: str) -> UsageRead:
    """Read Parquet/Arrow bytes (``fmt`` from :func:`columnar_format`) as generic usage."""
    try:
        rows = _rows(pa.py_buffer(data), fmt)
        if rows > MAX_ROWS:
            raise UsageFormatError(
                filename,
                f"{rows:,} rows, above the {MAX_ROWS:,} rows read in memory here",
                "re-price it with `python -m model reprice FILE` (any size, bounded memory)",
            )
        table = arrow_table(pa.BufferReader(data), fmt)
    except (pa.ArrowException, OSError) as exc:
        raise UsageFormatError(
            filename,
            f"not a readable {_WHAT[fmt]} file ({clip(exc)})",
            "write the file again, or export CSV",
        ) from exc
    return generic_csv.read_arrow(table, filename, fmt)


def record_batches(path: Path, fmt: str, rows: int) -> Iterator[tuple[pa.Table, float]]:
    """Tables of about ``rows`` rows of a Parquet or Arrow file on disk, with the share of
    the file done after each (memory stays at about one table). A damaged file is one
    line naming it, wherever the damage is found."""
    try:
        yield from _batches(path, fmt, rows)
    except (pa.ArrowException, OSError) as exc:
        raise UsageFormatError(
            path.name,
            f"not a readable {_WHAT[fmt]} file ({clip(exc)})",
            "write the file again, or export CSV",
        ) from exc


def _batches(path: Path, fmt: str, rows: int) -> Iterator[tuple[pa.Table, float]]:
    if fmt == PARQUET:
        parquet = pq.ParquetFile(path)
        total = max(parquet.metadata.num_rows, 1)
        seen = 0
        for batch in parquet.iter_batches(batch_size=rows):
            seen += batch.num_rows
            yield pa.Table.from_batches([batch]), seen / total
        return
    source = pa.memory_map(str(path))
    try:
        reader = pa.ipc.open_file(source)
        n = max(reader.num_record_batches, 1)
        batches = ((reader.get_batch(i), (i + 1) / n) for i in range(reader.num_record_batches))
    except pa.ArrowInvalid:
        source.seek(0)
        size = max(source.size(), 1)
        batches = ((b, min(source.tell() / size, 1.0)) for b in pa.ipc.open_stream(source))
    pending: list[pa.RecordBatch] = []
    for batch, done in batches:  # the writer's chunks, gathered into tables of ``rows`` rows
        pending.append(batch)
        if sum(b.num_rows for b in pending) >= rows:
            yield pa.Table.from_batches(pending), done
            pending = []
    if pending:
        yield pa.Table.from_batches(pending), 1.0
