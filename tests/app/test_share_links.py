"""Share links on the calculator, scorecard and report pages (AppTest): a link opens the
same scenario and numbers; a link made before new price data arrived keeps the author's
numbers and says what today's data changes, by how much; damaged, tampered, oversized, old-
and future-version links get one message and the defaults, never a crash; link text is
never rendered as markdown; the Copy share link block holds the scenario and nothing else."""

from __future__ import annotations

import base64
import re
import zlib
from pathlib import Path
from typing import Any

import pytest

from model.plan.calendar import pricing_calendar
from model.plan.currency import FxRate, money
from model.plan.projection import project
from model.plan.scenario import load_scenario, parse_scenario
from model.share.link import MAX_LINK_CHARS
from model.share.payload import make_link, open_link, token_of
from pages.ui import scenario_state as ss
from pricing.versions import PriceBook
from tests.app.conftest import OpenPage, assert_clean
from tests.app.test_calculator_page import metrics, plain
from tests.conftest import DATA, FIXTURE_MODELS, write_pricing_version

PAGES = ("pages/calculator.py", "pages/scorecard.py", "pages/report.py")
ARCHETYPE = DATA / "scenarios" / "archetypes" / "regulated-baa.yaml"


def _raw(text: str, prefix: str = "v1.") -> str:
    return prefix + base64.urlsafe_b64encode(zlib.compress(text.encode())).rstrip(b"=").decode()


def _default_name() -> str:
    from model.plan.presets import load_presets

    presets = {p.id: p for p in load_presets(DATA / "scenarios" / "presets")}
    return presets[ss.DEFAULT_PRESET].scenario.name


def _good() -> str:
    return make_link(load_scenario(ARCHETYPE))


BAD_LINKS = {
    "tampered": lambda: _good()[:40] + ("A" if _good()[40] != "A" else "B") + _good()[41:],
    "cut": lambda: _good()[:-12],
    "oversized": lambda: "v1." + "A" * (MAX_LINK_CHARS + 10),
    "old version": lambda: "v0." + _good()[3:],
    "future version": lambda: "v2." + _good()[3:],
    "markdown": lambda: (
        "**Session expired** [log in](https://evil.example) ![x](https://e.x/i.png)"
    ),
    "not a scenario": lambda: _raw('{"scenario": {"workloads": [{"name": "<b>x</b>"}]}}'),
    "unpriceable": lambda: _raw(
        '{"scenario": {"workloads": [{"name": "a", "model": "acme-omni-7", '
        '"requests_per_day": 1}], "start_month": "2026-12"}}'
    ),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("kind", sorted(BAD_LINKS))
def test_a_bad_link_is_one_message_and_the_defaults(
    open_page: OpenPage, page: str, kind: str
) -> None:
    at = open_page(page, query_params={"s": BAD_LINKS[kind]()})
    assert not at.exception, [e.value for e in at.exception]
    (error,) = [e.value for e in at.error]
    assert error.startswith("This share link cannot be opened: ")
    assert error.endswith("Showing the default scenario instead.")
    assert "\n" not in error and len(error) < 400
    assert "](" not in error.replace("\\]\\(", "")  # no live markdown link
    assert at.session_state[ss.SCENARIO]["name"] == _default_name()
    at.run()  # a rerun keeps the defaults and says it again (the link is still in the URL)
    assert not at.exception and len(at.error) == 1


def test_a_link_opens_the_same_scenario_and_numbers(
    open_page: OpenPage, bundled_book: PriceBook
) -> None:
    scenario = load_scenario(ARCHETYPE).model_copy(update={"currency": "EUR"})
    rate = FxRate("EUR", 0.8612, None, "the author's own rate")
    projection = project(scenario, bundled_book)
    link = make_link(scenario, projection.calendar, rate)
    at = open_page("pages/calculator.py", query_params={"s": link})
    assert_clean(at)
    opened = parse_scenario(at.session_state[ss.SCENARIO])
    # The calculator spells the options out (the pooled discount per vendor): same values.
    assert opened.model_copy(update={"options": scenario.options}) == scenario
    assert set(opened.options["pooled"]["discount"].values()) == {0.2}
    n = scenario.horizon_months
    names = {o.id: o.name for o in projection.catalog.options}
    shown = metrics(at)
    for option_id, total in projection.totals().items():
        assert shown[names[option_id]] == f"{money(total / n, rate)}/mo"  # at the author's rate
    # The scorecard scores the same scenario: its must-haves and weights came with the link.
    at.switch_page("scorecard.py").run()  # relative to the page run as the script
    assert_clean(at)
    assert at.session_state[ss.SCENARIO]["requirements"] == ["baa", "zdr", "soc2"]


def test_the_copy_block_holds_the_scenario_only(open_page: OpenPage) -> None:
    secret = "sk-test-SECRET-77"
    at = open_page("pages/scorecard.py", session_state={"testcall_api_key": secret})
    assert_clean(at)
    (url,) = [c.value for c in at.code if "?s=v1." in c.value]
    assert url.startswith("/scorecard?s=v1.")
    opened = open_link(url)
    assert opened.scenario == parse_scenario(at.session_state[ss.SCENARIO])
    assert secret not in url and "SECRET" not in str(opened)


def _data_dir(root: Path, *, with_step: bool) -> Path:
    """The fixture price data (2026-01-01, 2026-02-01), plus a step on 2026-03-15 (gpt-4o
    input $2.00 → $3.00) when ``with_step``; everything else is the repository's data."""
    root.mkdir(parents=True)
    for child in DATA.iterdir():
        if child.name != "pricing":
            (root / child.name).symlink_to(child)
    for version, models in FIXTURE_MODELS.items():
        write_pricing_version(root / "pricing", version, models)
    if with_step:
        later = [{**m, "input": "3.00"} if m["model_id"] == "gpt-4o" else m
                 for m in FIXTURE_MODELS["2026-02-01"]]  # fmt: skip
        write_pricing_version(root / "pricing", "2026-03-15", later)
    return root


PINNED = {
    "name": "Chat on GPT-4o",
    "start_month": "2026-01",
    "horizon_months": 4,
    "days_per_month": 30,
    "workloads": [
        {"name": "chat", "model": "gpt-4o", "requests_per_day": 1000, "input_tokens": 1000}
    ],
}


def test_a_link_keeps_the_authors_prices_and_says_what_today_changes(
    open_page: OpenPage, tmp_path: Path, use_data_dir: Any
) -> None:
    author = PriceBook.load(_data_dir(tmp_path / "then", with_step=False) / "pricing")
    scenario = parse_scenario(PINNED)
    link = make_link(scenario, pricing_calendar(scenario, author))
    use_data_dir(_data_dir(tmp_path / "now", with_step=True))
    at = open_page("pages/calculator.py", query_params={"s": link})
    assert_clean(at)
    # The author's numbers: 30 MTok × $2.50, then × $2.00 → (75 + 60 × 3) / 4 = $63.75/mo.
    assert metrics(at)["Direct from each vendor"] == "$63.75/mo"
    (note,) = [plain(i.value) for i in at.info if "share link recorded" in i.value]
    assert "(version 2026-01-01, 2026-02-01)" in note
    # March: 14 days at $2.00 and 17 at $3.00 → 30 × 79/31 = $76.45 (+$16.45); April +$30.
    assert "would price 2 month(s) differently" in note
    assert "2026-03 (by 2026-02-01, 2026-03-15 instead of 2026-02-01: Direct from each vendor " \
           "+$16.45" in note  # fmt: skip
    assert "2026-04 (by 2026-03-15 instead of 2026-02-01: Direct from each vendor +$30.00" in note
    at.button(key="share_unpin").click().run()
    assert_clean(at)
    # Today's data: (75 + 60 + 76.4516 + 90) / 4 = $75.36/mo; the note is gone.
    assert metrics(at)["Direct from each vendor"] == "$75.36/mo"
    assert not [i for i in at.info if "share link recorded" in i.value]


def test_a_link_from_newer_data_is_priced_with_todays_and_says_so(
    open_page: OpenPage, tmp_path: Path, use_data_dir: Any
) -> None:
    newer = PriceBook.load(_data_dir(tmp_path / "then", with_step=True) / "pricing")
    scenario = parse_scenario(PINNED)
    link = make_link(scenario, pricing_calendar(scenario, newer))
    use_data_dir(_data_dir(tmp_path / "now", with_step=False))
    at = open_page("pages/report.py", query_params={"s": link})
    assert not at.exception and not at.error
    (warning,) = [plain(w.value) for w in at.warning if "2026-03-15" in plain(w.value)]
    assert "which this price data does not have" in warning
    assert "priced with today's data instead" in warning
    # Another scenario loaded (a file here) ends what the link said.
    from model.plan.scenario import dump_scenario

    mine = dump_scenario(scenario.model_copy(update={"name": "mine"})).encode()
    at.file_uploader(key="report_upload").set_value(("mine.yaml", mine, "application/x-yaml"))
    at.run()
    assert not at.exception and not at.error
    assert not [w for w in at.warning if "2026-03-15" in plain(w.value)]


def test_a_link_on_the_report_page_reproduces_its_link(open_page: OpenPage) -> None:
    link = _good()
    at = open_page("pages/report.py", query_params={"s": link})
    assert_clean(at)
    (url,) = {c.value for c in at.code if "?s=v1." in c.value}
    assert open_link(url).scenario == open_link(link).scenario
    assert re.match(r"^/report\?s=v1\.[A-Za-z0-9_-]+$", url)
    assert token_of(url).startswith("v1.")


def test_scenario_file_round_trips_the_scorecards_keys(open_page: OpenPage) -> None:
    # Upload on the scorecard page: requirements, weights and overrides arrive; the download
    # gives them back (the CLI's reader and writer).
    from model.plan.scenario import dump_scenario

    scenario = load_scenario(ARCHETYPE).model_copy(
        update={"overrides": parse_scenario(
            {"workloads": [{"name": "a", "model": "m", "requests_per_day": 1}],
             "overrides": [{"option": "pooled", "criterion": "baa", "rating": "yes",
                            "note": "**signed** <b>BAA</b>"}]}
        ).overrides}
    )  # fmt: skip
    at = open_page("pages/scorecard.py")
    at.file_uploader(key="score_upload").set_value(
        ("team.yaml", dump_scenario(scenario).encode(), "application/x-yaml")
    ).run()
    assert_clean(at)
    loaded = parse_scenario(at.session_state[ss.SCENARIO])
    assert loaded == scenario
    assert at.session_state["score_w_must_baa"] is True  # the must-have widgets re-seeded
