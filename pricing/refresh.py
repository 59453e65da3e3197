"""One reviewed price refresh: newest datasets in, proposed dated changes and a review out.

``python -m pricing refresh --as-of D --litellm L.json --genai-prices P.yml … --openrouter
M.json`` compares what the datasets say on D with the price history and prints:

* **proposed changes** — a new model, a price that differs (a new entry dated D: datasets
  carry no effective dates, so the maintainer moves it to the vendor's date if one is
  published), a price the history did not state yet, a lifecycle date, OpenRouter's own
  catalog;
* **sources disagree** — every price where ours, litellm and genai-prices differ;
* **reviewed decisions kept** — a price marked ``reviewed`` in the history, or chosen by a
  documented decision (:mod:`pricing.importers.decisions`), that a dataset contradicts: it
  is kept and shown, never overwritten silently (``--override MODEL`` replaces it, loudly);
* **changes to add by hand** — dated steps genai-prices records that the history lacks
  (they carry no batch prices, so they are never written blindly);
* models the history prices that the datasets no longer list (litellm deletes retired ones).

``--write`` applies the proposals to ``models/<provider>.yaml`` and ``options/openrouter.yaml``
after validating the result; without it nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from pricing.diff import PriceChange, price_fields
from pricing.errors import CatalogError
from pricing.history import History, ModelHistory, PriceEntry
from pricing.importers import genai_prices as gp
from pricing.importers.decisions import decisions_for
from pricing.importers.litellm import (
    LITELLM_PROVIDER,
    ModelSpec,
    dataset_label,
    load_dataset,
    model_from_entry,
)
from pricing.importers.openrouter import import_openrouter
from pricing.names import NameResolver
from pricing.refresh_report import (
    Disagreement,
    Proposal,
    Report,
    describe_changes,
    plain_prices,
)
from pricing.schema import Lifecycle, ModelPrice


def _values(priced: ModelPrice | PriceEntry | None) -> dict[str, Decimal | None]:
    return price_fields(priced) if priced is not None else {}


def _changes(old: PriceEntry | None, new: ModelPrice) -> tuple[PriceChange, ...]:
    before, after = _values(old), _values(new)
    return tuple(PriceChange(k, before.get(k), v) for k, v in after.items() if before.get(k) != v)


def _entry(model: ModelPrice, day: dt.date) -> PriceEntry:
    return PriceEntry(
        from_=day,
        input=model.input,
        output=model.output,
        cache_read=model.cache_read,
        cache_write_5m=model.cache_write_5m,
        cache_write_1h=model.cache_write_1h,
        per_request_usd=model.per_request_usd,
        long_context=model.long_context,
        batch=model.batch,
        source=model.source,
        notes=model.notes,
    )


def _settled_by(model_id: str, current: PriceEntry | None) -> str | None:
    if current is not None and current.reviewed is not None:
        r = current.reviewed
        return f"reviewed {r.date} by {r.by}: {r.note}"
    decided = decisions_for(model_id)
    return f"decision: {decided[0].choice}" if decided else None


def _lifecycle(entry: Mapping[str, Any], ours: Lifecycle | None) -> Lifecycle | None:
    """The lifecycle litellm states, merged into ours; None when it adds nothing new."""
    retires = entry.get("deprecation_date")
    successor = entry.get("successor_model")
    update: dict[str, Any] = {}
    if isinstance(retires, str) and retires:
        try:
            day = dt.date.fromisoformat(retires)
        except ValueError:
            day = None
        if day is not None and (ours is None or ours.retires != day):
            update["retires"] = day
            update["tentative"] = False
            source = entry.get("deprecation_source")
            if isinstance(source, str) and source.startswith("http"):
                update["source"] = source
    if isinstance(successor, str) and successor:
        name = successor.removeprefix("gemini/")
        if ours is None or ours.successor != name:
            update["successor"] = name
    if not update:
        return None
    return (ours or Lifecycle()).model_copy(update=update)


class _Refresher:
    def __init__(self, history: History, as_of: dt.date, overrides: Iterable[str]) -> None:
        self.history = history
        self.as_of = as_of
        self.overrides = set(overrides)
        self.models = {m.model_id: (p, m) for p, m in history.models()}
        catalogs = [history.catalog(d) for d in history.version_dates()]
        self.resolver = NameResolver(catalogs)
        self.report = Report(as_of)

    def litellm(self, path: Path, specs: Sequence[ModelSpec]) -> dict[str, ModelPrice]:
        """Candidates from litellm (decisions applied), and the proposals they imply."""
        from pricing.importers.decisions import apply_decisions

        data = load_dataset(path)
        label = dataset_label(path)
        self.report.sources.append(f"{label} ({path.name})")
        found: dict[str, ModelPrice] = {}
        for spec in specs:
            entry = data.get(spec.litellm_key)
            known = self.models.get(spec.model_id)
            if entry is None or entry.get("litellm_provider") != LITELLM_PROVIDER[spec.provider]:
                if known is not None and known[1].unpublished is None:
                    self.report.not_listed.append(spec.model_id)
                continue
            raw = model_from_entry(spec, entry, label, self.as_of)
            (candidate,) = apply_decisions([raw], self.as_of)
            found[spec.model_id] = candidate
            overruled = tuple(c for c in _changes(_entry(candidate, self.as_of), raw) if c.new)
            if overruled and decisions_for(spec.model_id):
                self.report.kept.append(
                    f"{spec.model_id}: {label} says {describe_changes(overruled)}; not taken — "
                    f"{_settled_by(spec.model_id, None)}"
                )
            self._compare(spec, candidate, known)
            life = _lifecycle(entry, known[1].lifecycle if known else None)
            if life is not None and known is not None:
                self.report.proposals.append(
                    Proposal(spec.provider, spec.model_id, "lifecycle", lifecycle=life)
                )
        return found

    def _compare(
        self, spec: ModelSpec, candidate: ModelPrice, known: tuple[str, ModelHistory] | None
    ) -> None:
        # A model the history does not price yet (absent, or listed as unpublished).
        if known is None or known[1].unpublished is not None:
            self.report.proposals.append(
                Proposal(
                    spec.provider,
                    spec.model_id,
                    "new model",
                    _changes(None, candidate),
                    _entry(candidate, self.as_of),
                    display_name=spec.display_name,
                )
            )
            return
        _, history = known
        current = history.entry_on(self.as_of)
        # A price the dataset does not state is missing information, not a price removed.
        changes = tuple(c for c in _changes(current, candidate) if c.new is not None)
        if not changes:
            return
        if current is not None and current.reviewed is not None:
            if spec.model_id not in self.overrides:
                self.report.kept.append(
                    f"{spec.model_id} (price from {current.from_}): "
                    f"{candidate.source.dataset} says {describe_changes(changes)}; kept — "
                    f"{_settled_by(spec.model_id, current)}"
                )
                return
            self.report.kept.append(
                f"{spec.model_id}: reviewed price OVERRIDDEN on request (--override)"
            )
        stated_only = current is not None and all(c.old is None for c in changes)
        if stated_only and current is not None:
            entry = _entry(candidate, current.from_)
            self.report.proposals.append(
                Proposal(spec.provider, spec.model_id, "stated price", changes, entry)
            )
        else:
            entry = _entry(candidate, self.as_of)
            self.report.proposals.append(
                Proposal(spec.provider, spec.model_id, "price change", changes, entry)
            )

    def genai(self, paths: Sequence[Path], candidates: Mapping[str, ModelPrice]) -> None:
        """Disagreements with genai-prices, and its dated steps the history lacks."""
        resolve = self._resolve
        for path in paths:
            data = gp.load_provider(path)
            self.report.sources.append(f"genai-prices {path.name}")
            for provider, history in self.history.models():
                # A provider file also lists other vendors' models as that host sells them
                # (Claude on Vertex in google.yml): compare only the vendor's own.
                if data.get("id") != provider:
                    continue
                model = gp.find_model(data, history.model_id, resolve)
                if model is None or history.unpublished is not None:
                    continue
                theirs = gp.prices_on(model, self.as_of)
                self._disagree(history, theirs, candidates.get(history.model_id))
                self._steps(provider, history, model)

    def _resolve(self, name: str) -> str | None:
        return self.resolver.resolve(name).model_id

    def _disagree(
        self, history: ModelHistory, theirs: Mapping[str, Decimal | None], lit: ModelPrice | None
    ) -> None:
        current = history.entry_on(self.as_of)
        ours, litellm = _values(current), _values(lit)
        for name in theirs:
            values = {ours.get(name), litellm.get(name) if lit else ours.get(name), theirs[name]}
            if len(values) > 1:
                self.report.disagreements.append(
                    Disagreement(
                        history.model_id,
                        name,
                        ours.get(name),
                        litellm.get(name),
                        theirs[name],
                        _settled_by(history.model_id, current),
                        litellm_lists=lit is not None,
                    )
                )

    def _steps(self, provider: str, history: ModelHistory, model: Mapping[str, Any]) -> None:
        have = {p.from_ for p in history.prices}
        for day in gp.step_dates(model):
            if day < self.history.index.starts or day in have:
                continue
            step = gp.prices_on(model, day)
            text = f"{history.model_id} on {day}: {plain_prices(step)}"
            settled = _settled_by(history.model_id, history.entry_on(day))
            if settled:
                self.report.kept.append(f"{text} (genai-prices); not added — {settled}")
            else:
                self.report.by_hand.append(f"{text} (genai-prices; {provider})")

    def openrouter(self, path: Path) -> None:
        option = next((o for o in self.history.options if o.id == "openrouter"), None)
        if option is None:
            raise CatalogError(f"{self.history.root}: options/openrouter.yaml not found")
        models = import_openrouter(path, self.as_of)
        self.report.sources.append(f"OpenRouter /api/v1/models ({path.name})")
        before = {m.model_id: m for m in option.models}
        after = {m.model_id: m for m in models}
        added = sorted(after.keys() - before.keys())
        removed = sorted(before.keys() - after.keys())
        repriced = sorted(
            k for k in after.keys() & before.keys() if _values(after[k]) != _values(before[k])
        )
        self.report.openrouter_summary = (
            f"OpenRouter's own catalog: {len(after)} models as of {self.as_of} "
            f"({len(added)} added, {len(removed)} removed, {len(repriced)} re-priced"
            + (
                f": {', '.join(repriced[:8])}{' …' if len(repriced) > 8 else ''})"
                if repriced
                else ")"
            )
        )
        if added or removed or repriced or before != after:
            self.report.openrouter = option.model_copy(update={"models": tuple(models)})


def refresh(
    history: History,
    *,
    as_of: dt.date,
    specs: Sequence[ModelSpec],
    litellm: Path | None = None,
    genai: Sequence[Path] = (),
    openrouter: Path | None = None,
    overrides: Iterable[str] = (),
) -> Report:
    """Compare the datasets with the history (see the module docstring)."""
    if litellm is None and not genai and openrouter is None:
        raise CatalogError(
            "refresh: give at least one dataset (--litellm, --genai-prices, --openrouter)"
        )
    refresher = _Refresher(history, as_of, overrides)
    candidates = refresher.litellm(litellm, specs) if litellm is not None else {}
    if genai:
        refresher.genai(genai, candidates)
    if openrouter is not None:
        refresher.openrouter(openrouter)
    return refresher.report
