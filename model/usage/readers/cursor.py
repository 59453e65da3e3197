"""Cursor dashboard usage CSV (usage-formats §5a): one row per request or event.

The four token columns are disjoint and sum to ``Total Tokens``: "Input (w/ Cache
Write)" is the cache write (no TTL: priced as 5 minutes, warned), "Input (w/o Cache
Write)" the uncached input. ``Cost`` may be a number, ``$0.12``, ``Included`` or
``Free`` (within a plan's quota: not $0 of value, so no reported cost). Rows Cursor did
not charge (``Errored, No Charge``, ``Aborted, Not Charged``) are kept and priced like
the others, with a warning. ``User``, ``Cloud Agent ID`` and ``Automation ID`` hold
emails and ids: never loaded.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from model.engine import columns as c
from model.usage.readers import fingerprints
from model.usage.readers.base import Probe, Reader, UsageRead
from model.usage.readers.records import Rows, load_csv, model_columns, require, timestamps
from model.usage.readers.validate import count, reported_cost, text, to_float

NAME = "cursor_csv"
WRITE = "input_(w/_cache_write)"
UNCACHED = "input_(w/o_cache_write)"
_F = pa.float64()
_S = pa.string()
TYPES = {
    "date": _S,
    "kind": _S,
    "model": _S,
    "max_mode": _S,
    WRITE: _F,
    UNCACHED: _F,
    "cache_read": _F,
    "output_tokens": _F,
    "total_tokens": _F,
    "cost": _S,
    "requests": _F,
}
_UNCHARGED = ("errored, no charge", "aborted, not charged")


def detect(probe: Probe) -> bool:
    return probe.kind == "csv" and fingerprints.matches(NAME, probe.columns)


def read(data: bytes, filename: str, probe: Probe) -> UsageRead:
    require(probe, filename, NAME, ("date", "model", UNCACHED, "output_tokens"))
    rows = load_csv(
        data,
        filename,
        probe,
        TYPES,
        key_columns=("date", "model", UNCACHED),
        label_columns=("date", "kind"),
    )
    v = rows.values
    timestamps(rows, "date")
    model_columns(rows, "model")
    v[c.INPUT] = rows.tokens(UNCACHED, required=True)
    v[c.CACHE_WRITE_5M] = rows.tokens(WRITE)
    v[c.CACHE_READ] = rows.tokens("cache_read")
    v[c.OUTPUT] = rows.tokens("output_tokens", required=True)
    v[c.REQUESTS] = rows.tokens("requests", default=1.0)
    k = int((v[c.CACHE_WRITE_5M] > 0).sum())
    if k:
        rows.warnings.append(
            f"{count(k, 'row')}: cache-write TTL unknown (Input (w/"
            f" Cache Write)), priced as 5 minutes"
        )
    _check_total(rows)
    v[c.REPORTED_COST] = _cost(rows)
    kind = rows.col("kind")
    if kind is not None:
        low = pc.utf8_lower(pc.utf8_trim_whitespace(kind))
        uncharged = pc.fill_null(pc.is_in(low, value_set=pa.array(_UNCHARGED)), False)
        rows.issues.note(
            "Cursor did not charge these (errored/aborted) — priced like the others",
            uncharged.to_numpy(zero_copy_only=False),
        )
    _unpriceable_models(rows)
    return rows.finish(filename, NAME)


def _check_total(rows: Rows) -> None:
    total = rows.col("total_tokens")
    if total is None:
        return
    values, missing, _bad = to_float(total)
    v = rows.values
    parts = v[c.INPUT] + v[c.CACHE_WRITE_5M] + v[c.CACHE_READ] + v[c.OUTPUT]
    with np.errstate(invalid="ignore"):
        off = ~missing & (np.abs(parts - values) > 0.5)
    rows.issues.note("Total Tokens differs from the sum of the four token columns", off)


def _cost(rows: Rows) -> np.ndarray:
    cost = rows.col("cost")
    n = rows.n
    if cost is None:
        return np.full(n, np.nan)
    low = pc.utf8_lower(pc.utf8_trim_whitespace(cost))
    words = pc.fill_null(pc.is_in(low, value_set=pa.array(["included", "free", "-"])), False)
    numeric = pc.if_else(words, pa.scalar(None, _S), cost)
    out = reported_cost(rows.issues, numeric, n)
    k = int(words.to_numpy(zero_copy_only=False).sum())
    if k:
        rows.warnings.append(
            f"{count(k, 'row')}: Cost is 'Included'/'Free' (within the"
            f" plan's quota, not $0 of value): "
            "no reported cost"
        )
    return out


def _unpriceable_models(rows: Rows) -> None:
    model = text(rows.col("model"), rows.n)
    auto = np.asarray(model.isin(["auto", "default"]), dtype=bool)
    rows.issues.note(
        "Cursor chose the model ('auto'/'default'): it cannot be re-priced without a proxy model",
        auto,
    )


READER = Reader(
    name=NAME,
    description="Cursor dashboard usage CSV: one row per request, disjoint token columns",
    detect=detect,
    read=read,
)
