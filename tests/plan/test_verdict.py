"""The cheapest option compared like with like (DESIGN §5 ``comparable``): options are
compared on the workloads every option sells; a workload some option cannot sell is left out
and named with its cost where it is sold. Worked by hand on the bundled 2026-11-20 prices.

RAG chatbot, no growth: $713.37890625 a month direct (tests/plan/test_goldens.py), ×1.055 on
OpenRouter (card fee), ×0.8 pooled. Jamba Large 1.7 is sold only by OpenRouter ($2 / $8):
100 requests × (1,000 in + 100 out) a day = 3,043.75 requests × $0.0028 = $8.5225 a month.
"""

from __future__ import annotations

import pytest

from model.plan import verdict, whatif
from model.plan.projection import project
from model.plan.scenario import parse_scenario
from tests.plan.conftest import DAYS

RAG = 5000 * DAYS * (4000 * 0.75 + 1500 * 0.075 + 350 * 4.5) / 1e6  # 713.37890625
JAMBA = 100 * DAYS * (1000 * 2 + 100 * 8) / 1e6  # 8.5225


@pytest.fixture
def mixed(preset):  # type: ignore[no-untyped-def]
    s = preset("rag-chatbot", monthly_growth=0.0)
    data = s.model_dump(mode="json")
    data["workloads"].append(
        {"name": "legal", "model": "ai21/jamba-large-1.7", "requests_per_day": 100,
         "input_tokens": 1000, "output_tokens": 100}
    )  # fmt: skip
    return parse_scenario(data)


def test_left_out_workload_is_not_counted_as_free(book, mixed) -> None:  # type: ignore[no-untyped-def]
    assert RAG == pytest.approx(713.37890625) and JAMBA == pytest.approx(8.5225)
    p = project(mixed, book)
    best = verdict.projection_cheapest(p)
    assert (best.option, best.runner_up) == ("pooled", "direct")
    assert best.workloads == (0,) and best.left_out == (1,) and best.partial
    assert best.excluded == ("direct", "pooled")
    # Compared on the RAG workload only; OpenRouter's fee recomputed on that month's credits.
    assert best.totals["direct"] == pytest.approx(12 * RAG)
    assert best.totals["openrouter"] == pytest.approx(12 * RAG * 1.055)
    assert best.totals["pooled"] == pytest.approx(12 * RAG * 0.8)
    assert best.saving_month_usd == pytest.approx(0.2 * RAG)
    # The per-option totals keep their meaning: OpenRouter's own total includes Jamba.
    assert p.totals()["openrouter"] == pytest.approx(12 * (RAG + JAMBA) * 1.055)


def test_fast_path_gives_the_same_verdict(book, mixed) -> None:  # type: ignore[no-untyped-def]
    fast = verdict.compiled_cheapest(whatif.compile_scenario(mixed, book))
    engine = verdict.projection_cheapest(project(mixed, book))
    assert (fast.option, fast.runner_up, fast.workloads, fast.left_out) == (
        engine.option,
        engine.runner_up,
        engine.workloads,
        engine.left_out,
    )
    for o, total in engine.totals.items():
        assert fast.totals[o] == pytest.approx(total, rel=1e-12)


def test_project_json_comparable_block(book, mixed) -> None:  # type: ignore[no-untyped-def]
    out = verdict.project_json(project(mixed, book))
    assert out["comparable"]["workloads"] == ["chat answers"]
    (left,) = out["comparable"]["left_out"]
    assert left["workload"] == "legal" and left["model"] == "ai21/jamba-large-1.7"
    assert left["not_sold_by"] == ["direct", "pooled"]
    assert left["token_cost_usd"] == {"openrouter": pytest.approx(12 * JAMBA)}
    options = {o["id"]: o["total_usd"] for o in out["comparable"]["options"]}
    assert options["pooled"] == pytest.approx(12 * RAG * 0.8)
    assert out["cheapest"]["option"] == "pooled"
    assert out["cheapest"]["saving_total_usd"] == pytest.approx(12 * 0.2 * RAG)


def test_no_workload_every_option_sells_names_no_winner(book, preset) -> None:  # type: ignore[no-untyped-def]
    s = parse_scenario(
        preset("rag-chatbot").model_dump(mode="json")
        | {"workloads": [{"name": "legal", "model": "ai21/jamba-large-1.7",
                          "requests_per_day": 100, "input_tokens": 1000}]}
    )  # fmt: skip
    best = verdict.projection_cheapest(project(s, book))
    assert best.option is None and best.left_out == (0,)
    assert verdict.project_json(project(s, book))["cheapest"] is None
