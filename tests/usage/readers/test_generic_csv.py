"""Generic canonical CSV (DESIGN §3): required/optional columns, defaults, bad rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.engine import columns as c
from model.usage.readers import FORMATS, UsageFormatError, read_usage


def read(text: str, name: str = "usage.csv", **kw):
    return read_usage(text.encode(), name, **kw)


def test_minimal_file_gets_defaults_and_exact_dtypes():
    r = read("timestamp,model,input_tokens,output_tokens\n2026-03-01 10:00:00,gpt-4o,100,20\n")
    assert r.format == "generic_csv"
    assert tuple(r.frame.columns) == c.CANONICAL
    assert {k: str(v) for k, v in r.frame.dtypes.items()} == dict(c.DTYPES)
    row = r.frame.iloc[0]
    assert row[c.TIMESTAMP] == pd.Timestamp("2026-03-01 10:00:00", tz="UTC")  # naive = UTC
    assert (row[c.INPUT], row[c.OUTPUT]) == (100, 20)
    assert row[c.CACHE_READ] == row[c.CACHE_WRITE_5M] == row[c.CACHE_WRITE_1H] == 0
    assert row[c.REASONING] == 0 and row[c.REQUESTS] == 1
    assert not row[c.BATCH] and not row[c.FREE]
    assert pd.isna(row[c.LONG_CONTEXT]) and pd.isna(row[c.REPORTED_COST])
    assert pd.isna(row[c.PROVIDER])
    assert row[c.MODEL] == row[c.MODEL_RAW] == "gpt-4o"
    assert (r.rows, r.dropped_rows, r.warnings, r.timezone_assumed) == (1, 0, (), "UTC")


def test_all_columns_offsets_and_spreadsheet_values():
    text = (
        "Timestamp, Model ,Provider,input_tokens,cache_read_tokens,cache_write_5m_tokens,"
        "cache_write_1h_tokens,output_tokens,reasoning_tokens,requests,batch,long_context,free,"
        "reported_cost_usd\n"
        "2026-03-01T12:00:00+02:00, claude-sonnet-4-5 ,Anthropic,"
        '"1,234",10.0,5,7,20,3,1,TRUE,no,0,$0.5\n'
        "2026-03-01T10:00:00Z,gemini-2.5-pro,google,300000,0,0,0,10,0,4,yes,1,false,\n"
    )
    r = read(text)
    f = r.frame
    assert list(f[c.TIMESTAMP]) == [pd.Timestamp("2026-03-01 10:00", tz="UTC")] * 2
    assert list(f[c.MODEL]) == ["claude-sonnet-4-5", "gemini-2.5-pro"]
    assert list(f[c.MODEL_RAW]) == [" claude-sonnet-4-5 ", "gemini-2.5-pro"]
    assert list(f[c.PROVIDER]) == ["anthropic", "google"]
    assert list(f[c.INPUT]) == [1234, 300000]
    assert list(f[c.CACHE_READ]) == [10, 0]
    assert list(f[c.CACHE_WRITE_5M]) == [5, 0] and list(f[c.CACHE_WRITE_1H]) == [7, 0]
    assert list(f[c.REQUESTS]) == [1, 4]
    assert list(f[c.BATCH]) == [True, True]
    assert list(f[c.LONG_CONTEXT]) == [False, True]
    assert list(f[c.FREE]) == [False, False]
    assert f[c.REPORTED_COST].iloc[0] == 0.5 and np.isnan(f[c.REPORTED_COST].iloc[1])


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("-5", "negative input_tokens"),
        ("abc", "non-numeric input_tokens"),
        ("NaN", "NaN input_tokens"),
        ("2e12", "overflowing input_tokens"),
        ("inf", "overflowing input_tokens"),
        ("", "missing input_tokens"),
    ],
)
def test_impossible_token_values_drop_the_row_and_name_it(cell, reason):
    text = (
        "timestamp,model,input_tokens,output_tokens\n"
        "2026-03-01,gpt-4o,1,1\n"
        f"2026-03-02,gpt-4o,{cell},1\n"
        "2026-03-03,gpt-4o,3,1\n"
    )
    r = read(text)
    assert r.rows == 3 and r.dropped_rows == 1 and len(r.frame) == 2
    assert list(r.frame[c.INPUT]) == [1, 3]
    assert any(w.startswith(f"row 2: {reason}") and "left out" in w for w in r.warnings), r.warnings


def test_unreadable_timestamp_missing_model_and_bad_bool():
    text = (
        "timestamp,model,input_tokens,output_tokens,batch\n"
        "yesterday,gpt-4o,1,1,false\n"
        "2026-03-02,,2,1,false\n"
        "2026-03-03,gpt-4o,3,1,maybe\n"
        "2026-03-04,gpt-4o,4,1,\n"
    )
    r = read(text)
    assert list(r.frame[c.INPUT]) == [4] and r.dropped_rows == 3 and r.rows == 4
    joined = " | ".join(r.warnings)
    assert "row 1: unreadable timestamp" in joined
    assert "row 2: missing model" in joined
    assert "row 3: unreadable batch" in joined


def test_many_bad_rows_are_summarized():
    lines = ["timestamp,model,input_tokens,output_tokens"]
    lines += [f"2026-03-01,gpt-4o,{-1 if i % 2 else 1},1" for i in range(1, 21)]
    r = read("\n".join(lines) + "\n")
    assert r.dropped_rows == 10
    assert "10 rows (1, 3, 5, 7, 9 and 5 more): negative input_tokens" in r.warnings[0]


def test_unknown_columns_blank_and_total_lines_are_named():
    text = (
        "timestamp,model,input_tokens,output_tokens,team,prompt\n"
        "2026-03-01,gpt-4o,1,1,core,hello\n"
        "\n"
        ",,,,,\n"
        "2026-03-02,gpt-4o,2,1,core,hi\n"
        "Total,,3,2,,\n"
    )
    r = read(text)
    assert r.rows == 2 and r.dropped_rows == 0 and list(r.frame[c.INPUT]) == [1, 2]
    joined = " | ".join(r.warnings)
    assert "ignored columns not used for pricing: team, prompt" in joined
    assert "2 empty lines skipped" in joined
    assert "1 total/summary line skipped" in joined


def test_ttl_less_cache_write_column_is_5m_with_warning():
    r = read(
        "timestamp,model,input_tokens,output_tokens,cache_write_tokens\n2026-03-01,claude-sonnet-4-5,1,1,40\n"
    )
    assert r.frame[c.CACHE_WRITE_5M].iloc[0] == 40
    assert "1 row: cache-write TTL unknown (cache_write_tokens), priced as 5 minutes" in r.warnings


def test_semicolon_bom_latin1_and_crlf():
    text = "\ufefftimestamp;model;input_tokens;output_tokens\r\n2026-03-01;gpt-4o;7;8\r\n"
    r = read_usage(text.encode("utf-8"), "x.csv")
    assert list(r.frame[c.INPUT]) == [7]
    latin = "timestamp,model,input_tokens,output_tokens,note\n2026-03-01,gpt-4o,7,8,caf\xe9\n"
    r = read_usage(latin.encode("cp1252"), "x.csv")
    assert list(r.frame[c.OUTPUT]) == [8]
    assert any("Windows-1252" in w for w in r.warnings)
    r = read_usage(text.encode("utf-16"), "x.csv")
    assert list(r.frame[c.INPUT]) == [7]


def test_ragged_rows_are_left_out_and_counted():
    text = (
        "timestamp,model,input_tokens,output_tokens\n2026-03-01,gpt-4o,1,1\n2026-03-02,gpt-4o,2\n"
    )
    r = read(text)
    assert r.rows == 2 and r.dropped_rows == 1 and len(r.frame) == 1
    assert any("wrong number of fields" in w for w in r.warnings)


def test_epoch_and_mixed_timestamps():
    text = (
        "timestamp,model,input_tokens,output_tokens\n"
        "1772359200,gpt-4o,1,1\n"
        "2026-03-01T10:00:00Z,gpt-4o,1,1\n"
        "2026-03-01 10:00:00,gpt-4o,1,1\n"
    )
    r = read(text)
    assert set(r.frame[c.TIMESTAMP]) == {pd.Timestamp("2026-03-01 10:00", tz="UTC")}


def test_missing_required_column_is_refused_with_names():
    with pytest.raises(UsageFormatError, match=r"usage\.csv: .*lacks input_tokens, output_tokens"):
        read("timestamp,model,tokens\n2026-03-01,gpt-4o,5\n")
    with pytest.raises(UsageFormatError, match="missing required column"):
        read("timestamp,model,tokens\n2026-03-01,gpt-4o,5\n", fmt="generic_csv")


def test_nothing_usable_is_refused():
    with pytest.raises(UsageFormatError, match=r"no usable rows \(row 1: negative input_tokens"):
        read("timestamp,model,input_tokens,output_tokens\n2026-03-01,gpt-4o,-1,1\n")
    with pytest.raises(UsageFormatError, match="header but no usage rows"):
        read("timestamp,model,input_tokens,output_tokens\n")


def test_registered():
    assert "generic_csv" in FORMATS
    assert list(FORMATS)[-1] == "generic_csv"  # generic is the fallback fingerprint


def test_excel_sep_line_names_the_delimiter():
    text = "sep=;\r\ntimestamp;model;input_tokens;output_tokens\r\n2026-03-01;gpt-4o;10,0;2\r\n"
    r = read(text)
    # "10,0" is a decimal comma (a thousands group has three digits), as Excel writes it.
    assert list(r.frame[c.INPUT]) == [10]


def test_excel_sep_line_with_bom():
    text = "\ufeffsep=,\ntimestamp,model,input_tokens,output_tokens\n2026-03-01,gpt-4o,3,2\n"
    r = read(text)
    assert list(r.frame[c.INPUT]) == [3]
