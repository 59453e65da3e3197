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


def score_text(r: dict[str, Any]) -> str:
    lines = [
        f"scenario: {r['scenario']}   pricing version: {r['pricing_version']}",
        f"cost basis: {r['cost_basis']}",
        "",
        f"{'option':<14}{'score':>7}{'range':>13}  eliminated by",
    ]
    for o in r["ranking"]:
        span = f"{o['score_low']:.0f}–{o['score_high']:.0f}"
        lines.append(
            f"{o['id']:<14}{o['score']:>7.1f}{span:>13}  {', '.join(o['eliminated_by']) or '—'}"
        )
    lines += ["", f"decisive: {'yes' if r['decisive'] else 'no'}", "", r["explanation"]]
    return "\n".join(lines)
