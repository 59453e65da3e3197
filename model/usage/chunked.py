"""Re-price usage files from disk at any size, with one pricing implementation.

Each file takes the first path that accepts it:

1. **Columnar** (:mod:`model.usage.columnar`): the generic columns as CSV, Parquet or Arrow,
   read and summed into buckets by DuckDB out of core, priced by the engine's group
   pricing. Strict: a file with anything the readers would warn about or refuse goes on.
2. **Whole**: text files up to 256 MB (and any UTF-16 text) through the readers in memory.
3. **Slices**: larger CSV files in ~64 MB slices, each cut at a record boundary — after a
   line end (LF, or CR in old-Mac files) outside quotes, so a prompt cell spanning lines
   stays whole; Parquet and Arrow in record batches of a million rows, whatever the size.
   Each slice is read by the readers, priced and reduced to mergeable
   :class:`~model.engine.totals.Totals`. JSON and JSONL are read whole, up to 256 MB (a
   JSON document is one record tree; a transcript's duplicate lines are removed across the
   whole file), and refused above with that limit.

Several files (a usage export and the cost export of the same period, or a folder of
Parquet parts) are summed as one log. ``--rows-out`` needs every row's cost, so files are
then read by the readers (whole, or slice after slice: the export streams).
"""

from __future__ import annotations

import mmap
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:  # the engine (numpy, pydantic) loads while DuckDB already reads the log
    from model.engine.adjustments import OptionAssumptions
    from model.engine.totals import Totals
    from pricing.names import NameResolver
    from pricing.versions import PriceBook

    Assumptions = Mapping[str, OptionAssumptions]
    Prepared = tuple[PriceBook, NameResolver, dict[str, OptionAssumptions]]

Progress = Callable[[str, float], None]
CHUNK_ABOVE_BYTES = 256 * 1024 * 1024
CHUNK_BYTES = 64 * 1024 * 1024
BATCH_ROWS = 1_000_000
#: A slice whose quotes never balance (a stray quote in an unquoted cell) is cut at the
#: next line end once it is this many times the slice size, as a CSV without quoting.
_QUOTE_SPAN = 4
#: A reader's warning that names rows ("row 17: …", "3 rows (4, 9, 17): …").
_NAMES_ROWS = re.compile(r"^(row \d|[\d,]+ rows \()")


def _terminator(mm: mmap.mmap) -> bytes:
    """LF, or CR for old-Mac files (no LF at all but CRs in the first 64 KB)."""
    return b"\r" if mm.find(b"\n") < 0 and mm.find(b"\r", 0, 65536) >= 0 else b"\n"


def _record_end(mm: mmap.mmap, start: int, at: int, term: bytes, chunk_bytes: int) -> int:
    """First offset ≥ ``at`` just after a line end that is outside quotes, counting quotes
    from ``start`` (a record boundary: an even number of quotes since then)."""
    end = mm.find(term, at)
    if end < 0:
        return len(mm)
    quotes = mm[start : end + 1].count(b'"')
    while quotes % 2 and end - start < _QUOTE_SPAN * chunk_bytes:
        nxt = mm.find(term, end + 1)
        if nxt < 0:
            return len(mm)
        quotes += mm[end + 1 : nxt + 1].count(b'"')
        end = nxt
    return end + 1


def _slices(path: Path, chunk_bytes: int) -> Iterator[bytes]:
    """The file as header-prefixed slices that each end on a record boundary."""
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        term = _terminator(mm)
        pos = _record_end(mm, 0, 0, term, chunk_bytes)
        header = mm[:pos]
        if header.lstrip(b"\xef\xbb\xbf").lower().startswith(b"sep="):
            nxt = _record_end(mm, pos, pos, term, chunk_bytes)
            header, pos = mm[:nxt], nxt  # Excel's delimiter hint precedes the real header
        while pos < len(mm):
            end = _record_end(mm, pos, min(pos + chunk_bytes, len(mm)), term, chunk_bytes)
            yield header + mm[pos:end]
            pos = end


def _is_sliceable(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(4)
    # UTF-16 text cannot be cut at b"\n"; everything else here is UTF-8 or Latin-1.
    return not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _is_json(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(4096)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def _prepare(
    book_root: Path,
    pricing: str | None,
    assumptions: Assumptions | Callable[[], Assumptions | None] | None,
) -> Prepared:
    from pricing.cache import load_cached
    from pricing.names import NameResolver

    book = load_cached(book_root)
    if pricing not in (None, "by-date"):
        book.get(pricing)  # an unknown version is bad input, named with the known ones
    chosen = assumptions() if callable(assumptions) else assumptions
    return book, NameResolver.from_book(book), dict(chosen or {})


class _Run:
    """One re-price: the prepared price data (computed once, lazily) and the options."""

    def __init__(
        self,
        prepared: Callable[[], Prepared],
        book_root: Path,
        *,
        fmt: str,
        pricing: str | None,
        chunk_above: int,
        chunk_bytes: int,
        columnar: bool,
        progress: Progress | None,
    ) -> None:
        self._make = prepared
        self.book_root = book_root
        self._prepared: Prepared | None = None
        self.fmt = fmt
        self.pricing = pricing
        self.chunk_above = chunk_above
        self.chunk_bytes = chunk_bytes
        self.columnar = columnar
        self.progress = progress

    @property
    def prepared(self) -> Prepared:
        if self._prepared is None:
            self._prepared = self._make()
        return self._prepared

    def tell(self, step: str, done: float) -> None:
        if self.progress is not None:
            self.progress(step, done)

    def totals(self, path: Path, rows_out: BinaryIO | None, header: bool) -> Totals:
        """One file's mergeable totals; its re-priced rows appended to ``rows_out``."""
        if self.columnar and rows_out is None and self.fmt in ("auto", "generic_csv"):
            got = self._columnar(path)
            if got is not None:
                return got
        from model.usage.readers import UsageFormatError
        from model.usage.readers.columnar_files import columnar_format

        try:
            with path.open("rb") as fh:
                kind = columnar_format(fh.read(8))
        except OSError as exc:  # the readers' wording for a path that cannot be read
            raise UsageFormatError(
                str(path), f"cannot open the file ({exc.strerror})", "check the path"
            ) from exc
        size = path.stat().st_size
        if kind is not None:  # Parquet and Arrow: record batches, so memory stays at one
            return self._batches(path, kind, rows_out, header)
        if size <= self.chunk_above or not _is_sliceable(path):
            return self._whole(path, rows_out, header)
        if _is_json(path):
            raise UsageFormatError(
                path.name,
                f"JSON and JSONL files are read whole, up to {self.chunk_above / 2**20:,.0f} MB; "
                f"this one is {size / 2**20:,.0f} MB",
                "split it (e.g. by month), or convert it to the generic CSV or Parquet",
            )
        return self._sliced(path, rows_out, header)

    def _columnar(self, path: Path) -> Totals | None:
        from model.usage.columnar import has_blank_line, plan_for, read_buckets

        plan = plan_for(path)
        if plan is None:
            return None
        step = f"reading {path.name}"
        self.tell(step, 0.0)

        def read(tiers: tuple[float, ...]) -> Any:
            return read_buckets(path, tiers, plan=plan, progress=lambda d: self.tell(step, d))

        early = self._prepared is None and self.cached_thresholds()
        if early:
            import duckdb  # noqa: F401 — loaded here, before the GIL-bound work below starts

            # DuckDB reads in C++ threads without the GIL while the catalogs, names and
            # scenario are validated here; the thresholds come from the cache's first line
            # and are checked against the validated book below.
            with ThreadPoolExecutor(max_workers=1) as pool:
                reading = pool.submit(read, early)
                blank = plan.text_file and has_blank_line(path)
                book, resolver, chosen = self.prepared
                # What runs after the read is loaded now, while DuckDB still reads.
                import model.engine.buckets
                import model.engine.totals  # noqa: F401

                got = reading.result()
            if got is not None and early != book.tier_thresholds():
                got = read(book.tier_thresholds())
        else:
            book, resolver, chosen = self.prepared
            blank = plan.text_file and has_blank_line(path)
            got = None if blank else read(book.tier_thresholds())
        if got is None or blank:
            return None
        from model.engine.buckets import cost_buckets
        from model.engine.totals import Totals

        buckets, notes = got
        costing = cost_buckets(
            buckets, book, pricing=self.pricing, assumptions=chosen, resolver=resolver
        )
        return Totals.from_costing(
            costing, fmt=plan.fmt, rows=buckets.n_rows, read_warnings=notes, stats=buckets.stats
        )

    def cached_thresholds(self) -> tuple[float, ...] | None:
        from pricing.cache import cached_thresholds

        return cached_thresholds(self.book_root)

    def _priced(self, read: Any, rows_out: BinaryIO | None, header: bool, label: str) -> Totals:
        from model.engine.totals import Totals
        from model.usage.export import write_repriced_csv
        from model.usage.reprice import reprice_frame

        book, resolver, chosen = self.prepared
        costing = reprice_frame(
            read.frame, book, pricing=self.pricing, assumptions=chosen, resolver=resolver
        )
        if rows_out is not None:
            write_repriced_csv(costing, rows_out, header=header)
        return Totals.from_costing(
            costing,
            fmt=read.format,
            rows=read.rows,
            # Row numbers count from the slice: say which rows of the file they are.
            read_warnings=tuple(label + w if _NAMES_ROWS.match(w) else w for w in read.warnings),
        )

    def _whole(self, path: Path, rows_out: BinaryIO | None, header: bool) -> Totals:
        from model.usage.readers import read_usage_path

        self.tell(f"reading {path.name}", 0.0)
        if self._prepared is None:
            # Validating catalogs and scenario overlaps with parsing the log, which pyarrow
            # does in C++ threads without the GIL.
            with ThreadPoolExecutor(max_workers=1) as pool:
                preparing = pool.submit(lambda: self.prepared)
                read = read_usage_path(path, self.fmt)
                preparing.result()
        else:
            read = read_usage_path(path, self.fmt)
        self.tell(f"pricing {path.name}", 0.5)
        return self._priced(read, rows_out, header, "")

    def _merge(self, parts: Iterator[tuple[Any, str]], rows_out: Any, header: bool) -> Totals:
        merged: Totals | None = None
        for read, label in parts:
            part = self._priced(read, rows_out, header and merged is None, label)
            if merged is None:
                merged = part
            else:
                merged.merge(part)
        assert merged is not None, "a non-empty file yields at least one slice"
        return merged

    def _sliced(self, path: Path, rows_out: BinaryIO | None, header: bool) -> Totals:
        from model.usage.readers import read_usage

        self.prepared  # noqa: B018 — fails on bad price data before any slice is read
        size = path.stat().st_size

        def parts() -> Iterator[tuple[Any, str]]:
            fmt, first_row, done = self.fmt, 1, 0
            for block in _slices(path, self.chunk_bytes):
                read = read_usage(block, path.name, fmt)
                fmt = read.format  # the first slice decides; later ones follow it
                yield read, f"rows {first_row:,}–{first_row + read.rows - 1:,}: "
                first_row += read.rows
                done += len(block)
                self.tell(f"reading and pricing {path.name}", min(done / size, 1.0))

        return self._merge(parts(), rows_out, header)

    def _batches(self, path: Path, kind: str, rows_out: BinaryIO | None, header: bool) -> Totals:
        from model.usage.readers.columnar_files import record_batches
        from model.usage.readers.generic_csv import read_arrow

        self.prepared  # noqa: B018 — fails on bad price data before any batch is read

        def parts() -> Iterator[tuple[Any, str]]:
            first_row = 1
            for table, done in record_batches(path, kind, BATCH_ROWS):
                read = read_arrow(table, path.name, kind)
                whole = first_row == 1 and done >= 1.0  # one batch: no row range to name
                yield read, "" if whole else f"rows {first_row:,}–{first_row + read.rows - 1:,}: "
                first_row += read.rows
                self.tell(f"reading and pricing {path.name}", done)

        return self._merge(parts(), rows_out, header)


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
    columnar: bool = True,
    progress: Progress | None = None,
) -> dict[str, object]:
    """The ``reprice --json`` object for one or several files on disk (a usage export and
    the cost export of the same period, or one log per vendor), summed as one log.

    ``assumptions`` may be a callable (e.g. reading a scenario file): it then runs in the
    background with the catalogs, while the first log is parsed. ``rows_out`` receives the
    re-priced rows CSV (every row read, unpriced ones with empty cost cells); it is written
    to a temporary file beside it and renamed only when every file was read, so a failure
    leaves no partial export. ``columnar=False`` skips the DuckDB path (tests compare the
    two); ``progress(step, share_done)`` hears about long steps.
    """
    run = _Run(
        lambda: _prepare(book_root, pricing, assumptions),
        book_root,
        fmt=fmt,
        pricing=pricing,
        chunk_above=chunk_above,
        chunk_bytes=chunk_bytes,
        columnar=columnar,
        progress=progress,
    )
    tmp = rows_out.with_name(f".{rows_out.name}.partial") if rows_out is not None else None
    sink: Any = tmp.open("wb") if tmp is not None else None
    merged: Totals | None = None
    files: list[dict[str, object]] = []
    try:
        for path in paths:
            totals = run.totals(path, sink, header=merged is None)
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
    assert merged is not None, "at least one file"
    formats = sorted({str(f["format"]) for f in files})
    merged.fmt = formats[0] if len(formats) == 1 else "several: " + ", ".join(formats)
    out = merged.to_json(run.prepared[2])
    if len(paths) > 1:
        out["files"] = files
    return out
