"""Claude Code local transcripts (``~/.claude/projects/*/*.jsonl``), usage-formats §5b.

Only assistant lines with ``message.usage`` are usage records; user/system/summary
lines are skipped (counted in a warning). Streaming and content-block splits write the
same message several times with identical usage, so records are de-duplicated on
``message.id`` + ``requestId`` (the first line is kept, as ccusage does: counting every
line inflates totals ~2×). ``<synthetic>`` messages are not API calls: dropped.
Token fields are Anthropic-style (input excludes cache). The TTL split comes from
``cache_creation.ephemeral_{5m,1h}_input_tokens``; without it,
``cache_creation_input_tokens`` is priced as 5-minute writes (warned). ``costUSD`` is
Claude Code's own estimate. ``speed: fast`` rows get a ``(fast)`` model qualifier.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from model.engine import columns as c
from model.usage.readers.anthropic_console import _fast_mode
from model.usage.readers.base import Probe, Reader, UsageRead
from model.usage.readers.errors import UsageFormatError
from model.usage.readers.jsonrows import rows_from_records
from model.usage.readers.records import const_text, equals_any, model_columns, timestamps
from model.usage.readers.validate import count, reported_cost

NAME = "claude_code_jsonl"
SYNTHETIC = "<synthetic>"


def _usage_line(rec: Any) -> bool:
    return (
        isinstance(rec, dict)
        and isinstance(rec.get("message"), dict)
        and isinstance(rec["message"].get("usage"), dict)
    )


def detect(probe: Probe) -> bool:
    if probe.kind == "jsonl":
        records = probe.obj
    elif probe.kind == "json" and isinstance(probe.obj, dict):
        records = [probe.obj]  # a transcript of a single line
    else:
        return False
    return any(_usage_line(r) and "requestId" in r for r in records)


def read(_data: bytes, filename: str, probe: Probe) -> UsageRead:
    records = probe.obj if probe.kind == "jsonl" else [probe.obj]
    usage, other, dupes, synthetic = [], 0, 0, 0
    seen: set[tuple[Any, Any]] = set()
    for rec in records:
        if not _usage_line(rec):
            other += 1
            continue
        msg = rec["message"]
        if msg.get("model") == SYNTHETIC:
            synthetic += 1
            continue
        key = (msg.get("id"), rec.get("requestId"))
        if key != (None, None):
            if key in seen:
                dupes += 1
                continue
            seen.add(key)
        u = msg["usage"]
        cc = u.get("cache_creation") if isinstance(u.get("cache_creation"), dict) else {}
        usage.append(
            {
                "timestamp": rec.get("timestamp"),
                "model": msg.get("model"),
                "input_tokens": u.get("input_tokens"),
                "output_tokens": u.get("output_tokens"),
                "cache_read": u.get("cache_read_input_tokens"),
                "cache_creation": u.get("cache_creation_input_tokens"),
                "w5m": cc.get("ephemeral_5m_input_tokens"),
                "w1h": cc.get("ephemeral_1h_input_tokens"),
                "service_tier": u.get("service_tier"),
                "speed": u.get("speed"),
                "cost": rec.get("costUSD"),
            }
        )
    if not usage:
        raise UsageFormatError(
            filename,
            "no assistant usage lines in this transcript"
            + (f" ({synthetic} <synthetic> only)" if synthetic else ""),
            "upload a session file from ~/.claude/projects",
        )
    rows = rows_from_records(usage, filename, text_columns=("timestamp", "model", "speed"))
    v, n = rows.values, rows.n
    timestamps(rows, "timestamp")
    model_columns(rows, "model")
    _fast_mode(rows)
    v[c.PROVIDER] = const_text("anthropic", n)
    v[c.INPUT] = rows.tokens("input_tokens", required=True)
    v[c.OUTPUT] = rows.tokens("output_tokens", required=True)
    v[c.CACHE_READ] = rows.tokens("cache_read")
    total_w = rows.tokens("cache_creation")
    w5 = rows.tokens("w5m", default=np.nan)
    w1 = rows.tokens("w1h", default=np.nan)
    split = ~np.isnan(w5) | ~np.isnan(w1)
    w5, w1 = np.nan_to_num(w5), np.nan_to_num(w1)
    # Writes not covered by the TTL split (or no split at all) are 5-minute writes.
    rest = np.maximum(total_w - w5 - w1, 0.0)
    v[c.CACHE_WRITE_5M] = w5 + rest
    v[c.CACHE_WRITE_1H] = w1
    k = int(((rest > 0) & ~split).sum())
    if k:
        rows.warnings.append(
            f"{count(k, 'row')}: cache-write TTL unknown (cache_creation_input_tokens),"
            f" priced as 5 minutes"
        )
    v[c.REQUESTS] = np.ones(n)
    v[c.BATCH] = equals_any(rows.col("service_tier"), n, ("batch",))
    v[c.REPORTED_COST] = reported_cost(rows.issues, rows.col("cost"), n)
    if dupes:
        rows.warnings.append(
            f"{count(dupes, 'duplicate line')} (same message.id + requestId,"
            f" written while streaming) "
            "counted once"
        )
    if synthetic:
        rows.warnings.append(f"{count(synthetic, '<synthetic> line')} (not API calls) left out")
    if other:
        rows.warnings.append(f"{count(other, 'line')} without usage (user/system messages) skipped")
    if probe.bad_lines:
        shown = ", ".join(map(str, probe.bad_lines[:5]))
        rows.warnings.append(
            f"{count(len(probe.bad_lines), 'line')} not JSON (lines {shown}) — skipped"
        )
    return rows.finish(filename, NAME)


READER = Reader(
    name=NAME,
    description="Claude Code transcript JSONL (~/.claude/projects): de-duplicated requests",
    detect=detect,
    read=read,
)
