"""Refuse what is not a usage export before parsing, and decode text to UTF-8 once.

Bad uploads (DESIGN §6) get one line naming the file and what to do: empty, over the
size limit, a spreadsheet/archive renamed .csv (magic bytes), binary (NUL bytes), an
HTML page saved instead of the export. Text in UTF-16 (with or without a byte-order mark)
or Latin-1 is re-encoded to UTF-8, and old-Mac line endings (CR only) become LF, so every
reader downstream sees one encoding and one line ending.
"""

from __future__ import annotations

import codecs
import re

from model.usage.readers.errors import UsageFormatError

_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (
        b"PK\x03\x04",
        "a ZIP archive (or an Excel .xlsx workbook)",
        "unzip it, or in Excel use File › Save As › CSV UTF-8",
    ),
    (b"PK\x05\x06", "an empty ZIP archive", "export the usage file again"),
    (b"\x1f\x8b", "a gzip-compressed file", "decompress it (gunzip) and upload the CSV inside"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook", "in Excel use File › Save As › CSV UTF-8"),
    (b"%PDF", "a PDF document", "upload the CSV/JSON export, not an invoice PDF"),
    (b"BZh", "a bzip2-compressed file", "decompress it and upload the CSV inside"),
    (b"\xfd7zXZ", "an xz-compressed file", "decompress it and upload the CSV inside"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "extract it and upload the CSV inside"),
    (b"\x89PNG", "a PNG image", "upload the usage export (CSV or JSON), not a screenshot"),
    (b"\xff\xd8\xff", "a JPEG image", "upload the usage export (CSV or JSON), not a screenshot"),
    (b"PAR1", "a Parquet file", "export CSV instead"),
    (b"SQLite format 3", "an SQLite database", "export the table to CSV first"),
)


def check_size(size: int, filename: str, max_bytes: int) -> None:
    if size == 0:
        raise UsageFormatError(
            filename, "the file is empty", "export the usage again and upload that file"
        )
    if size > max_bytes:
        raise UsageFormatError(
            filename,
            f"the file is {size / 1e6:,.1f} MB, above the {max_bytes / 1e6:,.0f} MB limit",
            "split it by month or export a shorter period",
        )


def to_utf8(data: bytes, filename: str) -> tuple[bytes, str | None]:
    """UTF-8 bytes of a text file, plus a note when it was re-encoded.

    Raises for files that are not text at all. UTF-8 input is returned as is (no copy),
    BOM included (pyarrow and the JSON path strip it).
    """
    for magic, what, fix in _MAGIC:
        if data.startswith(magic):
            raise UsageFormatError(filename, f"this is {what}, not a usage CSV/JSON", fix)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _reencode(data, "utf-16", filename), "the file was UTF-16 text; read as such"
    head = data[:4096]
    # Without a byte-order mark, ASCII text in UTF-16 has a NUL in every other byte: which
    # half tells the byte order (checked before the NUL test that refuses binary files).
    for encoding, zeros, text in (("utf-16-le", 1, 0), ("utf-16-be", 0, 1)):
        if _looks_utf16(head, zeros, text):
            return _reencode(data, encoding, filename), "the file was UTF-16 text; read as such"
    if b"\x00" in head or b"\x00" in data[-4096:]:
        raise UsageFormatError(
            filename,
            "this is a binary file, not a usage CSV/JSON",
            "upload the CSV or JSON export itself",
        )
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml", b"<body", b"<table")):
        raise UsageFormatError(
            filename,
            "this is a web page (HTML/XML), not the export",
            "use the dashboard's Export/Download button instead of saving the page",
        )
    try:
        if not data.isascii():  # isascii is a fast scan without allocating a str
            data.decode("utf-8")
    except UnicodeDecodeError:
        # Spreadsheets on Windows save "CSV" as cp1252; every byte decodes, so this cannot fail.
        return data.decode("cp1252", errors="replace").encode("utf-8"), (
            "the file was not UTF-8; read as Windows-1252/Latin-1"
        )
    return data, None


def _looks_utf16(head: bytes, zeros: int, text: int) -> bool:
    """BOM-less UTF-16 ASCII text: the bytes at offset ``zeros`` (mod 2) are nearly all NUL,
    those at ``text`` nearly none (LE: odd bytes NUL; BE: even bytes NUL)."""
    if len(head) < 8:
        return False
    nul, chars = head[zeros::2], head[text::2]
    return nul.count(0) > 0.9 * len(nul) and chars.count(0) < 0.1 * len(chars)


def cr_only_to_lf(data: bytes) -> tuple[bytes, str | None]:
    """Old-Mac text (lines ended by CR alone) with LF line ends, plus a note when changed.

    A file with no LF at all but with CRs has CR-only line ends; Python's ``csv`` module
    and the line-based JSONL path need LF. Files with any LF are returned unchanged.
    """
    if b"\r" not in data[:65536] or b"\n" in data:
        return data, None
    return data.replace(b"\r", b"\n"), "the file's lines end in CR only (old Mac); read as such"


def decode_text(data: bytes, filename: str) -> tuple[bytes, tuple[str, ...]]:
    """UTF-8 bytes with LF line ends (see :func:`to_utf8` and :func:`cr_only_to_lf`), plus
    the notes the user is told about what was converted."""
    text, note = to_utf8(data, filename)
    text, cr_note = cr_only_to_lf(text)
    return text, tuple(n for n in (note, cr_note) if n)


def _reencode(data: bytes, encoding: str, filename: str) -> bytes:
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageFormatError(
            filename, f"not readable as {encoding.upper()} text", "export it again as CSV UTF-8"
        ) from exc


_EXCEL_SEP = re.compile(rb'^(?:\xef\xbb\xbf)?"?sep=(.)"?\r?\n')


def strip_excel_sep(data: bytes) -> tuple[bytes, str | None]:
    """Excel's ``sep=;`` first line names the delimiter; it is not the header."""
    m = _EXCEL_SEP.match(data[:32])
    if not m:
        return data, None
    return data[m.end() :], m.group(1).decode("latin-1")
