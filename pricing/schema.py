"""Pydantic schema of a price catalog version: list prices per model and the buying options.

Prices are USD per million tokens, kept as ``Decimal`` so the YAML stays exact; the engine
converts to float64 at its boundary. Imports only stdlib and pydantic.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Price = Annotated[Decimal, Field(ge=0, description="USD per million tokens")]
Share = Annotated[Decimal, Field(ge=0, le=1)]
Provider = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]


_PRICES = ("input", "output", "cache_read", "cache_write_5m", "cache_write_1h")
_TIER = ("threshold_tokens", *_PRICES)
#: Every price field of a model under its dotted name (``batch.long_context.output``).
PRICE_FIELDS: tuple[str, ...] = (
    *_PRICES,
    "per_request_usd",
    *(f"long_context.{f}" for f in _TIER),
    *(f"batch.{f}" for f in _PRICES),
    *(f"batch.long_context.{f}" for f in _TIER),
)


def known_price_fields(fields: tuple[str, ...]) -> tuple[str, ...]:
    """Validator: every name is a dotted price field (:data:`PRICE_FIELDS`)."""
    unknown = sorted(set(fields) - set(PRICE_FIELDS))
    if unknown:
        raise ValueError(f"unknown price field(s) {unknown}")
    return fields


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    """Where a number came from, kept apart in three facts (never one "checked" date):

    * ``url`` — the page that publishes the number (for a list price: the vendor's pricing
      page, never a deprecation page, a model overview or a Vertex page for a Gemini API
      price);
    * ``dataset`` — the dataset it was imported from (name and version), if any;
    * ``read_on`` — when someone last read ``url`` itself (``None``: never read first-hand
      or second-hand; the number rests on the dataset alone).

    ``checked`` is the date the number is as of (the dataset's date, or the reading).
    ``evidence`` lists secondary sources (quotes of the vendor page) behind a hand entry.
    """

    url: str = Field(min_length=1)
    checked: dt.date
    note: str | None = None
    dataset: str | None = None
    read_on: dt.date | None = None
    evidence: tuple[str, ...] = ()

    def unread_for(self, day: dt.date) -> int | None:
        """Days since the vendor page was last read, as of ``day`` (None: never read)."""
        return None if self.read_on is None else (day - self.read_on).days


LifecycleStatus = Literal["current", "deprecated", "retiring", "retired"]


class Lifecycle(Strict):
    """A model's life at its vendor: dates are facts with a source, not price versions.

    ``retires`` is the shutdown date (requests fail from that day; litellm calls it
    ``deprecation_date``). ``deprecated`` is the day the vendor announced the deprecation,
    when known. A retired model is never deleted from the data: old logs need its price.
    """

    released: dt.date | None = None
    deprecated: dt.date | None = None
    retires: dt.date | None = None
    tentative: bool = Field(default=False, description="the retirement date is not final")
    successor: str | None = None
    source: str | None = Field(default=None, description="URL of the deprecation notice")
    note: str | None = None

    def status(self, day: dt.date) -> LifecycleStatus:
        """``retired`` on and after ``retires``; ``retiring`` when a shutdown date is
        announced; ``deprecated`` when only a deprecation is; else ``current``."""
        if self.retires is not None:
            return "retired" if self.retires <= day else "retiring"
        if self.deprecated is not None and self.deprecated <= day:
            return "deprecated"
        return "current"


class LongContextTier(Strict):
    """Prices that apply to a *whole* request whose prompt side is strictly above the threshold.

    Prompt side = uncached input + cache read + cache writes (output never triggers it).
    A price left empty falls back to the base price scaled by the tier's input ratio for
    cache prices, so the cache discount keeps its shape (how the vendors publish them).
    """

    threshold_tokens: int = Field(gt=0)
    input: Price
    output: Price
    cache_read: Price | None = None
    cache_write_5m: Price | None = None
    cache_write_1h: Price | None = None


class BatchPrices(Strict):
    """The vendor's batch-API prices. Cache prices left empty are charged at the standard
    cache price (litellm and genai-prices do the same) — never a blanket 50 %."""

    input: Price
    output: Price
    cache_read: Price | None = None
    cache_write_5m: Price | None = None
    cache_write_1h: Price | None = None
    long_context: LongContextTier | None = None


class ModelPrice(Strict):
    """List price of one model as a vendor (or an aggregator's own catalog) sells it."""

    model_id: str = Field(min_length=1, description="canonical id: vendor API id without date")
    provider: Provider
    display_name: str | None = None
    vendor_model_id: str | None = Field(default=None, description="id to send to the vendor API")
    openrouter_slug: str | None = None
    aliases: tuple[str, ...] = ()
    distinct_snapshots: tuple[str, ...] = Field(
        default=(),
        description="dated ids of this family priced differently: never resolved to this model",
    )
    input: Price
    output: Price
    cache_read: Price | None = Field(default=None, description="None: the model has no caching")
    cache_write_5m: Price | None = None
    cache_write_1h: Price | None = None
    per_request_usd: Decimal | None = Field(default=None, ge=0)
    long_context: LongContextTier | None = None
    batch: BatchPrices | None = None
    context_window: int | None = Field(default=None, gt=0)
    max_input_tokens: int | None = Field(default=None, gt=0)
    max_output_tokens: int | None = Field(default=None, gt=0)
    deprecated_on: dt.date | None = Field(
        default=None, description="shutdown date (litellm's deprecation_date); see lifecycle"
    )
    lifecycle: Lifecycle | None = None
    price_from: dt.date | None = Field(
        default=None, description="date this price took effect (price history layout)"
    )
    unconfirmed: tuple[str, ...] = Field(
        default=(), description="dotted price fields whose value no source confirms"
    )
    caveat: str | None = Field(default=None, description="shown wherever the price is shown")
    source: Source
    notes: str | None = None

    _known_fields = field_validator("unconfirmed")(known_price_fields)


class UnpricedModel(Strict):
    """A model known by name whose price is not published: reported as such, never $0."""

    model_id: str = Field(min_length=1)
    provider: Provider
    display_name: str | None = None
    aliases: tuple[str, ...] = ()
    reason: str = Field(min_length=1)
    lifecycle: Lifecycle | None = None
    source: Source


class PurchaseFee(Strict):
    """Fee on each credit purchase: max(percent × top-up, min_usd)."""

    percent: Share
    min_usd: Decimal = Field(default=Decimal(0), ge=0)
    source: Source


class ByokFee(Strict):
    """Bring-your-own-key: tokens billed by the vendor at list; the option charges
    ``percent`` of the list cost above ``free_allowance_usd`` per month."""

    percent: Share
    free_allowance_usd: Decimal = Field(ge=0)
    enterprise_allowance_usd: Decimal | None = Field(
        default=None, ge=0, description="free monthly allowance on an Enterprise plan"
    )
    source: Source


class BetaBatchApi(Strict):
    """A batch API the option documents as beta: recorded as a fact, used only when the
    scenario opts in (then batch-share traffic pays the vendor's per-model batch prices)."""

    since: dt.date
    endpoint: str = Field(min_length=1)
    terms: str = Field(min_length=1)
    source: Source


class Option(Strict):
    """One way of buying access. A new gateway is a new YAML file of this shape, not code."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    kind: Literal["direct", "aggregator", "pooled"]
    name: str
    description: str = ""
    example: bool = Field(
        default=False, description="numbers are an example assumption the user replaces"
    )
    resells: tuple[Provider, ...] = Field(
        default=(), description="vendors whose list-priced models this option sells"
    )
    batch_api: bool = False
    beta_batch_api: BetaBatchApi | None = None
    discount: Share | dict[Provider, Share] = Decimal(0)
    purchase_fees: dict[str, PurchaseFee] = Field(default_factory=dict)
    default_payment: str | None = None
    default_topup_usd: Decimal | None = Field(default=None, gt=0)
    min_topup_usd: Decimal | None = Field(default=None, ge=0)
    byok: ByokFee | None = None
    regional_uplift: dict[str, Annotated[Decimal, Field(ge=0)]] = Field(default_factory=dict)
    api_compatibility: tuple[str, ...] = ()
    models: tuple[ModelPrice, ...] = Field(default=(), description="models only it sells")
    sources: tuple[Source, ...] = ()

    @model_validator(mode="after")
    def _payment_is_known(self) -> Option:
        if self.default_payment is not None and self.default_payment not in self.purchase_fees:
            raise ValueError(
                f"default_payment {self.default_payment!r} is not one of purchase_fees "
                f"{sorted(self.purchase_fees)}"
            )
        return self

    def discount_for(self, provider: str) -> Decimal:
        """The share off list this option gives on ``provider``'s models."""
        if isinstance(self.discount, dict):
            return self.discount.get(provider, Decimal(0))
        return self.discount


class Catalog(Strict):
    """A dated price version: list prices of the vendors' models plus every option."""

    schema_version: Literal[1] = 1
    version: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    effective_from: dt.date
    description: str = ""
    models: tuple[ModelPrice, ...]
    options: tuple[Option, ...]
    unpriced: tuple[UnpricedModel, ...] = Field(
        default=(), description="models known by name whose price is not published"
    )

    @field_validator("models")
    @classmethod
    def _unique_models(cls, models: tuple[ModelPrice, ...]) -> tuple[ModelPrice, ...]:
        seen: set[str] = set()
        for m in models:
            if m.model_id in seen:
                raise ValueError(f"duplicate model_id {m.model_id!r}")
            seen.add(m.model_id)
        return models

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        if self.version != self.effective_from.isoformat():
            raise ValueError(
                f"version {self.version!r} must equal effective_from {self.effective_from}"
            )
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate option id in {ids}")
        clash = sorted({m.model_id for m in self.unpriced} & {m.model_id for m in self.models})
        if clash:
            raise ValueError(f"model(s) {clash} are both priced and listed as unpriced")
        return self

    def model(self, model_id: str) -> ModelPrice | None:
        return next((m for m in self.models if m.model_id == model_id), None)

    def unpriced_model(self, model_id: str) -> UnpricedModel | None:
        """The known-but-unpriced model ``model_id`` (price not published), if any."""
        return next((m for m in self.unpriced if m.model_id == model_id), None)

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)
