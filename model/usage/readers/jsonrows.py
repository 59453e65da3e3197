"""Turn parsed JSON records into the :class:`~model.usage.readers.records.Rows` CSV readers use.

JSON exports are small (API pages, local transcripts), so building an arrow table from
Python dicts is fine; the column mapping then runs the same vectorized code as the CSV
twin of each format.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa

from model.usage.readers.errors import UsageFormatError
from model.usage.readers.records import Rows
from model.usage.readers.validate import Issues


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"amount": {"value": 1}}`` → ``{"amount_value": 1}`` (lists are left out)."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, f"{name}_"))
        elif not isinstance(value, list):
            out[name] = value
    return out


def bucket_results(obj: Any, time_keys: tuple[str, ...]) -> list[dict[str, Any]] | None:
    """Results of a usage/cost API page (or a list of pages), each merged with its bucket's
    ``time_keys``; None when the shape is not ``{"data": [{..., "results": [...]}]}``.

    OpenAI's and Anthropic's admin APIs share this paging shape.
    """
    pages = obj if isinstance(obj, list) else [obj]
    out: list[dict[str, Any]] = []
    for page in pages:
        if not isinstance(page, dict) or not isinstance(page.get("data"), list):
            return None
        for bucket in page["data"]:
            if not isinstance(bucket, dict) or not isinstance(bucket.get("results"), list):
                return None
            times = {k: bucket.get(k) for k in time_keys if bucket.get(k) is not None}
            for result in bucket["results"]:
                if not isinstance(result, dict):
                    return None
                out.append({**times, **result})
    return out


def rows_from_records(
    records: Iterable[Mapping[str, Any]], filename: str, *, text_columns: Iterable[str] = ()
) -> Rows:
    """A :class:`Rows` of flattened ``records``; values become text or float columns.

    Everything that is not a number is kept as text (the shared validators coerce and
    name bad values); ``text_columns`` are always text (ids, dates).
    """
    flat = [flatten(r) for r in records]
    names: dict[str, None] = {}
    for r in flat:
        names.update(dict.fromkeys(r))
    forced = set(text_columns)
    columns: dict[str, pa.Array] = {}
    for name in names:
        values = [r.get(name) for r in flat]
        numeric = name not in forced and all(
            v is None or (isinstance(v, int | float) and not isinstance(v, bool)) for v in values
        )
        if numeric:
            columns[name] = pa.array([_number(v) for v in values], type=pa.float64())
        else:
            columns[name] = pa.array(
                [None if v is None else _as_text(v) for v in values], type=pa.string()
            )
    if not flat:
        raise UsageFormatError(
            filename, "the export holds no usage records", "export a period with usage"
        )
    table = pa.table(columns) if columns else pa.table({"_": pa.nulls(len(flat))})
    return Rows(table, Issues(table.num_rows), [], 0)


def _number(v: int | float | None) -> float | None:
    # A JSON integer beyond float range (10**400) is an overflowing value, named by the
    # validators like any other; arrow would refuse the whole column.
    if v is None or isinstance(v, float):
        return v
    try:
        return float(v)
    except OverflowError:
        return float("inf") if v > 0 else float("-inf")


def _as_text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)
