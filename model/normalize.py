"""Map the raw model names of a usage frame onto canonical catalog ids (DESIGN §3).

Works on the unique names only (a million-row log has a few dozen), then broadcasts
through the category codes, so it costs nothing per row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pricing.names import NameResolver

from model import columns as c


def normalize_models(frame: pd.DataFrame, resolver: NameResolver) -> pd.DataFrame:
    """Return ``frame`` with ``model`` canonical where known, ``provider`` filled, ``free`` set
    for free variants. Unknown names are kept as they are, to be reported with row counts."""
    cat = frame[c.MODEL_RAW].astype("category")
    names = [str(n) for n in cat.cat.categories]
    resolved = resolver.resolve_many(names)
    canon = np.array([resolved[n].model_id or n for n in names] + [None], dtype=object)
    provider = np.array([resolved[n].provider for n in names] + [None], dtype=object)
    free = np.array([resolved[n].free for n in names] + [False], dtype=bool)
    codes = cat.cat.codes.to_numpy()
    out = frame.copy(deep=False)
    out[c.MODEL] = pd.array(canon[codes], dtype="string")
    known_provider = out[c.PROVIDER]
    out[c.PROVIDER] = known_provider.fillna(pd.Series(provider[codes], index=out.index)).astype(
        "string"
    )
    out[c.FREE] = out[c.FREE].to_numpy(dtype=bool) | free[codes]
    return out
