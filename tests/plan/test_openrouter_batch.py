"""``options.openrouter.batch_api: true`` in a scenario: batch-share traffic through
OpenRouter pays the vendor's per-model batch prices plus the usual purchase fee (never a
blanket 50 %); off (the default) it pays standard prices. Worked by hand on the nightly
batch preset (2026-11-20 prices, one month of 30.4375 days)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from model.plan import whatif
from model.plan.projection import project
from model.plan.scenario import ScenarioError, dump_scenario, parse_scenario
from tests.conftest import ROOT
from tests.plan.conftest import DAYS, with_options

CENT = 0.005
REQUESTS = 20000 * DAYS  # 608,750 a month
# claude-haiku-4-5: $1 / $5 standard, $0.50 / $2.50 batch; 6,000 in + 500 out, 90 % batched
STANDARD = (6000 * 1 + 500 * 5) / 1e6  # $0.0085
BATCH = (6000 * 0.5 + 500 * 2.5) / 1e6  # $0.00425
WITH_BATCH = REQUESTS * (0.1 * STANDARD + 0.9 * BATCH)  # 517.4375 + 2,328.46875 = 2,845.90625


def test_off_by_default_and_on_when_the_scenario_says_so(book, preset) -> None:
    off = project(preset("nightly-batch-summaries", monthly_growth=0.0), book)
    s = with_options(
        preset("nightly-batch-summaries", monthly_growth=0.0),
        openrouter={"payment": "card", "topup_usd": 100, "batch_api": True},
    )
    on = project(s, book)
    assert WITH_BATCH == pytest.approx(2845.90625)
    m_off, m_on = off.monthly("openrouter").iloc[0], on.monthly("openrouter").iloc[0]
    assert m_off.token_cost_usd == pytest.approx(REQUESTS * STANDARD, abs=CENT)  # 5,174.375
    assert m_on.token_cost_usd == pytest.approx(WITH_BATCH, abs=CENT)
    # the card fee stays: 5.5 % of what is bought in $100 top-ups ($5.50 ≥ $0.80 each)
    assert m_on.fees_usd == pytest.approx(WITH_BATCH * 0.055, abs=CENT)  # 156.52
    # direct is unchanged by the switch; the pooled example has no batch API at all
    assert on.monthly("direct").iloc[0].total_usd == pytest.approx(WITH_BATCH, abs=CENT)
    assert on.monthly("pooled").iloc[0].total_usd == pytest.approx(
        off.monthly("pooled").iloc[0].total_usd
    )


def test_fast_path_agrees_with_the_engine_when_on(book, preset) -> None:
    s = with_options(preset("nightly-batch-summaries"), openrouter={"batch_api": True})
    p = project(s, book)
    r = whatif.evaluate(whatif.compile_scenario(s, book))
    for o in r.options:
        np.testing.assert_allclose(
            p.monthly(o.id)["total_usd"].to_numpy(), o.monthly_total, rtol=1e-9, atol=1e-6
        )


def test_the_switch_round_trips_and_is_validated(preset) -> None:
    s = with_options(preset("nightly-batch-summaries"), openrouter={"batch_api": True})
    again = parse_scenario(json.loads(json.dumps(s.model_dump(mode="json"))))
    assert again.options["openrouter"]["batch_api"] is True
    assert "batch_api: true" in dump_scenario(s)
    with pytest.raises(ScenarioError, match=r"batch_api: Input should be a valid boolean"):
        with_options(preset("rag-chatbot"), openrouter={"batch_api": "sometimes"})


def test_cli_project_uses_the_switch(tmp_path: Path, preset) -> None:
    s = with_options(
        preset("nightly-batch-summaries", monthly_growth=0.0, horizon_months=1),
        openrouter={"batch_api": True},
    )
    path = tmp_path / "s.yaml"
    path.write_text(dump_scenario(s))
    out = subprocess.run(
        [sys.executable, "-m", "model", "project", str(path), "--json"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    (month,) = json.loads(out.stdout)["months"]
    openrouter = next(o for o in month["options"] if o["id"] == "openrouter")
    assert openrouter["token_cost_usd"] == pytest.approx(WITH_BATCH, abs=CENT)
