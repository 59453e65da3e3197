"""The report page (AppTest): previews every section of the scenario in use with the CLI's
numbers, offers the downloads and the share link, includes the Re-price page's log when there
is one, keeps user text as text, and never lets a key from the session into the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from model.display import money
from model.plan.scenario import load_scenario
from pages.ui import scenario_state as ss
from pages.ui.report import keys as rk
from tests.app.conftest import OpenPage, assert_clean
from tests.app.test_calculator_page import plain
from tests.conftest import DATA, ROOT

ARCHETYPE = DATA / "scenarios" / "archetypes" / "broadest-catalog.yaml"
SECTIONS = [
    "The recommendation and why", "Assumptions", "Pricing versions, sources and dates",
    "Monthly spend per option", "Fees and discounts, itemized", "Break-even and sensitivity",
    "Scorecard: evidence, must-haves and ranges", "Capacity check (new direct accounts)",
    "Lifecycle warnings", "Reproduce this report",
]  # fmt: skip


def _open(open_page: OpenPage, **state: Any) -> AppTest:
    seed = {ss.SCENARIO: load_scenario(ARCHETYPE).model_dump(mode="json"), ss.PRESET: None}
    at = open_page("pages/report.py", session_state={**seed, **state})
    assert_clean(at)
    return at


@pytest.mark.parametrize("via_app", [False, True])
def test_every_section_is_previewed(open_page: OpenPage, via_app: bool) -> None:
    at = open_page("pages/report.py", via_app=via_app)
    assert_clean(at)
    titles = [s.value for s in at.subheader]
    assert titles[0] == "Download" and titles[1:] == SECTIONS
    labels = {b.proto.label for b in at.get("download_button")}
    assert {"Report (HTML)", "Report (Markdown)", "Scenario (YAML)"} <= labels


def test_preview_shows_the_clis_monthly_numbers(open_page: OpenPage) -> None:
    at = _open(open_page)
    done = _cli("project", str(ARCHETYPE), "--json")
    spend = next(df.value for df in at.dataframe if "Priced by" in df.value.columns)
    first = done["months"][0]
    assert spend.iloc[0]["Priced by"] == " + ".join(first["versions"])
    names = {r["id"]: r["name"] for r in _cli("score", str(ARCHETYPE), "--json")["ranking"]}
    for o in first["options"]:
        assert spend.iloc[0][names[o["id"]]] == money(o["total_usd"])


def _cli(*args: str) -> dict[str, Any]:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "model", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)  # fmt: skip
    return json.loads(done.stdout)


def test_user_text_stays_text(open_page: OpenPage) -> None:
    scenario = load_scenario(ARCHETYPE).model_dump(mode="json")
    scenario["name"] = "**Team** [x](javascript:alert(1)) <img src=x>"
    scenario["workloads"][0]["name"] = "<script>alert(1)</script>"
    at = open_page("pages/report.py", session_state={ss.SCENARIO: scenario, ss.PRESET: None})
    assert_clean(at)
    caption = next(c.value for c in at.caption if c.value.startswith("Scenario:"))
    assert "\\*\\*Team\\*\\* \\[x\\]\\(javascript\\:alert\\(1\\)\\) \\<img src\\=x\\>" in caption
    workloads = next(df.value for df in at.dataframe if "Workload" in df.value.columns)
    assert workloads.iloc[0]["Workload"] == "<script>alert(1)</script>"  # a cell: plain text
    yaml_block = next(c.value for c in at.code if c.value.startswith("name:"))
    assert "<script>alert(1)</script>" in yaml_block  # a code block: plain text


def test_no_key_from_the_session_reaches_the_report(
    open_page: OpenPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "sk-test-SECRET-0d1e"
    monkeypatch.setenv("TEST_CALL_API_KEY", secret)
    made: list[Any] = []
    import pages.ui.report.data as report_data

    real = report_data.make_report
    monkeypatch.setattr(report_data, "make_report", lambda ctx: made.append(real(ctx)) or made[-1])
    at = _open(open_page, testcall_api_key=secret, live_key=secret)
    (report,) = made
    assert secret not in report.html() and secret not in report.markdown()
    shown = [e.value for e in [*at.markdown, *at.caption, *at.code, *at.info, *at.success]]
    shown += [df.value.to_csv() for df in at.dataframe]
    assert not [s for s in shown if secret in str(s)]


def test_the_re_price_pages_log_is_included(open_page: OpenPage) -> None:
    # What the Re-price page keeps after analysing a log (pages.ui.report.usage.remember).
    from model.report.usage import reconciled_models  # noqa: F401 - shape documented there

    summary = _cli("reprice", str(DATA / "samples" / "openrouter_generations__REAL_2026-03.csv"),
                   "--json")  # fmt: skip
    kept = {"source": "generations.csv", "summary": summary, "billed_by": "openrouter",
            "reconciliation": [{"model": "gpt-5-nano", "rows": 23, "reported_usd": 0.01,
                                "computed_usd": 0.011, "flagged_days": 1}]}  # fmt: skip
    at = _open(open_page, **{rk.LAST_USAGE: kept})
    assert "Usage log and reconciliation" in [s.value for s in at.subheader]
    rec = next(df.value for df in at.dataframe if "Days beyond tolerance" in df.value.columns)
    assert rec.iloc[0].tolist() == ["gpt-5-nano", "23", "$0.0100", "$0.0110", "1"]
    at.checkbox(key=rk.USE_LAST).uncheck().run()
    assert "Usage log and reconciliation" not in [s.value for s in at.subheader]


def test_a_saved_summary_can_be_uploaded(open_page: OpenPage, tmp_path: Path) -> None:
    summary = _cli("reprice", str(DATA / "samples" / "generic_small.csv"), "--json")
    at = _open(open_page)
    at.file_uploader(key=rk.SUMMARY).set_value(
        ("summary.json", json.dumps(summary).encode(), "application/json")
    ).run()
    assert_clean(at)
    assert "Usage log and reconciliation" in [s.value for s in at.subheader]
    at.file_uploader(key=rk.SUMMARY).set_value(
        ("bad.json", b'{"options": "x"}', "application/json")
    ).run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert plain(error).startswith("bad.json: options: expected the list of options")


def test_pdf_says_what_it_needs_without_chromium(
    open_page: OpenPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GATEWISE_CHROMIUM", str(tmp_path / "none"))
    at = _open(open_page)
    assert at.button(key=rk.MAKE_PDF).disabled
    assert any("PDF needs Chromium" in c.value for c in at.caption)


def test_the_test_call_pages_results_are_included(open_page: OpenPage) -> None:
    # What the Test call page keeps after a session (its evidence object: no key in it).
    from pages.ui.test_call import state as ts

    kept = {"format": "gatewise-testcall-evidence", "format_version": 1, "date": "2026-11-30",
            "created_at": "2026-11-30T12:00:00+00:00",
            "endpoints": [{"option": "direct", "label": "Anthropic", "api": "anthropic",
                           "model": "claude-sonnet-4-6",
                           "latency": {"n": 3, "runs": 3, "errors": 0, "ttft_p50_s": 0.42,
                                       "ttft_p95_s": 0.5, "total_p50_s": 1.5,
                                       "total_p95_s": 1.9},
                           "cost": {"list_cost_usd_mean": 0.0021}}]}  # fmt: skip
    at = _open(open_page, **{ts.EVIDENCE: kept})
    titles = [s.value for s in at.subheader]
    section = "Test-call results"
    assert section in titles
    table = next(df.value for df in at.dataframe if "Endpoint" in df.value.columns)
    row = table.iloc[0].to_dict()
    assert (row["Endpoint"], row["Model"], row["Status"], row["Runs"]) == (
        "direct", "claude-sonnet-4-6", "ok", "3",
    )  # fmt: skip
    assert row["First token p50 / p95"].startswith("0.42")
    at.checkbox(key=rk.USE_LAST_CALLS).uncheck().run()
    assert section not in [s.value for s in at.subheader]
    at.file_uploader(key=rk.CALL_FILES).set_value(
        [("calls.json", b'{"format": "other"}', "application/json")]
    ).run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert plain(error).startswith("calls.json: format: expected")
