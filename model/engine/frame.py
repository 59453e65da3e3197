"""Build and coerce canonical usage frames (DESIGN §3) from plain columns.

Readers have their own fast paths; this is for projections, tests and small inputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from model.engine import columns as c

DEFAULTS: dict[str, Any] = {
    c.PROVIDER: pd.NA,
    c.CACHE_READ: 0.0,
    c.CACHE_WRITE_5M: 0.0,
    c.CACHE_WRITE_1H: 0.0,
    c.REASONING: 0.0,
    c.REQUESTS: 1.0,
    c.BATCH: False,
    c.LONG_CONTEXT: pd.NA,
    c.FREE: False,
    c.REPORTED_COST: np.nan,
}


def canonical_frame(
    data: Mapping[str, Sequence[Any] | np.ndarray | pd.Series] | pd.DataFrame,
) -> pd.DataFrame:
    """A canonical frame from columns; missing optional columns get their defaults."""
    df = pd.DataFrame(data).reset_index(drop=True)
    missing = [col for col in c.REQUIRED if col not in df.columns]
    if missing:
        raise ValueError(f"missing required columns: {', '.join(missing)}")
    for col, default in DEFAULTS.items():
        if col not in df.columns:
            df[col] = default
        elif default is not pd.NA and not (isinstance(default, float) and np.isnan(default)):
            df[col] = df[col].fillna(default)  # a record that omits an optional field
    if c.MODEL_RAW not in df.columns:
        df[c.MODEL_RAW] = df[c.MODEL]
    ts = pd.to_datetime(df[c.TIMESTAMP], utc=True)
    df[c.TIMESTAMP] = ts.dt.as_unit("ns")
    return df[list(c.CANONICAL)].astype({k: v for k, v in c.DTYPES.items() if k != c.TIMESTAMP})


def records_frame(records: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """A canonical frame from row dicts (tests, examples)."""
    return canonical_frame(pd.DataFrame.from_records(list(records)))
