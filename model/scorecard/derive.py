"""Criteria computed, never typed: from the price data in force for the scenario (catalog
breadth, open and niche models, the three vendors, batch API, published prices), from the
scenario's projection (models it cannot sell, the cost) and, for ``direct``, from the vendors
the scenario uses and the calculator's capacity check of new accounts (the 429 argument).

Each function returns a :class:`Derived` value: a 0–1 range and the plain words that say where
it came from, so the page and the CLI can show the reason next to the number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from model.plan.capacity import VendorCapacity
from pricing.schema import Catalog, Option

#: The three frontier vendors (DESIGN §1); models of any other provider are "open and niche".
FRONTIER = ("anthropic", "openai", "google")
VENDOR_NAMES = {"anthropic": "Anthropic", "openai": "OpenAI", "google": "Google"}


@dataclass(frozen=True)
class Derived:
    """A computed rating: where it sits on 0–1 and why (one line)."""

    low: float
    high: float
    detail: str
    failing: tuple[str, ...] = ()  # vendors that do not meet it (direct)


def _yes(detail: str) -> Derived:
    return Derived(1.0, 1.0, detail)


def _no(detail: str, failing: tuple[str, ...] = ()) -> Derived:
    return Derived(0.0, 0.0, detail, failing)


def vendor_name(vendor: str) -> str:
    return VENDOR_NAMES.get(vendor, vendor)


def sold_models(catalog: Catalog, option: Option) -> dict[str, str]:
    """model id → provider of every model the option sells in this version."""
    sold = {m.model_id: m.provider for m in catalog.models if m.provider in option.resells}
    sold.update({m.model_id: m.provider for m in option.models})
    return sold


def catalog_breadth(catalog: Catalog, option: Option, broadest: int) -> Derived:
    """Share of the broadest catalog among the options (linear: 140 of 280 models is 0.5)."""
    sold = sold_models(catalog, option)
    vendors = len(set(sold.values()))
    share = len(sold) / broadest if broadest else 0.0
    return Derived(
        share,
        share,
        f"{len(sold)} models from {vendors} vendors in price version {catalog.version} "
        f"(the broadest option sells {broadest})",
    )


def broadest_catalog(catalog: Catalog) -> int:
    return max((len(sold_models(catalog, o)) for o in catalog.options), default=0)


def scenario_models(unpriced: dict[str, int], models: Sequence[str]) -> Derived:
    """Whether the option prices every model of the scenario (the projection's ``unpriced``)."""
    if not unpriced:
        return _yes(f"sells all {len(set(models))} models of the scenario")
    return _no(f"does not sell {', '.join(sorted(unpriced))}")


def other_vendors(catalog: Catalog, option: Option) -> Derived:
    others = sorted(set(sold_models(catalog, option).values()) - set(FRONTIER))
    if not others:
        return _no("only Anthropic, OpenAI and Google models in the price data")
    shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
    return _yes(f"models from {len(others)} other vendors ({shown})")


def frontier_three(catalog: Catalog, option: Option) -> Derived:
    have = set(sold_models(catalog, option).values())
    missing = [vendor_name(v) for v in FRONTIER if v not in have]
    if missing:
        return _no(f"no {', '.join(missing)} models in the price data")
    return _yes("sells Anthropic, OpenAI and Google models")


def batch_api(option: Option) -> Derived:
    """``batch_api: true`` in the option's data → yes. Other batch facts on the option (a beta
    batch API that the scenario must switch on) → partial. Read at run time, whatever shape
    the option data gives them."""
    if option.batch_api is True:
        return _yes("batch API at the vendors' batch prices (option data)")
    extra = {
        k: v
        for k, v in option.model_dump(exclude_none=True).items()
        if k.startswith("batch") and k != "batch_api" and v
    }
    if extra or (option.batch_api and option.batch_api is not False):
        return Derived(0.5, 0.5, f"batch API in beta, opt-in in the scenario ({sorted(extra)})")
    return _no("no batch API in the option data: batch-share traffic is charged standard prices")


def published_prices(option: Option) -> Derived:
    if option.example:
        return _no("prices are not public: the price data holds an example assumption")
    return _yes(f"published prices, {len(option.sources)} dated sources in the option data")


def one_endpoint(vendors: Sequence[str]) -> Derived:
    """Direct: one key and base URL only when the scenario uses a single vendor."""
    names = [vendor_name(v) for v in vendors]
    if len(vendors) <= 1:
        return _yes(f"the scenario uses one vendor ({', '.join(names) or 'none'})")
    return _no(f"one key, bill and base URL per vendor: {', '.join(names)}", tuple(names))


def capacity(result: Sequence[VendorCapacity] | None, vendors: Sequence[str]) -> Derived:
    """Direct: whether a NEW account at every vendor used serves every month of the scenario
    (the calculator's capacity check: a new account paying as it goes, its tier upgrades, the
    spend caps and the rate limits at the peak)."""
    if result is None:
        return Derived(0.0, 1.0, "no rate-limit data to check new accounts against")
    by_vendor = {v.vendor: v for v in result}
    short, failing = [], []
    for vendor in vendors:
        v = by_vendor.get(vendor)
        if v is None:
            return Derived(0.0, 1.0, f"no rate-limit tiers known for {vendor_name(vendor)}")
        blocked = v.months[v.months["status"].isin(["capped", "throttled"])]
        if len(blocked):
            failing.append(vendor_name(vendor))
            short.append(
                f"a new {v.name} account is capped or throttled in {len(blocked)} of "
                f"{len(v.months)} months (first: {blocked['start'].iloc[0]}, tier "
                f"{blocked['tier'].iloc[0]})"
            )
    if short:
        return _no("; ".join(short) + " — see the calculator's capacity check", tuple(failing))
    return _yes("a new account at every vendor serves every month (capacity check)")
