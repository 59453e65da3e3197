"""Plain-text renderings of the CLI results (what a person reads without ``--json``)."""

from __future__ import annotations

from typing import Any


def _usd(x: float | None) -> str:
    return "n/a" if x is None else f"${x:,.2f}"


def reprice_text(r: dict[str, Any]) -> str:
    lines = [
        f"format: {r['format']}   rows: {r['rows']}   pricing: {r['pricing_version']}"
        f" (versions used: {', '.join(r['versions_used']) or 'none'})",
        f"period: {r['period']['start']} → {r['period']['end']}",
        f"reported cost: {_usd(r['reported_cost_usd'])}",
        "",
        f"{'option':<14}{'tokens':>14}{'discount':>12}{'fees':>12}{'total':>14}",
    ]
    for o in r["options"]:
        lines.append(
            f"{o['id']:<14}{_usd(o['token_cost_usd']):>14}{_usd(o['discount_usd']):>12}"
            f"{_usd(o['fees_usd']):>12}{_usd(o['total_usd']):>14}"
        )
        if o["unpriced"]:
            lines.append(f"  not sold here: {o['unpriced']}")
    if r["unpriced"]:
        lines.append(f"unknown models (rows, in no total): {r['unpriced']}")
    lines += [f"warning: {w}" for w in r["warnings"]]
    return "\n".join(lines)


def project_text(r: dict[str, Any]) -> str:
    ids = [o["id"] for o in r["months"][0]["options"]]
    lines = [f"scenario: {r['scenario']}   pricing version: {r['pricing_version']}", ""]
    lines.append(f"{'month':<9}" + "".join(f"{i:>14}" for i in ids))
    for m in r["months"]:
        lines.append(
            f"{m['start']:<9}" + "".join(f"{_usd(o['total_usd']):>14}" for o in m["options"])
        )
    lines.append(f"{'total':<9}" + "".join(f"{_usd(r['totals'][i]['total_usd']):>14}" for i in ids))
    lines += [f"warning: {w}" for w in r["warnings"]]
    return "\n".join(lines)


def _s(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f} s"


def testcall_text(r: dict[str, Any]) -> str:
    """One endpoint's measured runs, summary, cache probe and errors, for a person."""
    e, s = r["endpoint"], r["summary"]
    pricing = r["pricing"] or {}
    lines = [
        f"endpoint: {e['label']}  ({e['api']} format, {e['base_url']}, model {e['model']})",
        f"status: {r['status']}   measured runs: {s['runs']} ({s['errors']} errors), "
        f"warm-ups not counted: {r['warmups']}",
        f"time to first token  p50 {_s(s['ttft_p50_s'])}   p90 {_s(s['ttft_p90_s'])}"
        f"   p95 {_s(s['ttft_p95_s'])}",
        f"total time           p50 {_s(s['total_p50_s'])}   p95 {_s(s['total_p95_s'])}",
        f"list cost per call   {_usd6(s['cost_usd_mean'])}  (model {pricing.get('model_id')}, "
        f"price version {pricing.get('version')})",
        f"reported cost        {_usd6(s['reported_cost_usd_mean'])}",
    ]
    if pricing.get("note"):
        lines.append(f"note: {pricing['note']}")
    probe = r.get("cache_probe")
    if probe:
        lines.append(f"cache probe: {probe['verdict']}")
    for run in r["runs"]:
        if run["error"]:
            err = run["error"]
            lines.append(f"run {run['run'] + 1}: {err['message']}")
            lines.append(f"  next: {err['next_step']}")
    return "\n".join(lines)


def _usd6(x: float | None) -> str:
    return "n/a" if x is None else f"${x:,.6f}"
