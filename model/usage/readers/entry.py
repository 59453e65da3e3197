"""The readers' entry points (exported by the package): detect the format, read, and turn
any unexpected failure into one :class:`UsageFormatError` line."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from model.usage.readers.base import UsageRead
from model.usage.readers.columnar_files import ARROW, PARQUET, columnar_format
from model.usage.readers.columnar_files import read_columnar as _read_columnar_checked
from model.usage.readers.detect import choose, probe
from model.usage.readers.errors import UsageFormatError, clip
from model.usage.readers.registry import FORMATS
from model.usage.readers.sniff import check_size, decode_text, strip_excel_sep

DEFAULT_MAX_BYTES = 1_000_000_000
#: Binary formats of the generic columns, recognised by their magic bytes.
COLUMNAR = (PARQUET, ARROW)
# pyarrow's errors subclass these (ArrowInvalid is a ValueError, ArrowKeyError a KeyError…);
# RecursionError comes from absurdly nested JSON.
_UNEXPECTED = (
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    OverflowError,
    NotImplementedError,
    RecursionError,
    pa.ArrowException,
)


def read_usage(
    data: bytes, filename: str, fmt: str = "auto", *, max_bytes: int = DEFAULT_MAX_BYTES
) -> UsageRead:
    """Read a usage export held in memory (uploads are parsed in memory, DESIGN §6)."""
    check_size(len(data), filename, max_bytes)
    if fmt != "auto" and fmt not in FORMATS and fmt not in COLUMNAR:
        raise UsageFormatError(
            filename,
            f"unknown format {clip(fmt, 40)!r}",
            f"use auto or one of {', '.join(FORMATS)}",
        )
    columnar = columnar_format(bytes(data[:8]))
    if columnar is not None:
        if fmt not in ("auto", "generic_csv", columnar):
            raise UsageFormatError(
                filename,
                f"this is a {columnar} file; {clip(fmt, 40)} exports are text",
                "use --format auto: Parquet and Arrow files hold the generic columns",
            )
        return _read_columnar(data, filename, columnar)
    text, notes = decode_text(bytes(data), filename)
    text, sep = strip_excel_sep(text)
    name = fmt
    try:
        p = probe(text, filename, sep)
        reader = FORMATS[fmt] if fmt != "auto" else choose(p, FORMATS, filename)
        name = reader.name
        result = reader.read(text, filename, p)
    except UsageFormatError:
        raise
    except _UNEXPECTED as exc:
        # A reader bug or an input shape nobody anticipated must still come out as one
        # clear line (the app keeps working), never as a traceback.
        other = "" if name == "generic_csv" else ", or try the generic CSV"
        raise UsageFormatError(
            filename,
            f"could not be read as {name} ({type(exc).__name__}: {clip(exc)})",
            f"check that the file is an unmodified export{other}",
        ) from exc
    if notes:
        result = UsageRead(
            frame=result.frame,
            format=result.format,
            rows=result.rows,
            warnings=(*notes, *result.warnings),
            dropped_rows=result.dropped_rows,
            timezone_assumed=result.timezone_assumed,
        )
    return result


def _read_columnar(data: bytes, filename: str, fmt: str) -> UsageRead:
    try:
        return _read_columnar_checked(data, filename, fmt)
    except UsageFormatError:
        raise
    except _UNEXPECTED as exc:  # a column of a type no usage value has (a struct, a list)
        raise UsageFormatError(
            filename,
            f"could not be read as {fmt} ({type(exc).__name__}: {clip(exc)})",
            "write the generic columns with plain types (timestamp, text, numbers, booleans)",
        ) from exc


def read_usage_path(
    path: Path, fmt: str = "auto", *, max_bytes: int = DEFAULT_MAX_BYTES
) -> UsageRead:
    """Read a usage export from disk (the CLI). The name in messages is the file's name."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UsageFormatError(
            str(path), f"cannot open the file ({exc.strerror})", "check the path"
        ) from exc
    check_size(size, path.name, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageFormatError(
            str(path), f"cannot read the file ({exc.strerror})", "check the path"
        ) from exc
    return read_usage(data, path.name, fmt, max_bytes=max_bytes)
