"""What changed between two catalog versions: per model, every price field, by how much.

Used by ``python -m pricing diff`` and by the app's price-history page. Field names are
dotted for nested prices (``long_context.input``, ``batch.cache_read``,
``batch.long_context.output``) so one flat list covers every number that can change a bill.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pricing.schema import Catalog, ModelPrice, Option

if TYPE_CHECKING:
    from pricing.history import PriceEntry

_PRICES = ("input", "output", "cache_read", "cache_write_5m", "cache_write_1h")
_MODEL_FIELDS = (*_PRICES, "per_request_usd")
_TIER_FIELDS = ("threshold_tokens", *_PRICES)


@dataclass(frozen=True)
class PriceChange:
    """One field whose value differs (``None`` = absent on that side)."""

    field: str
    old: Decimal | None
    new: Decimal | None

    @property
    def ratio(self) -> Decimal | None:
        """new / old, or None when either side is missing or old is zero."""
        if self.old is None or self.new is None or self.old == 0:
            return None
        return self.new / self.old


@dataclass(frozen=True)
class ModelDiff:
    model_id: str
    provider: str
    status: Literal["added", "removed", "changed"]
    changes: tuple[PriceChange, ...]


@dataclass(frozen=True)
class OptionDiff:
    """A change of an option's terms (fees, discounts, allowances, batch support)."""

    option_id: str
    status: Literal["added", "removed", "changed"]
    changes: tuple[tuple[str, Any, Any], ...]


def _number(value: Any) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(value)


def price_fields(model: ModelPrice | PriceEntry) -> dict[str, Decimal | None]:
    """Every price-relevant number of a model under its dotted field name."""
    out: dict[str, Decimal | None] = {f: _number(getattr(model, f)) for f in _MODEL_FIELDS}
    tier = model.long_context
    for f in _TIER_FIELDS:
        out[f"long_context.{f}"] = _number(getattr(tier, f)) if tier else None
    batch = model.batch
    for f in _PRICES:
        out[f"batch.{f}"] = _number(getattr(batch, f)) if batch else None
    batch_tier = batch.long_context if batch else None
    for f in _TIER_FIELDS:
        out[f"batch.long_context.{f}"] = _number(getattr(batch_tier, f)) if batch_tier else None
    return out


def _changes(
    old: dict[str, Decimal | None], new: dict[str, Decimal | None]
) -> Iterator[PriceChange]:
    for name in old:
        if old[name] != new[name]:
            yield PriceChange(name, old[name], new[name])


def _index(catalog: Catalog) -> dict[str, ModelPrice]:
    """List-price models plus the models options sell on their own (OpenRouter's catalog)."""
    models = {m.model_id: m for m in catalog.models}
    for option in catalog.options:
        for m in option.models:
            models.setdefault(m.model_id, m)
    return models


def diff_catalogs(old: Catalog, new: Catalog) -> list[ModelDiff]:
    """Added, removed and re-priced models, sorted by provider then model id."""
    before, after = _index(old), _index(new)
    out: list[ModelDiff] = []
    for model_id in before.keys() | after.keys():
        a, b = before.get(model_id), after.get(model_id)
        if a is not None and b is not None:
            changes = tuple(_changes(price_fields(a), price_fields(b)))
            if changes:
                out.append(ModelDiff(model_id, b.provider, "changed", changes))
        elif b is not None:
            fields = price_fields(b)
            changes = tuple(_changes(dict.fromkeys(fields), fields))
            out.append(ModelDiff(model_id, b.provider, "added", changes))
        elif a is not None:
            fields = price_fields(a)
            changes = tuple(_changes(fields, dict.fromkeys(fields)))
            out.append(ModelDiff(model_id, a.provider, "removed", changes))
    return sorted(out, key=lambda d: (d.provider, d.model_id))


def option_terms(option: Option) -> dict[str, Any]:
    """The option's terms that change a bill, flattened to comparable values."""
    terms: dict[str, Any] = {"batch_api": option.batch_api, "kind": option.kind}
    if isinstance(option.discount, dict):
        for provider, share in sorted(option.discount.items()):
            terms[f"discount.{provider}"] = share
    else:
        terms["discount"] = option.discount
    for method, fee in sorted(option.purchase_fees.items()):
        terms[f"purchase_fees.{method}.percent"] = fee.percent
        terms[f"purchase_fees.{method}.min_usd"] = fee.min_usd
    terms["default_payment"] = option.default_payment
    terms["default_topup_usd"] = option.default_topup_usd
    terms["min_topup_usd"] = option.min_topup_usd
    terms["byok.percent"] = option.byok.percent if option.byok else None
    terms["byok.free_allowance_usd"] = option.byok.free_allowance_usd if option.byok else None
    terms["byok.enterprise_allowance_usd"] = (
        option.byok.enterprise_allowance_usd if option.byok else None
    )
    beta = option.beta_batch_api
    terms["beta_batch_api.since"] = beta.since.isoformat() if beta else None
    for region, uplift in sorted(option.regional_uplift.items()):
        terms[f"regional_uplift.{region}"] = uplift
    terms["resells"] = tuple(sorted(option.resells))
    return terms


def diff_options(old: Catalog, new: Catalog) -> list[OptionDiff]:
    """Options added, removed, or whose fees/discounts/batch support changed."""
    before = {o.id: o for o in old.options}
    after = {o.id: o for o in new.options}
    out: list[OptionDiff] = []
    for option_id in sorted(before.keys() | after.keys()):
        a, b = before.get(option_id), after.get(option_id)
        ta = option_terms(a) if a else {}
        tb = option_terms(b) if b else {}
        changes = tuple(
            (k, ta.get(k), tb.get(k))
            for k in sorted(ta.keys() | tb.keys())
            if ta.get(k) != tb.get(k)
        )
        if a is None:
            out.append(OptionDiff(option_id, "added", changes))
        elif b is None:
            out.append(OptionDiff(option_id, "removed", changes))
        elif changes:
            out.append(OptionDiff(option_id, "changed", changes))
    return out


def format_value(name: str, value: Decimal | None) -> str:
    """A price field's value with its unit (prices are USD per million tokens)."""
    if value is None:
        return "none"
    if name.endswith("threshold_tokens"):
        return f"{value:,.0f} tokens"
    text = format(value.normalize(), "f")
    return f"${text} per request" if name == "per_request_usd" else f"${text}"


def _pct(change: PriceChange) -> str:
    ratio = change.ratio
    return "" if ratio is None else f" ({(ratio - 1) * 100:+.1f}%)"


def _term(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "none"
    return str(value)


def diff_lines(
    old: Catalog, new: Catalog, models: list[ModelDiff], options: list[OptionDiff]
) -> list[str]:
    """``pricing diff`` as text: re-priced fields first (with units and the change in %),
    then prices stated where there were none and prices no longer stated — neither is a
    price change — then models added and removed, then option terms."""
    lines = [f"{old.version} → {new.version} (prices in USD per million tokens)"]
    changed = [(d, c) for d in models if d.status == "changed" for c in d.changes]
    repriced = [(d, c) for d, c in changed if c.old is not None and c.new is not None]
    stated = [(d, c) for d, c in changed if c.old is None]
    dropped = [(d, c) for d, c in changed if c.new is None]
    for d, c in repriced:
        old_text, new_text = format_value(c.field, c.old), format_value(c.field, c.new)
        lines.append(f"{d.model_id}  {c.field} {old_text} → {new_text}{_pct(c)}")
    if stated:
        lines.append("Prices stated where there were none (not price changes):")
        lines.extend(f"  {d.model_id}  {c.field} {format_value(c.field, c.new)}" for d, c in stated)
    if dropped:
        lines.append("Prices no longer stated:")
        lines.extend(
            f"  {d.model_id}  {c.field} (was {format_value(c.field, c.old)})" for d, c in dropped
        )
    for status in ("added", "removed"):
        ids = [f"{d.model_id} ({d.provider})" for d in models if d.status == status]
        if ids:
            lines.append(f"Models {status} ({len(ids)}): {', '.join(ids)}")
    for o in options:
        if o.status != "changed":
            lines.append(f"option {o.option_id}  {o.status}")
            continue
        lines.extend(
            f"option {o.option_id}  {name} {_term(a)} → {_term(b)}" for name, a, b in o.changes
        )
    if len(lines) == 1:
        lines.append("no price changes")
    return lines


def _jsonable(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return value


def diff_json(models: list[ModelDiff], options: list[OptionDiff]) -> dict[str, Any]:
    """``pricing diff --json``: per model and option, every changed field (``kind``:
    changed, stated — filled in where there was none — or dropped)."""
    return {
        "models": [
            {
                "model_id": d.model_id,
                "provider": d.provider,
                "status": d.status,
                "changes": [
                    {
                        "field": c.field,
                        "old": _jsonable(c.old),
                        "new": _jsonable(c.new),
                        "ratio": _jsonable(c.ratio),
                        # a price stated where there was none is not a price change
                        "kind": "stated"
                        if c.old is None
                        else "dropped"
                        if c.new is None
                        else "changed",
                    }
                    for c in d.changes
                ],
            }
            for d in models
        ],
        "options": [
            {
                "id": o.option_id,
                "status": o.status,
                "changes": [
                    {"field": f, "old": _jsonable(a), "new": _jsonable(b)} for f, a, b in o.changes
                ],
            }
            for o in options
        ],
    }
