"""Re-price a usage file from disk, in chunks when it is large, so peak memory stays flat.

A 10-million-row CSV (~700 MB) would need several GB as one frame; read in ~64 MB slices
(about a million rows), each slice is parsed, priced and reduced to mergeable
:class:`model.engine.totals.Totals`. Only CSV formats are sliced: their rows are independent
(JSON documents and de-duplicated transcripts are read whole). Quoted fields spanning
lines are not expected in usage exports; a slice boundary always falls after a newline.

Several files (a usage export and the cost export of the same period) are summed as one
log; ``--rows-out`` receives every file's re-priced rows, slice after slice.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO

from model.engine.adjustments import OptionAssumptions
from model.engine.totals import Totals
from model.usage.export import write_repriced_csv
from model.usage.readers import read_usage, read_usage_path
from model.usage.reprice import reprice_frame
from pricing.names import NameResolver
from pricing.versions import PriceBook

Assumptions = Mapping[str, OptionAssumptions]
CHUNK_ABOVE_BYTES = 256 * 1024 * 1024
CHUNK_BYTES = 64 * 1024 * 1024


def _slices(path: Path, chunk_bytes: int) -> Iterator[bytes]:
    """The file as header-prefixed slices that each end on a line boundary."""
    with path.open("rb") as fh:
        header = fh.readline()
        if header.lstrip(b"\xef\xbb\xbf").lower().startswith(b"sep="):
            header += fh.readline()  # Excel's delimiter hint precedes the real header
        while True:
            block = fh.read(chunk_bytes)
            if not block:
                return
            block += fh.readline()  # finish the line the block cut through
            yield header + block


def _is_sliceable(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(4)
    # UTF-16 text cannot be cut at b"\n"; everything else here is UTF-8 or Latin-1.
    return not head.startswith((b"\xff\xfe", b"\xfe\xff"))


Prepared = tuple[PriceBook, NameResolver, dict[str, OptionAssumptions]]


def _prepare(
    book_root: Path,
    pricing: str | None,
    assumptions: Assumptions | Callable[[], Assumptions | None] | None,
) -> Prepared:
    book = PriceBook.load(book_root)
    if pricing not in (None, "by-date"):
        book.get(pricing)  # an unknown version is bad input, named with the known ones
    chosen = assumptions() if callable(assumptions) else assumptions
    return book, NameResolver.from_book(book), dict(chosen or {})


def _totals(
    path: Path,
    prepared: Prepared | Callable[[], Prepared],
    *,
    fmt: str,
    pricing: str | None,
    rows_out: BinaryIO | None,
    header: bool,
    chunk_above: int,
    chunk_bytes: int,
) -> tuple[Totals, Prepared]:
    """One file's mergeable totals; its re-priced rows appended to ``rows_out`` if given."""
    if path.stat().st_size <= chunk_above or not _is_sliceable(path):
        if callable(prepared):
            # Validating catalogs and scenario (YAML + pydantic, ~0.3 s) overlaps with
            # parsing the log, which pyarrow does in C++ threads without the GIL.
            with ThreadPoolExecutor(max_workers=1) as pool:
                preparing = pool.submit(prepared)
                read = read_usage_path(path, fmt)
                prepared = preparing.result()
        else:
            read = read_usage_path(path, fmt)
        book, resolver, chosen = prepared
        costing = reprice_frame(
            read.frame, book, pricing=pricing, assumptions=chosen, resolver=resolver
        )
        if rows_out is not None:
            write_repriced_csv(costing, rows_out, header=header)
        totals = Totals.from_costing(
            costing, fmt=read.format, rows=read.rows, read_warnings=read.warnings
        )
        return totals, prepared

    if callable(prepared):
        prepared = prepared()  # fails before any slice is read
    book, resolver, chosen = prepared
    merged: Totals | None = None
    first_row = 1
    for block in _slices(path, chunk_bytes):
        read = read_usage(block, path.name, fmt)
        fmt = read.format  # the first slice decides; later ones (no header clues) follow it
        if not fmt.endswith("_csv"):
            raise ValueError(f"{path.name}: {fmt} files are read whole; this one is too large")
        label = f"rows {first_row:,}–{first_row + read.rows - 1:,}: "
        costing = reprice_frame(
            read.frame, book, pricing=pricing, assumptions=chosen, resolver=resolver
        )
        if rows_out is not None:
            write_repriced_csv(costing, rows_out, header=header and merged is None)
        part = Totals.from_costing(
            costing,
            fmt=read.format,
            rows=read.rows,
            read_warnings=tuple(label + w for w in read.warnings),
        )
        first_row += read.rows
        if merged is None:
            merged = part
        else:
            merged.merge(part)
    assert merged is not None, "a non-empty file yields at least one slice"
    return merged, prepared


def reprice_file(path: Path, book_root: Path, **options: Any) -> dict[str, object]:
    """The ``reprice --json`` object for one file on disk (see :func:`reprice_files`)."""
    return reprice_files([path], book_root, **options)


def reprice_files(
    paths: Sequence[Path],
    book_root: Path,
    *,
    fmt: str = "auto",
    pricing: str | None,
    assumptions: Assumptions | Callable[[], Assumptions | None] | None = None,
    chunk_above: int = CHUNK_ABOVE_BYTES,
    chunk_bytes: int = CHUNK_BYTES,
    rows_out: Path | None = None,
) -> dict[str, object]:
    """The ``reprice --json`` object for one or several files on disk (a usage export and
    the cost export of the same period, or one log per vendor), summed as one log.

    ``assumptions`` may be a callable (e.g. reading a scenario file): it then runs in the
    background with the catalogs, while the first log is parsed. ``rows_out`` receives the
    re-priced rows CSV (every row read, unpriced ones with empty cost cells); it is written
    to a temporary file beside it and renamed only when every file was read, so a failure
    leaves no partial export.
    """
    prepared: Prepared | Callable[[], Prepared] = lambda: _prepare(  # noqa: E731
        book_root, pricing, assumptions
    )
    tmp = rows_out.with_name(f".{rows_out.name}.partial") if rows_out is not None else None
    sink: Any = tmp.open("wb") if tmp is not None else None
    merged: Totals | None = None
    files: list[dict[str, object]] = []
    try:
        for path in paths:
            totals, prepared = _totals(
                path,
                prepared,
                fmt=fmt,
                pricing=pricing,
                rows_out=sink,
                header=merged is None,
                chunk_above=chunk_above,
                chunk_bytes=chunk_bytes,
            )
            files.append({"file": path.name, "format": totals.fmt, "rows": totals.rows})
            if len(paths) > 1:
                totals.warnings = [f"{path.name}: {w}" for w in totals.warnings]
            if merged is None:
                merged = totals
            else:
                merged.merge(totals)
        if sink is not None:
            sink.close()
            os.replace(tmp, rows_out)  # type: ignore[arg-type]
    finally:
        if sink is not None and not sink.closed:
            sink.close()
        if tmp is not None and tmp.exists():
            tmp.unlink()
    assert merged is not None and not callable(prepared), "at least one file"
    formats = sorted({str(f["format"]) for f in files})
    merged.fmt = formats[0] if len(formats) == 1 else "several: " + ", ".join(formats)
    out = merged.to_json(prepared[2])
    if len(paths) > 1:
        out["files"] = files
    return out
