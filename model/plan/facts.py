"""What a user should see beside the chosen models: context windows and list prices, per
pricing version when a version used by the scenario changes them."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from model.plan.projection import sold_somewhere
from pricing.schema import Catalog

#: Columns that identify a row rather than price it (a new version re-checks every source).
_NOT_PRICES = ("version", "source", "checked")


def model_facts(catalog: Catalog, model_ids: Sequence[str]) -> pd.DataFrame:
    """What a user should see beside the chosen models: context window and prices (USD per
    million tokens), in the order given. Unknown ids get a row with only the id."""
    models = sold_somewhere(catalog)
    rows = []
    for mid in dict.fromkeys(model_ids):
        m = models.get(mid)
        if m is None:
            rows.append({"model": mid, "vendor": "not in this version"})
            continue
        lc = m.long_context
        rows.append(
            {
                "model": mid,
                "vendor": m.provider,
                "context_tokens": m.context_window or m.max_input_tokens,
                "input": float(m.input),
                "cache_read": None if m.cache_read is None else float(m.cache_read),
                "cache_write_5m": None if m.cache_write_5m is None else float(m.cache_write_5m),
                "cache_write_1h": None if m.cache_write_1h is None else float(m.cache_write_1h),
                "output": float(m.output),
                "batch_input": float(m.batch.input) if m.batch else None,
                "long_context_above": lc.threshold_tokens if lc else None,
                "long_context_input": float(lc.input) if lc else None,
                "long_context_output": float(lc.output) if lc else None,
                "source": m.source.url,
                "checked": m.source.checked,
            }
        )
    frame = pd.DataFrame(rows)
    numeric = [k for k in frame.columns if k not in ("model", "vendor", "source", "checked")]
    # Missing prices are NaN (shown empty), never None or 0.
    frame[numeric] = frame[numeric].astype(float)
    return frame


def model_facts_by_version(catalogs: Sequence[Catalog], model_ids: Sequence[str]) -> pd.DataFrame:
    """:func:`model_facts` of the first version, then a row per later version for each model
    whose prices or limits it changes (a scheduled step inside the horizon shows up here)."""
    frames = []
    for catalog in catalogs:
        facts = model_facts(catalog, model_ids)
        facts.insert(0, "version", catalog.version)
        frames.append(facts)
    both = pd.concat(frames, ignore_index=True)
    compared = [col for col in both.columns if col not in _NOT_PRICES]
    # NaN ("not offered") must compare equal to NaN: fill with a marker before comparing.
    key = both[compared].astype(object).where(both[compared].notna(), "—").astype(str)
    changed = key.ne(key.groupby(both["model"]).shift()).any(axis=1)
    return both[changed].reset_index(drop=True)
