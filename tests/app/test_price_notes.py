"""AppTest of what the price data says on the calculator and the upload page
(pages/ui/price_notes.py): lifecycle warnings with the date and the successor, the price
not published, the date of OpenRouter's own catalog, and OpenRouter's beta batch API switch.
Bundled data; today is 2026-11-30 on this machine."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from model.plan.presets import load_presets
from model.plan.scenario import parse_scenario
from pages.ui import scenario_state as ss
from pages.ui.upload import state as ustate
from tests.app.conftest import OpenPage, assert_clean
from tests.conftest import DATA

DAYS = 365.25 / 12
PRESETS = {p.id: p.scenario for p in load_presets(DATA / "scenarios" / "presets")}


def scenario(preset_id: str, **changes: Any) -> dict[str, Any]:
    data = PRESETS[preset_id].model_dump(mode="json")
    data.update(pricing_version="2026-11-20", start_month="2026-12", monthly_growth=0.0)
    data.update(changes)
    return parse_scenario(data).model_dump(mode="json")


def calculator(open_page: OpenPage, data: dict[str, Any]) -> AppTest:
    at = open_page("pages/calculator.py", session_state={ss.SCENARIO: data, ss.PRESET: None})
    assert_clean(at)
    return at


def warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning).replace("\\", "")


def test_calculator_warns_about_a_retired_model_and_keeps_pricing_it(open_page: OpenPage) -> None:
    data = scenario("rag-chatbot")
    data["workloads"][0]["model"] = "claude-sonnet-4-5"
    at = calculator(open_page, data)
    text = warnings(at)
    assert "claude-sonnet-4-5 was retired on 2026-11-30" in text
    assert "claude-sonnet-5-5 as its successor" in text
    assert "Months of this horizon priced at its last price: 2026-12 … 2027-11" in text
    # still priced: $3 in / $0.30 cache read / $15 out, 5,000 questions a day
    per_request = (4000 * 3 + 1500 * 0.3 + 350 * 15) / 1e6
    shown = next(m.value for m in at.metric if m.label.startswith("Direct from each vendor"))
    assert shown == f"${5000 * DAYS * per_request:,.2f}/mo"


def test_calculator_warns_about_a_model_retiring_inside_the_horizon(open_page: OpenPage) -> None:
    data = scenario("rag-chatbot")
    data["workloads"][0]["model"] = "gpt-5-mini"
    text = warnings(calculator(open_page, data))
    assert "gpt-5-mini retires on 2026-12-11" in text and "gpt-5.6-terra" in text
    assert "2026-12 … 2027-11" in text


def test_current_models_get_no_lifecycle_warning(open_page: OpenPage) -> None:
    at = calculator(open_page, scenario("rag-chatbot"))
    assert "retire" not in warnings(at)


def test_openrouter_beta_batch_api_switch(open_page: OpenPage) -> None:
    """Nightly batch preset (Claude Haiku 4.5, 90 % batch), one month of 20,000 × 30.4375
    = 608,750 requests at 6,000 in / 500 out:
    - standard $1 / $5: $0.0085 a request; batch $0.5 / $2.5: $0.00425;
    - OpenRouter without a batch API: 608,750 × 0.0085 = $5,174.375 + 5.5 % fee = $5,458.97;
    - with its beta batch API: 60,875 × 0.0085 + 547,875 × 0.00425 = $2,845.90625
      + 5.5 % fee ($156.52) = $3,002.43 a month."""
    at = calculator(open_page, scenario("nightly-batch-summaries"))
    key = ss.BATCH_API + "openrouter"
    assert at.toggle(key=key).value is False  # beta: off by default
    assert any("batch API in beta since 2026-07-27" in c.value for c in at.caption)
    month = next(m.value for m in at.metric if m.label.startswith("OpenRouter"))
    assert month == f"${5174.375 * 1.055:,.2f}/mo"
    at.toggle(key=key).set_value(True).run()
    assert_clean(at)
    with_batch = (60875 * 0.0085 + 547875 * 0.00425) * 1.055
    assert (
        next(m.value for m in at.metric if m.label.startswith("OpenRouter"))
        == f"${with_batch:,.2f}/mo"
    )
    assert at.session_state[ss.SCENARIO]["options"]["openrouter"]["batch_api"] is True


CSV = (
    "timestamp,model,input_tokens,output_tokens\n"
    "2026-11-10T09:00:00Z,claude-sonnet-4-5,1000,100\n"
    "2026-11-10T09:00:00Z,claude-mythos-5-2,1000,100\n"
    "2026-11-10T09:00:00Z,deepseek/deepseek-chat,1000,100\n"
)


def test_upload_names_retired_and_unpriced_models(open_page: OpenPage) -> None:
    at = open_page("pages/upload.py")
    at.file_uploader(key=ustate.FILE).set_value(("log.csv", CSV.encode(), "text/csv")).run()
    assert not at.exception
    text = warnings(at)
    assert "claude-sonnet-4-5 was retired on 2026-11-30" in text
    assert "claude-mythos-5-2: Anthropic lists the model" in text and "unpriced" in text
    assert any("its own models list as of 2026-05-20" in c.value for c in at.caption)


@pytest.mark.parametrize("model", ["claude-haiku-4-5"])
def test_upload_of_current_models_has_no_lifecycle_warning(open_page: OpenPage, model: str) -> None:
    at = open_page("pages/upload.py")
    log = f"timestamp,model,input_tokens,output_tokens\n2026-11-10T09:00:00Z,{model},1000,100\n"
    at.file_uploader(key=ustate.FILE).set_value(("log.csv", log.encode(), "text/csv")).run()
    assert_clean(at)
    assert "retire" not in warnings(at)
