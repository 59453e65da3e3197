"""Options compared like with like (issue 8 item 2): on the rows every option prices, fees
recomputed on those rows, the rest counted and costed where it is sold."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.engine.adjustments import OptionAssumptions
from model.engine.comparable import comparable
from model.engine.costing import cost_usage
from model.engine.frame import records_frame
from model.plan.scenario import load_scenario
from model.usage.chunked import reprice_file, reprice_files
from model.usage.readers import read_usage
from model.usage.reprice import reprice_frame
from pricing.versions import PriceBook
from tests.conftest import DATA, PRICING_DATA
from tests.engine.catalogs import book

OPENROUTER = DATA / "samples" / "openrouter_generations__REAL_2026-03.csv"


def _row(model: str, inp: float, out: float = 0, day: str = "2026-03-02") -> dict:
    return {"timestamp": f"{day}T10:00:00Z", "model": model, "input_tokens": inp,
            "output_tokens": out}  # fmt: skip


def test_fees_are_recomputed_on_the_compared_rows() -> None:
    # claude-x $3/MTok in (sold everywhere); meta/llama-x $0.5 in, sold by OpenRouter only.
    frame = records_frame([_row("claude-x", 1e6), _row("meta/llama-x", 2e6)])
    cmp = comparable(cost_usage(frame, book()))
    assert cmp.rows == 1 and cmp.left_out_rows == 1
    assert cmp.left_out_models == {"meta/llama-x": 1}
    # Direct: $3. Pooled: 20 % off = $2.40. OpenRouter: $3 + 5.5 % card fee = $3.165
    # (on the compared $3, not on its full $3 + $1 = $4 of credits).
    assert cmp.total("direct") == pytest.approx(3.0)
    assert cmp.total("pooled") == pytest.approx(2.4)
    assert cmp.total("openrouter") == pytest.approx(3.0 * 1.055)
    assert cmp.cheapest == "pooled"
    # The left-out row costs 2 × $0.5 = $1 where it is sold (token cost; fees are monthly).
    (sold,) = cmp.left_out
    assert (sold.id, sold.rows, sold.token_cost_usd) == ("openrouter", 1, pytest.approx(1.0))


def test_byok_fee_on_compared_list_cost() -> None:
    frame = records_frame([_row("claude-x", 1e10), _row("meta/llama-x", 1e10)])
    costing = cost_usage(frame, book(), assumptions={"openrouter": OptionAssumptions(byok=True)})
    cmp = comparable(costing)
    # Compared list cost $30,000: BYOK 5 % above the $25,000 allowance = $250, paid from
    # credits that carry the 5.5 % card fee: $250 × 1.055 = $263.75.
    assert cmp.total("openrouter") == pytest.approx(30_000 + 263.75)


def test_byok_fee_on_list_cost_even_with_a_discount() -> None:
    frame = records_frame([_row("claude-x", 1e10), _row("meta/llama-x", 1e10)])
    chosen = {"openrouter": OptionAssumptions(byok=True, discount=0.10)}
    cmp = comparable(cost_usage(frame, book(), assumptions=chosen))
    # Compared: claude-x only, list $30,000, paid $27,000 after the 10 %. The BYOK fee is on
    # the list cost: 5 % × ($30,000 − $25,000) × 1.055 = $263.75 (on $27,000 it would be
    # $105.50).
    assert cmp.total("openrouter") == pytest.approx(27_000 + 263.75)
    # Without BYOK the credits bought are the discounted cost: $27,000 × 1.055.
    chosen = {"openrouter": OptionAssumptions(discount=0.10)}
    cmp = comparable(cost_usage(frame, book(), assumptions=chosen))
    assert cmp.total("openrouter") == pytest.approx(27_000 * 1.055)


def test_no_common_row_means_no_cheapest() -> None:
    cmp = comparable(cost_usage(records_frame([_row("meta/llama-x", 1e6)]), book()))
    assert cmp.rows == 0 and cmp.cheapest is None and cmp.ranked() == []
    assert cmp.to_json()["cheapest"] is None


def test_unknown_models_are_neither_compared_nor_left_out() -> None:
    frame = records_frame([_row("claude-x", 1e6), _row("acme-9", 1e6)])
    cmp = comparable(cost_usage(frame, book()))
    assert (cmp.rows, cmp.left_out_rows) == (1, 0)


def test_real_openrouter_export_golden(bundled_book: PriceBook) -> None:
    """Direct $4.39 and pooled $3.51 vs OpenRouter on the same paid tokens (issue 8)."""
    with OPENROUTER.open(encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh))
    paid = [r for r in raw if r["variant"] != "free"]
    # Independent oracle: OpenRouter's own bill for the paid rows (provider list price).
    billed = sum(float(r["cost_total"]) for r in paid)
    assert billed == pytest.approx(4.387562)
    read = read_usage(OPENROUTER.read_bytes(), OPENROUTER.name)
    scenario = load_scenario(DATA / "scenarios" / "default.yaml")
    cmp = comparable(reprice_frame(read.frame, bundled_book, assumptions=scenario.assumptions()))
    assert cmp.rows == len(paid) == 53
    assert cmp.left_out_rows == len(raw) - len(paid) == 15
    assert cmp.total("direct") == pytest.approx(billed, rel=1e-5)
    assert round(cmp.total("direct"), 2) == 4.39
    assert cmp.total("pooled") == pytest.approx(0.8 * cmp.total("direct"))  # 20 % example
    assert round(cmp.total("pooled"), 2) == 3.51
    # OpenRouter on the same rows: list + 5.5 % card fee ($100 top-ups) = $4.63.
    assert cmp.total("openrouter") == pytest.approx(1.055 * cmp.total("direct"))
    assert cmp.cheapest == "pooled"
    # The 15 :free rows are sold only by OpenRouter, which served them at $0.
    assert [(x.id, x.rows, x.token_cost_usd) for x in cmp.left_out] == [("openrouter", 15, 0.0)]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["claude-x", "gpt-x-pro", "meta/llama-x", "acme-9"]),
            st.integers(0, 5_000_000),
            st.integers(0, 500_000),
            st.integers(1, 60),  # day of the year 2026: months split the fees
        ),
        min_size=1,
        max_size=25,
    )
)
def test_comparison_properties(rows: list[tuple[str, int, int, int]]) -> None:
    frame = records_frame(
        [{"timestamp": f"2026-{1 + d // 31:02d}-{1 + d % 28:02d}T00:00:00Z", "model": m,
          "input_tokens": i, "output_tokens": o} for m, i, o, d in rows]
    )  # fmt: skip
    costing = cost_usage(frame, book())
    cmp = comparable(costing)
    known = [m for m, *_ in rows if m != "acme-9"]
    assert cmp.rows + cmp.left_out_rows == len(known)
    assert cmp.left_out_rows == known.count("meta/llama-x")
    for o in costing.options:
        # Fewer rows never cost more (fees grow with spend), and with nothing left out the
        # comparison is the option's own total.
        assert cmp.total(o.id) <= o.total_usd + 1e-9
        if not cmp.left_out_rows:
            assert cmp.total(o.id) == pytest.approx(o.total_usd)


def test_the_reprice_json_block_on_the_real_export() -> None:
    """The ``comparable`` block of ``reprice --json`` in full, in process (the CLI tests run
    it in a subprocess): left-out rows counted per model from the file itself."""
    with OPENROUTER.open(encoding="utf-8") as fh:
        free = Counter(r["model_permaslug"] for r in csv.DictReader(fh) if r["variant"] == "free")
    # The export's slugs carry a release date that the catalog's ids do not.
    free = Counter({slug.removesuffix("-20251201").removesuffix("-20230311"): n
                    for slug, n in free.items()})  # fmt: skip
    scenario = load_scenario(DATA / "scenarios" / "default.yaml")
    got = reprice_file(
        OPENROUTER, PRICING_DATA, pricing="by-date", assumptions=scenario.assumptions()
    )["comparable"]
    assert list(got) == ["rows", "options", "cheapest", "left_out"]
    assert got["rows"] == 53 and got["cheapest"] == "pooled"
    assert [(o["id"], round(o["total_usd"], 5)) for o in got["options"]] == [
        ("direct", 4.38758), ("openrouter", 4.6289), ("pooled", 3.51006),
    ]  # fmt: skip
    assert got["left_out"] == {
        "rows": 15,
        "models": dict(sorted(free.items())),
        "sold_by": [{"id": "openrouter", "rows": 15, "token_cost_usd": 0.0}],
    }


def test_several_files_add_up_to_one(tmp_path) -> None:
    """The comparison merged over files (and over slices of one file) equals the comparison
    of the same rows in one file: compared totals, left-out rows and their cost."""
    head = "timestamp,model,input_tokens,output_tokens\n"
    a = [f"2026-10-0{d}T10:00:00Z,gpt-4o,{1000 * d},50\n" for d in (1, 2)]
    a += [f"2026-10-0{d}T11:00:00Z,z-ai/glm-4.5-air,2000,{100 * d}\n" for d in (1, 2, 3)]
    b = ["2026-10-05T10:00:00Z,gpt-4o,7000,70\n", "2026-11-02T10:00:00Z,gpt-4o,500,5\n"]
    b += [f"2026-11-0{d}T11:00:00Z,z-ai/glm-4.5-air,3000,300\n" for d in (1, 2)]
    files = {"a.csv": a, "b.csv": b, "all.csv": a + b}
    for name, rows in files.items():
        (tmp_path / name).write_text(head + "".join(rows))

    def block(*names: str, **options: int | bool) -> dict:
        paths = [tmp_path / n for n in names]
        return reprice_files(paths, PRICING_DATA, pricing="by-date", **options)["comparable"]

    def rounded(value: object) -> object:  # a JSON block with every number to 1e-9
        if isinstance(value, dict):
            return {k: rounded(v) for k, v in value.items()}
        if isinstance(value, list):
            return [rounded(v) for v in value]
        return round(value, 9) if isinstance(value, float) else value

    whole = block("all.csv")
    assert whole["rows"] == 4 and whole["left_out"]["rows"] == 5
    assert whole["left_out"]["models"] == {"z-ai/glm-4.5-air": 5}
    assert whole["left_out"]["sold_by"][0]["token_cost_usd"] > 0
    for merged in (
        block("a.csv", "b.csv"),
        block("all.csv", chunk_above=0, chunk_bytes=64, columnar=False),
    ):
        assert rounded(merged) == rounded(whole)
