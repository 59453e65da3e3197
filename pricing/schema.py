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


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    """Where a number came from and when somebody last checked it."""

    url: str = Field(min_length=1)
    checked: dt.date
    note: str | None = None


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
    deprecated_on: dt.date | None = None
    source: Source
    notes: str | None = None


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
        return self

    def model(self, model_id: str) -> ModelPrice | None:
        return next((m for m in self.models if m.model_id == model_id), None)

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)
