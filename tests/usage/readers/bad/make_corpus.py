"""Regenerate the bad-input corpus beside this script (deterministic; files are committed).

    .venv/bin/python tests/usage/readers/bad/make_corpus.py

Each file is something users really upload by mistake; ``EXPECTED`` in
``test_bad_inputs.py`` holds the message each one must produce.
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
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
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


def main() -> None:
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
