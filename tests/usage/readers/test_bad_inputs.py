"""Bad uploads (DESIGN §6): one clear line naming the file and what to do, never a crash;
hostile files that can be read (issue 8) are read, with what was left out named."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.usage.readers import UsageFormatError, read_usage, read_usage_path
from tests.usage.readers.sanity import assert_one_short_line, assert_sane

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
    # issue 8
    "cost_overflow.csv": "no usable rows (2 rows (1, 2): overflowing reported cost",
    "tokens_json_huge.json": "row 1: overflowing input_tokens (above 1e12)",
    "duplicate_input_tokens.csv": "column 'input_tokens' twice (columns 3 and 5)",
    "only_year_9999.csv": "no usable rows (row 1: timestamp before 2000 or after 2262",
    "no_newline.csv": "not a known usage export (header columns: xxxxxxxx",
    "huge_header_name.csv": "not a known usage export (header columns: hhhhh",
    "deep_json.json": "nested deeper than any usage export",
    "sep_line_only.csv": "the file is empty (only blank space)",
    "totals_only.csv": "header but no usage rows",
}

#: Hostile files that must be read, and a warning each must carry ("" for none).
READABLE = {
    "cr_only.csv": "lines end in CR only",
    "utf16_be_no_bom.csv": "the file was UTF-16 text",
    "utf16_le_no_bom.csv": "the file was UTF-16 text",
    "cost_overflow_one_row.csv": "row 1: overflowing reported cost (beyond $1e9)",
    "tokens_inf_nan.csv": "2 rows (1, 3): overflowing input_tokens",
    "year_0001.csv": "row 2: timestamp before 2000 or after 2262-04-10",
    "year_9999.csv": "row 2: timestamp before 2000 or after 2262-04-10",
    "after_2262.csv": "row 2: timestamp before 2000 or after 2262-04-10",
    "day_month_mixed.csv": "day first, as '13/04/2026' shows",
    "day_month_contradiction.csv": "row 3: timestamp written month/day ('04/15/2026')",
    "epoch_milliseconds.csv": "",
    "many_columns.csv": "and 4992 more",
    "unterminated_quote.csv": "1 line with the wrong number of fields",
    "formula_models.csv": "",
    "markdown_model.csv": "",
    "markdown_header.csv": "ignored columns not used for pricing: **bold**",
}


def test_corpus_is_complete():
    on_disk = {p.name for p in BAD.iterdir() if p.suffix != ".py" and p.name != "__pycache__"}
    assert on_disk == set(EXPECTED) | set(READABLE)
    assert not set(EXPECTED) & set(READABLE)


@pytest.mark.parametrize("name", sorted(READABLE))
def test_hostile_readable_file_is_read_and_says_what_it_left_out(name):
    read = read_usage_path(BAD / name)
    assert_sane(read)
    if READABLE[name]:
        assert any(READABLE[name] in w for w in read.warnings), read.warnings


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gets_one_clear_line(name):
    with pytest.raises(UsageFormatError) as info:
        read_usage_path(BAD / name)
    msg = str(info.value)
    assert_one_short_line(info.value, name)
    assert EXPECTED[name] in msg
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
        # reads that succeed (with rows left out): the properties below must hold
        b"timestamp,model,input_tokens,output_tokens\n2026-03-01,gpt-4o,-0,1\n2026-03-01,x,5,1\n",
        b"timestamp,model,input_tokens,output_tokens\n2026-03-01,gpt-4o,1e12,1\n"
        b"2026-03-01,gpt-4o,1e13,1\n2026-03-01,gpt-4o,NaN,1\n",
        b"timestamp,model,input_tokens,output_tokens,reported_cost_usd\n"
        b"2026-03-01,gpt-4o,1,1,1e308\n2026-03-01,gpt-4o,1,1,-1e308\n2026-03-01,gpt-4o,1,1,0.5\n",
        b"\xef\xbb\xbftimestamp;model;input_tokens;output_tokens\r\n2026-03-01;gpt-4o;1,5;2\r\n",
        b"timestamp,model,input_tokens,output_tokens\r2026-03-01,gpt-4o,1,1\r0001-01-01,gpt-4o,1,1\r",
        b"timestamp,model,input_tokens,output_tokens\n2026-03-01,gpt-4o,1,1\n,,,\nTotal,,1,1\n",
        b'[{"timestamp": "2026-03-01T00:00:00Z", "requestId": "r", "message": {"id": "m", '
        b'"model": "claude-sonnet-4-5", "usage": {"input_tokens": 1, "output_tokens": 1}}}]',
    ],
)
def test_odd_inputs_never_crash(data):
    try:
        read = read_usage(data, "odd.csv")
    except UsageFormatError as exc:
        assert_one_short_line(exc, "odd.csv")
    else:
        # A read that succeeds must be a sane one: finite, in-range values and every
        # record either kept or counted as left out.
        assert_sane(read)
