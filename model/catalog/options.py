"""Shape a buying option for display: its terms as (label, text) pairs, and what changed in
them between two versions. Pure (pandas + pricing)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from model import display
from pricing.diff import diff_options
from pricing.schema import Catalog, Option


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _money(value: Decimal) -> str:
    return display.money(value, digits=0 if value == value.to_integral_value() else 2)


def _share(value: Decimal) -> str:
    return f"{_plain(value * 100)} %"


def option_facts(option: Option) -> list[tuple[str, str]]:
    """The buying terms of an option as (label, text) pairs, in reading order."""
    facts: list[tuple[str, str]] = [("Kind", option.kind)]
    if option.resells:
        facts.append(("Sells", ", ".join(option.resells)))
    if isinstance(option.discount, dict):
        per_vendor = ", ".join(f"{v} {_share(d)}" for v, d in sorted(option.discount.items()))
        facts.append(("Discount off list", per_vendor or "none"))
    else:
        facts.append(("Discount off list", _share(option.discount) if option.discount else "none"))
    for method, fee in sorted(option.purchase_fees.items()):
        text = _share(fee.percent)
        if fee.min_usd:
            text += f" (min {_money(fee.min_usd)})"
        facts.append((f"Fee per top-up ({method})", text))
    if option.min_topup_usd is not None:
        facts.append(("Minimum top-up", _money(option.min_topup_usd)))
    if option.byok is not None:
        enterprise = option.byok.enterprise_allowance_usd
        facts.append(
            (
                "BYOK fee",
                f"{_share(option.byok.percent)} of list spend above "
                f"{_money(option.byok.free_allowance_usd)}/month"
                + (f" ({_money(enterprise)} on Enterprise)" if enterprise is not None else ""),
            )
        )
    beta = option.beta_batch_api
    if option.batch_api:
        facts.append(("Batch API", "yes"))
    elif beta is not None:
        facts.append(("Batch API", f"beta since {beta.since}; used only when a scenario opts in"))
    else:
        facts.append(("Batch API", "no"))
    if option.api_compatibility:
        facts.append(("API", ", ".join(option.api_compatibility)))
    if option.models:
        as_of = max(m.source.checked for m in option.models)
        facts.append(("Own models", f"{len(option.models)}, prices as of {as_of}"))
    return facts


def _term(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return _plain(value)
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    return str(value)


def option_diff_frame(old: Catalog, new: Catalog) -> pd.DataFrame:
    """Changed buying terms (fees, discounts, allowances, batch support), one row per term;
    values as display text because terms mix shares, amounts and flags."""
    rows = [
        {
            "option_id": d.option_id,
            "status": d.status,
            "term": term,
            "old": _term(before),
            "new": _term(after),
        }
        for d in diff_options(old, new)
        for term, before, after in d.changes
    ]
    return pd.DataFrame(rows, columns=["option_id", "status", "term", "old", "new"])
