"""Capacity of new direct accounts on known cases (tiers from data/capacity/ratelimits.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.plan.capacity import RateLimits, capped_months, check_capacity, load_ratelimits
from model.plan.projection import project
from tests.conftest import DATA
from tests.plan.conftest import DAYS, with_workload

LIMITS = load_ratelimits(DATA / "capacity" / "ratelimits.yaml")


def test_tier_file_is_dated_and_sourced() -> None:
    for vendor in LIMITS.vendors:
        assert vendor.entry_tier in {t.id for t in vendor.tiers}
        for tier in vendor.tiers:
            assert tier.source.url.startswith("https://") and tier.source.checked.year >= 2026
            if tier.cap == "hard":
                assert tier.monthly_cap_usd is not None
    caps = {(v.vendor, t.id): t.monthly_cap_usd for v in LIMITS.vendors for t in v.tiers}
    assert caps[("anthropic", "start")] == 500 and caps[("google", "tier1")] == 250
    (openrouter,) = LIMITS.aggregators
    assert openrouter.platform_cap == "none" and "limits" in openrouter.source.url


def test_invalid_tier_file_names_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "limits.yaml"
    bad.write_text(
        (DATA / "capacity" / "ratelimits.yaml").read_text().replace("cap: hard", "cap: maybe", 1)
    )
    with pytest.raises(ValueError, match=r"vendors\.0\.tiers\.1\.cap"):
        load_ratelimits(bad)


def test_gemini_long_context_outgrows_tier_1(book, preset) -> None:
    # Month 1 needs $10,161.26 (test_goldens) ≈ $338.71 a day over a 30-day month.
    # Tier 1 ($250 cap): day 1 spends $250 (capped), days 2–3 nothing (capped). Tier 2 needs
    # $100 paid and 3 days → from after day 3 ($2,000 cap, $250 spent): days 4–8 full
    # ($1,943.54), day 9 partial, then capped until Tier 3 ($1,000 paid + 30 days) after
    # day 30: 3 + 1 + 21 = 25 capped days in month 1.
    p = project(preset("long-context-documents"), book)
    (google,) = check_capacity(p, LIMITS, peak_factor=3.0)
    assert google.vendor == "google" and not google.fits_new_account
    assert google.required_tier == "Tier 3"
    assert google.reach_days_prepaid == 30 and google.reach_days_organic == 30
    m1, m2 = google.months.iloc[0], google.months.iloc[1]
    assert (m1.status, m1.tier_at_start, m1.capped_days) == ("capped", "Tier 1", 25)
    # It ends the month in Tier 3 (reached at the end of day 30): the month's row, sentence
    # and chart say the same thing: $10,161.26 needed, $2,000 served (the Tier 2 cap), the
    # rest not.
    assert (m1.tier, m1.moved_up_day) == ("Tier 3", 30)
    assert m1.need_usd == pytest.approx(10161.255, abs=0.005)
    assert m1.served_usd == pytest.approx(2000, abs=0.005)
    assert m1.unmet_usd == pytest.approx(10161.255 - 2000, abs=0.005)
    assert (m2.status, m2.tier, m2.cap_usd) == ("fits", "Tier 3", 20000)
    assert list(capped_months([google])["start"]) == ["2026-12"]


def test_small_workload_fits_a_new_account(book, preset) -> None:
    # 10 questions a day on GPT-5.4 mini ≈ $1.43 a month: far below OpenAI Tier 1's $100 cap.
    s = with_workload(preset("rag-chatbot", monthly_growth=0.0), requests_per_day=10)
    (openai,) = check_capacity(project(s, book), LIMITS)
    assert openai.fits_new_account and openai.required_tier == "Tier 1"
    assert (openai.months["status"] == "fits").all()
    assert openai.months["need_usd"].iloc[0] == pytest.approx(10 * DAYS * 0.0046875, abs=0.005)


def test_peak_rate_throttles_gemini_spend_rate(book, preset) -> None:
    # Tier 1 allows $10 of spend per rolling 10 minutes. 7 reviews a day cost
    # 7 × 30.4375 × $1.072 = $228.40 a month (below its $250 cap), $0.052 per 10 min on
    # average: a 400× burst (a nightly job firing everything at once) is $20.8 → throttled.
    s = with_workload(preset("long-context-documents", monthly_growth=0.0), requests_per_day=7)
    s = s.model_copy(update={"workloads": s.workloads[:1]})
    p = project(s, book)
    need = p.monthly("direct")["total_usd"].iloc[0]
    assert need == pytest.approx(7 * DAYS * 1.072)
    calm = check_capacity(p, LIMITS, peak_factor=1.0)[0]
    assert calm.fits_new_account
    spiky = check_capacity(p, LIMITS, peak_factor=400.0)[0]
    assert spiky.months["status"].iloc[0] == "throttled"
    assert spiky.months["peak_spend_10min_usd"].iloc[0] == pytest.approx(need / (DAYS * 144) * 400)


def one_tier(**limits: float) -> RateLimits:
    """Anthropic with one uncapped tier holding only ``limits``: the verdict is theirs alone."""
    src = {"url": "https://example.test/limits", "checked": "2026-10-01"}
    tier = {"id": "solo", "name": "Solo", "cap": "none", "qualify_paid_usd": 0,
            "qualify_days": 0, "source": src, **limits}  # fmt: skip
    return RateLimits.model_validate(
        {
            "checked": "2026-10-01",
            "vendors": [{"vendor": "anthropic", "name": "Anthropic API", "entry_tier": "solo",
                         "tiers": [tier]}],
        }
    )  # fmt: skip


# Per minute at a peak factor of 1 = per day ÷ 1,440 (the month's days cancel out).
# rpm: 1,000 → 1,440,000 requests a day. itpm: 450,000 over 1,500 counted tokens a request
# (1,000 uncached + 400 + 100 written) = 300 requests a minute; each also reads 1,000,000
# cached tokens, which Anthropic's ITPM does not count. otpm: 90,000 / 1,000 output = 90.
LIMIT_CASES = {
    "rpm": ({"rpm": 1000}, 1000 * 1440, {"input_tokens": 1}),
    "itpm": (
        {"itpm": 450_000},
        300 * 1440,
        {
            "input_tokens": 1000,
            "cache_write_5m_tokens": 400,
            "cache_write_1h_tokens": 100,
            "cache_read_tokens": 1_000_000,
        },
    ),
    "otpm": ({"otpm": 90_000}, 90 * 1440, {"output_tokens": 1000}),
}


@pytest.mark.parametrize("key", LIMIT_CASES)
@pytest.mark.parametrize(("scale", "status"), [(0.99, "fits"), (1.01, "throttled")])
def test_each_rate_limit_throttles_just_above_it(key: str, scale: float, status: str) -> None:
    from model.plan.scenario import parse_scenario
    from tests.engine.catalogs import book as fixture_book

    limits, per_day, tokens = LIMIT_CASES[key]
    s = parse_scenario(
        {"start_month": "2026-12", "horizon_months": 1,
         "workloads": [{"name": "w", "model": "claude-x", "requests_per_day": per_day * scale,
                        **tokens}]}
    )  # fmt: skip
    (anthropic,) = check_capacity(project(s, fixture_book()), one_tier(**limits), peak_factor=1)
    month = anthropic.months.iloc[0]
    limit = next(iter(limits.values()))
    assert month[f"peak_{key}"] == pytest.approx(limit * scale)
    assert month.status == status
    # Every day of the month is judged (30 simulated days of a 30.4375-day month).
    assert month.throttled_days == (30 if status == "throttled" else 0)
    assert anthropic.fits_new_account is (status == "fits")
