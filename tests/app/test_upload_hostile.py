"""Issue 8's hostile files on the upload page (items 7–10): read correctly, or one error
line naming the file and the row or column — never a traceback, and the page keeps working."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pages.ui.upload import state as ustate
from tests.app.conftest import OpenPage, assert_clean, plain
from tests.usage.readers.bad.make_corpus import HOSTILE

PAGE = "pages/upload.py"


def upload(at: AppTest, name: str) -> AppTest:
    return at.file_uploader(key=ustate.FILE).set_value((name, HOSTILE[name], "text/csv")).run()


@pytest.mark.parametrize(
    ("name", "note"),
    [
        ("cr_only.csv", "the file's lines end in CR only (old Mac); read as such"),
        ("utf16_be_no_bom.csv", "the file was UTF-16 text; read as such"),
        ("year_9999.csv", "row 2: timestamp before 2000 or after 2262-04-10"),
        ("day_month_contradiction.csv", "row 3: timestamp written month/day ('04/15/2026')"),
    ],
)
def test_readable_hostile_files_are_priced_and_say_what_they_did(
    open_page: OpenPage, name: str, note: str
) -> None:
    at = upload(open_page(PAGE), name)
    assert_clean(at)
    assert any(note in plain(m.value) for m in at.markdown), [m.value for m in at.markdown]
    totals = [d.value for d in at.dataframe if "Rank" in d.value.columns]
    assert len(totals) == 2


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("cost_overflow.csv", "no usable rows (2 rows (1, 2): overflowing reported cost"),
        ("duplicate_input_tokens.csv", "'input_tokens' twice (columns 3 and 5)"),
        ("no_newline.csv", "not a known usage export"),
    ],
)
def test_refused_hostile_files_get_one_short_line(
    open_page: OpenPage, name: str, problem: str
) -> None:
    at = upload(open_page(PAGE), name)
    assert not at.exception
    (error,) = [plain(e.value) for e in at.error]
    assert f"{name}: " in error and problem in error
    assert "\n" not in error and len(error) < 1000
    assert not [d for d in at.dataframe if "Cheapest" in d.value.columns]  # no $inf, no totals
