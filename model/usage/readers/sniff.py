"""Refuse what is not a usage export before parsing, and decode text to UTF-8 once.

Bad uploads (DESIGN §6) get one line naming the file and what to do: empty, over the
size limit, a spreadsheet/archive renamed .csv (magic bytes), binary (NUL bytes), an
HTML page saved instead of the export. Text in UTF-16 or Latin-1 is re-encoded to
UTF-8 so every reader downstream sees one encoding.
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
    if _looks_utf16_le(head):
        return _reencode(data, "utf-16-le", filename), "the file was UTF-16 text; read as such"
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


def _looks_utf16_le(head: bytes) -> bool:
    # BOM-less UTF-16LE ASCII text: every other byte is NUL.
    if len(head) < 8:
        return False
    odd = head[1::2]
    return odd.count(0) > 0.9 * len(odd) and head[0::2].count(0) < 0.1 * len(odd)


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
