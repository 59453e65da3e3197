"""Turn litellm's ``model_prices_and_context_window_backup.json`` into our list prices.

litellm is the newest and richest public dataset (cache 5m/1h, long-context tiers, batch),
but it has no effective dates and deletes retired models. So an import produces one dated
version: the models of ``data/pricing/models.csv`` (the current text models we price),
taken from litellm where present and carried forward from the previous version where
litellm dropped them. Choices where datasets disagree are applied afterwards
(:mod:`pricing.importers.decisions`).

Which litellm entries: Anthropic and OpenAI bare ids (first-party APIs); Google's
``gemini/<model>`` entries (Gemini API / AI Studio), never the bare or ``vertex_ai/`` ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pricing.errors import CatalogError
from pricing.importers.decisions import apply_decisions
from pricing.schema import BatchPrices, Catalog, LongContextTier, ModelPrice, Source

VENDOR_PRICING_PAGES: Mapping[str, str] = {
    "anthropic": "https://platform.claude.com/docs/en/about-claude/pricing",
    "openai": "https://developers.openai.com/api/docs/pricing",
    "google": "https://ai.google.dev/gemini-api/docs/pricing",
}
LITELLM_PROVIDER: Mapping[str, str] = {
    "anthropic": "anthropic",
    "openai": "openai",
    "google": "gemini",
}
MODELS_FILE = "models.csv"

# base key → our field; optional "_above_<N>k_tokens" (long context) and "_batches" suffixes.
_FIELDS: Mapping[str, str] = {
    "input_cost_per_token": "input",
    "output_cost_per_token": "output",
    "cache_read_input_token_cost": "cache_read",
    "cache_creation_input_token_cost": "cache_write_5m",
    "cache_creation_input_token_cost_above_1hr": "cache_write_1h",
}
_PRICE_KEY = re.compile(
    r"^(?P<base>input_cost_per_token|output_cost_per_token|cache_read_input_token_cost"
    r"|cache_creation_input_token_cost(?:_above_1hr)?)"
    r"(?:_above_(?P<k>\d+)k_tokens)?(?P<batch>_batches)?$"
)
_SNAPSHOT = r"-(?:\d{8}|\d{4}-\d{2}-\d{2})$"
_DATASET_VERSION = re.compile(r"litellm-(\d+(?:\.\d+)+)")
PRICE_FIELDS = ("input", "output", "cache_read", "cache_write_5m", "cache_write_1h")


@dataclass(frozen=True)
class ModelSpec:
    """One row of ``models.csv``: a model we price and how to find it."""

    provider: str
    model_id: str
    openrouter_slug: str | None
    display_name: str | None

    @property
    def litellm_key(self) -> str:
        return f"gemini/{self.model_id}" if self.provider == "google" else self.model_id


def read_model_list(path: Path) -> list[ModelSpec]:
    """The model ids to include (one per line of a CSV: provider, model_id, slug, name)."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        raise CatalogError(f"{path}: file not found") from None
    specs: list[ModelSpec] = []
    for n, row in enumerate(rows, start=2):
        provider, model_id = (row.get("provider") or "").strip(), (row.get("model_id") or "")
        if provider not in VENDOR_PRICING_PAGES or not model_id.strip():
            raise CatalogError(f"{path}: line {n}: provider/model_id: missing or unknown")
        specs.append(
            ModelSpec(
                provider,
                model_id.strip(),
                (row.get("openrouter_slug") or "").strip() or None,
                (row.get("display_name") or "").strip() or None,
            )
        )
    ids = [s.model_id for s in specs]
    if len(ids) != len(set(ids)):
        raise CatalogError(f"{path}: model_id: duplicate ids")
    return specs


def load_dataset(path: Path) -> dict[str, dict[str, Any]]:
    """Parse the litellm JSON (a mapping of model key → entry)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogError(f"{path}: not a litellm price file ({exc})") from None
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: not a litellm price file (expected a JSON object)")
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def dataset_label(path: Path) -> str:
    """``litellm 1.110.2`` from a file name like ``…backup.litellm-1.110.2.json``."""
    match = _DATASET_VERSION.search(path.name)
    return f"litellm {match.group(1)}" if match else f"litellm ({path.name})"


def per_mtok(value: Any, where: str) -> Decimal:
    """USD/token (float) → exact USD/MTok: ``3e-06`` → ``3``, no float artefacts."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise CatalogError(f"{where}: not a number: {value!r}")
    try:
        amount = Decimal(str(value)) * 1_000_000
    except InvalidOperation:
        raise CatalogError(f"{where}: not a number: {value!r}") from None
    normal = amount.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def _price_groups(
    entry: Mapping[str, Any], where: str
) -> tuple[dict[str, Decimal], dict[str, Decimal], dict[str, Decimal], dict[str, Decimal], int]:
    """Split an entry's price keys into base, tier, batch and batch-tier groups."""
    base: dict[str, Decimal] = {}
    tier: dict[str, Decimal] = {}
    batch: dict[str, Decimal] = {}
    batch_tier: dict[str, Decimal] = {}
    thresholds: set[int] = set()
    for key, value in entry.items():
        match = _PRICE_KEY.match(key)
        if not match or value is None:
            continue
        field = _FIELDS[match["base"]]
        price = per_mtok(value, f"{where}.{key}")
        if match["k"]:
            thresholds.add(int(match["k"]) * 1000)
        group = {
            (False, False): base,
            (True, False): tier,
            (False, True): batch,
            (True, True): batch_tier,
        }[(bool(match["k"]), bool(match["batch"]))]
        group[field] = price
    if len(thresholds) > 1:
        raise CatalogError(f"{where}: several long-context thresholds {sorted(thresholds)}")
    return base, tier, batch, batch_tier, thresholds.pop() if thresholds else 0


def _tier(prices: dict[str, Decimal], threshold: int) -> LongContextTier | None:
    if "input" not in prices or "output" not in prices:
        return None
    return LongContextTier(threshold_tokens=threshold, **prices)


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CatalogError(f"{where}: not a date: {value!r}") from None


def _positive_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def model_from_entry(
    spec: ModelSpec, entry: Mapping[str, Any], label: str, as_of: dt.date
) -> ModelPrice:
    """One litellm entry → :class:`ModelPrice` (aliases are added by :func:`import_litellm`)."""
    where = f"{label}: {spec.litellm_key}"
    base, tier, batch, batch_tier, threshold = _price_groups(entry, where)
    if "input" not in base or "output" not in base:
        raise CatalogError(f"{where}: input/output price missing")
    batch_prices = None
    if "input" in batch and "output" in batch:
        batch_prices = BatchPrices(**batch, long_context=_tier(batch_tier, threshold))
    try:
        return ModelPrice(
            model_id=spec.model_id,
            provider=spec.provider,
            display_name=spec.display_name,
            vendor_model_id=spec.model_id,
            openrouter_slug=spec.openrouter_slug,
            **base,
            long_context=_tier(tier, threshold),
            batch=batch_prices,
            max_input_tokens=_positive_int(entry.get("max_input_tokens")),
            max_output_tokens=_positive_int(entry.get("max_output_tokens")),
            deprecated_on=_date(entry.get("deprecation_date"), f"{where}.deprecation_date"),
            # Where the price comes from is the vendor's pricing page (litellm's own `source`
            # is often a model overview or a Vertex page); the dataset is kept apart.
            source=Source(url=VENDOR_PRICING_PAGES[spec.provider], checked=as_of, dataset=label),
        )
    except ValidationError as exc:
        raise CatalogError(f"{where}: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from None


def price_signature(model: ModelPrice) -> tuple[Any, ...]:
    """Everything that decides what a request costs (to tell aliases from distinct snapshots)."""
    return (
        tuple(getattr(model, f) for f in PRICE_FIELDS),
        model.per_request_usd,
        model.long_context,
        model.batch,
    )


def _snapshots(
    spec: ModelSpec, data: Mapping[str, Mapping[str, Any]], model: ModelPrice, label: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Dated snapshots of the family: (aliases with identical prices, differently priced)."""
    pattern = re.compile(re.escape(spec.litellm_key) + _SNAPSHOT)
    provider = LITELLM_PROVIDER[spec.provider]
    same: list[str] = []
    other: list[str] = []
    for key in sorted(data):
        if not pattern.match(key) or data[key].get("litellm_provider") != provider:
            continue
        snap = model_from_entry(spec, data[key], label, model.source.checked)
        name = key.removeprefix("gemini/")
        (same if price_signature(snap) == price_signature(model) else other).append(name)
    return tuple(same), tuple(other)


def import_litellm(
    path: Path,
    specs: list[ModelSpec],
    as_of: dt.date,
    effective_from: dt.date,
    previous: Catalog | None,
) -> tuple[list[ModelPrice], list[str]]:
    """Models of ``specs`` priced from the dataset at ``path`` (see module docstring).

    Returns the models and the ids found neither in the dataset nor in ``previous``
    (models released after the dataset's date), which the caller reports.
    """
    data = load_dataset(path)
    label = dataset_label(path)
    models: list[ModelPrice] = []
    missing: list[str] = []
    for spec in specs:
        entry = data.get(spec.litellm_key)
        if entry is not None:
            model = model_from_entry(spec, entry, label, as_of)
            aliases, distinct = _snapshots(spec, data, model, label)
            update = {"aliases": aliases, "distinct_snapshots": distinct}
            models.append(model.model_copy(update=update))
            continue
        carried = previous.model(spec.model_id) if previous else None
        if carried is None:
            missing.append(spec.model_id)  # not released yet at this dataset's date
            continue
        notes = carried.notes or ""
        if "Carried forward" not in notes:
            origin = previous.version if previous else "?"
            notes = f"Carried forward from version {origin}: not in {label} (retired). {notes}"
        models.append(carried.model_copy(update={"notes": notes.strip()}))
    return apply_decisions(models, effective_from), missing
