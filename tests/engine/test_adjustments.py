"""Option adjustments, itemized: aggregator purchase fee per month (fractional top-ups, the
minimum fee), BYOK above the allowance, pooled discount, regional uplift."""

from __future__ import annotations

import pytest

from model.engine.adjustments import OptionAssumptions, discount_share, purchase_fee_rate
from model.engine.costing import cost_usage
from model.engine.frame import records_frame
from tests.engine.catalogs import book, catalog, model

OR = book().latest.option("openrouter")


def usd_of_claude(dollars: float, month: str = "2026-03") -> dict[str, object]:
    # claude-x input is $3/MTok: dollars / 3 million tokens.
    return {
        "timestamp": f"{month}-05T00:00:00Z",
        "model": "claude-x",
        "input_tokens": dollars / 3 * 1e6,
        "output_tokens": 0,
    }


@pytest.mark.parametrize(
    ("topup", "payment", "rate"),
    [
        (100, "card", 0.055),  # 5.5 % of 100 = 5.50 > 0.80
        (10, "card", 0.08),  # minimum 0.80 on a $10 top-up is 8 %
        (800 / 55, "card", 0.055),  # break-even top-up $14.545…: both rules agree
        (10, "crypto", 0.05),  # no minimum
    ],
)
def test_purchase_fee_rate(topup: float, payment: str, rate: float) -> None:
    got = purchase_fee_rate(OR, OptionAssumptions(payment=payment, topup_usd=topup))
    assert got == pytest.approx(rate)


def test_thirty_dollar_month_with_hundred_dollar_topups_pays_165() -> None:
    # DESIGN §4: 0.3 top-ups × $5.50 = $1.65.
    costing = cost_usage(records_frame([usd_of_claude(30)]), book())
    assert costing.option("openrouter").fees_usd == pytest.approx(1.65)
    assert costing.option("openrouter").total_usd == pytest.approx(31.65)


def test_fees_are_computed_per_month() -> None:
    rows = [usd_of_claude(30, "2026-03"), usd_of_claude(50, "2026-04")]
    small = {"openrouter": OptionAssumptions(topup_usd=10)}
    o = cost_usage(records_frame(rows), book(), assumptions=small).option("openrouter")
    assert list(o.monthly_purchase_fee) == pytest.approx([30 * 0.08, 50 * 0.08])


def test_unknown_payment_method_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"options\.openrouter\.payment: 'paypal'"):
        purchase_fee_rate(OR, OptionAssumptions(payment="paypal"))


def test_byok_pays_five_percent_above_allowance_plus_fee_on_those_credits() -> None:
    rows = [usd_of_claude(30_000)]
    o = cost_usage(
        records_frame(rows), book(), assumptions={"openrouter": OptionAssumptions(byok=True)}
    ).option("openrouter")
    byok_fee = (30_000 - 25_000) * 0.05  # $250
    assert o.token_cost_usd == pytest.approx(30_000)
    assert float(o.monthly_byok_fee.sum()) == pytest.approx(byok_fee)
    assert float(o.monthly_purchase_fee.sum()) == pytest.approx(byok_fee * 0.055)


def test_byok_below_allowance_is_free() -> None:
    o = cost_usage(
        records_frame([usd_of_claude(1000)]),
        book(),
        assumptions={"openrouter": OptionAssumptions(byok=True)},
    ).option("openrouter")
    assert o.fees_usd == 0.0


def test_pooled_discount_per_vendor_and_override() -> None:
    rows = [usd_of_claude(100)]
    pooled = cost_usage(records_frame(rows), book()).option("pooled")
    assert (pooled.token_cost_usd, pooled.discount_usd) == (pytest.approx(80), pytest.approx(20))
    quoted = cost_usage(
        records_frame(rows),
        book(),
        assumptions={"pooled": OptionAssumptions(discount={"anthropic": 0.35, "openai": 0.1})},
    ).option("pooled")
    assert quoted.token_cost_usd == pytest.approx(65)


def test_regional_uplift_multiplies_list_cost() -> None:
    o = cost_usage(
        records_frame([usd_of_claude(100)]),
        book(),
        assumptions={"direct": OptionAssumptions(region="us")},
    ).option("direct")
    assert o.token_cost_usd == pytest.approx(110)


def test_direct_splits_cost_by_vendor() -> None:
    rows = [
        usd_of_claude(3),
        {
            "timestamp": "2026-03-01T00:00:00Z",
            "model": "gpt-x-pro",
            "input_tokens": 1e6,
            "output_tokens": 0,
        },
    ]
    o = cost_usage(records_frame(rows), book()).option("direct")
    assert o.vendors == {"anthropic": pytest.approx(3), "openai": pytest.approx(30), "google": 0.0}


def test_catalog_helper_builds_distinct_versions() -> None:
    assert catalog("2026-02-01", [model("m", "openai", "1", "1")]).version == "2026-02-01"


def test_unknown_region_is_refused_on_a_usage_log_too() -> None:
    # A region the option does not list is an error naming the key, never a silent 0 % (or
    # a guessed 10 %): the re-price of a log with a scenario's assumptions says so.
    with pytest.raises(ValueError, match=r"options\.direct\.region: 'eu' .*known: us"):
        cost_usage(
            records_frame([usd_of_claude(100)]),
            book(),
            assumptions={"direct": OptionAssumptions(region="eu")},
        )


# The defaults behind a fee, each by hand (mutation testing found them unexercised).
BARE_OR = OR.model_copy(update={"default_payment": None, "default_topup_usd": None})


def test_no_payment_chosen_or_defaulted_takes_the_first_listed() -> None:
    # No payment method chosen and none by default: the first listed (card). No top-up size
    # either, so the plain percent.
    assert purchase_fee_rate(BARE_OR, OptionAssumptions()) == pytest.approx(0.055)
    assert purchase_fee_rate(BARE_OR, OptionAssumptions(payment="crypto")) == pytest.approx(0.05)


def test_no_topup_size_anywhere_is_the_plain_percent_not_the_minimum() -> None:
    # A $1 top-up would make the $0.80 minimum an 80 % fee; with no size known, 5.5 %.
    assert purchase_fee_rate(BARE_OR, OptionAssumptions(payment="card")) == pytest.approx(0.055)


@pytest.mark.parametrize(("topup", "rate"), [(1.0, 0.80), (0.5, 1.60)])
def test_small_topups_pay_the_minimum(topup: float, rate: float) -> None:
    got = purchase_fee_rate(OR, OptionAssumptions(payment="card", topup_usd=topup))
    assert got == pytest.approx(rate)  # $0.80 on $1 is 80 %; on $0.50, 160 %


@pytest.mark.parametrize("topup", [-5.0, -0.01])
def test_a_negative_topup_is_refused_by_name(topup: float) -> None:
    with pytest.raises(ValueError, match="openrouter: top-up size must be positive"):
        purchase_fee_rate(OR, OptionAssumptions(topup_usd=topup))


def test_assumptions_from_a_scenario_mapping() -> None:
    bare = OptionAssumptions.from_mapping({})
    assert (bare.byok, bare.batch_api, bare.payment, bare.topup_usd) == (False, None, None, None)
    full = OptionAssumptions.from_mapping(
        {"byok": True, "batch_api": False, "payment": "crypto", "topup_usd": 50, "region": "us"}
    )
    assert (full.byok, full.batch_api, full.payment, full.topup_usd, full.region) == (
        True, False, "crypto", 50.0, "us",
    )  # fmt: skip


def test_a_discount_quote_covers_only_the_vendors_it_names() -> None:
    pooled = book().latest.option("pooled")
    quote = OptionAssumptions(discount={"anthropic": 0.3})
    assert discount_share(pooled, quote, "anthropic") == 0.3
    assert discount_share(pooled, quote, "openai") == 0.0  # not the example's 20 %
    assert discount_share(pooled, OptionAssumptions(), "openai") == pytest.approx(0.20)
