"""AppTest of pages/pricing_tables.py on the fixture catalogs of tests/conftest.py
(2026-01-01 → 2026-02-01: gpt-4o input 2.50 → 2.00, gemini-2.5-pro output 10 → 12,
gpt-4-turbo removed, gpt-5 added)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from pages.ui import state
from pricing import PriceBook
from tests.app.conftest import OpenPage, assert_clean, frame_with
from tests.conftest import FIXTURE_MODELS, write_pricing_version

PAGE = "pages/pricing_tables.py"
pytestmark = pytest.mark.usefixtures("fixture_app")


def models(at) -> list[str]:
    return frame_with(at, "input")["model_id"].tolist()


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


@pytest.mark.parametrize("via_app", [True, False], ids=["via-app", "direct"])
def test_version_in_force_today_is_shown_by_default(open_page: OpenPage, via_app: bool) -> None:
    at = open_page(PAGE, via_app=via_app)
    assert_clean(at)
    assert at.selectbox(key=state.PRICING_VERSION).value == "2026-02-01"
    assert sorted(models(at)) == ["claude-sonnet-4-5", "gemini-2.5-pro", "gpt-4o", "gpt-5"]
    assert "Pricing version **2026-02-01**" in texts(at.markdown)
    assert "4 models" in texts(at.markdown)


def test_prices_are_per_million_tokens_as_in_the_catalog(open_page: OpenPage) -> None:
    frame = frame_with(open_page(PAGE), "input").set_index("model_id")
    assert frame.loc["gpt-4o", "input"] == 2.0
    assert frame.loc["claude-sonnet-4-5", "cache_write_1h"] == 6.0
    assert frame.loc["gemini-2.5-pro", "long_context_threshold"] == 200_000
    assert frame.loc["gemini-2.5-pro", "long_context_output"] == 15.0
    assert frame.loc["claude-sonnet-4-5", "batch_output"] == 7.5


def test_vendor_filter_narrows_rows(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    at.multiselect(key=state.PRICING_VENDORS).set_value(["openai"]).run()
    assert_clean(at)
    assert models(at) == ["gpt-4o", "gpt-5"]
    assert "2 of 4 models" in texts(at.markdown)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sonnet", ["claude-sonnet-4-5"]),  # display name
        ("GPT-4O", ["gpt-4o"]),  # id, case-insensitive
        ("anthropic/claude", ["claude-sonnet-4-5"]),  # OpenRouter slug
        ("gemini pro", ["gemini-2.5-pro"]),  # every word must match
    ],
)
def test_search_finds_a_model(open_page: OpenPage, query: str, expected: list[str]) -> None:
    at = open_page(PAGE)
    at.text_input(key=state.PRICING_SEARCH).input(query).run()
    assert_clean(at)
    assert models(at) == expected


def test_search_without_match_says_so(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    at.text_input(key=state.PRICING_SEARCH).input("no-such-model").run()
    assert_clean(at)
    assert "No model matches" in texts(at.info)


def test_version_from_the_link_is_selected(open_page: OpenPage) -> None:
    at = open_page(PAGE, query_params={state.PRICING_VERSION: "2026-01-01"})
    assert_clean(at)
    assert at.selectbox(key=state.PRICING_VERSION).value == "2026-01-01"
    assert "gpt-4-turbo" in models(at)


def test_unknown_version_in_the_link_falls_back_with_a_warning(open_page: OpenPage) -> None:
    at = open_page(PAGE, query_params={state.PRICING_VERSION: "1999-01-01"})
    assert_clean(at)
    assert "“1999\\-01\\-01”" in texts(at.warning)  # quoted, markdown-escaped
    assert at.selectbox(key=state.PRICING_VERSION).value == "2026-02-01"


def test_options_show_fees_and_label_the_example(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    markdown, captions = texts(at.markdown), texts(at.caption)
    # option text is escaped for markdown (it comes from a data file): read it unescaped
    shown = markdown.replace("\\", "")
    assert "Fee per top-up (card): **5.5 % (min $0.80)**" in shown
    assert "Discount off list: **20 %**" in shown
    assert "\\$0\\.80" in markdown  # a $ in option text is never LaTeX
    assert "example assumption" in captions
    assert "https://example.test/pricing" in captions


def test_compare_shows_what_got_cheaper_and_dearer(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    assert at.selectbox(key=state.COMPARE_OLD).value == "2026-01-01"
    assert at.selectbox(key=state.COMPARE_NEW).value == "2026-02-01"
    diff = frame_with(at, "Change %").set_index(["Model id", "Price"])
    assert diff.loc[("gpt-4o", "input")].tolist() == ["cheaper", "openai", "$2.5", "$2", "-20 %"]
    assert diff.loc[("gemini-2.5-pro", "output")].tolist() == [
        "dearer",
        "google",
        "$10",
        "$12",
        "+20 %",
    ]
    assert diff.loc[("gpt-5", ""), "Change"] == "added"
    assert diff.loc[("gpt-4-turbo", ""), "Change"] == "removed"
    summary = texts(at.markdown)
    assert "1 price cheaper · 1 price dearer · 1 model added · 1 model removed" in summary


def test_compare_a_version_with_itself(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    at.selectbox(key=state.COMPARE_OLD).set_value("2026-02-01").run()
    assert_clean(at)
    assert "Pick two different versions" in texts(at.info)


def test_compare_identical_versions_says_no_changes(
    open_page: OpenPage, tmp_path: Path, use_data_dir: Callable[[Path], Path]
) -> None:
    for version in ("2026-03-01", "2026-04-01"):
        write_pricing_version(tmp_path / "pricing", version, FIXTURE_MODELS["2026-02-01"])
    use_data_dir(tmp_path)
    at = open_page(PAGE)
    assert_clean(at)
    assert "No price changes between 2026-03-01 and 2026-04-01" in texts(at.success)


def test_single_version_has_nothing_to_compare(
    open_page: OpenPage, tmp_path: Path, use_data_dir: Callable[[Path], Path]
) -> None:
    write_pricing_version(tmp_path / "pricing", "2026-03-01", FIXTURE_MODELS["2026-02-01"])
    use_data_dir(tmp_path)
    at = open_page(PAGE)
    assert_clean(at)
    assert "nothing to compare" in texts(at.info)


def _break_yaml(root: Path) -> None:
    folder = write_pricing_version(root / "pricing", "2026-03-01", FIXTURE_MODELS["2026-02-01"])
    (folder / "catalog.yaml").write_text("version: 2026-03-01\nmodels: [unclosed\n")


def _bad_price(root: Path) -> None:
    bad = [{**FIXTURE_MODELS["2026-02-01"][0], "input": "-1"}]
    write_pricing_version(root / "pricing", "2026-03-01", bad)


def _month_13(root: Path) -> None:
    write_pricing_version(root / "pricing", "2026-13-45", FIXTURE_MODELS["2026-02-01"])


def _impossible_checked_date(root: Path) -> None:
    bad = [
        {
            **FIXTURE_MODELS["2026-02-01"][0],
            "source": {"url": "https://x.test", "checked": "2026-11-31"},
        }
    ]
    write_pricing_version(root / "pricing", "2026-03-01", bad)


def _catalog_is_a_directory(root: Path) -> None:
    write_pricing_version(root / "pricing", "2026-03-01", FIXTURE_MODELS["2026-02-01"])
    folder = root / "pricing" / "2026-04-01"
    (folder / "catalog.yaml").mkdir(parents=True)


@pytest.mark.parametrize(
    ("make_bad", "message"),
    [
        (lambda root: None, "pricing folder not found"),
        (lambda root: (root / "pricing").mkdir(), "no pricing versions"),
        (_break_yaml, "invalid YAML"),
        (_bad_price, "claude-sonnet-4-5"),
        (_month_13, "2026-13-45: folder name is not a date"),
        (_impossible_checked_date, "checked"),
        (_catalog_is_a_directory, "2026-04-01/catalog.yaml: is not a file"),
    ],
    ids=[
        "missing-folder",
        "empty-folder",
        "invalid-yaml",
        "negative-price",
        "month-13",
        "checked-2026-11-31",
        "catalog-is-a-directory",
    ],
)
@pytest.mark.parametrize("via_app", [True, False], ids=["via-app", "direct"])
def test_bad_pricing_data_shows_an_error_not_a_traceback(
    open_page: OpenPage,
    tmp_path: Path,
    use_data_dir: Callable[[Path], Path],
    make_bad: Callable[[Path], None],
    message: str,
    via_app: bool,
) -> None:
    make_bad(tmp_path)
    use_data_dir(tmp_path)
    at = open_page(PAGE, via_app=via_app)
    assert not at.exception
    assert "Cannot load the price catalogs." in texts(at.error)
    assert any(message in c.value for c in at.code)  # the details, as plain text


def test_bundled_data_renders_the_version_in_force_today(
    open_page: OpenPage, bundled_pricing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GATEWISE_DATA_DIR")
    book = PriceBook.load(bundled_pricing)
    at = open_page(PAGE)
    assert_clean(at)
    # A scheduled version (dated after today) is listed but not preselected.
    current = book.get("today")
    assert at.selectbox(key=state.PRICING_VERSION).value == current.version
    assert len(frame_with(at, "input")) == len(current.models) + len(current.unpriced)
    # Options are bare ids (a URL-bound selectbox accepts only labels); the note says more.
    assert at.selectbox(key=state.PRICING_VERSION).options == list(reversed(book.versions))
    assert f"In force today (since {current.effective_from:%d %b %Y})." in texts(at.caption)
    scheduled = book.versions[-1]
    if scheduled > current.version:
        at = open_page(PAGE, query_params={state.PRICING_VERSION: scheduled})
        assert at.selectbox(key=state.PRICING_VERSION).value == scheduled
        assert "Scheduled: takes effect on" in texts(at.caption)
    # A link to a scheduled version selects it (the picker's options are the plain ids, so
    # the URL holds "2026-12-01", which stays valid the day it takes effect).
    later = open_page(PAGE, query_params={state.PRICING_VERSION: "2026-12-01"})
    assert_clean(later)
    assert later.selectbox(key=state.PRICING_VERSION).value == "2026-12-01"
    assert "Scheduled: takes effect on 01 Dec 2026." in texts(later.caption)


def test_a_new_version_shows_up_without_a_restart(
    open_page: OpenPage, fixture_data_dir: Path
) -> None:
    at = open_page(PAGE)
    write_pricing_version(fixture_data_dir / "pricing", "2026-03-01", FIXTURE_MODELS["2026-02-01"])
    at.run()
    assert_clean(at)
    assert at.selectbox(key=state.PRICING_VERSION).options[0] == "2026-03-01"
    # The session keeps its choice (2026-02-01); the note says a newer one is in force.
    assert "today's version is 2026-03-01" in texts(at.caption)


def test_compared_versions_come_from_the_link(
    open_page: OpenPage, tmp_path: Path, use_data_dir: Callable[[Path], Path]
) -> None:
    for version, models in FIXTURE_MODELS.items():
        write_pricing_version(tmp_path / "pricing", version, models)
    write_pricing_version(tmp_path / "pricing", "2026-03-01", FIXTURE_MODELS["2026-02-01"])
    use_data_dir(tmp_path)
    at = open_page(
        PAGE, query_params={state.COMPARE_OLD: "2026-01-01", state.COMPARE_NEW: "2026-03-01"}
    )
    assert_clean(at)
    assert at.selectbox(key=state.COMPARE_OLD).value == "2026-01-01"
    assert at.selectbox(key=state.COMPARE_NEW).value == "2026-03-01"
    assert "From **2026-01-01** to **2026-03-01**" in texts(at.markdown)


def test_bundled_data_shows_status_and_provenance(
    open_page: OpenPage, bundled_pricing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status column (current, retires, retired, price not published) and the three
    provenance facts (pricing page, imported from, page read) with the 60-day flag; as of
    the machine's date, 2026-11-30 here."""
    monkeypatch.delenv("GATEWISE_DATA_DIR")
    at = open_page(PAGE, query_params={state.PRICING_VERSION: "2026-12-01"})
    assert_clean(at)
    frame = frame_with(at, "input").set_index("model_id")
    assert frame.loc["claude-sonnet-4-5", "status"] == "retired 2026-11-30"
    assert frame.loc["claude-sonnet-4-5", "successor"] == "claude-sonnet-5-5"
    assert frame.loc["claude-sonnet-4-5", "input"] == 3.0  # retired: its last price, kept
    assert frame.loc["gpt-5", "status"] == "retires 2026-12-11"
    assert frame.loc["claude-haiku-4-5", "status"] == "current"
    assert frame.loc["claude-mythos-5-2", "status"] == "price not published"
    assert pd.isna(frame.loc["claude-mythos-5-2", "input"])  # never $0
    argon = frame.loc["gemini-4-argon"]
    assert argon["input"] == 4.0 and str(argon["price_from"])[:10] == "2026-12-01"
    assert argon["source_url"] == "https://ai.google.dev/gemini-api/docs/pricing"
    assert "batch.cache_read" in argon["caveats"]
    assert "after 2026-11-21 is not verified" in frame.loc["gpt-5.6-sol", "caveats"]
    sonnet = frame.loc["claude-sonnet-4-6"]
    assert sonnet["dataset"].startswith("litellm 1.98.0") and pd.isna(sonnet["read_on"])
    assert sonnet["read_flag"] == "vendor page never read"
    assert "prices: the vendor's pricing page has not been read in the last 60 days" in texts(
        at.caption
    )
