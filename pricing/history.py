"""Price history layout: each price change is one dated entry, folded into versions.

A pricing folder in this layout holds::

    pricing.yaml              schema_version 2, the date the history starts, a description
    models/<provider>.yaml    per model: identity, lifecycle, and its dated price entries
    options/<id>.yaml         one buying option per file (fees, BYOK, batch API, own models)

A price entry says "from this date, this model costs this" (like genai-prices' start dates
and simonw/llm-prices' ``price_history``). The version ids are the dates on which at least
one price changes (the start date included); the catalog of a version holds, for every
model, its newest entry not after that date. A model enters the catalogs on its first
entry's date and never leaves them: a retired model keeps its last price (lifecycle dates
are not versions). A model with no published price is listed with the reason, so usage of
it is reported as unpriced — never guessed, never $0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from pricing.errors import CatalogError
from pricing.loader import OPTIONS_DIR, load_options, read_validated
from pricing.schema import (
    BatchPrices,
    Catalog,
    Lifecycle,
    LongContextTier,
    ModelPrice,
    Option,
    Price,
    Provider,
    Source,
    Strict,
    UnpricedModel,
    known_price_fields,
)

INDEX_FILE = "pricing.yaml"
MODELS_DIR = "models"


class Review(Strict):
    """A price someone reviewed against sources that disagree: a refresh keeps it and says
    so, instead of replacing it with whatever the newest dataset holds."""

    date: dt.date
    by: str = Field(min_length=1)
    note: str = Field(min_length=1)


class PriceEntry(Strict):
    """The prices of one model from ``from`` on (until its next entry)."""

    model_config = Strict.model_config | {"populate_by_name": True}

    from_: dt.date = Field(alias="from")
    input: Price
    output: Price
    cache_read: Price | None = None
    cache_write_5m: Price | None = None
    cache_write_1h: Price | None = None
    per_request_usd: Decimal | None = Field(default=None, ge=0)
    long_context: LongContextTier | None = None
    batch: BatchPrices | None = None
    unconfirmed: tuple[str, ...] = ()
    caveat: str | None = None
    source: Source
    notes: str | None = None
    reviewed: Review | None = None

    _known_fields = field_validator("unconfirmed")(known_price_fields)

    def prices(self) -> dict[str, Any]:
        """The fields a :class:`ModelPrice` takes from this entry."""
        return {
            "input": self.input,
            "output": self.output,
            "cache_read": self.cache_read,
            "cache_write_5m": self.cache_write_5m,
            "cache_write_1h": self.cache_write_1h,
            "per_request_usd": self.per_request_usd,
            "long_context": self.long_context,
            "batch": self.batch,
        }


class ModelHistory(Strict):
    """One model: who it is, its life at the vendor, and every price it has had."""

    model_id: str = Field(min_length=1)
    display_name: str | None = None
    vendor_model_id: str | None = None
    openrouter_slug: str | None = None
    aliases: tuple[str, ...] = ()
    distinct_snapshots: tuple[str, ...] = ()
    context_window: int | None = Field(default=None, gt=0)
    max_input_tokens: int | None = Field(default=None, gt=0)
    max_output_tokens: int | None = Field(default=None, gt=0)
    lifecycle: Lifecycle | None = None
    unpublished: str | None = Field(
        default=None, description="why the model has no price (its prices list is empty)"
    )
    source: Source | None = Field(default=None, description="where an unpublished model is listed")
    prices: tuple[PriceEntry, ...] = ()

    @field_validator("prices")
    @classmethod
    def _ascending(cls, prices: tuple[PriceEntry, ...]) -> tuple[PriceEntry, ...]:
        days = [p.from_ for p in prices]
        if days != sorted(set(days)):
            raise ValueError("price entries must have distinct dates in ascending order")
        return prices

    @model_validator(mode="after")
    def _priced_or_explained(self) -> ModelHistory:
        if self.unpublished is None and not self.prices:
            raise ValueError("no price entry (set `unpublished: <reason>` if none is published)")
        if self.unpublished is not None and (self.prices or self.source is None):
            raise ValueError("an unpublished model has no price entries and needs a source")
        return self

    def entry_on(self, day: dt.date) -> PriceEntry | None:
        """The entry in force on ``day`` (None before the first one)."""
        current = None
        for entry in self.prices:
            if entry.from_ <= day:
                current = entry
        return current


class ProviderFile(Strict):
    """``models/<provider>.yaml``: the models of one vendor."""

    provider: Provider
    models: tuple[ModelHistory, ...]

    @field_validator("models")
    @classmethod
    def _unique(cls, models: tuple[ModelHistory, ...]) -> tuple[ModelHistory, ...]:
        ids = [m.model_id for m in models]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate model_id {dupes}")
        return models


class Index(Strict):
    """``pricing.yaml``: what the folder is and the first day its prices cover."""

    schema_version: Literal[2]
    starts: dt.date
    description: str = ""


@dataclass(frozen=True)
class History:
    """Every model's price history plus the options: the source the versions fold from."""

    index: Index
    providers: tuple[ProviderFile, ...]
    options: tuple[Option, ...]
    root: Path

    def models(self) -> list[tuple[str, ModelHistory]]:
        """(provider, model) of every model, in file order."""
        return [(f.provider, m) for f in self.providers for m in f.models]

    def version_dates(self) -> list[dt.date]:
        """The start date plus every later date on which a price changes, ascending."""
        days = {self.index.starts}
        for _, model in self.models():
            days.update(p.from_ for p in model.prices if p.from_ > self.index.starts)
        return sorted(days)

    def catalog(self, day: dt.date) -> Catalog:
        """The catalog in force from ``day`` (a version date)."""
        models: list[ModelPrice] = []
        unpriced: list[UnpricedModel] = []
        changed: list[str] = []
        for provider, m in self.models():
            if m.unpublished is not None:
                assert m.source is not None  # checked by ModelHistory
                unpriced.append(_unpriced(provider, m))
                continue
            entry = m.entry_on(day)
            if entry is None:
                continue  # not released yet on this day
            if entry.from_ == day:
                changed.append(m.model_id)
            try:
                models.append(_model_price(provider, m, entry))
            except ValidationError as exc:
                where = self.root / MODELS_DIR / f"{provider}.yaml"
                raise CatalogError(f"{where}: {m.model_id}: {_first_error(exc)}") from None
        version = day.isoformat()
        try:
            return Catalog(
                version=version,
                effective_from=day,
                description=self._describe(day, changed),
                models=tuple(models),
                options=self.options,
                unpriced=tuple(unpriced),
            )
        except ValidationError as exc:
            where = self.root / MODELS_DIR
            raise CatalogError(f"{where}: version {version}: {_first_error(exc)}") from None

    def _describe(self, day: dt.date, changed: list[str]) -> str:
        if day == self.index.starts:
            return f"{self.index.description} First version: prices in force on {day}.".strip()
        return f"Prices in force from {day}; new prices on this date: {', '.join(changed)}."


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}"


def _model_price(provider: str, m: ModelHistory, entry: PriceEntry) -> ModelPrice:
    return ModelPrice(
        model_id=m.model_id,
        provider=provider,
        display_name=m.display_name,
        vendor_model_id=m.vendor_model_id,
        openrouter_slug=m.openrouter_slug,
        aliases=m.aliases,
        distinct_snapshots=m.distinct_snapshots,
        **entry.prices(),
        context_window=m.context_window,
        max_input_tokens=m.max_input_tokens,
        max_output_tokens=m.max_output_tokens,
        deprecated_on=m.lifecycle.retires if m.lifecycle else None,
        lifecycle=m.lifecycle,
        price_from=entry.from_,
        unconfirmed=entry.unconfirmed,
        caveat=entry.caveat,
        source=entry.source,
        notes=entry.notes,
    )


def _unpriced(provider: str, m: ModelHistory) -> UnpricedModel:
    assert m.unpublished is not None and m.source is not None
    return UnpricedModel(
        model_id=m.model_id,
        provider=provider,
        display_name=m.display_name,
        aliases=m.aliases,
        reason=m.unpublished,
        lifecycle=m.lifecycle,
        source=m.source,
    )


def is_history(root: Path) -> bool:
    """Whether ``root`` is a folder in the price history layout."""
    return (root / INDEX_FILE).exists() or (root / MODELS_DIR).exists()


def load_history(root: Path) -> History:
    """Read and validate a price history folder; every problem names its file and entry."""
    index_path = root / INDEX_FILE
    if not index_path.is_file():
        raise CatalogError(f"{index_path}: missing or not a file")
    index = read_validated(index_path, Index)
    models_dir = root / MODELS_DIR
    if not models_dir.is_dir():
        raise CatalogError(f"{models_dir}: missing or not a folder")
    model_files = _yaml_files(models_dir)
    providers = tuple(read_validated(p, ProviderFile) for p in model_files)
    seen: dict[str, Path] = {}
    for path, pf in zip(model_files, providers, strict=True):
        if path.stem != pf.provider:
            raise CatalogError(f"{path}: provider: {pf.provider!r} must match the file name")
        for m in pf.models:
            if m.model_id in seen:
                raise CatalogError(f"{path}: {m.model_id}: also in {seen[m.model_id]}")
            seen[m.model_id] = path
    options = tuple(load_options(root / OPTIONS_DIR))
    if not providers:
        raise CatalogError(f"{models_dir}: no models/<provider>.yaml file")
    return History(index, providers, options, root)


def _yaml_files(folder: Path) -> list[Path]:
    """``*.yaml`` entries of a folder; anything named so that is not a readable file is an
    error, never skipped."""
    paths = sorted(folder.glob("*.yaml"))
    for p in paths:
        if not p.is_file():
            raise CatalogError(f"{p}: not a file")
    return paths
