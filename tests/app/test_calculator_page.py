"""The calculator page in AppTest: it agrees with the CLI to the cent, edits change totals
as the arithmetic says, bad inputs get inline messages, and state survives page switches."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from model.plan.presets import load_presets
from model.plan.scenario import dump_scenario, parse_scenario
from pages.ui import scenario_state as ss
from tests.app.conftest import OpenPage, assert_clean, plain
from tests.conftest import DATA, ROOT

DAYS = 365.25 / 12
PRESETS = {p.id: p.scenario for p in load_presets(DATA / "scenarios" / "presets")}
EDITOR = "calc_workloads_0"  # the editor's key before any preset is loaded


def pinned(preset_id: str, **changes: Any) -> dict[str, Any]:
    data = PRESETS[preset_id].model_dump(mode="json")
    data.update(pricing_version="2026-11-20", start_month="2026-12", **changes)
    return parse_scenario(data).model_dump(mode="json")


def open_calculator(open_page: OpenPage, scenario: dict[str, Any] | None = None) -> AppTest:
    seed = {ss.SCENARIO: scenario, ss.PRESET: None} if scenario else None
    at = open_page("pages/calculator.py", session_state=seed)
    assert_clean(at)
    return at


AVERAGE = " · average month"


def metrics(at: AppTest) -> dict[str, str]:
    """Each option's figure by option name (every label says it is an average month)."""
    assert all(m.label.endswith(AVERAGE) for m in at.metric)
    return {m.label.removesuffix(AVERAGE): m.value for m in at.metric}


def chart(at: AppTest, key: str) -> dict[str, Any]:
    charts = [c for c in at.get("plotly_chart") if c.proto.id.endswith(key) or key in c.proto.id]
    assert charts, f"no chart {key}"
    return json.loads(charts[0].proto.spec)


def per_month(total: float, months: int = 12) -> str:
    return f"${total / months:,.2f}/mo"


def shown_usd(text: str) -> float:
    """``$5,588.33/mo`` → 5588.33."""
    return float(text.removeprefix("$").removesuffix("/mo").replace(",", ""))


def assert_month(text: str, total: float, months: int = 12) -> None:
    """A displayed monthly amount is the total ÷ months, rounded to the cent (a half-cent
    tie may round either way in float64)."""
    assert shown_usd(text) == pytest.approx(total / months, abs=0.0051), text


def test_page_and_cli_agree_to_the_cent(open_page: OpenPage, tmp_path: Path) -> None:
    scenario = pinned("ide-coding-agent")
    path = tmp_path / "scenario.yaml"
    path.write_text(dump_scenario(parse_scenario(scenario)))
    out = subprocess.run(
        [sys.executable, "-m", "model", "project", str(path), "--json"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    cli = json.loads(out.stdout)
    at = open_calculator(open_page, scenario)
    names = {"direct": "Direct from each vendor", "openrouter": "OpenRouter",
             "pooled": "Pooled gateway (example)"}  # fmt: skip
    shown = metrics(at)
    for option_id, name in names.items():
        assert shown[name] == per_month(cli["totals"][option_id]["total_usd"])
    # The monthly chart plots the CLI's monthly totals, month by month.
    spec = chart(at, "calc_chart_monthly")
    for i, trace in enumerate(spec["data"]):
        option_id = list(names)[i]
        cli_months = [
            next(o["total_usd"] for o in m["options"] if o["id"] == option_id)
            for m in cli["months"]
        ]
        assert trace["y"] == pytest.approx(cli_months, abs=0.005)
    # The itemized table's totals add up to the CLI's totals per option.
    items = next(df.value for df in at.dataframe if "item" in df.value.columns)
    by_option = items.groupby("option")["total_usd"].sum()
    for option_id, name in names.items():
        assert by_option[name] == pytest.approx(cli["totals"][option_id]["total_usd"], abs=0.005)
        fees = items[(items["option"] == name)]["fees_usd"].sum()
        assert fees == pytest.approx(cli["totals"][option_id]["fees_usd"], abs=0.005)


def test_headline_names_the_cheapest(open_page: OpenPage) -> None:
    # Batch preset: direct 2,845.91/month; pooled 4,139.50 (no batch API): saving 1,293.59.
    at = open_calculator(open_page, pinned("nightly-batch-summaries"))
    (line,) = [plain(s.value) for s in at.success if "Cheapest" in s.value]
    assert "**Cheapest: Direct from each vendor**" in line
    assert "$1,293.59/month" in line and "vs Pooled gateway (example)" in line
    # Our amounts are escaped: two `$` in one line would otherwise be typeset as LaTeX.
    assert "\\$1,293.59" in next(s.value for s in at.success if "Cheapest" in s.value)


def test_editing_a_workload_changes_the_totals(open_page: OpenPage) -> None:
    # RAG: 5,000 → 8,000 questions a day scales every option by 1.6.
    at = open_calculator(open_page, pinned("rag-chatbot", monthly_growth=0.0))
    per_request = (4000 * 0.75 + 1500 * 0.075 + 350 * 4.5) / 1e6
    assert_month(metrics(at)["Direct from each vendor"], 12 * 5000 * DAYS * per_request)
    at.session_state[EDITOR] = {
        "edited_rows": {0: {"requests_per_day": 8000}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert_clean(at)
    assert_month(metrics(at)["Direct from each vendor"], 12 * 8000 * DAYS * per_request)
    assert at.session_state[ss.SCENARIO]["workloads"][0]["requests_per_day"] == 8000


def test_adding_a_workload_row(open_page: OpenPage) -> None:
    at = open_calculator(open_page, pinned("rag-chatbot", monthly_growth=0.0))
    before = 5000 * DAYS * (4000 * 0.75 + 1500 * 0.075 + 350 * 4.5) / 1e6
    at.session_state[EDITOR] = {
        "edited_rows": {},
        "added_rows": [{"name": "classifier", "model": "gpt-5-mini", "requests_per_day": 1000,
                        "input_tokens": 1000, "output_tokens": 10}],
        "deleted_rows": [],
    }  # fmt: skip
    at.run()
    assert_clean(at)
    added = 1000 * DAYS * (1000 * 0.25 + 10 * 2) / 1e6  # gpt-5-mini $0.25 / $2
    assert_month(metrics(at)["Direct from each vendor"], 12 * (before + added))


def test_topup_size_changes_the_openrouter_fee(open_page: OpenPage) -> None:
    # $100 top-ups pay 5.5 %; $10 top-ups pay the $0.80 minimum = 8 % of credits bought.
    at = open_calculator(open_page, pinned("nightly-batch-summaries"))
    standard = 20000 * DAYS * (6000 * 1 + 500 * 5) / 1e6  # 5,174.375 a month, no batch API
    assert_month(metrics(at)["OpenRouter"], 12 * standard * 1.055)
    at.number_input(key=ss.TOPUP + "openrouter").set_value(10.0).run()
    assert_clean(at)
    assert_month(metrics(at)["OpenRouter"], 12 * standard * 1.08)
    assert_month(metrics(at)["Direct from each vendor"], 12 * 2845.90625)


def test_pooled_discount_changes_the_pooled_total(open_page: OpenPage) -> None:
    at = open_calculator(open_page, pinned("nightly-batch-summaries"))
    standard = 20000 * DAYS * (6000 * 1 + 500 * 5) / 1e6
    at.number_input(key=ss.DISCOUNT + "anthropic").set_value(50.0).run()
    assert_clean(at)
    assert_month(metrics(at)["Pooled gateway (example)"], 12 * standard * 0.5)
    # Now the pooled example is cheapest: 2,587.19 vs direct 2,845.91.
    assert any("Cheapest: Pooled gateway (example)" in s.value for s in at.success)


def test_invalid_rows_get_inline_messages(open_page: OpenPage) -> None:
    scenario = pinned("ide-coding-agent")
    at = open_calculator(open_page, scenario)
    at.session_state[EDITOR] = {
        "edited_rows": {0: {"input_tokens": -5}, 1: {"batch_share": 1.5}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    errors = [plain(e.value) for e in at.error]
    assert any("Row 1 (agent turns), uncached input" in e for e in errors), errors
    assert any("Row 2 (autocomplete), batch share" in e for e in errors), errors
    assert any("Add at least one valid workload" in i.value for i in at.info)


def test_model_missing_from_the_version(open_page: OpenPage) -> None:
    scenario = pinned("rag-chatbot")
    scenario["workloads"].append({**scenario["workloads"][0], "name": "legacy",
                                  "model": "gpt-3.5-turbo-0301"})  # fmt: skip
    at = open_page("pages/calculator.py", session_state={ss.SCENARIO: scenario})
    assert not at.exception
    (error,) = [plain(e.value) for e in at.error]
    assert (
        "Row 2 (legacy), model: 'gpt-3.5-turbo-0301' is not in pricing version 2026-11-20" in error
    )
    assert metrics(at)  # the valid row is still priced


def test_zero_traffic_is_a_message_not_a_traceback(open_page: OpenPage) -> None:
    at = open_calculator(open_page, pinned("rag-chatbot"))
    at.session_state[EDITOR] = {"edited_rows": {0: {"requests_per_day": 0}},
                                "added_rows": [], "deleted_rows": []}  # fmt: skip
    at.run()
    assert not at.exception and not at.error
    assert any("requests per day above 0" in i.value for i in at.info)


def test_preset_button_loads_the_preset(open_page: OpenPage) -> None:
    at = open_calculator(open_page)
    at.button(key="calc_preset_long-context-documents").click().run()
    assert_clean(at)
    assert at.session_state[ss.PRESET] == "long-context-documents"
    workloads = at.session_state[ss.SCENARIO]["workloads"]
    assert workloads[0]["model"] == "gemini-3.1-pro-preview"
    assert any("Gemini API" in w.value for w in at.warning)  # Tier 1 cap exceeded


def test_currency_shows_rate_and_date(open_page: OpenPage) -> None:
    at = open_calculator(open_page, pinned("rag-chatbot", monthly_growth=0.0))
    usd = metrics(at)["Direct from each vendor"]
    at.selectbox(key=ss.CURRENCY).set_value("GBP").run()
    assert_clean(at)
    gbp = metrics(at)["Direct from each vendor"]
    assert gbp.startswith("£")
    usd_value = float(usd.strip("$/mo").replace(",", ""))
    assert float(gbp.strip("£/mo").replace(",", "")) == pytest.approx(
        usd_value * 0.83380 / 1.1172, abs=0.01
    )
    assert any("1 USD = 0.7463 GBP" in c.value and "2026" in c.value for c in at.caption)
    at.toggle(key=ss.FX_CUSTOM).set_value(True).run()
    at.number_input(key=ss.FX_RATE).set_value(0.5).run()
    assert_clean(at)
    assert metrics(at)["Direct from each vendor"] == f"£{usd_value * 0.5:,.2f}/mo"


def test_state_survives_a_page_switch(open_page: OpenPage) -> None:
    at = open_page("pages/calculator.py", via_app=True,
                   session_state={ss.SCENARIO: pinned("rag-chatbot")})  # fmt: skip
    assert_clean(at)
    at.number_input(key=ss.TOPUP + "openrouter").set_value(10.0).run()
    after_edit = metrics(at)["OpenRouter"]
    at.switch_page("pages/pricing_tables.py").run()
    assert_clean(at)
    at.switch_page("pages/calculator.py").run()
    assert_clean(at)
    assert at.number_input(key=ss.TOPUP + "openrouter").value == 10.0
    assert metrics(at)["OpenRouter"] == after_edit


@pytest.mark.usefixtures("fixture_app")
def test_other_pricing_data_without_the_preset_models(open_page: OpenPage) -> None:
    # The two-version fixture catalogs lack the default preset's models: every row is named
    # in an error and the page says what to do, without a traceback.
    at = open_page("pages/calculator.py")
    assert not at.exception
    assert any("is not in pricing version 2026-02-01" in plain(e.value) for e in at.error)
    # a scenario on a model the fixture catalogs sell (gemini-2.5-pro) prices cleanly
    at = open_calculator(
        open_page,
        {**pinned("long-context-documents"), "pricing_version": "by-date"}
        | {
            "workloads": [
                {**w, "model": "gemini-2.5-pro"}
                for w in PRESETS["long-context-documents"].model_dump(mode="json")["workloads"]
            ]
        },
    )
    assert metrics(at)


def test_scenario_file_round_trip(open_page: OpenPage) -> None:
    # The YAML the page downloads (and the CLI runs) loads back into the page.
    scenario = pinned("nightly-batch-summaries")
    at = open_calculator(open_page)
    text = dump_scenario(parse_scenario(scenario)).encode()
    at.file_uploader(key=ss.UPLOAD).set_value(("batch.yaml", text, "application/x-yaml")).run()
    assert_clean(at)
    loaded = at.session_state[ss.SCENARIO]
    assert loaded["workloads"] == scenario["workloads"]
    assert (loaded["pricing_version"], loaded["start_month"]) == ("2026-11-20", "2026-12")
    # The page spells the pooled discount per vendor; the same 20 % everywhere.
    assert set(loaded["options"]["pooled"]["discount"].values()) == {0.2}
    assert_month(metrics(at)["Direct from each vendor"], 12 * 2845.90625)


def test_bad_scenario_file_names_the_key(open_page: OpenPage) -> None:
    at = open_calculator(open_page)
    before = metrics(at)
    bad = b"workloads:\n  - {name: x, model: gpt-5-mini, requests_per_day: 10, batch_share: 2}\n"
    at.file_uploader(key=ss.UPLOAD).set_value(("bad.yaml", bad, "application/x-yaml")).run()
    assert not at.exception
    (error,) = [plain(e.value) for e in at.error]
    assert error.startswith("bad.yaml: workloads.0.batch_share")
    assert metrics(at) == before  # the scenario in use is unchanged


# --- issue 8: by-date pricing, like-with-like verdicts, capacity in one voice -------------


@pytest.fixture
def step_app(tmp_path: Path, use_data_dir: Any) -> Path:
    """The app on the three-step fixture pricing of tests/plan/test_by_date.py."""
    from tests.conftest import write_pricing_version
    from tests.plan.test_by_date import flash, sonnet

    for child in DATA.iterdir():
        if child.name != "pricing":
            (tmp_path / child.name).symlink_to(child)
    write_pricing_version(
        tmp_path / "pricing", "2026-11-20", [flash("0.75", "3.75", "0.075"), sonnet()]
    )
    write_pricing_version(
        tmp_path / "pricing", "2027-01-01", [flash("1.50", "7.50", "0.15"), sonnet()]
    )
    write_pricing_version(
        tmp_path / "pricing", "2027-02-15", [flash("3", "15", "0.3"), sonnet("3.30")]
    )
    return use_data_dir(tmp_path)


def test_each_day_by_the_version_in_force_on_the_page(open_page: OpenPage, step_app: Path) -> None:
    from tests.plan.test_by_date import DEC, FEB, JAN

    scenario = {"name": "step", "pricing_version": "by-date", "start_month": "2026-12",
                "horizon_months": 3, "options": {},
                "workloads": [{"name": "chat", "model": "flash-x", "requests_per_day": 1000,
                               "input_tokens": 2000, "output_tokens": 500}]}  # fmt: skip
    at = open_calculator(open_page, parse_scenario(scenario).model_dump(mode="json"))
    # The monthly chart: $102.73, $205.45, then February split 14/14 days: $308.18.
    assert chart(at, "calc_chart_monthly")["data"][0]["y"] == pytest.approx([DEC, JAN, FEB])
    assert_month(metrics(at)["Direct from each vendor"], DEC + JAN + FEB, months=3)
    # The page says which versions priced which months …
    (caption,) = [c.value for c in at.caption if "Prices by date" in c.value]
    assert (
        "2026-11-20 for 2026-12; 2027-01-01 for 2027-01 … 2027-02 (part); "
        "2027-02-15 for 2027-02 from the 15th" in caption
    )
    # … and the chosen model's prices in each of them.
    prices = next(df.value for df in at.dataframe if "version" in df.value.columns)
    assert list(prices["version"]) == ["2026-11-20", "2027-01-01", "2027-02-15"]
    assert list(prices["input"]) == ["$0.75", "$1.5", "$3"]


def test_cheapest_compares_like_with_like(open_page: OpenPage) -> None:
    # RAG (no growth): $713.38 a month direct, ×1.055 on OpenRouter, ×0.8 pooled. A second
    # workload on a model only OpenRouter sells (AI21 Jamba Large 1.7, $2 / $8): it is left
    # out of the comparison and named, not counted as $0 for the options that cannot sell it
    # (which used to crown OpenRouter, the only option "pricing every workload").
    scenario = pinned("rag-chatbot", monthly_growth=0.0)
    jamba = {"name": "legal", "model": "ai21/jamba-large-1.7", "requests_per_day": 100,
             "input_tokens": 1000, "output_tokens": 100}  # fmt: skip
    scenario["workloads"].append(jamba)
    at = open_calculator(open_page, parse_scenario(scenario).model_dump(mode="json"))
    (line,) = [plain(s.value) for s in at.success if "Cheapest" in s.value]
    rag = 5000 * DAYS * (4000 * 0.75 + 1500 * 0.075 + 350 * 4.5) / 1e6  # 713.37890625
    assert "**Cheapest: Pooled gateway (example)**" in line
    assert f"${0.2 * rag:,.2f}/month" in line and "vs Direct from each vendor" in line
    assert "Compared on the 1 of 2 workloads every option sells." in line
    (left_out,) = [plain(w.value) for w in at.warning if "left out" in w.value]
    jamba_cost = 12 * 100 * DAYS * (1000 * 2 + 100 * 8) / 1e6  # $102.27 over the horizon
    assert "Workload “legal” (ai21/jamba-large-1.7) is left out of the comparison" in left_out
    assert "Direct from each vendor, Pooled gateway (example) cannot sell it" in left_out
    assert f"${jamba_cost:,.2f} through OpenRouter" in left_out


def test_a_throttled_new_account_is_said_next_to_the_headline(open_page: OpenPage) -> None:
    # Nightly batch at 40,000 documents a day: direct is cheapest, but at a peak of 3× a new
    # Anthropic account's Start tier (450,000 input tokens a minute) sees 40,000 × 6,000 /
    # 1,440 × 3 = 500,000: throttled until it reaches Build. The headline says so and names
    # the cheapest option without that limit: pooled, 1,217,500 × $0.0085 × 0.8 = $8,279.00.
    from model.plan.capacity import check_capacity, load_ratelimits
    from model.plan.projection import project
    from pricing.versions import PriceBook

    scenario = pinned("nightly-batch-summaries")
    scenario["workloads"][0]["requests_per_day"] = 40000
    at = open_calculator(open_page, scenario)
    assert any("Cheapest: Direct from each vendor" in s.value for s in at.success)
    (note,) = [plain(w.value) for w in at.warning if "cheapest only once" in w.value]
    (anthropic,) = check_capacity(
        project(parse_scenario(scenario), PriceBook.load(DATA / "pricing")),
        load_ratelimits(DATA / "capacity" / "ratelimits.yaml"),
    )
    days = int(anthropic.months["throttled_days"].sum())
    assert days == 2 and anthropic.months["status"].iloc[0] == "throttled"
    assert f"a new Anthropic API account would be throttled at its peak on {days} days" in note
    assert "Without that limit, the cheapest is Pooled gateway (example) at $8,279.00/mo" in note
    # The Capacity tab says the same, month by month.
    assert any(
        "2026-12 throttled at its peak minute on 2 days" in plain(w.value) for w in at.warning
    )


def test_capacity_text_and_chart_agree_and_explain_tiers(open_page: OpenPage) -> None:
    # IDE agent: $4,112 a month on Anthropic. A new account starts in Start ($500 cap) and,
    # paying ~$137 a day, reaches Scale ($400 paid) on day 4 — before the cap: served in full.
    at = open_calculator(open_page, pinned("ide-coding-agent"))
    (text,) = [plain(s.value) for s in at.success if "Anthropic API" in s.value]
    assert "serves every month" in text and "starts in Start ($500/month cap)" in text
    assert (
        "it reaches Scale ($200,000/month cap; reached after $400 paid) on day 4 of 2026-12" in text
    )
    spec = chart(at, "calc_chart_capacity")
    served = spec["data"][0]
    assert served["customdata"][0] == ["Start → Scale", "fits"]
    assert all(c[1] == "fits" for c in served["customdata"])
    assert (
        "Caps above the chart: Anthropic API 200,000 USD from 2026-12"
        in spec["layout"]["title"]["text"]
    )
    assert not [w for w in at.warning if "Anthropic" in w.value]
