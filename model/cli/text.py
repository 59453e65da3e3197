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
    """The ``project`` result for people: months × options, the average month, the verdict
    (compared like with like) and which versions priced which months."""
    ids = [o["id"] for o in r["months"][0]["options"]]
    n = len(r["months"])
    lines = [
        f"scenario: {r['scenario']}   pricing: {r['pricing_version']}"
        f" (versions used: {', '.join(r['versions_used'])})",
        "",
        f"{'month':<9}" + "".join(f"{i:>14}" for i in ids) + "   priced by",
    ]
    for m in r["months"]:
        lines.append(
            f"{m['start']:<9}"
            + "".join(f"{_usd(o['total_usd']):>14}" for o in m["options"])
            + f"   {' + '.join(m['versions'])}"
        )
    totals = r["totals"]
    lines.append(f"{'total':<9}" + "".join(f"{_usd(totals[i]['total_usd']):>14}" for i in ids))
    lines.append(
        f"{'avg/mo':<9}" + "".join(f"{_usd(totals[i]['total_usd'] / n):>14}" for i in ids)
        + f"   (average month over {n})"
    )  # fmt: skip
    lines += ["", *_verdict_lines(r, n)]
    lines += [f"warning: {w}" for w in r["warnings"]]
    return "\n".join(lines)


def _verdict_lines(r: dict[str, Any], n: int) -> list[str]:
    best, comparable = r.get("cheapest"), r.get("comparable")
    if comparable is None:
        return []
    lines = []
    if best is None:
        lines.append("cheapest: none (no workload can be priced by every option)")
    elif best["runner_up"] is None:
        lines.append(f"cheapest: {best['option']} (the only option)")
    else:
        lines.append(
            f"cheapest: {best['option']}, saving {_usd(best['saving_month_usd'])} a month on "
            f"average vs {best['runner_up']} ({_usd(best['saving_total_usd'])} over {n} months)"
        )
    if best is not None and best.get("example_discount"):
        lines.append(
            f"  {best['option']}'s discount is the catalog's example value: put your quote in "
            f"the scenario (options.{best['option']}.discount)"
        )
    for item in comparable["left_out"]:
        where = ", ".join(f"{_usd(v)} on {o}" for o, v in item["token_cost_usd"].items())
        lines.append(
            f"  left out of the comparison: workload {item['workload']!r} ({item['model']}): "
            f"not sold by {', '.join(item['not_sold_by'])}; costs {where or 'nothing priced'}"
        )
    if comparable["left_out"]:
        lines.append(f"  compared on {len(comparable['workloads'])} workload(s) every option sells")
    return lines
