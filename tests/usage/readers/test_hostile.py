"""Hostile inputs of issue 8 (items 7–10): each is read correctly, or refused (or its row
left out) with one short line naming the file and the row or column — never a traceback."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pyarrow as pa
import pytest

from model.engine import columns as c
from model.usage.readers import FORMATS, UsageFormatError, read_usage, tabular
from model.usage.readers import generic_csv as generic_module
from model.usage.readers.errors import MAX_QUOTE, clip
from model.usage.readers.mapping import file_columns, guess_mapping, read_mapped
from tests.usage.readers.sanity import assert_one_short_line, assert_sane, utc

HEADER = "timestamp,model,input_tokens,output_tokens"


def read(text: str, name: str = "usage.csv"):
    r = read_usage(text.encode(), name)
    assert_sane(r)
    return r


# --- item 7: CR-only line endings ------------------------------------------------------------


def test_cr_only_line_ends_are_read():
    data = f"{HEADER}\r2026-10-01T10:00:00Z,gpt-4o,1000,50\r2026-10-02T10:00:00Z,gpt-4o,7,8\r"
    r = read(data)
    assert list(r.frame[c.INPUT]) == [1000, 7] and list(r.frame[c.OUTPUT]) == [50, 8]
    assert r.frame[c.TIMESTAMP].iloc[1] == utc("2026-10-02 10:00")
    assert any("CR only" in w for w in r.warnings)


def test_cr_only_through_the_column_mapping_step():
    data = b"when,engine,prompt,completion\r2026-10-01,gpt-4o,1000,50\r"
    columns = file_columns(data, "m.csv")
    assert columns == ["when", "engine", "prompt", "completion"]
    r = read_mapped(data, "m.csv", guess_mapping(columns))
    assert list(r.frame[c.INPUT]) == [1000]


def test_stray_cr_inside_a_header_is_no_traceback():
    data = b"time\rstamp,model,input_tokens,output_tokens\n2026-10-01,gpt-4o,1,1\n"
    try:
        assert_sane(read_usage(data, "odd.csv"))
    except UsageFormatError as exc:
        assert_one_short_line(exc, "odd.csv")


# --- encodings without a byte-order mark -----------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_is_recognized(encoding):
    text = f"{HEADER}\n2026-10-01T10:00:00Z,gpt-4o,1000,50\n2026-10-01T11:00:00Z,gpt-4o,3,4\n"
    r = read_usage(text.encode(encoding), "u16.csv")
    assert_sane(r)
    assert list(r.frame[c.INPUT]) == [1000, 3]
    assert "the file was UTF-16 text; read as such" in r.warnings


# --- item 9: silently wrong ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "cols"),
    [
        (f"{HEADER},input_tokens", "columns 3 and 5"),
        ("timestamp,model,Input Tokens,output_tokens,input_tokens", "columns 3 and 5"),
    ],
)
def test_a_used_column_named_twice_is_refused_by_name(header, cols):
    with pytest.raises(UsageFormatError) as info:
        read_usage(f"{header}\n2026-10-01,gpt-4o,1000,50,7\n".encode(), "dup.csv")
    assert_one_short_line(info.value, "dup.csv")
    assert "input" in str(info.value).lower() and "twice" in str(info.value)
    assert cols in str(info.value)


def test_an_unused_column_named_twice_is_fine():
    r = read(f"{HEADER},note,note\n2026-10-01,gpt-4o,1000,50,a,b\n")
    assert list(r.frame[c.INPUT]) == [1000]


@pytest.mark.parametrize(
    "stamp", ["0001-01-01T10:00:00Z", "9999-06-01T10:00:00Z", "2263-01-01", "1999-12-31"]
)
def test_a_timestamp_out_of_range_leaves_its_row_out_named(stamp):
    r = read(
        f"{HEADER}\n2026-10-01T10:00:00Z,gpt-4o,1,1\n{stamp},gpt-4o,2,2\n"
        "2026-10-02T10:00:00Z,gpt-4o,3,3\n"
    )
    assert list(r.frame[c.INPUT]) == [1, 3]
    assert r.dropped_rows == 1
    assert any(w.startswith("row 2: timestamp before 2000 or after 2262") for w in r.warnings)


def test_out_of_range_epochs_are_named_not_overflowing():
    # 9999999999999 ms is 2286-11-20; 99999999999 s is the year 5138.
    r = read(f"{HEADER}\n1727776800,gpt-4o,1,1\n9999999999999,gpt-4o,2,2\n99999999999,gpt-4o,3,3\n")
    assert list(r.frame[c.INPUT]) == [1]
    assert any(w.startswith("2 rows (2, 3): timestamp before 2000") for w in r.warnings)


def test_json_epoch_beyond_range_is_named():
    res = {"object": "organization.usage.completions.result", "output_tokens": 1, "model": "gpt-4o"}
    page = {
        "object": "page",
        "data": [
            {"start_time": t, "end_time": t + 86400, "results": [dict(res, input_tokens=k)]}
            for k, t in ((10, 1730419200), (20, 1e20))
        ],
    }
    r = read_usage(json.dumps(page).encode(), "page.json")
    assert_sane(r)
    assert list(r.frame[c.INPUT]) == [10]
    assert r.frame[c.TIMESTAMP].iloc[0] == utc("2024-11-01")  # 1730419200 s
    assert any("row 2: timestamp before 2000" in w for w in r.warnings)


def test_millisecond_epochs_are_not_read_as_seconds():
    # 1727776800 s = 2024-10-01T10:00:00Z; the same instant in ms has 13 digits.
    r = read(
        f"{HEADER}\n1727776800000,gpt-4o,1,1\n1727776800123,gpt-4o,1,1\n1727776800,gpt-4o,1,1\n"
    )
    assert list(r.frame[c.TIMESTAMP]) == [
        utc("2024-10-01 10:00:00"),
        utc("2024-10-01 10:00:00.123"),
        utc("2024-10-01 10:00:00"),
    ]


def test_day_first_values_decide_the_whole_column():
    r = read(f"{HEADER}\n03/04/2026,gpt-4o,1,1\n13/04/2026,gpt-4o,2,2\n")
    assert list(r.frame[c.TIMESTAMP]) == [utc("2026-04-03"), utc("2026-04-13")]
    (note,) = [w for w in r.warnings if "day first" in w]
    assert "'13/04/2026'" in note and "03/04/2026 = 3 April" in note


def test_month_first_values_decide_the_whole_column():
    r = read(f"{HEADER}\n03/04/2026 10:30,gpt-4o,1,1\n04/13/2026 08:00,gpt-4o,2,2\n")
    assert list(r.frame[c.TIMESTAMP]) == [utc("2026-03-04 10:30"), utc("2026-04-13 08:00")]
    assert any("month first, as '04/13/2026 08:00' shows" in w for w in r.warnings)


def test_ambiguous_dates_are_read_month_first_and_say_it_is_a_guess():
    r = read(f"{HEADER}\n03/04/2026,gpt-4o,1,1\n05/06/26,gpt-4o,1,1\n")
    assert list(r.frame[c.TIMESTAMP]) == [utc("2026-03-04"), utc("2026-05-06")]
    assert any("none above 12" in w and "check the period" in w for w in r.warnings)


def test_a_date_contradicting_the_column_order_is_named():
    r = read(f"{HEADER}\n13/04/2026,gpt-4o,1,1\n14/04/2026,gpt-4o,2,2\n04/15/2026,gpt-4o,3,3\n")
    assert list(r.frame[c.INPUT]) == [1, 2]
    (bad,) = [w for w in r.warnings if w.startswith("row 3:")]
    assert "month/day ('04/15/2026')" in bad and "day/month order" in bad
    assert not any("unreadable" in w for w in r.warnings)


def test_generic_csv_errors_do_not_suggest_the_generic_csv(monkeypatch):
    def boom(*_args):
        raise ValueError("reader bug")

    broken = dataclasses.replace(generic_module.READER, read=boom)
    monkeypatch.setitem(FORMATS, "generic_csv", broken)
    with pytest.raises(UsageFormatError) as info:
        read_usage(f"{HEADER}\n2026-10-01,gpt-4o,1,1\n".encode(), "g.csv")
    assert "could not be read as generic_csv (ValueError: reader bug)" in str(info.value)
    assert "generic CSV" not in str(info.value)
    # Another format forced on the same file still points at the generic CSV.
    monkeypatch.setitem(FORMATS, "litellm_spend_logs_csv", dataclasses.replace(broken, name="x"))
    with pytest.raises(UsageFormatError, match="or try the generic CSV"):
        read_usage(f"{HEADER}\n2026-10-01,gpt-4o,1,1\n".encode(), "g.csv", "litellm_spend_logs_csv")


# --- item 10: limits and long lines ---------------------------------------------------------


def test_a_multi_megabyte_prompt_cell_is_read():
    big = "x" * 8_000_000
    r = read(f'{HEADER},prompt\n2026-10-01,gpt-4o,1,1,"{big}"\n2026-10-02,gpt-4o,2,2,"hi"\n')
    assert list(r.frame[c.INPUT]) == [1, 2]


def test_a_long_cell_stays_on_the_fast_path():
    # Bigger parse blocks, not the slow csv-module fallback, and the prompt is never loaded.
    data = f'{HEADER},prompt\n2026-10-01,gpt-4o,1,1,"{"x" * 3_000_000}"\n'.encode()
    t = tabular.read_table(data, "big.csv", ",", {c.INPUT: pa.float64()})
    assert not t.slow_path and t.table.column_names == [c.INPUT]
    assert t.table.column(c.INPUT).to_pylist() == [1.0]


def test_the_slow_path_reads_cells_above_the_csv_field_limit():
    # The csv module refuses fields above 131072 characters by default; pyarrow rejects
    # almost nothing, so the fallback is exercised directly.
    big = "y" * 300_000
    data = f'{HEADER},prompt\n2026-10-01,gpt-4o,1,1,"{big}"\n'.encode()
    t = tabular._slow_table(data, "slow.csv", ",", {"input_tokens": c.INPUT}, [])
    assert t.slow_path and t.table.column(c.INPUT).to_pylist() == ["1"]


def test_a_stray_cr_in_a_header_line_is_a_line_break_not_a_traceback():
    # As pyarrow reads it, a lone CR ends the header line: "when" is the whole header.
    with pytest.raises(UsageFormatError, match="fewer than two columns") as info:
        file_columns(b"when\rx,engine,prompt,completion\n2026-10-01,gpt-4o,1,1\n", "m.csv")
    assert_one_short_line(info.value, "m.csv")


@pytest.mark.parametrize(
    "data",
    [
        b"x" * 3_000_000,  # no newline at all
        (",".join(f"col{i}" + "z" * 5000 for i in range(40)) + "\n1,2\n").encode(),
        ("timestamp,model,input_tokens\n" + "q" * 200_000 + "\n").encode(),
    ],
    ids=["no-newline", "huge-header-names", "huge-line"],
)
def test_messages_about_huge_lines_stay_short(data):
    with pytest.raises(UsageFormatError) as info:
        read_usage(data, "long.csv")
    assert_one_short_line(info.value, "long.csv")


def test_ragged_line_and_unknown_column_text_is_clipped_in_warnings():
    name = "n" * 500
    r = read(f"{HEADER},{name}\n2026-10-01,gpt-4o,1,1,a\n2026-10-01,gpt-4o,{'w' * 900}\n")
    assert all(len(w) < 400 for w in r.warnings), [len(w) for w in r.warnings]


def test_a_refusal_is_short_whatever_the_problem_text():
    exc = UsageFormatError("u.csv", "bad header " + "h" * 10_000, "fix " * 1000)
    assert_one_short_line(exc, "u.csv")


def test_clip_folds_lines_and_cuts():
    assert clip("a\n b\r\n\tc") == "a b c"
    long = clip("x" * 1000)
    assert len(long) == MAX_QUOTE and long.endswith("…")
    with pytest.raises(UsageFormatError) as info:
        read_usage(b"a,b\n1,2\n", "f" * 1000 + ".csv", fmt="n" * 1000)
    assert_one_short_line(info.value, clip("f" * 1000 + ".csv"))


# --- item 8: numbers that would overflow -------------------------------------------------------


def test_reported_costs_that_would_overflow_leave_their_rows_out():
    r = read(
        "timestamp,model,input_tokens,output_tokens,reported_cost_usd\n"
        "2026-10-01,gpt-4o,1000,50,1e308\n2026-10-01,gpt-4o,1000,50,0.25\n"
        "2026-10-01,gpt-4o,1000,50,inf\n2026-10-01,gpt-4o,1000,50,-2e9\n"
    )
    assert list(r.frame[c.REPORTED_COST]) == [0.25]
    assert any(w.startswith("3 rows (1, 3, 4): overflowing reported cost") for w in r.warnings)
    assert np.isfinite(r.frame[c.REPORTED_COST].sum())


def test_only_overflowing_costs_refuse_the_file_naming_rows():
    with pytest.raises(UsageFormatError) as info:
        read_usage(
            b"timestamp,model,input_tokens,output_tokens,reported_cost_usd\n"
            b"2026-10-01,gpt-4o,1000,50,1e308\n2026-10-01,gpt-4o,1000,50,1e308\n",
            "big.csv",
        )
    assert_one_short_line(info.value, "big.csv")
    assert "2 rows (1, 2): overflowing reported cost" in str(info.value)
