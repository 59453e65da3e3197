"""Map the raw model names of a usage frame onto canonical catalog ids (DESIGN §3).

Works on the distinct names only (a million-row log has a few dozen) and returns the
``model`` and ``provider`` columns as categoricals built from codes, so normalizing costs
nothing per row and the engine's own category lookup is free.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.engine import columns as c
from pricing.names import NameResolver


def _categorical(values: list[str | None], codes: np.ndarray) -> pd.Categorical:
    """Categorical of ``values[code]`` per row (code -1 = missing), without per-row Python."""
    uniques = sorted({v for v in values if v is not None})
    position = {v: i for i, v in enumerate(uniques)}
    remap = np.array([position.get(v, -1) if v is not None else -1 for v in values] + [-1])
    return pd.Categorical.from_codes(remap[codes], categories=uniques)


def normalize_models(frame: pd.DataFrame, resolver: NameResolver) -> pd.DataFrame:
    """Return ``frame`` with ``model`` canonical where known, ``provider`` filled, ``free`` set
    for free variants. Unknown names are kept as they are, to be reported with row counts."""
    cat = frame[c.MODEL_RAW].astype("category")
    names = [str(n) for n in cat.cat.categories]
    resolved = resolver.resolve_many(names)
    codes = cat.cat.codes.to_numpy()
    out = frame.copy(deep=False)
    out[c.MODEL] = _categorical([resolved[n].model_id or n for n in names], codes)
    inferred = _categorical([resolved[n].provider for n in names], codes)
    stated = frame[c.PROVIDER]
    if stated.notna().any():
        out[c.PROVIDER] = stated.astype("string").fillna(
            pd.Series(inferred, index=frame.index).astype("string")
        )
    else:
        out[c.PROVIDER] = inferred
    free = np.array([resolved[n].free for n in names] + [False], dtype=bool)
    if free.any():
        out[c.FREE] = frame[c.FREE].to_numpy(dtype=bool) | free[codes]
    return out
