"""Option adjustments on top of list cost (DESIGN §4): pooled discount, aggregator purchase
fee per month, BYOK fee, regional uplift. Each is itemized, never folded into prices.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from pricing.schema import Option


@dataclass(frozen=True)
class OptionAssumptions:
    """What the user chose for an option; ``None`` means the option's catalog default."""

    payment: str | None = None
    topup_usd: float | None = None
    byok: bool = False
    discount: float | Mapping[str, float] | None = None
    region: str | None = None
    #: Opt in to an option's beta batch API (OpenRouter's): None/False keeps it off.
    batch_api: bool | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> OptionAssumptions:
        data = dict(data or {})
        return cls(
            payment=data.get("payment"),
            topup_usd=None if data.get("topup_usd") is None else float(data["topup_usd"]),
            byok=bool(data.get("byok", False)),
            discount=data.get("discount"),
            region=data.get("region"),
            batch_api=None if data.get("batch_api") is None else bool(data["batch_api"]),
        )

    def with_(self, **changes: Any) -> OptionAssumptions:
        return replace(self, **changes)


def discount_share(option: Option, assumptions: OptionAssumptions, provider: str) -> float:
    """Share off list on ``provider``'s models: the user's quote, else the option's default."""
    d = assumptions.discount
    if d is None:
        return float(option.discount_for(provider))
    if isinstance(d, Mapping):
        return float(d.get(provider, 0.0))
    return float(d)


def uplift_share(option: Option, assumptions: OptionAssumptions) -> float:
    """Regional / data-residency uplift the user picked (0 when none).

    A region the option does not list is refused, never priced without its uplift: a typo
    (``eu_regional`` for ``eu_regional_processing``) would otherwise understate the cost.
    """
    region = assumptions.region
    if region is None:
        return 0.0
    if region not in option.regional_uplift:
        known = ", ".join(sorted(option.regional_uplift)) or "none"
        raise ValueError(
            f"options.{option.id}.region: {region!r} is not a region {option.name} prices "
            f"(known: {known})"
        )
    return float(option.regional_uplift[region])


@dataclass(frozen=True)
class MonthlyFees:
    """Fees of one month, itemized."""

    purchase_fee: float = 0.0
    byok_fee: float = 0.0
    items: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return self.purchase_fee + self.byok_fee


def purchase_fee_rate(option: Option, assumptions: OptionAssumptions) -> float:
    """Fee per dollar of credits bought: max(percent × top-up, minimum) ÷ top-up.

    A $30 month with $100 top-ups buys 0.3 top-ups and pays 0.3 × $5.50 = $1.65 (DESIGN §4);
    below $14.55 per top-up the $0.80 minimum makes the card fee dearer than 5.5 %.
    """
    if not option.purchase_fees:
        return 0.0
    payment = assumptions.payment or option.default_payment or next(iter(option.purchase_fees))
    if payment not in option.purchase_fees:
        raise ValueError(
            f"options.{option.id}.payment: {payment!r} is not one of "
            f"{', '.join(sorted(option.purchase_fees))}"
        )
    rule = option.purchase_fees[payment]
    topup = assumptions.topup_usd or float(option.default_topup_usd or 0) or None
    if topup is None:
        return float(rule.percent)
    if topup <= 0:
        raise ValueError(f"option {option.id}: top-up size must be positive, got {topup}")
    return max(float(rule.percent) * topup, float(rule.min_usd)) / topup


def monthly_fees(
    option: Option, assumptions: OptionAssumptions, monthly_token_cost: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Purchase and BYOK fees per month, given the month's token cost through the option.

    BYOK: the vendor bills the tokens at list; the option charges ``percent`` of the list
    cost above its monthly allowance, paid from credits — which carry the purchase fee too.
    """
    rate = purchase_fee_rate(option, assumptions)
    if assumptions.byok and option.byok is not None:
        over = np.maximum(monthly_token_cost - float(option.byok.free_allowance_usd), 0.0)
        byok = over * float(option.byok.percent)
        return byok * rate, byok
    return monthly_token_cost * rate, np.zeros_like(monthly_token_cost)
