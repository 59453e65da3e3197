"""Plain-text renderings of the CLI results (what a person reads without ``--json``)."""

from __future__ import annotations

from typing import Any

from model.display import money


def _usd(x: float | None, *, small: bool = False) -> str:
    return "n/a" if x is None else money(x, small=small)


def _usd_log(x: float | None) -> str:
    """A re-priced log's amount: a short log costs fractions of a cent, never "$0.00"."""
    return _usd(x, small=True)


def _rows(n: float) -> str:
    return f"{int(n):,} row{'' if n == 1 else 's'}"


def _counts(counts: dict[str, int]) -> str:
    """``a (4 rows), b (1 row)``: largest first."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{name} ({_rows(n)})" for name, n in items)


def _nothing_priced(r: dict[str, Any]) -> bool:
    return not any(m["rows"] for m in r["models"].values())


def _comparison_lines(r: dict[str, Any]) -> list[str]:
    """The verdict on the rows every option prices, and what was left out of it."""
    cmp = r["comparable"]
    names = {o["id"]: o["id"] for o in r["options"]}
    if not cmp["rows"]:
        return ["no row is priced by every option, so no option is called cheapest"]
    ranked = sorted(cmp["options"], key=lambda o: o["total_usd"])
    others = ", ".join(f"{names[o['id']]} {_usd_log(o['total_usd'])}" for o in ranked[1:])
    lines = [
        f"cheapest on the {_rows(cmp['rows'])} every option prices: "
        f"{names[ranked[0]['id']]} {_usd_log(ranked[0]['total_usd'])}"
        + (f" (then {others})" if others else "")
    ]
    left = cmp["left_out"]
    if left["rows"]:
        sold = "; ".join(
            f"{x['id']} {_usd_log(x['token_cost_usd'])} for {_rows(x['rows'])}"
            for x in left["sold_by"]
        )
        lines.append(
            f"left out of that comparison: {_rows(left['rows'])} of models not every option "
            f"sells: {_counts(left['models'])}" + (f"; where sold: {sold}" if sold else "")
        )
    return lines


def reprice_text(r: dict[str, Any]) -> str:
    files = r.get("files") or []
    lines = [
        f"format: {r['format']}   rows: {r['rows']:,}   pricing: {r['pricing_version']}"
        f" (versions used: {', '.join(r['versions_used']) or 'none'})",
        *(f"  {f['file']}: {f['format']}, {_rows(f['rows'])}" for f in files),
        f"period: {r['period']['start']} → {r['period']['end']}",
        f"reported cost: {_usd_log(r['reported_cost_usd'])}",
        "",
    ]
    if _nothing_priced(r):
        # Never a table of $0.00: no option priced anything, and the reasons are below.
        lines.append("nothing was priced: no row has a model with known prices and tokens")
        if r["unpriced"]:
            lines.append(f"unknown models (in no total): {_counts(r['unpriced'])}")
        lines += [f"why: {w}" for w in r["warnings"]]
        return "\n".join(lines)
    lines += [*_comparison_lines(r), ""]
    lines.append("every row each option can price:")
    # 14 wide: a short log's amounts keep two significant digits ("$0.00000014").
    lines.append(f"{'option':<14}{'tokens':>14}{'discount':>14}{'fees':>14}{'total':>14}")
    for o in r["options"]:
        lines.append(
            f"{o['id']:<14}{_usd_log(o['token_cost_usd']):>14}{_usd_log(o['discount_usd']):>14}"
            f"{_usd_log(o['fees_usd']):>14}{_usd_log(o['total_usd']):>14}"
        )
        if o["unpriced"]:
            n = sum(o["unpriced"].values())
            lines.append(f"  not sold here ({_rows(n)}, in no total): {_counts(o['unpriced'])}")
    if r["unpriced"]:
        lines.append(f"unknown models (in no total): {_counts(r['unpriced'])}")
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


def score_text(r: dict[str, Any]) -> str:
    lines = [
        f"scenario: {r['scenario']}   pricing: {r['pricing_version']}"
        f" (versions used: {', '.join(r['versions_used'])})",
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
