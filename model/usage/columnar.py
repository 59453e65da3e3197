"""Read generic usage logs with an embedded columnar engine (DuckDB) straight into buckets.

For the generic canonical columns — CSV, Parquet or Arrow files on disk — DuckDB parses,
checks every row and sums the token classes by (day, raw model name, batch, free, request
or bucket, stated band, prompt band) out of core, in C++ threads, without building a
frame: a million rows in about the time pandas takes to read them, a hundred million as
Parquet in bounded memory. The buckets are priced by the engine
(:func:`model.engine.buckets.cost_buckets`), the same group pricing the frame path uses.

The path is **strict**: it accepts a file only when every row is one the readers would
take as it is (types parse, tokens finite and within 0…1e12, timestamps within the
readers' range, a model name on every row, no blank, summary or multi-line records, no
column named twice, no cache-write alias, UTF-8 without oddities). Anything else returns
``None`` and the file goes through the readers (:mod:`model.usage.readers`), whose
row-named warnings and refusals stay the only wording users see; a sweep test runs the
hostile corpus through both to hold that line.
"""

from __future__ import annotations

import codecs
import csv
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model.engine import columns as c
from model.usage.readers import fingerprints
from model.usage.readers.headers import (
    ISO_START,
    OFFSET,
    first_line,
    norm,
    sniff_delimiter,
    table_notes,
)
from model.usage.readers.limits import EARLIEST_US, LATEST_US, MAX_COST_USD, MAX_TOKENS

if TYPE_CHECKING:  # numpy and the engine load while DuckDB reads (see chunked._columnar)
    from model.engine.buckets import Buckets

Progress = Callable[[float], None]
_PARQUET = b"PAR1"
_ARROW_FILE = b"ARROW1"
_ARROW_STREAM = b"\xff\xff\xff\xff"
_US_PER_DAY = 86_400_000_000
#: DuckDB's memory ceiling per re-price (README "Performance": peak RSS stays under 1 GB).
MEMORY_LIMIT = "512MB"
_FLOATS = (*c.TOKEN_COLUMNS, c.REQUESTS, c.REPORTED_COST)
_BOOLS = (c.BATCH, c.FREE, c.LONG_CONTEXT)
_TEXT = (c.MODEL, c.PROVIDER)
_KNOWN = (c.TIMESTAMP, *_TEXT, *_FLOATS, *_BOOLS)
_COUNTS = (*c.TOKEN_COLUMNS, c.REQUESTS)
_DUCK_TYPES = {**dict.fromkeys(_FLOATS, "DOUBLE"), **dict.fromkeys(_BOOLS, "BOOLEAN")}
#: Spellings of a summary line (``Total``) in the model column: the readers skip and name
#: such lines, so a file with one is theirs (lower-cased, compared after trimming).
_NON_RECORD_NAMES = frozenset(("total", "totals", "total:", "grand total", "sum", "subtotal"))


def file_kind(path: Path) -> str:
    """``parquet``, ``arrow`` (IPC file or stream), or ``text`` — by the first bytes."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_PARQUET):
        return "parquet"
    if head.startswith((_ARROW_FILE, _ARROW_STREAM)):
        return "arrow"
    return "text"


@dataclass(frozen=True)
class Plan:
    """How to read one file: the SQL source, each canonical column's expression, notes."""

    source: str  # a DuckDB table expression
    fmt: str  # generic_csv, generic_parquet or generic_arrow (the JSON's "format")
    columns: dict[str, str]  # canonical name → SQL expression of the source column
    notes: tuple[str, ...]  # warnings the readers would give a clean file (unknown columns)
    text_file: bool  # CSV: typed by read_csv (Parquet and Arrow columns are cast)
    #: CSV counts parsed as unsigned integers first: a negative, NaN, infinite or decimal
    #: count then fails the parse (no per-row sign check); ``float_source`` reads them as
    #: DOUBLE with the sign checked, for a file whose counts have decimals.
    integers: bool = False
    float_source: str = ""
    register: object | None = None  # an Arrow table to scan as ``src``


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _map_names(names: Sequence[str]) -> dict[str, str] | None:
    """Canonical name → source column name; None when a used column is named twice or a
    cache-write alias needs the readers' arithmetic."""
    found: dict[str, str] = {}
    for raw in names:
        key = norm(raw)
        if key in fingerprints.CACHE_WRITE_ANY:
            return None
        if key in _KNOWN:
            if key in found:
                return None
            found[key] = raw
    if any(k not in found for k in c.REQUIRED):
        return None
    return found


def _unknown_note(names: Sequence[str], used: dict[str, str]) -> tuple[str, ...]:
    wanted = set(used.values())
    unknown = [n.strip() for n in names if n not in wanted and n.strip()]
    return tuple(table_notes(unknown, [], 0, 0))


def has_blank_line(path: Path, block: int = 16 << 20) -> bool:
    """Whether an empty line occurs below the header (DuckDB skips those silently; the
    readers count them in a warning). The header's line end says which to look for; a blank
    line inside a quoted cell counts too: such a file simply goes to the readers. Read in
    blocks (a memory map would count the whole file in the process's resident memory) and
    compared with numpy (twice as fast as ``bytes.find`` on text with a newline per line)."""
    with path.open("rb") as fh:
        header = fh.readline()
        crlf = header.endswith(b"\r\n")
        pattern = b"\n\r\n" if crlf else b"\n\n"
        found = _has_crlf_blank if crlf else _has_lf_blank
        tail, head = header[-2:], fh.read(block)
        while head:
            if (tail + head[:2]).find(pattern) >= 0 or found(head):
                return True  # (the first test: across the previous block's end)
            tail = head[-2:] if len(head) >= 2 else (tail + head)[-2:]
            head = fh.read(block)
    return False


def _has_lf_blank(block: bytes) -> bool:
    """``\\n\\n`` in ``block``: its byte pairs read as 16-bit words, at even and at odd
    offsets, equal 0x0A0A (either byte order) — two compares over half the bytes each, about
    twice as fast as comparing every byte with its neighbour (this scan runs on every file)."""
    import numpy as np

    n = len(block)
    pairs = np.frombuffer(block, np.uint16, count=n // 2)
    if (pairs == 0x0A0A).any():
        return True
    return n > 2 and bool((np.frombuffer(block, np.uint16, (n - 1) // 2, 1) == 0x0A0A).any())


def _has_crlf_blank(block: bytes) -> bool:
    """``\\n\\r\\n`` in ``block``."""
    import numpy as np

    a = np.frombuffer(block, dtype=np.uint8)
    nl = a == 10
    return bool((nl[:-2] & (a[1:-1] == 13) & nl[2:]).any())


def _csv_plan(path: Path) -> Plan | None:
    with path.open("rb") as fh:
        head = fh.read(65536)
    if (
        not head
        or head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        or b"\x00" in head
        or b"\n" not in head
        or head.lstrip().lower().startswith((b"sep=", b'"sep='))
    ):
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:  # a cut multi-byte character at 64 KB is fine; others are not
        text = head[: head.rindex(b"\n")].decode("utf-8", errors="strict")
    line = first_line(text)
    if not line.strip() or line.lstrip()[:1] in "{[":
        return None
    delimiter = sniff_delimiter(line)
    try:
        rows = list(csv.reader(text.splitlines()[:2], delimiter=delimiter))
    except csv.Error:
        return None
    names = rows[0]
    columns = frozenset(norm(n) for n in names if n.strip())
    if fingerprints.csv_format(columns) != "generic_csv":
        return None  # another export's columns: its own reader knows them
    used = _map_names(names)
    if used is None or len(rows) < 2 or len(rows[1]) != len(names):
        return None
    first = dict(zip(names, rows[1], strict=True)).get(used[c.TIMESTAMP], "").strip()
    if not ISO_START.match(first):  # not ISO 8601: the readers' tolerant parse
        return None
    with_offset = bool(OFFSET.search(first))
    aliases = {raw: f"c{i}" for i, raw in enumerate(names)}

    def source(counts: str) -> str:
        types = {aliases[raw]: "VARCHAR" for raw in names}
        for key, raw in used.items():
            if key == c.TIMESTAMP:
                types[aliases[raw]] = "TIMESTAMPTZ" if with_offset else "TIMESTAMP"
            else:
                kind = counts if key in _COUNTS else _DUCK_TYPES.get(key, "VARCHAR")
                types[aliases[raw]] = kind
        struct = "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in types.items()) + "}"
        nulls = "['', 'NULL', 'null', 'NA', 'N/A', 'n/a', '#N/A', 'None']"
        return (
            f"read_csv({_literal(str(path))}, header=true, auto_detect=false, "
            f"columns={struct}, delim={_literal(delimiter)}, quote='\"', escape='\"', "
            f"nullstr={nulls}, strict_mode=true, parallel=true)"
        )

    return Plan(
        source=source("UBIGINT"),
        fmt="generic_csv",
        columns={key: _quote(aliases[raw]) for key, raw in used.items()},
        notes=_unknown_note(names, used),
        text_file=True,
        integers=True,
        float_source=source("DOUBLE"),
    )


def _columnar_plan(path: Path, kind: str) -> Plan | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    register = None
    if kind == "parquet":
        names = pq.read_schema(path).names
        source = f"read_parquet({_literal(str(path))})"
    else:
        source_file = pa.memory_map(str(path))
        try:
            reader = pa.ipc.open_file(source_file)
        except pa.ArrowInvalid:
            reader = pa.ipc.open_stream(source_file)
        register = reader.read_all()  # memory-mapped: zero copy
        names = register.schema.names
        source = "src"
    used = _map_names(names)
    if used is None:
        return None
    return Plan(
        source=source,
        fmt="generic_parquet" if kind == "parquet" else "generic_arrow",
        columns={key: _quote(raw) for key, raw in used.items()},
        notes=_unknown_note(names, used),
        text_file=False,
        register=register,
    )


def plan_for(path: Path) -> Plan | None:
    """How DuckDB reads ``path`` as the generic format, or None (the readers take it)."""
    try:
        kind = file_kind(path)
        return _columnar_plan(path, kind) if kind != "text" else _csv_plan(path)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    except Exception as exc:  # pyarrow's errors when a file only looks columnar
        if type(exc).__module__.startswith("pyarrow"):
            return None
        raise


def _expr(plan: Plan, key: str, cast: str) -> str:
    if key not in plan.columns:
        return "NULL"
    col = plan.columns[key]
    if plan.text_file:
        return f"CAST({col} AS DOUBLE)" if plan.integers and key in _COUNTS else col
    return f"CAST({col} AS {cast})"


#: Columns checked per bucket with min/max: 0 ≤ value ≤ 1e12 (NaN fails: DuckDB orders it
#: above every number).
_CHECKED = (*c.TOKEN_COLUMNS, c.REQUESTS)


def bucket_sql(plan: Plan, thresholds: Sequence[float]) -> str:
    """One scan: each row's regime inputs, summed into buckets with what the checks need
    (value ranges) — cheaper per row than testing each value (see :func:`_usable`).

    The small keys are packed into one integer (``flags``): bit 0 batch, 1 free, 2 single
    request, 3–4 the stated band (0 no, 1 yes, 2 unknown), 5 and up the prompt band.
    A missing timestamp becomes day −1, a missing model the empty name, a missing input or
    output count NaN: each fails a check below instead of costing a count per bucket.
    Columns the file does not have cost nothing per row (their sums are constants).
    """
    col = {k: _expr(plan, k, _DUCK_TYPES.get(k, "VARCHAR")) for k in _KNOWN if k != c.TIMESTAMP}
    present = {k: f"v{i}" for i, k in enumerate(_CHECKED) if k in plan.columns}

    def plus(keys: Sequence[str]) -> str:
        return " + ".join(f"coalesce({present[k]}, 0)" for k in keys if k in present) or "0"

    band = " + ".join(f"(p > {t!r})::INT" for t in thresholds) or "0"
    sums = ", ".join(
        f"sum(coalesce({present[k]}, 0)) AS t{i}" if k in present else f"0.0 AS t{i}"
        for i, k in enumerate(c.TOKEN_CLASSES)
    )
    values = ", ".join(
        f"coalesce({v}, 'NaN'::DOUBLE)" if k in c.REQUIRED else v for k, v in present.items()
    )
    rows_in = ", ".join(f"{col[k]} AS {v}" for k, v in present.items())
    has = plan.columns.__contains__
    if has(c.REQUESTS):
        requests = f"coalesce({present[c.REQUESTS]}, 1.0)"
        single, total = f"{requests} = 1.0", f"sum({requests})"
        lc = col[c.LONG_CONTEXT]
        stated = (
            "8 * CASE WHEN lc THEN 1 WHEN NOT lc THEN 0 ELSE 2 END" if has(c.LONG_CONTEXT) else "16"
        )
        kind = f"CASE WHEN {single} THEN 4 + 32 * ({band}) ELSE {stated} END"
    else:  # every row is one request, judged by its own prompt
        lc, total, kind = "NULL", "count(*)::DOUBLE", f"4 + 32 * ({band})"
    flags = " + ".join(
        f"{weight} * coalesce({col[k]}, false)::INT"
        for weight, k in ((1, c.BATCH), (2, c.FREE))
        if has(k)
    )
    costs = (
        "coalesce(sum(cost) FILTER (WHERE isfinite(cost)), 0) AS reported, "
        "count(cost) FILTER (WHERE isfinite(cost)) AS reported_rows, "
        "coalesce(max(abs(cost)) FILTER (WHERE NOT isnan(cost)), 0) AS cost_abs"
        if has(c.REPORTED_COST)
        else "0.0 AS reported, 0 AS reported_rows, 0.0 AS cost_abs"
    )
    return f"""
        WITH r AS (
            SELECT
                epoch_us({_expr(plan, c.TIMESTAMP, "TIMESTAMPTZ")}) AS us,
                {col[c.MODEL]} AS model,
                {flags or "0"} AS bf,
                {lc} AS lc,
                {col[c.REPORTED_COST]} AS cost,
                {rows_in}
            FROM {plan.source}
        ), r2 AS (SELECT *, {plus(c.TOKEN_CLASSES[:4])} AS p FROM r)
        SELECT
            coalesce(us // {_US_PER_DAY}, -1) AS day,
            coalesce(model, '') AS model,
            bf + {kind} AS flags,
            {sums},
            {total} AS requests,
            count(*) AS rows,
            count(*) FILTER (WHERE ({plus(c.TOKEN_CLASSES[1:4])}) > 0) AS cached_rows,
            {"0" if plan.integers else f"min(least({values}))"} AS lo,
            max(greatest({values})) AS hi,
            min(us) AS first_us,
            max(us) AS last_us,
            {costs}
        FROM r2
        GROUP BY ALL
    """  # noqa: S608 — the path is a quoted literal, column names quoted identifiers


def _filled(values: Any, default: float) -> Any:
    """A float array of a fetched column; a masked array (a column with nulls) has its
    nulls replaced by ``default``."""
    import numpy as np

    filled = getattr(values, "filled", None)
    return np.asarray(filled(default) if filled else values, dtype=np.float64)


def _usable(got: dict[str, Any]) -> bool:
    """Whether every row of every bucket is one the readers take as it is."""
    import numpy as np

    day = np.asarray(got["day"])
    first, last = np.asarray(got["first_us"]), np.asarray(got["last_us"])
    if (day < 0).any() or (first < EARLIEST_US).any() or (last >= LATEST_US).any():
        return False  # a missing timestamp, or one out of range
    with np.errstate(invalid="ignore"):
        lo, hi = (_filled(got[k], 0.0) for k in ("lo", "hi"))
        if not ((lo >= 0) & (hi <= MAX_TOKENS)).all():
            return False  # a negative, NaN, missing (required) or overflowing count
    return bool((np.asarray(got["cost_abs"], dtype=np.float64) <= MAX_COST_USD).all())


def _connect(threads: int | None):
    import duckdb

    con = duckdb.connect(
        config={
            "threads": threads or 2,
            "preserve_insertion_order": False,
            # A ceiling, not a tuning: the buckets need ~100 MB even for 100M rows, but a page
            # or a CLI run must stay bounded whatever the file (beyond it DuckDB spills to the
            # temporary folder instead of growing). Same speed at 10M and 100M rows.
            "memory_limit": MEMORY_LIMIT,
            "temp_directory": str(Path(tempfile.gettempdir()) / "gatewise-duckdb"),
        }
    )
    # Progress goes to our own reporter (stderr on a terminal, the page's bar), never to
    # stdout, which carries only the JSON; naive timestamps are UTC (DESIGN §3).
    con.execute("SET enable_progress_bar = false; SET TimeZone = 'UTC'")
    return con


def _watch(con, progress: Progress | None) -> Callable[[], None]:
    """Poll the query's progress (0–1) until the returned stop function is called."""
    if progress is None:
        return lambda: None
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.25):
            value = con.query_progress()
            if value is not None and value >= 0:
                progress(min(float(value) / 100.0, 1.0))

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()

    def stop() -> None:
        done.set()
        thread.join()

    return stop


def read_buckets(
    path: Path,
    thresholds: Sequence[float],
    *,
    plan: Plan | None = None,
    progress: Progress | None = None,
    threads: int | None = None,
) -> tuple[Buckets, tuple[str, ...]] | None:
    """``path`` summed into buckets (with the readers' notes for it), or None when the
    strict path does not accept it (see the module docstring)."""
    import duckdb

    plan = plan or plan_for(path)
    if plan is None:
        return None
    con = _connect(threads)
    try:
        if plan.register is not None:
            con.register("src", plan.register)
        stop = _watch(con, progress)
        try:
            try:
                got = con.execute(bucket_sql(plan, thresholds)).fetchnumpy()
            except duckdb.ConversionException as exc:
                if not plan.integers or "UBIGINT" not in str(exc):
                    raise
                # Counts with decimals ("1000.0"): read them as DOUBLE, signs checked.
                plan = replace(plan, source=plan.float_source, integers=False)
                got = con.execute(bucket_sql(plan, thresholds)).fetchnumpy()
        finally:
            stop()
    except duckdb.Error:
        return None  # a value that does not parse, a ragged line, bad UTF-8: the readers
    finally:
        con.close()
    return _buckets(got, thresholds, plan)


def _buckets(
    got: dict[str, Any], thresholds: Sequence[float], plan: Plan
) -> tuple[Buckets, tuple[str, ...]] | None:
    import numpy as np

    from model.engine.buckets import Buckets
    from model.engine.totals import RowStats

    rows = np.asarray(got["rows"], dtype=np.int64)
    if not len(rows) or not _usable(got):
        return None
    flags = np.asarray(got["flags"], dtype=np.int64)
    models = np.asarray(got["model"], dtype=object)
    names, name_code = np.unique(models, return_inverse=True)
    for name in names:
        text = str(name)
        if not text.strip() or text.strip().lower() in _NON_RECORD_NAMES:
            return None  # a blank model or a "Total" line: the readers name it
    reported_rows = int(np.asarray(got["reported_rows"]).sum())
    stats = RowStats(
        requests=float(np.asarray(got["requests"], dtype=np.float64).sum()),
        has_requests=True,
        reported=float(np.asarray(got["reported"], dtype=np.float64).sum()),
        has_reported=reported_rows > 0,
        start_ns=int(np.min(got["first_us"])) * 1000,
        end_ns=int(np.max(got["last_us"])) * 1000,
    )
    buckets = Buckets(
        names=tuple(str(n) for n in names),
        name_code=name_code.astype(np.int64),
        day=np.asarray(got["day"], dtype=np.int64),
        batch=(flags & 1).astype(bool),
        free=(flags & 2).astype(bool),
        single=(flags & 4).astype(bool),
        long_context=np.array([0.0, 1.0, np.nan]).take((flags >> 3) & 3),
        prompt_band=flags >> 5,
        thresholds=tuple(thresholds),
        tokens=np.vstack([np.asarray(got[f"t{i}"], dtype=np.float64) for i in range(5)]),
        requests=np.asarray(got["requests"], dtype=np.float64),
        rows=rows,
        cached_rows=np.asarray(got["cached_rows"], dtype=np.float64),
        stats=stats,
    )
    return buckets, plan.notes
