"""Dated evidence from a test session, for the scorecard: one JSON file per session.

File format ``gatewise-testcall-evidence``, version 1 (additive changes keep the version)::

    {"format": "gatewise-testcall-evidence", "format_version": 1,
     "date": "2026-11-30", "created_at": "2026-11-30T12:34:56.789+00:00",
     "vantage": "free text: where the calls ran from (region, network)",
     "config": {"prompt_sha256": "…", "prompt_is_default": true, "max_tokens": 200,
                "runs": 5, "warmups": 1, "stream": true, "cache_probe": true, …},
     "endpoints": [{
        "option": "openrouter" | "direct" | "pooled" | null,
        "label", "preset", "api", "base_url", "model", "baseline": false,
        "served_models": ["anthropic/claude-4.5-sonnet"], "served_providers": ["Anthropic"],
        "latency": {"n", "runs", "errors", "error_types", "ttft_p50_s", "ttft_p90_s",
                    "ttft_p95_s", "total_p50_s", "total_p95_s", "output_tokens_per_s_p50"},
        "cost": {"model_id", "pricing_version", "list_cost_usd_mean", "reported_cost_usd_mean"},
        "cache": null | {"cached": true|false|null, "read_share", "cache_effectiveness",
                         "verdict", "cache_read_tokens"},
        "rate_limits": {"x-ratelimit-remaining-requests": "…", …},   # last response's headers
        "receipts": ["gen-…", "req_…"]                                # request ids
     }]}

Times are seconds; costs USD per call; ``cache_effectiveness`` is the share of cacheable
tokens read from cache through that endpoint (relative to the direct baseline when one was
probed). Nothing in the file is secret: no key, no response text, and a prompt the user
typed is kept only as its SHA-256. Save files as ``data/evidence/testcalls/<date>-<name>.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from model.live.probe import cache_effectiveness
from model.live.session import DEFAULT_PROMPT, EndpointReport, Session

FORMAT = "gatewise-testcall-evidence"
FORMAT_VERSION = 1
MAX_EVIDENCE_BYTES = 2_000_000


class EvidenceError(ValueError):
    """An evidence file that is not one; the message names the file and the key."""


def _endpoint(rep: EndpointReport, base: EndpointReport | None) -> dict[str, Any]:
    s = rep.summary()
    e = rep.endpoint
    calls = rep.runs + rep.warmups
    last_headers = next((c.headers for c in reversed(rep.runs) if c.headers), {})
    return {
        "option": e.option,
        "label": e.label,
        "preset": e.preset,
        "api": e.api,
        "base_url": e.base_url,
        "model": e.model,
        "baseline": e.baseline,
        "served_models": sorted({c.served_model for c in calls if c.served_model}),
        "served_providers": sorted({c.served_provider for c in calls if c.served_provider}),
        "latency": {
            "n": s["n"],
            "runs": s["runs"],
            "errors": s["errors"],
            "error_types": s["error_types"],
            "ttft_p50_s": s["ttft_p50_s"],
            "ttft_p90_s": s["ttft_p90_s"],
            "ttft_p95_s": s["ttft_p95_s"],
            "total_p50_s": s["total_p50_s"],
            "total_p95_s": s["total_p95_s"],
            "output_tokens_per_s_p50": s["output_tokens_per_s"]["p50"],
        },
        "cost": {
            "model_id": rep.pricing.model_id if rep.pricing else None,
            "pricing_version": rep.pricing.version if rep.pricing else None,
            "list_cost_usd_mean": s["cost_usd_mean"],
            "reported_cost_usd_mean": s["reported_cost_usd_mean"],
        },
        "cache": None
        if rep.probe is None
        else {
            "cached": rep.probe.cached,
            "read_share": rep.probe.read_share,
            "cache_effectiveness": cache_effectiveness(rep.probe, base.probe if base else None),
            "verdict": rep.probe.verdict,
            "cache_read_tokens": rep.probe.read_tokens,
        },
        "rate_limits": dict(last_headers),
        "receipts": [c.request_id for c in calls if c.request_id],
    }


def evidence(session: Session, vantage: str = "") -> dict[str, Any]:
    """The evidence object of a session (see the module docstring)."""
    config = session.config.to_json()
    prompt = config.pop("prompt")
    base = session.baseline()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "date": session.started_at[:10],
        "created_at": session.started_at,
        "vantage": vantage.strip()[:200],
        "config": {
            "prompt_sha256": hashlib.sha256(prompt.encode("utf-8")).hexdigest(),
            "prompt_is_default": prompt == DEFAULT_PROMPT,
            **config,
        },
        "endpoints": [_endpoint(rep, base) for rep in session.reports],
    }


def file_name(data: dict[str, Any]) -> str:
    """``<date>-<labels>.json``, safe on every file system."""
    labels = "-".join(e["label"] for e in data.get("endpoints", []))
    slug = re.sub(r"[^a-z0-9]+", "-", labels.lower()).strip("-")[:60] or "testcall"
    return f"{data.get('date', 'undated')}-{slug}.json"


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, allow_nan=False) + "\n"


def write_evidence(data: dict[str, Any], path: Path) -> Path:
    path.write_text(dumps(data), encoding="utf-8")
    return path


def read_evidence(path: Path) -> dict[str, Any]:
    """Read and check an evidence file; errors name the file and the key."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EvidenceError(
            f"{path}: cannot read ({exc.strerror or exc.__class__.__name__})"
        ) from None
    return parse_evidence(raw, str(path))


def parse_evidence(raw: bytes, name: str) -> dict[str, Any]:
    """Check the bytes of an evidence file (an upload, a file); errors name ``name`` and the
    key."""
    if len(raw) > MAX_EVIDENCE_BYTES:
        raise EvidenceError(
            f"{name}: larger than {MAX_EVIDENCE_BYTES:,} bytes; not an evidence file"
        )
    try:
        data = json.loads(raw)
    except ValueError:
        raise EvidenceError(f"{name}: not JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise EvidenceError(f"{name}: format: expected {FORMAT!r}")
    if data.get("format_version") != FORMAT_VERSION:
        raise EvidenceError(f"{name}: format_version: expected {FORMAT_VERSION}")
    if not isinstance(data.get("date"), str) or not re.fullmatch(
        r"\d{4}-\d{2}-\d{2}", data["date"]
    ):
        raise EvidenceError(f"{name}: date: expected YYYY-MM-DD")
    endpoints = data.get("endpoints")
    if not isinstance(endpoints, list):
        raise EvidenceError(f"{name}: endpoints: expected a list")
    for i, e in enumerate(endpoints):
        for key in ("label", "latency", "cost"):
            if not isinstance(e, dict) or key not in e:
                raise EvidenceError(f"{name}: endpoints.{i}.{key}: missing")
    return data
