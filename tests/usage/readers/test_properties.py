"""Property tests: whatever the cells hold, the generic reader returns the contract or refuses.

Invariants (DESIGN §3, §5, §6): exact canonical columns and dtypes; every kept row has
finite, non-negative token counts within bounds; rows = kept + dropped; failures are
one-line UsageFormatErrors naming the file.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.engine import columns as c
from model.usage.readers import UsageFormatError, read_usage
from model.usage.readers.validate import MAX_TOKENS

CELLS = {
    "timestamp": st.sampled_from(
        ["2026-03-01", "2026-03-01T10:00:00Z", "2026-03-01 10:00:00", "", "soon", "1772359200"]
    ),
    "model": st.sampled_from(["gpt-4o", " claude-sonnet-4-5 ", "", "acme-omni-7", "Total"]),
    "input_tokens": st.one_of(
        st.integers(-5, 10**13).map(str),
        st.sampled_from(["", "NaN", "abc", "1,234", "10.0", "inf", "-0"]),
    ),
    "output_tokens": st.one_of(st.integers(0, 10**6).map(str), st.sampled_from(["", "x"])),
    "cache_read_tokens": st.one_of(st.integers(-1, 10**6).map(str), st.just("")),
    "batch": st.sampled_from(["", "true", "FALSE", "1", "no", "maybe"]),
    "long_context": st.sampled_from(["", "true", "0"]),
}


def _csv_field(v: str) -> str:
    return f'"{v}"' if "," in v else v


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries(CELLS), min_size=1, max_size=12))
def test_generic_reader_contract(rows):
    header = ",".join(CELLS)
    body = "\n".join(",".join(_csv_field(r[k]) for k in CELLS) for r in rows)
    data = (header + "\n" + body + "\n").encode()
    try:
        r = read_usage(data, "fuzz.csv")
    except UsageFormatError as exc:
        msg = str(exc)
        assert msg.startswith("fuzz.csv: ") and "\n" not in msg
        return
    f = r.frame
    assert tuple(f.columns) == c.CANONICAL
    assert {k: str(v) for k, v in f.dtypes.items()} == dict(c.DTYPES)
    assert len(f) + r.dropped_rows == r.rows
    for col in c.TOKEN_COLUMNS:
        values = f[col].to_numpy()
        assert np.isfinite(values).all() and (values >= 0).all() and (values <= MAX_TOKENS).all()
    assert f[c.TIMESTAMP].notna().all()
    assert f[c.MODEL].notna().all() and (f[c.MODEL].str.strip() == f[c.MODEL]).all()
