"""AppTest of pages/upload.py on the bundled catalogs: upload → what we understood →
totals equal to model.usage.reprice's, bad files refused by name, samples, column mapping."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from model.plan.scenario import load_scenario
from model.usage.readers import read_usage
from model.usage.reprice import reprice_frame
from pages.ui.upload import state as ustate
from pages.ui.upload.sources import digest
from pricing.versions import PriceBook
from tests.app.conftest import OpenPage, assert_clean, frame_with, plain
from tests.conftest import DATA, PRICING_DATA, ROOT

PAGE = "pages/upload.py"
SAMPLES = DATA / "samples"
GENERIC = "generic_small.csv"
OPENROUTER = "openrouter_generations__REAL_2026-03.csv"
pytestmark = pytest.mark.skipif(not PRICING_DATA.is_dir(), reason="data/pricing has no version yet")


def upload(at: AppTest, name: str, data: bytes, mime: str = "text/csv") -> AppTest:
    return at.file_uploader(key=ustate.FILE).set_value([(name, data, mime)]).run()


def upload_many(at: AppTest, *names: str) -> AppTest:
    files = [(n, (SAMPLES / n).read_bytes(), "text/csv") for n in names]
    return at.file_uploader(key=ustate.FILE).set_value(files).run()


def texts(elements) -> str:
    """The text of ``elements`` as shown (user text is escaped; see pages.ui.safe)."""
    return "\n".join(plain(e.value) for e in elements)


def expected_totals(name: str, pricing: str = "by-date") -> dict[str, float]:
    """What the CLI computes for the same file and default scenario."""
    read = read_usage((SAMPLES / name).read_bytes(), name)
    scenario = load_scenario(DATA / "scenarios" / "default.yaml")
    costing = reprice_frame(
        read.frame, PriceBook.load(PRICING_DATA), pricing=pricing,
        assumptions=scenario.assumptions(),
    )  # fmt: skip
    return {o.option.name: o.total_usd for o in costing.options}


def totals_tables(at: AppTest) -> list:
    frames = [df.value for df in at.dataframe if "Same rows" in df.value.columns]
    assert len(frames) == 2, "by-date and today's totals side by side"
    # A Styler (cheapest highlighted) comes back as its data.
    return [getattr(f, "data", f) for f in frames]


@pytest.mark.parametrize("via_app", [True, False], ids=["via-app", "direct"])
def test_empty_page_invites_an_upload(open_page: OpenPage, via_app: bool) -> None:
    at = open_page(PAGE, via_app=via_app)
    assert_clean(at)
    assert at.title[0].value == "Re-price a usage log"
    assert "Try a sample" in texts(at.info)
    uploader = at.file_uploader(key=ustate.FILE)
    # One limit, said as the drop zone says it (1024 MiB: "1GB per file"), and the config's.
    assert "up to 1 GB per file" in uploader.label and uploader.accept_multiple_files
    assert "maxUploadSize = 1024" in (ROOT / ".streamlit" / "config.toml").read_text()


def test_generic_upload_totals_equal_the_engine(open_page: OpenPage) -> None:
    at = upload(open_page(PAGE), GENERIC, (SAMPLES / GENERIC).read_bytes())
    assert_clean(at)
    facts = texts(at.markdown)
    assert "**Format**: generic_csv" in facts and "**Rows read**: 40" in facts
    by_date, latest = totals_tables(at)
    shown = dict(zip(by_date["Option"], by_date["Total"], strict=True))
    assert shown == pytest.approx(expected_totals(GENERIC))
    shown_latest = dict(zip(latest["Option"], latest["Total"], strict=True))
    assert shown_latest == pytest.approx(expected_totals(GENERIC, "today"))
    assert (by_date["Rank"] == 1).sum() == 1
    assert "example assumption" in texts(at.caption)
    # Unknown model: a warning with its row count, never $0.
    assert "acme-omni-7 (3 rows)" in texts(at.warning)
    # What we understood comes before any number.
    md = [m.value for m in at.markdown]
    assert md.index(next(m for m in md if "**Format**" in m)) < md.index(
        next(m for m in md if m.startswith("Cheapest on the"))
    )
    # No cost reported by the generic sample: reconciliation explains itself.
    assert "reports no cost" in texts(at.info)
    assert at.download_button(key=ustate.DOWNLOAD_CSV).label == "Re-priced rows (CSV)"
    assert at.download_button(key=ustate.DOWNLOAD_JSON).label == "Summary (JSON)"


def test_real_openrouter_export_reconciles(open_page: OpenPage) -> None:
    at = upload(open_page(PAGE), OPENROUTER, (SAMPLES / OPENROUTER).read_bytes())
    assert_clean(at)
    assert "through OpenRouter vs billed **$4.39** (+0.0004 %)" in texts(at.markdown)
    rec = frame_with(at, "Beyond tolerance")
    rec = getattr(rec, "data", rec)
    assert not rec["Beyond tolerance"].any()


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.csv", b"", "empty"),
        ("binary.csv", b"\x00\x01\x02garbage\x00" * 50, "binary"),
        ("page.csv", b"<!DOCTYPE html><html><body>Usage</body></html>", "web page"),
        ("book.csv", b"PK\x03\x04" + b"\x00" * 100, "ZIP"),
        ("other.csv", b"a,b\n1,2\n", "not a known usage export"),
    ],
)
def test_bad_file_is_named_and_the_page_keeps_working(
    open_page: OpenPage, name: str, data: bytes, problem: str
) -> None:
    at = upload(open_page(PAGE), name, data)
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1
    message = texts(at.error)
    assert name in message and problem in message
    # The page still works: a good file right after is re-priced.
    at = upload(at, GENERIC, (SAMPLES / GENERIC).read_bytes())
    assert_clean(at)
    assert len(totals_tables(at)) == 2


def test_unknown_layout_mapped_by_hand(open_page: OpenPage) -> None:
    data = (
        b"When,Engine,Prompt Tokens,Completion Tokens\n"
        b"2026-10-01T10:00:00Z,gpt-4o,1000,50\n"
        b"2026-10-02T10:00:00Z,mystery-9,10,5\n"
    )
    at = upload(open_page(PAGE), "tool.csv", data)
    assert "not a known usage export" in texts(at.error)
    at.selectbox(key=ustate.FORMAT).set_value(ustate.MAP_COLUMNS).run()
    assert not at.exception
    # The guess: When/Prompt/Completion found; "Engine" is not an obvious model column.
    model_key = ustate.mapping_key(digest(data), "model")  # mapping widgets are per file
    at.selectbox(key=model_key).set_value("Engine").run()
    assert_clean(at)
    facts = texts(at.markdown)
    assert "**Format**: mapped_csv" in facts and "**Rows read**: 2" in facts
    assert "mystery-9 (1 row)" in texts(at.warning)


def test_nothing_priced_says_so_instead_of_zero_totals(open_page: OpenPage) -> None:
    data = b"timestamp,model,input_tokens,output_tokens\n2026-10-01T10:00:00Z,acme-1,10,5\n"
    at = upload(open_page(PAGE), "odd.csv", data)
    assert_clean(at)
    assert "No row could be priced" in texts(at.warning)
    assert not [df for df in at.dataframe if "Same rows" in df.value.columns]
    assert not at.get("download_button")


def test_cost_only_export_shows_its_bill_and_what_it_lacks(open_page: OpenPage) -> None:
    name = "openai_cost_export__REAL_2025-10.tsv"
    at = upload(open_page(PAGE), name, (SAMPLES / name).read_bytes(), "text/tab-separated-values")
    assert_clean(at)
    assert "What was billed" in [h.value for h in at.subheader]
    shown = texts(at.markdown)
    assert "**Billed**: $2.99" in shown and "2025-10-05 → 2025-10-11 (7 calendar days)" in shown
    assert "no token counts" in texts(at.info)  # what it lacks, plainly
    by_day = frame_with(at, "unknown/ungrouped")  # the ungrouped export's one "model"
    # Hand check: the six billed days of the file (0.895874 + 0.56177125 + 0.569788 +
    # 0.5455665 + 0.3409 + 0.072054 = 2.98595375).
    assert by_day.sum().sum() == pytest.approx(2.98595375)
    assert not [df for df in at.dataframe if "Same rows" in df.value.columns]  # no $0 totals


def test_usage_and_cost_exports_reconciled_together(open_page: OpenPage) -> None:
    """The real pair: $2.99 billed against $2.05 re-priced for the same 7 days."""
    at = upload_many(
        open_page(PAGE),
        "openai_usage_export__REAL_2025-10.tsv",
        "openai_cost_export__REAL_2025-10.tsv",
    )
    assert_clean(at)
    files = frame_with(at, "Kind")
    assert list(files["Kind"]) == ["usage", "cost only"]
    shown = texts(at.markdown)
    assert "Billed **$2.99** against **$2.05** re-priced" in shown
    assert "for the same 7 days, 2025-10-05 → 2025-10-11" in shown
    days = frame_with(at, "Billed − re-priced").set_index("Day")
    # 2025-10-08 is billed ($0.5455665) but the usage export has no row for it.
    assert days.loc["2025-10-08", "Re-priced"] == 0
    assert days.loc["2025-10-08", "Billed"] == pytest.approx(0.5455665)
    assert days["Billed"].sum() == pytest.approx(2.98595375)
    # The usage alone is priced as before: direct $2.05 is one of the totals.
    by_date, _ = totals_tables(at)
    assert round(by_date.set_index("Option").loc["Direct from each vendor", "Total"], 2) == 2.05


def test_sample_picker_shows_provenance(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    at.segmented_control(key=ustate.SOURCE).set_value(ustate.SAMPLE_CHOICE).run()
    assert_clean(at)
    at.selectbox(key=ustate.SAMPLE).set_value(OPENROUTER).run()
    assert_clean(at)
    assert "martinp0/martinp0-tokeny-monitor" in texts(at.caption)
    assert "**Format**: openrouter_generations_csv" in texts(at.markdown)


def test_projection_what_if_changes_the_comparison(open_page: OpenPage) -> None:
    at = upload(open_page(PAGE), GENERIC, (SAMPLES / GENERIC).read_bytes())
    before = frame_with(at, "Base").set_index("Option")["Base"]
    at.selectbox(key=ustate.SUB_SOURCE).set_value("gpt-5.4").run()
    at.slider(key=ustate.SUB_SHARE).set_value(100).run()
    assert_clean(at)
    after = frame_with(at, "Base").set_index("Option")["Base"]
    assert after["Direct from each vendor"] < before["Direct from each vendor"]  # to batch
    assert "days of history" in texts(at.warning) + texts(at.caption)


def test_forced_wrong_format_is_a_clear_error(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    at.selectbox(key=ustate.FORMAT).set_value("cursor_csv").run()
    at = upload(at, GENERIC, (SAMPLES / GENERIC).read_bytes())
    assert not at.exception
    assert GENERIC in texts(at.error)


def test_pooled_discount_feeds_the_totals(open_page: OpenPage) -> None:
    at = upload(open_page(PAGE), GENERIC, (SAMPLES / GENERIC).read_bytes())
    at.number_input(key=ustate.DISCOUNT).set_value(50.0).run()
    assert_clean(at)
    by_date, _ = totals_tables(at)
    pooled = by_date[by_date["Option"].str.contains("ooled")].iloc[0]
    assert pooled["Discount"] == pytest.approx(pooled["Token cost"])  # 50 % off list


def test_page_reads_no_disk_for_uploads(open_page: OpenPage, tmp_path: Path, monkeypatch) -> None:
    """The upload is parsed in memory: nothing is written under the working directory."""
    monkeypatch.chdir(tmp_path)
    at = upload(open_page(PAGE), GENERIC, (SAMPLES / GENERIC).read_bytes())
    assert_clean(at)
    assert list(tmp_path.iterdir()) == []


def test_totals_equal_a_hand_computation(open_page: OpenPage) -> None:
    """Not the engine against itself: numbers worked out by hand from the price list."""
    data = (
        b"timestamp,model,input_tokens,output_tokens\n"
        b"2026-11-21T10:00:00Z,gpt-4o,1000000,0\n"
        b"2026-11-21T11:00:00Z,claude-sonnet-4-5,0,1000000\n"
    )
    at = upload(open_page(PAGE), "hand.csv", data)
    assert_clean(at)
    by_date, _ = totals_tables(at)
    shown = by_date.set_index("Option")
    # 2026-11-20 list prices: gpt-4o input $2.50/MTok, claude-sonnet-4-5 output $15/MTok.
    direct = 1 * 2.50 + 1 * 15.00  # $17.50
    totals = dict(zip(shown.index, shown["Total"], strict=True))
    assert totals["Direct from each vendor"] == pytest.approx(direct)
    # Pooled example: 20 % off list = $14.00. OpenRouter: list + 5.5 % card fee on $100
    # top-ups (max(5.5 % × 100, 0.80) / 100) = 17.50 × 1.055 = $18.4625.
    pooled = next(n for n in totals if "ooled" in n)
    openrouter = next(n for n in totals if "OpenRouter" in n)
    assert totals[pooled] == pytest.approx(14.00)
    assert totals[openrouter] == pytest.approx(18.4625)
    assert shown.loc[pooled, "Rank"] == 1 and shown.loc[openrouter, "Rank"] == 3
    assert "Cheapest on the 2 rows every option prices" in texts(at.markdown)


def test_sample_pair_is_read_together(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    at.segmented_control(key=ustate.SOURCE).set_value(ustate.SAMPLE_CHOICE).run()
    pair = "openai_usage_export__REAL_2025-10.tsv + openai_cost_export__REAL_2025-10.tsv"
    at.selectbox(key=ustate.SAMPLE).set_value(pair).run()
    assert_clean(at)
    assert "Billed **$2.99** against **$2.05** re-priced" in texts(at.markdown)


def test_one_bad_file_among_several_is_named_and_the_rest_go_on(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    files = [("invoice.csv", b"<!DOCTYPE html><html></html>", "text/csv"),
             (GENERIC, (SAMPLES / GENERIC).read_bytes(), "text/csv")]  # fmt: skip
    at = at.file_uploader(key=ustate.FILE).set_value(files).run()
    assert not at.exception
    assert len(at.error) == 1 and "invoice.csv" in texts(at.error)
    assert len(totals_tables(at)) == 2  # the good file is re-priced


def _no_none_cells(at: AppTest) -> None:
    """A missing number must not read "None" (Streamlit's default): every table that has
    one sets a placeholder."""
    for df in at.dataframe:
        value = getattr(df.value, "data", df.value)  # a Styler comes back as its data
        if value.isna().to_numpy().any():
            assert df.proto.placeholder, list(value.columns)


@pytest.mark.parametrize(
    "names",
    [
        (OPENROUTER,),  # reconciliation: a model-day billed $0 has no "Difference %"
        ("openai_usage_export__REAL_2025-10.tsv", "openai_cost_export__REAL_2025-10.tsv"),
        ("anthropic_console_cost__REAL_2024/claude_api_cost_2024_09.csv",),
    ],
)
def test_missing_numbers_never_read_none(open_page: OpenPage, names: tuple[str, ...]) -> None:
    at = upload_many(open_page(PAGE), *names)
    assert_clean(at)
    assert any(df.value.isna().to_numpy().any() for df in at.dataframe
               if hasattr(df.value, "isna"))  # fmt: skip
    _no_none_cells(at)


def test_parquet_upload_of_the_generic_columns(open_page: OpenPage) -> None:
    """Issue 13: the generic columns as Parquet (typed: a time-zone-aware timestamp, integer
    tokens, booleans) give the CSV's totals on the page."""
    import io

    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    table = pacsv.read_csv(SAMPLES / GENERIC)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    at = open_page(PAGE)
    assert "Parquet or Arrow" in at.file_uploader(key=ustate.FILE).label
    at = upload(at, "usage.parquet", buffer.getvalue(), "application/octet-stream")
    assert_clean(at)
    facts = texts(at.markdown)
    assert "**Format**: generic_parquet" in facts and "**Rows read**: 40" in facts
    by_date, _ = totals_tables(at)
    shown = dict(zip(by_date["Option"], by_date["Total"], strict=True))
    assert shown == pytest.approx(expected_totals(GENERIC))
