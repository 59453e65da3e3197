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


def read_columnar(data: bytes, filename: str, fmt: str) -> UsageRead:
    """Read Parquet/Arrow bytes (``fmt`` from :func:`columnar_format`) as generic usage."""
    try:
        table = arrow_table(pa.BufferReader(data), fmt)
    except (pa.ArrowException, OSError) as exc:
        raise UsageFormatError(
            filename,
            f"not a readable {_WHAT[fmt]} file ({clip(exc)})",
            "write the file again, or export CSV",
        ) from exc
    return generic_csv.read_arrow(table, filename, fmt)


def record_batches(path: Path, fmt: str, rows: int) -> Iterator[tuple[pa.RecordBatch, float]]:
    """Batches of about ``rows`` rows of a Parquet or Arrow file on disk, with the share of
    the file done after each (memory stays at one batch)."""
    if fmt == PARQUET:
        parquet = pq.ParquetFile(path)
        total = max(parquet.metadata.num_rows, 1)
        seen = 0
        for batch in parquet.iter_batches(batch_size=rows):
            seen += batch.num_rows
            yield batch, seen / total
        return
    source = pa.memory_map(str(path))
    try:
        reader = pa.ipc.open_file(source)
        n = max(reader.num_record_batches, 1)
        for i in range(reader.num_record_batches):
            yield reader.get_batch(i), (i + 1) / n
    except pa.ArrowInvalid:
        source.seek(0)
        for batch in pa.ipc.open_stream(source):
            yield batch, 0.0
