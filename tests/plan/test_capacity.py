"""Capacity of new direct accounts on known cases (tiers from data/capacity/ratelimits.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.plan.capacity import capped_months, check_capacity, load_ratelimits
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
    assert (m1.status, m1.tier, m1.capped_days) == ("capped", "Tier 1", 25)
    assert m1.need_usd == pytest.approx(10161.255, abs=0.005)
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
