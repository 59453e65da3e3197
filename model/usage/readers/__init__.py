"""Usage-export readers: bytes + file name → canonical usage frame (DESIGN §3, §6).

    read_usage(data, filename, fmt="auto") -> UsageRead
    read_usage_path(path, fmt="auto") -> UsageRead

Every failure a user can cause raises :class:`UsageFormatError` with a one-line message
naming the file and what to do; nothing else escapes for bad input.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from model.usage.readers.base import Probe, Reader, UsageRead
from model.usage.readers.detect import choose, probe
from model.usage.readers.errors import UsageFormatError, clip
from model.usage.readers.registry import FORMATS
from model.usage.readers.sniff import check_size, decode_text, strip_excel_sep

__all__ = [
    "FORMATS",
    "Probe",
    "Reader",
    "UsageFormatError",
    "UsageRead",
    "read_usage",
    "read_usage_path",
]

DEFAULT_MAX_BYTES = 1_000_000_000
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
    if fmt != "auto" and fmt not in FORMATS:
        raise UsageFormatError(
            filename,
            f"unknown format {clip(fmt, 40)!r}",
            f"use auto or one of {', '.join(FORMATS)}",
        )
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
