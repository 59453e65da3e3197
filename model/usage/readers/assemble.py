"""The last step of every reader: drop impossible rows, build the frame, word the result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from model.usage.readers.base import UsageRead, canonical_frame
from model.usage.readers.errors import UsageFormatError
from model.usage.readers.validate import Issues


def finish(
    filename: str,
    fmt: str,
    values: Mapping[str, Any],
    issues: Issues,
    *,
    records: int,
    warnings: Sequence[str] = (),
    timezone_assumed: str = "UTC",
    dropped_before: int = 0,
) -> UsageRead:
    """Assemble a :class:`UsageRead` from validated columns.

    ``records`` counts the usage records of the file (``rows`` of the result);
    ``dropped_before`` counts records already left out before column validation
    (ragged lines). Refuses the file when no usable row remains (DESIGN §6: never a
    silent $0).
    """
    bad = issues.bad()
    keep = ~bad
    row_warnings = issues.warnings(keep)
    if records == 0:
        raise UsageFormatError(
            filename, "the file has a header but no usage rows", "export a period with usage"
        )
    if not keep.any():
        tail = " — left out of every total"
        # Name what went wrong: the row reasons, else the shape of the file (ragged lines).
        reasons = row_warnings[:3] or [w for w in warnings if "wrong number of fields" in w]
        first = "; ".join(w.removesuffix(tail) for w in reasons) or "every row unusable"
        raise UsageFormatError(
            filename, f"no usable rows ({first})", "fix the values or export the file again"
        )
    n = int(keep.sum())
    sub = (
        {k: (v if np.isscalar(v) else v[keep]) for k, v in values.items()} if bad.any() else values
    )
    frame = canonical_frame(n, sub)
    return UsageRead(
        frame=frame,
        format=fmt,
        rows=records,
        warnings=(*warnings, *row_warnings),
        dropped_rows=int(bad.sum()) + dropped_before,
        timezone_assumed=timezone_assumed,
    )
