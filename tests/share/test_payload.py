"""model.share.payload: a link carries the whole scenario (workloads, options, pricing
version, currency, requirements, weights, overrides) and the versions that priced each month;
opening it gives back exactly that, and anything else is refused in one line."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.plan.calendar import pricing_calendar
from model.plan.currency import FxRate
from model.plan.scenario import Scenario, load_scenario, parse_scenario
from model.share.link import SAFE_LINK_CHARS, ShareLinkError, decode, encode
from model.share.payload import (
    compact,
    make_link,
    make_payload,
    open_link,
    read_payload,
    shared_rate,
    token_of,
)
from tests.conftest import DATA
from tests.share.strategies import priced_by, scenarios

EUR = FxRate("EUR", 0.8612, dt.date(2026, 10, 30), "https://www.ecb.europa.eu/")


@given(scenarios(), st.data())
def test_round_trip_of_any_valid_scenario(data: dict, draw: st.DataObject) -> None:
    scenario = parse_scenario(data)
    record = draw.draw(priced_by(scenario.horizon_months))
    payload = make_payload(scenario)
    payload["priced_by"] = record
    opened = read_payload(decode(encode(payload)))
    assert opened.scenario == scenario
    assert opened.scenario.model_dump() == scenario.model_dump()
    assert [list(m) for m in opened.priced_by or ()] == record


@given(scenarios())
def test_compact_drops_only_defaults(data: dict) -> None:
    scenario = parse_scenario(data)
    assert parse_scenario(compact(scenario)) == scenario
    assert "start_month" in compact(scenario)  # its default moves with the calendar


def test_the_link_records_each_months_versions(bundled_book) -> None:
    scenario = load_scenario(DATA / "scenarios" / "default.yaml")
    calendar = pricing_calendar(scenario, bundled_book)
    opened = open_link(make_link(scenario, calendar))
    assert [list(m) for m in opened.priced_by or ()] == calendar.month_versions()
    assert opened.versions == tuple(sorted(set(calendar.versions)))


def test_an_archetype_with_weights_and_overrides_fits_a_chat_message(bundled_book) -> None:
    for path in sorted((DATA / "scenarios" / "archetypes").glob("*.yaml")):
        scenario = load_scenario(path)
        link = make_link(scenario, pricing_calendar(scenario, bundled_book), EUR)
        assert len(link) < SAFE_LINK_CHARS / 2, (path.name, len(link))
        assert open_link(link).scenario == scenario


def test_a_large_scenario_is_longer_than_chat_tools_keep() -> None:
    # 120 workloads with their own volumes do not compress below 2,000 characters: the pages
    # say so and point to the scenario file (the link still opens when it arrives whole).
    rng = random.Random(12)
    workloads = [
        {"name": f"team {i} agent", "model": "gpt-5.4", "requests_per_day": rng.randint(1, 10**6),
         "input_tokens": rng.randint(1, 10**5), "output_tokens": rng.randint(1, 10**4)}
        for i in range(120)
    ]  # fmt: skip
    scenario = parse_scenario({"workloads": workloads, "start_month": "2026-12"})
    link = make_link(scenario)
    assert len(link) > SAFE_LINK_CHARS
    assert open_link(link).scenario == scenario


def test_the_display_rate_travels_with_the_currency() -> None:
    scenario = parse_scenario(
        {"workloads": [{"name": "a", "model": "gpt-5.4", "requests_per_day": 1}],
         "currency": "EUR", "start_month": "2026-12"}
    )  # fmt: skip
    opened = open_link(make_link(scenario, rate=EUR))
    assert opened.fx is not None and opened.fx.per_usd == 0.8612
    assert opened.fx.date == dt.date(2026, 10, 30)
    # Today's reference rate differs: the author's rate is used, so the amounts match theirs.
    today = FxRate("EUR", 0.90, dt.date(2026, 12, 1), "https://www.ecb.europa.eu/")
    used = shared_rate(opened, today)
    assert (used.per_usd, used.date) == (0.8612, dt.date(2026, 10, 30))
    assert shared_rate(opened, EUR) is EUR
    usd = scenario.model_copy(update={"currency": "USD"})
    assert "fx" not in make_payload(usd, rate=EUR)  # a rate of another currency is not sent


def _payload(**changes: object) -> dict:
    base = {"scenario": {"workloads": [{"name": "a", "model": "gpt-5.4", "requests_per_day": 1}],
                         "horizon_months": 2, "start_month": "2026-12"},
            "priced_by": [["2026-11-20"], ["2026-11-20"]]}  # fmt: skip
    return {**base, **changes}


@pytest.mark.parametrize(
    ("payload", "says"),
    [
        (_payload(api_key="sk-x"), "unknown data"),
        ({"priced_by": []}, "holds no scenario"),
        (_payload(scenario={"workloads": []}), "workloads"),
        (_payload(scenario={"workloads": [{"name": "a", "model": "m", "requests_per_day": -1}]}),
         "workloads.0.requests_per_day"),
        (_payload(scenario={"workloads": [{"name": "a", "model": "m", "requests_per_day": 1}],
                            "currency": "XBT"}), "currency"),
        (_payload(scenario={"workloads": [{"name": "a", "model": "m", "requests_per_day": 1}],
                            "secret": "sk-x"}), "secret: unknown key"),
        (_payload(scenario="platform team"), "expected a mapping"),
        (_payload(priced_by=[["2026-11-20"]]), "each of its 2 months"),
        (_payload(priced_by="2026-11-20"), "each of its 2 months"),
        (_payload(priced_by=[["2026-11-20"], ["../../etc"]]), "each of its 2 months"),
        (_payload(priced_by=[["2026-11-20"], []]), "each of its 2 months"),
        (_payload(priced_by=[["2026-11-20"], ["2027-01-01", "2026-11-20"]]), "each of its"),
        (_payload(fx={"per_usd": 0.9}), "fx"),  # a rate for a USD scenario
    ],
)  # fmt: skip
def test_invalid_payloads_are_refused_in_one_line(payload: dict, says: str) -> None:
    with pytest.raises(ShareLinkError, match=says) as err:
        open_link(encode(payload))
    assert "\n" not in str(err.value) and len(str(err.value)) <= 220


@pytest.mark.parametrize(
    "fx", [{"per_usd": -1}, {"per_usd": True}, {"per_usd": 1, "date": "soon"}, {"rate": 1}, [1]]
)
def test_a_bad_rate_is_refused(fx: object) -> None:
    payload = _payload(fx=fx)
    payload["scenario"]["currency"] = "EUR"
    with pytest.raises(ShareLinkError, match="fx"):
        open_link(encode(payload))


def test_the_link_is_read_from_a_whole_address_or_alone() -> None:
    link = encode(_payload())
    assert token_of(link) == link
    assert token_of(f"https://gatewise.example/report?s={link}&x=1") == link
    assert token_of(f"/calculator?s={link}") == link
    assert open_link(f"http://127.0.0.1:8501/scorecard?s={link}").scenario.horizon_months == 2
    with pytest.raises(ShareLinkError, match="no \\?s= share parameter"):
        token_of("https://gatewise.example/report?version=latest")


def test_nothing_but_the_scenario_and_its_records_is_encoded(tmp_path: Path) -> None:
    scenario = load_scenario(DATA / "scenarios" / "archetypes" / "regulated-baa.yaml")
    payload = json.loads(json.dumps(make_payload(scenario, rate=EUR)))
    assert set(payload) <= {"scenario", "priced_by", "fx"}
    assert set(payload["scenario"]) <= set(Scenario.model_fields)
