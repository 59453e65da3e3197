"""Downloads of a re-priced log: the rows with a cost per option (CSV) and the summary (JSON).

Pure functions returning bytes, so the page passes them to ``st.download_button`` and the
tests read exactly what a user downloads (AppTest cannot read download bytes). Only
counts, names and money leave: prompt/response text never reaches the canonical frame.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from model import columns as c
from model.costing import Costing

#: Columns of the re-priced CSV before the per-option costs, in this order.
ROW_COLUMNS: tuple[str, ...] = (
    c.TIMESTAMP,
    c.MODEL_RAW,
    c.MODEL,
    c.PROVIDER,
    *c.TOKEN_CLASSES,
    c.REASONING,
    c.REQUESTS,
    c.BATCH,
    c.FREE,
    c.REPORTED_COST,
)


def cost_column(option_id: str) -> str:
    """Name of an option's cost column in the re-priced CSV."""
    return f"cost_{option_id}_usd"


def repriced_frame(costing: Costing) -> pd.DataFrame:
    """One row per usage row: what it was, and what its tokens cost through each option.

    A cost is the token cost after the option's discount; monthly fees (aggregator
    purchase fee, BYOK) are not per row and are left to the summary. An empty cost means
    the option cannot price that row (model unknown to it) — never a silent $0.
    """
    frame = costing.frame
    ts = frame[c.TIMESTAMP].dt.tz_convert("UTC")
    data: dict[str, Any] = {
        c.TIMESTAMP: ts.dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ").str.replace(
            r"\.(\d{3})\d{3}Z$", r".\1Z", regex=True
        ),
    }
    for col in ROW_COLUMNS[1:]:
        values = frame[col]
        # Categoricals (normalized names) export as their text.
        data[col] = values.astype("string") if col in (c.MODEL, c.PROVIDER) else values
    for option in costing.options:
        data[cost_column(option.id)] = option.token_cost
    return pd.DataFrame(data, copy=False)


def repriced_csv(costing: Costing) -> bytes:
    """The re-priced rows as UTF-8 CSV (see :func:`repriced_frame`).

    Written by pyarrow: pandas' ``to_csv`` takes seconds on a million rows, which a user
    would wait through after clicking the download button.
    """
    table = pa.Table.from_pandas(repriced_frame(costing), preserve_index=False)
    # NaN costs become empty cells: "not priced" must not read as a number.
    arrays = [
        pa.compute.if_else(pa.compute.is_nan(col), None, col)
        if pa.types.is_floating(col.type)
        else col
        for col in table.columns
    ]
    table = pa.Table.from_arrays(arrays, names=table.column_names)
    sink = pa.BufferOutputStream()
    pacsv.write_csv(table, sink, pacsv.WriteOptions(quoting_style="needed"))
    return sink.getvalue().to_pybytes()


def summary_json(summary: dict[str, Any]) -> bytes:
    """The ``reprice --json`` object (DESIGN §5) as the CLI prints it."""
    return (json.dumps(_finite(summary), indent=2, allow_nan=False) + "\n").encode("utf-8")


def _finite(value: Any) -> Any:
    # JSON has no NaN: an amount that is not a number is null, as in the CLI contract.
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    if isinstance(value, float | np.floating) and not np.isfinite(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value
