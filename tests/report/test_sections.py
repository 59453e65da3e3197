"""The pluggable sections against their documented input shapes (fixtures): lifecycle
warnings, test-call runs and the usage log; each renders in both formats, and the registry
keeps the issue's order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from model.plan.capacity import load_ratelimits
from model.plan.currency import FxRate
from model.plan.scenario import load_scenario
from model.report.blocks import Link, Table
from model.report.build import make_report
from model.report.context import (
    LifecycleWarning,
    LiveCallRun,
    ReportContext,
    gather,
    live_call_run,
)
from model.report.render_md import escape
from model.report.sections import SECTIONS, lifecycle, testcalls, usage
from model.report.usage import UsageSummaryError, usage_from_logs, usage_from_summary
from model.scorecard.evidence import load_criteria
from pricing.versions import PriceBook
from tests.conftest import DATA
from tests.report.conftest import parse_html

USD = FxRate("USD", 1.0, dt.date(2026, 10, 30), "https://www.ecb.europa.eu/")
WHEN = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def ctx(bundled_book: PriceBook) -> ReportContext:
    # regulated-baa: 12 months from 2026-12 (to 2027-11-30), claude-sonnet-4-6 + gpt-5.4-mini.
    scenario = load_scenario(DATA / "scenarios" / "archetypes" / "regulated-baa.yaml")
    return gather(
        scenario,
        bundled_book,
        load_criteria(DATA / "criteria"),
        USD,
        limits=load_ratelimits(DATA / "capacity" / "ratelimits.yaml"),
        made=WHEN,
    )


def test_sections_come_in_the_issues_order(ctx: ReportContext) -> None:
    ids = [s.id for s in make_report(ctx).sections]
    assert ids == [
        "recommendation", "assumptions", "pricing", "spend", "fees", "breakeven", "scorecard",
        "capacity", "lifecycle", "reproduce",
    ]  # fmt: skip
    assert len(SECTIONS) == 12  # usage and test calls appear when given


def test_lifecycle_lists_what_retires_before_the_horizon_ends(ctx: ReportContext) -> None:
    warnings = (
        LifecycleWarning("gpt-5.4-mini", dt.date(2027, 6, 30), "retirement", "gpt-5.5-mini",
                         "https://platform.openai.com/docs/deprecations"),
        LifecycleWarning("claude-sonnet-4-6", dt.date(2026, 10, 1), "deprecation", "claude-x"),
        LifecycleWarning("claude-sonnet-4-6", dt.date(2027, 12, 1), "retirement"),  # after
        LifecycleWarning("gpt-4o", dt.date(2027, 1, 1), "retirement"),  # not in the scenario
    )  # fmt: skip
    section = lifecycle.build(dataclasses.replace(ctx, lifecycle=warnings))
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert [r[:5] for r in table.rows] == [
        ("claude-sonnet-4-6", "deprecated", "2026-10-01", "before the horizon", "claude-x"),
        ("gpt-5.4-mini", "retires", "2027-06-30", "within the horizon", "gpt-5.5-mini"),
    ]
    assert table.rows[1][5] == Link("announcement", "https://platform.openai.com/docs/deprecations")


def test_no_lifecycle_event_is_said_so(ctx: ReportContext) -> None:
    section = lifecycle.build(dataclasses.replace(ctx, lifecycle=()))
    assert "No model of this scenario is deprecated or retires before 2027-11-30" in (
        section.blocks[0].text  # type: ignore[union-attr]
    )


TESTCALL_JSON = {
    "status": "ok",
    "runs": [
        {"http_status": 200, "ttft_s": 0.41, "total_s": 1.9, "cost_usd": 0.0012,
         "headers": {"authorization": "Bearer sk-live-SECRET"}},
        {"http_status": 200, "ttft_s": 0.52, "total_s": 2.3, "cost_usd": 0.0013},
    ],
    "summary": {"ttft_p50_s": 0.465, "ttft_p95_s": 0.5145, "total_p50_s": 2.1,
                "total_p95_s": 2.28, "cost_usd_mean": 0.00125},
    "api_key": "sk-live-SECRET",
}  # fmt: skip


def test_live_call_runs_keep_only_their_summary(ctx: ReportContext) -> None:
    run = live_call_run(TESTCALL_JSON, when=WHEN, target="api.tokenprovider.example",
                        api="openai", model="gpt-5.4-mini", evidence="2026-11-28-gpt.json")  # fmt: skip
    assert run.runs == 2 and run.status == "ok" and run.ttft_p50_s == 0.465
    assert "SECRET" not in repr(run)
    failed = live_call_run(
        {"status": "error", "runs": [{"error": {"type": "rate_limited", "message": "429 slow down",
                                                 "retry_after_s": 3}}], "summary": {}},
        when=WHEN, target="openrouter.ai", api="openai", model="gpt-5.4-mini",
    )  # fmt: skip
    section = testcalls.build(dataclasses.replace(ctx, test_calls=(failed, run)))
    assert section is not None
    table = section.blocks[1]
    assert isinstance(table, Table)
    first, second = table.rows
    assert first[4] == "error: rate_limited: 429 slow down"
    assert second[6] == "0.47 s / 0.51 s" and second[8] == "$0.0013"
    report = make_report(dataclasses.replace(ctx, test_calls=(run,)))
    assert [s.id for s in report.sections][-2:] == ["test-calls", "reproduce"]
    html, md = report.html(), report.markdown()
    assert "SECRET" not in html and "SECRET" not in md
    assert "2026-11-28-gpt.json" in parse_html(html).text["test-calls"]
    assert escape("2026-11-28-gpt.json") in md


def test_no_test_calls_no_section(ctx: ReportContext) -> None:
    assert testcalls.build(ctx) is None
    assert usage.build(ctx) is None


def test_usage_from_a_real_log_reconciles_per_model(bundled_book: PriceBook) -> None:
    log = DATA / "samples" / "openrouter_generations__REAL_2026-03.csv"
    evidence = usage_from_logs([log], bundled_book)
    assert evidence.billed_by == "openrouter"
    assert evidence.summary["rows"] == 68
    reported = sum(r.reported_usd for r in evidence.reconciliation)
    assert reported == pytest.approx(evidence.summary["reported_cost_usd"])
    # The :free rows cost $0 where they were served; open models direct cannot sell are
    # still priced through OpenRouter.
    assert all(r.computed_usd is not None for r in evidence.reconciliation)


def test_usage_section_from_a_saved_summary(ctx: ReportContext, tmp_path: Path) -> None:
    summary = {
        "format": "openrouter_generations_csv", "pricing_version": "by-date",
        "versions_used": ["2026-08-22"], "rows": 68, "requests": 68,
        "period": {"start": "2026-03-27T08:52:12Z", "end": "2026-03-28T17:05:34Z"},
        "tokens": {"input": 2423602.0, "output": 45279.0}, "unpriced": {},
        "reported_cost_usd": 4.387562,
        "options": [
            {"id": "direct", "kind": "direct", "token_cost_usd": 4.38758088, "discount_usd": 0,
             "fees_usd": 0, "total_usd": 4.38758088, "unpriced": {"z-ai/glm-4.5-air": 1}},
            {"id": "openrouter", "kind": "aggregator", "token_cost_usd": 4.38758088,
             "discount_usd": 0, "fees_usd": 0.2413, "total_usd": 4.6289, "unpriced": {}},
        ],
        "comparable": {"rows": 53, "cheapest": "direct", "left_out": {"rows": 15}},
        "warnings": ["68 rows dated before every pricing version"],
    }  # fmt: skip
    section = usage.build(dataclasses.replace(ctx, usage=usage_from_summary(summary, "s.json")))
    assert section is not None
    text = " ".join(getattr(b, "text", "") for b in section.blocks)
    # Reported $4.3876 against $4.38758088 re-priced through OpenRouter (its format's channel).
    assert "The log reports $4.3876" in text and "OpenRouter (the channel that billed it)" in text
    assert "cost $4.3876 (+$0.0000)" in text  # 4.38758088 − 4.387562 = 0.00001888
    assert "On the 53 rows every option can price, the cheapest is Direct" in text


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ([], "(top level)"),
        ({"options": []}, "options"),
        ({"options": [{"id": 3}]}, "options.0.id"),
        ({"options": [{"id": "d", "token_cost_usd": "1"}]}, "options.0.token_cost_usd"),
        ({"options": [{"id": "d", "token_cost_usd": 1, "discount_usd": 0, "fees_usd": 0,
                       "total_usd": 1}], "rows": "68"}, "rows"),
    ],
)  # fmt: skip
def test_a_bad_summary_names_the_key(data: object, says: str) -> None:
    with pytest.raises(UsageSummaryError, match=re.escape(f"s.json: {says}")):
        usage_from_summary(data, "s.json")


def test_a_non_finite_summary_number_is_refused() -> None:
    data = json.loads('{"options": [{"id": "d", "token_cost_usd": 1e999}]}')
    with pytest.raises(UsageSummaryError, match="finite"):
        usage_from_summary(data, "s.json")


def test_live_call_runs_render(ctx: ReportContext) -> None:
    run = LiveCallRun(WHEN, "host", "anthropic", "claude-sonnet-4-6", "ok", 3)
    section = testcalls.build(dataclasses.replace(ctx, test_calls=(run,)))
    assert section is not None
    row = section.blocks[1].rows[0]  # type: ignore[union-attr]
    assert row[6] == "— / —" and row[8] == "—"


def test_test_call_evidence_becomes_one_run_per_endpoint() -> None:
    from model.report.context import live_runs_from_evidence

    ok = {"option": "direct", "api": "anthropic", "model": "claude-sonnet-4-6",
          "latency": {"n": 2, "runs": 2, "errors": 0, "ttft_p50_s": 0.5, "ttft_p95_s": 0.6,
                      "total_p50_s": 1.0, "total_p95_s": 1.2},
          "cost": {"list_cost_usd_mean": 0.0012}}  # fmt: skip
    failed = {"label": "gateway", "api": "openai", "model": "gpt-5.4",
              "latency": {"n": 0, "runs": 2, "errors": 2, "error_types": {"rate_limited": 2},
                          "ttft_p50_s": float("nan")},
              "cost": {}}  # fmt: skip
    data = {"created_at": "2026-11-30T12:00:00+00:00", "endpoints": [ok, failed]}
    a, b = live_runs_from_evidence(data, "2026-11-30-x.json")
    assert (a.target, a.status, a.runs, a.ttft_p50_s, a.cost_usd_mean) == (
        "direct", "ok", 2, 0.5, 0.0012,
    )  # fmt: skip
    assert (b.target, b.status, b.error, b.ttft_p50_s) == (
        "gateway", "error", "2 error(s): rate_limited ×2", None,
    )  # fmt: skip
    assert a.evidence == b.evidence == "2026-11-30-x.json"
    assert a.when == dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
