"""Bad uploads (DESIGN §6): one clear line naming the file and what to do, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.usage.readers import UsageFormatError, read_usage, read_usage_path

BAD = Path(__file__).parent / "bad"

EXPECTED = {
    "empty.csv": "the file is empty",
    "blank_space.csv": "the file is empty (only blank space)",
    "binary_nul.csv": "binary file",
    "saved_page.csv": "web page (HTML/XML)",
    "workbook_renamed.csv": "ZIP archive (or an Excel .xlsx workbook)",
    "compressed_renamed.csv": "gzip-compressed",
    "old_excel.csv": "old Excel .xls",
    "invoice.csv": "PDF document",
    "unknown_object.json": "JSON is not a known usage export",
    "unknown_list.json": "JSON is not a known usage export",
    "broken.json": "not valid JSON (line 2",
    "unknown_header.csv": "lacks timestamp, model, input_tokens, output_tokens",
    "missing_output.csv": "lacks output_tokens",
    "header_only.csv": "header but no usage rows",
    "all_rows_bad.csv": "no usable rows (row 2: unreadable timestamp; row 1: negative input_tokens",
    "text_only.txt": "not a known usage export",
}


def test_corpus_is_complete():
    on_disk = {p.name for p in BAD.iterdir() if p.suffix != ".py" and p.name != "__pycache__"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gets_one_clear_line(name):
    with pytest.raises(UsageFormatError) as info:
        read_usage_path(BAD / name)
    msg = str(info.value)
    assert msg.startswith(f"{name}: ")
    assert EXPECTED[name] in msg
    assert "\n" not in msg
    assert " — " in msg  # what to do comes after the dash
    # Same through the in-memory API the upload page uses.
    with pytest.raises(UsageFormatError):
        read_usage((BAD / name).read_bytes(), name)


def test_size_limit_is_explicit():
    data = b"timestamp,model,input_tokens,output_tokens\n" + b"2026-03-01,gpt-4o,1,1\n" * 100
    with pytest.raises(UsageFormatError, match=r"big\.csv: the file is 0\.0 MB, above the 0 MB"):
        read_usage(data, "big.csv", max_bytes=1000)
    assert read_usage(data, "big.csv", max_bytes=len(data)).rows == 100


def test_unknown_format_name():
    with pytest.raises(UsageFormatError, match="unknown format 'nope'"):
        read_usage(b"a,b\n1,2\n", "x.csv", fmt="nope")


def test_missing_path():
    with pytest.raises(UsageFormatError, match="cannot open the file"):
        read_usage_path(BAD / "does-not-exist.csv")


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe",  # a UTF-16 BOM and nothing else
        b"\xef\xbb\xbf",  # a UTF-8 BOM and nothing else
        b"timestamp,model,input_tokens,output_tokens\n" + b'"unterminated,gpt-4o,1,1\n',
        b"timestamp,model,input_tokens,output_tokens\n2026-03-01,gpt-4o,1e400,1\n",
        b"timestamp,model,input_tokens,output_tokens\n9999-99-99,gpt-4o,1,1\n",
        b"[]",
        b"{}",
        b"null",
        b'"just a string"',
        b"timestamp\n2026-03-01\n",
    ],
)
def test_odd_inputs_never_crash(data):
    try:
        read_usage(data, "odd.csv")
    except UsageFormatError as exc:
        assert str(exc).startswith("odd.csv: ")
