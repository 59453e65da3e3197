"""Column mapping for CSV layouts no reader knows (model/usage/readers/mapping.py)."""

from __future__ import annotations

import pytest

from model.engine import columns as c
from model.usage.readers import UsageFormatError
from model.usage.readers.mapping import FORMAT, file_columns, guess_mapping, read_mapped

CSV = (
    b"When,Engine,Prompt Tokens,Cached Tokens,Completion Tokens,Cost ($),model\n"
    b"2026-10-01T10:00:00Z,gpt-4o,1000,200,50,0.01,x\n"
    b"2026-10-02 11:00:00,claude-sonnet-4-5,500,600,10,0.02,y\n"
    b"2026-10-02 12:00:00,mystery-9,500,0,10,,z\n"
)
MAPPING = {
    c.TIMESTAMP: "When",
    c.MODEL: "Engine",
    c.INPUT: "Prompt Tokens",
    c.CACHE_READ: "Cached Tokens",
    c.OUTPUT: "Completion Tokens",
    c.REPORTED_COST: "Cost ($)",
}


def test_columns_and_guess() -> None:
    cols = file_columns(CSV, "x.csv")
    assert cols[:3] == ["When", "Engine", "Prompt Tokens"]
    guess = guess_mapping(cols)
    assert guess[c.TIMESTAMP] == "When"
    assert guess[c.INPUT] == "Prompt Tokens"  # not "Cached Tokens"
    assert guess[c.CACHE_READ] == "Cached Tokens"
    assert guess[c.OUTPUT] == "Completion Tokens"
    assert guess[c.REPORTED_COST] == "Cost ($)"
    assert guess[c.MODEL] == "model"  # exact name wins; the user corrects it to Engine


def test_separate_columns_read_as_given() -> None:
    read = read_mapped(CSV, "x.csv", MAPPING)
    assert read.format == FORMAT
    assert read.rows == 3 and len(read.frame) == 3
    assert read.frame[c.MODEL_RAW].tolist() == ["gpt-4o", "claude-sonnet-4-5", "mystery-9"]
    assert read.frame[c.INPUT].tolist() == [1000, 500, 500]
    assert read.frame[c.CACHE_READ].tolist() == [200, 600, 0]
    assert read.frame[c.REPORTED_COST].iloc[0] == pytest.approx(0.01)
    # The unmapped column literally named "model" is not read as the model.
    assert any("model (not mapped)" in w for w in read.warnings)
    assert read.warnings[0].startswith("columns mapped by hand:")


def test_cached_inside_input_is_subtracted_and_impossible_rows_dropped() -> None:
    read = read_mapped(CSV, "x.csv", MAPPING, cached_in_input=True)
    assert read.frame[c.INPUT].tolist() == [800, 500]  # 1000 - 200; mystery row unchanged
    assert read.dropped_rows == 1  # 600 cached > 500 input: never priced (DESIGN §6)
    assert any("more cached than input" in w for w in read.warnings)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({c.TIMESTAMP: None}, "no column picked for Timestamp"),
        ({c.OUTPUT: "Nope"}, "has no column 'Nope'"),
        ({c.OUTPUT: "Prompt Tokens"}, "picked for more than one field"),
    ],
)
def test_bad_mapping_names_file_and_problem(change: dict, message: str) -> None:
    with pytest.raises(UsageFormatError, match=message) as err:
        read_mapped(CSV, "x.csv", {**MAPPING, **change})
    assert str(err.value).startswith("x.csv: ")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b'{"data": []}', "JSON"),
        (b"<!doctype html><html></html>", "web page"),
        (b"PK\x03\x04rest", "ZIP"),
        (b"justonecolumn\n1\n", "fewer than two columns"),
    ],
)
def test_unmappable_files_refused(data: bytes, message: str) -> None:
    with pytest.raises(UsageFormatError, match=message):
        file_columns(data, "f.csv")


def test_bad_values_are_left_out_by_the_generic_validation() -> None:
    data = CSV + b"2026-10-03 12:00:00,gpt-4o,-5,0,10,,w\n"
    read = read_mapped(data, "x.csv", MAPPING)
    assert read.rows == 4 and len(read.frame) == 3 and read.dropped_rows == 1


def test_semicolon_and_bom() -> None:
    data = b"\xef\xbb\xbfWhen;Engine;In;Out\n2026-10-01T10:00:00Z;gpt-4o;10;5\n"
    read = read_mapped(
        data, "s.csv", {c.TIMESTAMP: "When", c.MODEL: "Engine", c.INPUT: "In", c.OUTPUT: "Out"}
    )
    assert read.frame[c.INPUT].tolist() == [10] and read.frame[c.OUTPUT].tolist() == [5]
