"""The usage-log evidence of a report: from log files (re-priced here, with the
reconciliation per model) or from a ``reprice --json`` summary someone saved (checked key by
key: it is a file from outside)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from model.engine.adjustments import OptionAssumptions
from model.report.context import ReconciledModel, UsageEvidence
from model.usage.billed import combine_reads
from model.usage.readers import read_usage_path
from model.usage.reconcile import Reconciliation, reconcile
from model.usage.reprice import reprice_frame, summary
from pricing.versions import PriceBook


class UsageSummaryError(ValueError):
    """A summary that is not a ``reprice --json`` object; names the file and the key."""


def reconciled_models(rec: Reconciliation | None) -> tuple[ReconciledModel, ...]:
    """The per-(model, day) reconciliation summed per model."""
    if rec is None:
        return ()
    out = []
    for model, part in rec.table.groupby("model", sort=True):
        computed = part["computed_usd"]
        out.append(
            ReconciledModel(
                model=str(model),
                rows=int(part["rows"].sum()),
                reported_usd=float(part["reported_usd"].sum()),
                computed_usd=None if computed.isna().all() else float(computed.sum()),
                flagged_days=int(part["flagged"].sum()),
            )
        )
    return tuple(out)


def usage_from_logs(
    paths: Sequence[Path],
    book: PriceBook,
    assumptions: Mapping[str, OptionAssumptions] | None = None,
) -> UsageEvidence:
    """Read and re-price usage logs (summed as one log, as ``reprice`` does), with the
    reconciliation against the option that billed them."""
    reads = [(p.name, read_usage_path(p)) for p in paths]
    read = combine_reads(reads)
    chosen = dict(assumptions or {})
    costing = reprice_frame(read.frame, book, assumptions=chosen)
    data = summary(
        costing, fmt=read.format, rows=read.rows, read_warnings=read.warnings, assumptions=chosen
    )
    rec = reconcile(costing, read.format) if len(paths) == 1 else None
    return UsageEvidence(
        summary=data,
        source=", ".join(p.name for p in paths),
        billed_by=rec.option_id if rec else None,
        reconciliation=reconciled_models(rec),
    )


def usage_from_summary(data: Any, source: str) -> UsageEvidence:
    """A saved ``reprice --json`` summary, checked: the keys the report reads must hold
    what the contract says (DESIGN §5)."""

    def fail(key: str, what: str) -> UsageSummaryError:
        return UsageSummaryError(f"{source}: {key}: {what}")

    if not isinstance(data, dict):
        raise fail("(top level)", "expected the object of reprice --json")
    options = data.get("options")
    if not isinstance(options, list) or not options:
        raise fail("options", "expected the list of options")
    for i, o in enumerate(options):
        if not isinstance(o, dict) or not isinstance(o.get("id"), str):
            raise fail(f"options.{i}.id", "expected an option id")
        for key in ("token_cost_usd", "discount_usd", "fees_usd", "total_usd"):
            if not _finite(o.get(key)):
                raise fail(f"options.{i}.{key}", "expected a finite number")
    if not isinstance(data.get("rows"), int) or isinstance(data.get("rows"), bool):
        raise fail("rows", "expected a row count")
    for key in ("format", "pricing_version"):
        if not isinstance(data.get(key), str):
            raise fail(key, "expected text")
    reported = data.get("reported_cost_usd")
    if reported is not None and not _finite(reported):
        raise fail("reported_cost_usd", "expected a finite number or null")
    tokens = data.get("tokens", {})
    if not isinstance(tokens, dict) or not all(_finite(v) for v in tokens.values()):
        raise fail("tokens", "expected finite token counts")
    return UsageEvidence(summary=data, source=source)


def _finite(value: Any) -> bool:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return ok and math.isfinite(value)
