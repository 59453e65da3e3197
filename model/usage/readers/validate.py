"""Vectorized checks of usage values (DESIGN §6) with row-numbered warnings.

A row with an impossible value is never priced: it is left out of every total and
named in a warning (first few row numbers + count), or the whole file is refused when
nothing usable remains. Rows are numbered as data rows: 1 is the first record below
the header (spreadsheet row 2), in the order of the file.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from model.usage.readers.base import unknown_bools
from model.usage.readers.headers import count
from model.usage.readers.limits import MAX_COST_USD, MAX_TOKENS

_SHOW = 5  # row numbers listed per warning before "and N more"

_TRUE = {"true", "t", "yes", "y", "1", "1.0", "on"}
_FALSE = {"false", "f", "no", "n", "0", "0.0", "off"}
_THOUSANDS = r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"
_NON_RECORD = ("total", "totals", "total:", "grand total", "sum", "subtotal")
_NON_RECORD_SPELLINGS = pa.array(
    sorted({f(w) for w in _NON_RECORD for f in (str.lower, str.title, str.upper, str.capitalize)})
)


def rows_phrase(numbers: np.ndarray) -> str:
    """``row 17`` / ``3 rows (4, 9, 17)`` / ``120 rows (4, 9, 17, 20, 31 and 115 more)``."""
    n = len(numbers)
    if n == 1:
        return f"row {int(numbers[0])}"
    shown = ", ".join(str(int(x)) for x in numbers[:_SHOW])
    more = f" and {n - _SHOW} more" if n > _SHOW else ""
    return f"{count(n, 'row')} ({shown}{more})"


@dataclass
class Issues:
    """Row-level problems collected per reason, turned into warnings once."""

    n: int
    row_numbers: np.ndarray | None = None

    def __post_init__(self) -> None:
        self._bad: dict[str, np.ndarray] = {}
        self._notes: dict[str, np.ndarray] = {}

    def numbers(self) -> np.ndarray:
        return self.row_numbers if self.row_numbers is not None else np.arange(1, self.n + 1)

    def drop(self, reason: str, mask: np.ndarray) -> None:
        """Rows matching ``mask`` are impossible: left out, named in a warning."""
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            prev = self._bad.get(reason)
            self._bad[reason] = mask if prev is None else prev | mask

    def note(self, reason: str, mask: np.ndarray) -> None:
        """Rows kept but adjusted (a default applied, a field ignored): just told."""
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            prev = self._notes.get(reason)
            self._notes[reason] = mask if prev is None else prev | mask

    def bad(self) -> np.ndarray:
        out = np.zeros(self.n, dtype=bool)
        for m in self._bad.values():
            out |= m
        return out

    def warnings(self, keep: np.ndarray | None = None) -> list[str]:
        if not self._bad and not self._notes:
            return []
        nums = self.numbers()
        out = [
            f"{rows_phrase(nums[m])}: {reason} — left out of every total"
            for reason, m in self._bad.items()
        ]
        for reason, m in self._notes.items():
            mm = m if keep is None else m & keep
            if mm.any():
                out.append(f"{rows_phrase(nums[mm])}: {reason}")
        return out


def is_text(arr: pa.ChunkedArray) -> bool:
    t = arr.type
    if pa.types.is_dictionary(t):
        t = t.value_type
    return pa.types.is_string(t) or pa.types.is_large_string(t)


def per_value(arr: pa.ChunkedArray, fn) -> pa.ChunkedArray:
    """Apply a vectorized text function; on a dictionary column only to its few values.

    Model and provider columns have a handful of distinct names in a million rows, so
    the CSV parse reads them dictionary-encoded and every string operation runs on the
    dictionary, then is broadcast through the indices (``take``).
    """
    if not pa.types.is_dictionary(arr.type):
        return fn(arr)
    out = [pc.take(fn(chunk.dictionary), chunk.indices) for chunk in arr.chunks]
    if not out:
        return fn(arr.cast(arr.type.value_type))
    return pa.chunked_array(out)


def decoded(arr: pa.ChunkedArray) -> pa.ChunkedArray:
    """Plain ``string`` values of a (possibly dictionary-encoded) text column."""
    if pa.types.is_dictionary(arr.type):
        return arr.cast(arr.type.value_type)
    return arr


def non_record_mask(n: int, *texts: pa.ChunkedArray | None) -> np.ndarray:
    """Lines such as ``Total,,123`` that summarize instead of recording usage.

    Matched against the common spellings directly (no per-value lowercasing: this runs
    on every row of a million-row file).
    """
    mask = np.zeros(n, dtype=bool)
    for arr in texts:
        if arr is None or not is_text(arr):
            continue
        m = per_value(arr, lambda a: pc.is_in(a, value_set=_NON_RECORD_SPELLINGS))
        mask |= pc.fill_null(m, False).to_numpy(zero_copy_only=False)
    return mask


def is_missing(arr: pa.ChunkedArray) -> np.ndarray:
    """Null or (for text) blank after trimming."""
    if is_text(arr):
        # Empty cells are null already (strings_can_be_null); utf8_is_space is true
        # for all-space text and, unlike a trim, allocates nothing.
        blank = per_value(arr, lambda a: pc.or_kleene(pc.utf8_is_space(a), pc.equal(a, "")))
        return pc.fill_null(blank, True).to_numpy(zero_copy_only=False)
    if arr.null_count == 0:
        return np.zeros(len(arr), dtype=bool)
    return arr.is_null().to_numpy(zero_copy_only=False)


def to_float(arr: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(values, missing, unparseable) of a numeric column, typed or text.

    Text is what spreadsheets leave: ``10.0``, ``"1,234"``, ``$0.12``, spaces. Missing
    cells are NaN in ``values`` and flagged in ``missing``; cells that are not numbers
    are NaN and flagged in ``unparseable``. A literal ``NaN`` is neither (the caller
    rejects NaN as such).
    """
    missing = is_missing(arr)
    if pa.types.is_integer(arr.type) or pa.types.is_floating(arr.type):
        values = arr.cast(pa.float64()).to_numpy(zero_copy_only=False)
        return values, missing, np.zeros(len(values), dtype=bool)
    if pa.types.is_boolean(arr.type):
        values = arr.cast(pa.float64()).to_numpy(zero_copy_only=False)
        return values, missing, np.zeros(len(values), dtype=bool)
    s = pc.utf8_trim_whitespace(decoded(arr).cast(pa.string()))
    s = pc.replace_substring(s, "$", "")
    thousands = pc.fill_null(pc.match_substring_regex(s, _THOUSANDS), False)
    s = pc.if_else(thousands, pc.replace_substring(s, ",", ""), s)
    # A decimal comma with one or two decimals ("10,0" from a European spreadsheet) can
    # not be a thousands group (those have exactly three digits).
    decimal_comma = pc.fill_null(pc.match_substring_regex(s, r"^[+-]?\d+,\d{1,2}$"), False)
    s = pc.if_else(decimal_comma, pc.replace_substring(s, ",", "."), s)
    values = pd.to_numeric(
        pd.Series(s.to_numpy(zero_copy_only=False), dtype=object), errors="coerce"
    ).to_numpy(dtype="float64", na_value=np.nan)
    literal_nan = pc.fill_null(pc.match_substring_regex(s, r"^(?i)[+-]?nan$"), False)
    literal_nan = literal_nan.to_numpy(zero_copy_only=False)
    unparseable = np.isnan(values) & ~missing & ~literal_nan
    return values, missing, unparseable


def check_tokens(
    issues: Issues,
    name: str,
    arr: pa.ChunkedArray | None,
    *,
    required: bool,
    default: float = 0.0,
    n: int,
) -> np.ndarray:
    """Validated float64 token counts of column ``name`` (its default where absent).

    Missing cells of a required column, non-numbers, NaN, infinities, negatives and
    counts above :data:`MAX_TOKENS` make the row impossible (dropped by the caller).
    """
    if arr is None:
        return np.full(n, default)
    values, missing, unparseable = to_float(arr)
    if arr.null_count == 0 and pa.types.is_floating(arr.type):
        # The common case of a clean typed column: one pass decides that all is well.
        with np.errstate(invalid="ignore"):
            if ((values >= 0) & (values <= MAX_TOKENS)).all():
                return values
    present = ~missing
    if required:
        issues.drop(f"missing {name}", missing)
    issues.drop(f"non-numeric {name}", unparseable)
    issues.drop(f"NaN {name}", present & ~unparseable & np.isnan(values))
    with np.errstate(invalid="ignore"):
        issues.drop(f"negative {name}", present & (values < 0))
        issues.drop(f"overflowing {name} (above 1e12)", present & (np.abs(values) > MAX_TOKENS))
    return np.where(missing | np.isnan(values), default, values)


def to_bool(
    issues: Issues, name: str, arr: pa.ChunkedArray | None, *, default: bool | None, n: int
) -> np.ndarray | pd.arrays.BooleanArray:
    """Booleans as spreadsheets write them; unreadable values drop the row.

    ``default=None`` keeps missing cells unknown (nullable ``boolean``).
    """
    if arr is None:
        if default is None:
            return unknown_bools(n)
        return np.full(n, default)
    if pa.types.is_boolean(arr.type):
        vals = arr
        bad = np.zeros(n, dtype=bool)
    else:
        low = pc.utf8_lower(pc.utf8_trim_whitespace(decoded(arr).cast(pa.string())))
        low = pc.if_else(pc.equal(low, ""), pa.scalar(None, pa.string()), low)
        is_t = pc.fill_null(pc.is_in(low, value_set=pa.array(sorted(_TRUE))), False)
        is_f = pc.fill_null(pc.is_in(low, value_set=pa.array(sorted(_FALSE))), False)
        vals = pc.if_else(is_t, True, pc.if_else(is_f, False, pa.scalar(None, pa.bool_())))
        bad = pc.and_(pc.is_valid(low), pc.invert(pc.or_(is_t, is_f)))
        bad = bad.to_numpy(zero_copy_only=False)
        issues.drop(f"unreadable {name} (not true/false)", bad)
    if default is None:
        known = pc.is_valid(vals).to_numpy(zero_copy_only=False)
        flags = pc.fill_null(vals, False).to_numpy(zero_copy_only=False)
        return pd.arrays.BooleanArray(flags.astype(bool), ~known)
    return pc.fill_null(vals, default).to_numpy(zero_copy_only=False).astype(bool)


def text(arr: pa.ChunkedArray | None, n: int) -> pd.arrays.ArrowStringArray:
    """A string column as the canonical ``string`` dtype (nulls kept)."""
    if arr is None:
        return pd.array(pa.nulls(n, pa.string()), dtype="string")
    arr = decoded(arr)
    if not pa.types.is_string(arr.type):
        arr = arr.cast(pa.string())
    return pd.array(arr, dtype="string")


def stripped(arr: pa.ChunkedArray | None, n: int) -> pd.arrays.ArrowStringArray:
    """Trimmed text; blank cells become null (``model`` is the stripped ``model_raw``)."""
    if arr is None:
        return text(None, n)

    def trim(a: pa.Array) -> pa.Array:
        t = pc.utf8_trim_whitespace(a.cast(pa.string()))
        return pc.if_else(pc.equal(t, ""), pa.scalar(None, pa.string()), t)

    return text(per_value(arr, trim), n)


def reported_cost(issues: Issues, arr: pa.ChunkedArray | None, n: int) -> np.ndarray:
    """Reported cost is informational: an unreadable one becomes null, the row stays.

    A cost beyond :data:`MAX_COST_USD` (infinity included) says the row is garbage: it is
    left out of every total and named, like an overflowing token count.
    """
    if arr is None:
        return np.full(n, np.nan)
    values, _missing, unparseable = to_float(arr)
    issues.note("cost is not a number — kept without a reported cost", unparseable)
    with np.errstate(invalid="ignore"):
        huge = np.abs(values) > MAX_COST_USD
    issues.drop("overflowing reported cost (beyond $1e9)", huge)
    return np.where(np.isfinite(values) & ~huge, values, np.nan)


def unknown_long_context(n: int) -> pd.arrays.BooleanArray:
    """Buckets whose long-context band the source does not say (DESIGN §3: unknown)."""
    return unknown_bools(n)
