"""Re-price a usage file from disk, in chunks when it is large, so peak memory stays flat.

A 10-million-row CSV (~700 MB) would need several GB as one frame; read in ~64 MB slices
(about a million rows), each slice is parsed, priced and reduced to mergeable
:class:`model.engine.totals.Totals`. Only CSV formats are sliced: their rows are independent
(JSON documents and de-duplicated transcripts are read whole). Quoted fields spanning
lines are not expected in usage exports; a slice boundary always falls after a newline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from model.engine.adjustments import OptionAssumptions
from model.engine.totals import Totals
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


def reprice_file(
    path: Path,
    book_root: Path,
    *,
    fmt: str = "auto",
    pricing: str | None,
    assumptions: Assumptions | Callable[[], Assumptions | None] | None = None,
    chunk_above: int = CHUNK_ABOVE_BYTES,
    chunk_bytes: int = CHUNK_BYTES,
) -> dict[str, object]:
    """The ``reprice --json`` object for a file on disk.

    ``assumptions`` may be a callable (e.g. reading a scenario file): it then runs in the
    background with the catalogs, while the log is parsed.
    """

    def prepare() -> tuple[PriceBook, NameResolver, dict[str, OptionAssumptions]]:
        book = PriceBook.load(book_root)
        if pricing not in (None, "by-date"):
            book.get(pricing)  # an unknown version is bad input, named with the known ones
        chosen = assumptions() if callable(assumptions) else assumptions
        return book, NameResolver.from_book(book), dict(chosen or {})

    if path.stat().st_size <= chunk_above or not _is_sliceable(path):
        # Validating catalogs and scenario (YAML + pydantic, ~0.3 s) overlaps with parsing
        # the log, which pyarrow does in C++ threads without the GIL.
        with ThreadPoolExecutor(max_workers=1) as pool:
            preparing = pool.submit(prepare)
            read = read_usage_path(path, fmt)
            book, resolver, chosen = preparing.result()
        costing = reprice_frame(
            read.frame, book, pricing=pricing, assumptions=chosen, resolver=resolver
        )
        totals = Totals.from_costing(
            costing, fmt=read.format, rows=read.rows, read_warnings=read.warnings
        )
        return totals.to_json(chosen)

    book, resolver, chosen = prepare()  # fails before any slice is read
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
    return merged.to_json(chosen)
