"""Downloads of a re-priced log: the rows with a cost per option (CSV) and the summary (JSON).

Pure functions returning bytes, so the page passes them to ``st.download_button`` and the
tests read exactly what a user downloads (AppTest cannot read download bytes). Only
counts, names and money leave: prompt/response text never reaches the canonical frame.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from model.display import FORMULA_STARTS
from model.engine import columns as c
from model.engine.costing import Costing

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


#: What a spreadsheet may read as the start of a formula (OWASP "CSV injection"): a cell
#: beginning with one of these gets a leading ``'`` so it is shown as text, never evaluated.
#: The same first characters as :func:`model.display.formula_safe` (one rule, two forms:
#: that one per cell, this one over a whole arrow column).
FORMULA_START = "^[" + re.escape("".join(FORMULA_STARTS)) + "]"


def neutralize_formulas(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Text cells safe to open in a spreadsheet: ``'`` before a leading ``= + - @``, tab or CR.

    OWASP's recommendation for CSV exports; nulls stay null. Every text column written to a
    CSV goes through here (the upload page's download and ``reprice --rows-out`` alike).
    """
    risky = pc.fill_null(pc.match_substring_regex(values, FORMULA_START), False)
    if not pc.any(risky).as_py():
        return values
    return pc.if_else(risky, pc.binary_join_element_wise("'", values, ""), values)


def _text(values: pd.Series) -> pa.Array:
    # Categoricals (normalized names) decode from their codes: a million rows have a few
    # dozen names, so this never builds a million Python strings.
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        names = pa.array([str(v) for v in values.cat.categories], type=pa.string())
        return pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), names).cast(
            pa.string()
        )
    return pa.array(values.array, type=pa.string())


def _number(values: np.ndarray, *, counts: bool = False) -> pa.Array:
    # NaN becomes an empty cell: "not priced" must not read as a number.
    arr = np.asarray(values, dtype=np.float64)
    missing = np.isnan(arr)
    if counts:
        whole = np.where(missing, 0.0, arr)
        if np.array_equal(whole, np.floor(whole)) and np.abs(whole).max(initial=0) < 2**53:
            # Token counts are whole numbers: written as integers (and ~4x faster).
            return pa.array(whole.astype(np.int64), mask=missing, type=pa.int64())
    return pa.array(arr, mask=missing, type=pa.float64())


def repriced_table(costing: Costing) -> pa.Table:
    """One row per usage row: what it was, and what its tokens cost through each option.

    A cost is the token cost after the option's discount; monthly fees (aggregator
    purchase fee, BYOK) are not per row and are left to the summary. An empty cost means
    the option cannot price that row (model unknown to it) — never a silent $0.
    Built column by column in arrow: formatting a million timestamps in pandas takes
    seconds that the user would wait through after clicking the download button.
    """
    frame = costing.frame
    stamps = pa.array(
        frame[c.TIMESTAMP].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[ms]"),
        type=pa.timestamp("ms"),
    )
    # A cast prints "2026-03-01 09:00:00.000" (30x faster than strftime); make it ISO 8601 UTC.
    text = pc.replace_substring(stamps.cast(pa.string()), " ", "T", max_replacements=1)
    columns: dict[str, pa.Array] = {c.TIMESTAMP: pc.binary_join_element_wise(text, "Z", "")}
    for col in ROW_COLUMNS[1:]:
        values = frame[col]
        if col in (c.MODEL_RAW, c.MODEL, c.PROVIDER):
            columns[col] = neutralize_formulas(_text(values))
        elif col in (c.BATCH, c.FREE):
            columns[col] = pa.array(values.to_numpy(dtype=bool))
        else:
            columns[col] = _number(
                values.to_numpy(dtype=np.float64, na_value=np.nan),
                counts=col != c.REPORTED_COST,
            )
    for option in costing.options:
        columns[cost_column(option.id)] = _number(option.token_cost)
    return pa.table(columns)


def repriced_frame(costing: Costing) -> pd.DataFrame:
    """:func:`repriced_table` as a DataFrame (tests and notebooks)."""
    return repriced_table(costing).to_pandas()


def write_repriced_csv(costing: Costing, sink: Any, *, header: bool = True) -> None:
    """Write the re-priced rows (see :func:`repriced_table`) as UTF-8 CSV to ``sink`` (a
    path or a binary file object); ``header=False`` appends a further slice of one log."""
    table = repriced_table(costing)
    options = pacsv.WriteOptions(quoting_style="needed", include_header=header)
    pacsv.write_csv(table, sink, options)


def repriced_csv(costing: Costing) -> bytes:
    """The re-priced rows as UTF-8 CSV (see :func:`repriced_table`)."""
    sink = pa.BufferOutputStream()
    write_repriced_csv(costing, sink)
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
