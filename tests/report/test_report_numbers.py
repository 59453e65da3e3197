"""The report's numbers are the CLI's: every month of the spend table equals
``project --json`` (to the cent, with the versions that priced it), the ranking equals
``score --json``, and the Markdown version prints the same figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from model.display import money
from pricing.versions import today
from tests.report.conftest import ARCHETYPES, MakeReport, cli_json, parse_html

SCENARIOS = [*sorted(ARCHETYPES.glob("*.yaml")), ARCHETYPES.parent / "default.yaml"]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_monthly_spend_equals_project(path: Path, make_report: MakeReport) -> None:
    html, _ = make_report(path)
    project = cli_json("project", str(path))
    table = parse_html(html).table("spend")
    header, rows = table[0], table[1:]
    ids = [o["id"] for o in project["months"][0]["options"]]
    assert header[:2] == ["Month", "Priced by"] and len(header) == 2 + len(ids)
    months = project["months"]
    assert len(rows) == len(months) + 2  # every month, the total and the average month
    for row, month in zip(rows, months, strict=False):
        assert row[0] == f"{month['month']} · {month['start']}"
        assert row[1] == " + ".join(month["versions"])
        by_id = {o["id"]: o["total_usd"] for o in month["options"]}
        assert row[2:] == [money(by_id[i]) for i in ids]
    total, average = rows[-2], rows[-1]
    n = len(months)
    assert total[2:] == [money(project["totals"][i]["total_usd"]) for i in ids]
    assert average[2:] == [money(project["totals"][i]["total_usd"] / n) for i in ids]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_ranking_equals_score(path: Path, make_report: MakeReport) -> None:
    html, _ = make_report(path)
    score = cli_json("score", str(path))
    parsed = parse_html(html)
    ranking = parsed.table("scorecard")[1:]
    assert [r[1] for r in ranking] == [r["name"] for r in score["ranking"]]
    for row, r in zip(ranking, score["ranking"], strict=True):
        assert row[2:5] == [f"{r['score']:.1f}", f"{r['score_low']:.1f}", f"{r['score_high']:.1f}"]
    assert score["explanation"] in " ".join(parsed.text["scorecard"].split())
    winner = next((r for r in score["ranking"] if not r["eliminated_by"]), None)
    assert winner is not None
    headline = " ".join(parsed.text["recommendation"].split())
    lead = "Recommended" if score["decisive"] else "Leading"
    assert f"{lead}: {winner['name']} — score {winner['score']:.0f} of 100" in headline


@pytest.mark.parametrize("path", SCENARIOS[:1], ids=lambda p: p.stem)
def test_cheapest_equals_project_verdict(path: Path, make_report: MakeReport) -> None:
    html, _ = make_report(path)
    project = cli_json("project", str(path))
    cheapest = project["cheapest"]
    names = {r["id"]: r["name"] for r in cli_json("score", str(path))["ranking"]}
    text = " ".join(parse_html(html).text["recommendation"].split())
    assert (
        f"Cheapest: {names[cheapest['option']]}, {money(cheapest['saving_month_usd'])} a month "
        f"less on average than {names[cheapest['runner_up']]} "
        f"({money(cheapest['saving_total_usd'])} over" in text
    )


def test_markdown_prints_the_same_figures(make_report: MakeReport) -> None:
    path = ARCHETYPES / "ide-frontier-payg.yaml"
    md, _ = make_report(path, suffix=".md")
    project = cli_json("project", str(path))
    for month in project["months"]:
        versions = " + ".join(month["versions"])
        cells = " | ".join(money(o["total_usd"]).replace("$", "\\$") for o in month["options"])
        assert f"| {month['month']} · {month['start']} | {versions} | {cells} |" in md
    assert "## Scorecard\\: evidence, must-haves and ranges" in md


def test_a_price_step_inside_the_horizon_is_named_per_month(make_report: MakeReport) -> None:
    # default.yaml is priced by date from 2026-12: 2026-12-01 prices December, 2027-01-01
    # (scheduled) from January; the pricing section says which version priced which months.
    html, _ = make_report(ARCHETYPES.parent / "default.yaml")
    parsed = parse_html(html)
    versions = parsed.table("pricing")[1:]
    assert [r[0] for r in versions] == ["2026-12-01", "2027-01-01"]
    assert versions[0][3] == "2026-12" and versions[1][3] == "2027-01 … 2027-11"
    upcoming = dt.date(2027, 1, 1) > today()  # the tests' pinned today (tests/conftest.py)
    assert versions[1][2] == ("scheduled" if upcoming else "in force")


def test_lifecycle_section_comes_from_the_price_data(make_report: MakeReport, tmp_path) -> None:
    # gpt-5-mini retires on 2026-12-11 (data/pricing/models/openai.yaml, successor named
    # there): a horizon from 2026-12 must say so, with the successor, in the report.
    import yaml

    from pricing import PriceBook
    from tests.conftest import PRICING_DATA

    scenario = yaml.safe_load((ARCHETYPES.parent / "default.yaml").read_text())
    for w in scenario["workloads"]:
        w["model"] = "gpt-5-mini"
        for key in ("cache_write_5m_tokens", "cache_write_1h_tokens"):
            w.pop(key, None)
    path = tmp_path / "retiring.yaml"
    path.write_text(yaml.safe_dump(scenario))
    html, _ = make_report(path)
    rows = parse_html(html).table("lifecycle")[1:]
    life = PriceBook.load(PRICING_DATA).latest.model("gpt-5-mini").lifecycle
    assert life is not None and life.retires == dt.date(2026, 12, 11)
    assert [r[:5] for r in rows] == [
        ["gpt-5-mini", "retires", "2026-12-11", "within the horizon", life.successor or "—"]
    ]
