"""What a test session showed: the verdict, side by side, each endpoint's runs and errors,
the cache probe (carried into the calculator on request), drop-in settings and evidence.

Text that came from an endpoint (error messages, answers, header values, model names it
reported) is shown in dataframe cells, ``st.text``/``st.json``, or through ``safe.md``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from model import display
from model.live.call import Endpoint
from model.live.evidence import dumps, file_name
from model.live.ide import snippets
from pages.ui import safe, widgets
from pages.ui import scenario_state as ss
from pages.ui.test_call import state as ts

Num = st.column_config.NumberColumn
SECONDS, USD6 = Num(format="%.3f s"), Num(format="$%.6f")
TABLE_COLUMNS = {
    "ttft_p50_s": Num("TTFT p50", format="%.3f s"),
    "ttft_p90_s": Num("TTFT p90", format="%.3f s"),
    "ttft_p95_s": Num("TTFT p95", format="%.3f s"),
    "ttft_vs_baseline_s": Num(
        "TTFT vs direct", format="%+.3f s", help="Median overhead against the direct row"
    ),
    "total_p50_s": Num("total p50", format="%.3f s"),
    "output_tokens_per_s_p50": Num(
        "output tok/s",
        format="%.0f",
        help="Output tokens per second over the generation window (first to last token)",
    ),
    "list_cost_usd": Num(
        "list cost / call", format="$%.6f", help="Today's list price for the reported tokens"
    ),
    "reported_cost_usd": Num(
        "reported cost / call", format="$%.6f", help="usage.cost as the endpoint reported it"
    ),
    "cache": st.column_config.CheckboxColumn(
        "cache read", help="Cache probe: was the second call billed as a cache read?"
    ),
}
PROBE_FILE_HINT = (
    "For the scorecard: save it as data/evidence/testcalls/<date>-<name>.json. It holds no "
    "key and no answer text; a prompt you typed is kept only as its SHA-256."
)


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f} s"


def _usd(value: float | None) -> str:
    return "—" if value is None else f"${value:.6f}"


def verdict(result: dict[str, Any], table: list[dict[str, Any]]) -> None:
    """Fastest and cheapest, each with what it compared."""
    v = result["verdicts"]
    by = {r["endpoint"]: r for r in table}
    lines = []
    if v["fastest"]:
        row = by[v["fastest"]]
        speed = row["ttft_p50_s"] if row["ttft_p50_s"] is not None else row["total_p50_s"]
        lines.append(f"**Fastest:** {safe.md(v['fastest'])} — median {_s(speed)}")
    if v["cheapest"]:
        row = by[v["cheapest"]]
        cost = row["reported_cost_usd"]
        cost = row["list_cost_usd"] if cost is None else cost
        lines.append(f"**Cheapest per call:** {safe.md(v['cheapest'])} — {safe.money(_usd(cost))}")
    errors = sum(r["errors"] for r in table)
    if errors:
        lines.append(f"**{errors} failed call(s)** — each is explained below.")
    st.markdown("  \n".join(lines) or "One endpoint measured: nothing to compare yet.")
    st.caption(f"Fastest: {v['fastest_basis']}. Cheapest: {v['cheapest_basis']}.")
    if not v["same_model"]:
        st.caption(
            "The endpoints served different models: the cheapest compares cost per call for "
            "this prompt, not like for like."
        )


def side_by_side(table: list[dict[str, Any]]) -> None:
    frame = pd.DataFrame(table)
    st.dataframe(frame, hide_index=True, width="stretch", column_config=TABLE_COLUMNS)


def _runs_frame(runs: list[dict[str, Any]]) -> pd.DataFrame:
    rows = []
    for r in runs:
        t = r["tokens"] or {}
        rows.append(
            {
                "run": r["run"] + 1,
                "result": "ok" if r["error"] is None else r["error"]["type"],
                "HTTP": r["http_status"],
                "TTFT": r["ttft_s"],
                "first reasoning": r["first_reasoning_s"],
                "first visible": r["first_visible_s"],
                "total": r["total_s"],
                "output tok/s": r["output_tokens_per_s"],
                "input": t.get("input"),
                "cache read": t.get("cache_read"),
                "cache write 5m": t.get("cache_write_5m"),
                "cache write 1h": t.get("cache_write_1h"),
                "output": t.get("output"),
                "reasoning": t.get("reasoning"),
                "list cost": r["cost_usd"],
                "reported cost": r["reported_cost_usd"],
                "request id": r["request_id"],
                "served model": r["served_model"],
                "served by": r["served_provider"],
            }
        )
    return pd.DataFrame(rows)


def _distributions(s: dict[str, Any]) -> None:
    keys = ("ttft_s", "first_visible_s", "first_reasoning_s", "total_s", "output_tokens_per_s")
    frame = pd.DataFrame({k: s[k] for k in keys}).T
    st.dataframe(frame, column_config={k: Num(format="%.3f") for k in frame.columns if k != "n"})


def endpoint_details(result: dict[str, Any]) -> None:
    """Per endpoint: runs, distributions, errors with what to do, receipts and headers."""
    for e in result["endpoints"]:
        s, ep = e["summary"], e["endpoint"]
        title = f"{ep['label']} — {s['n']} of {s['runs']} runs ok, {e['warmups']} warm-up(s)"
        with st.expander(title + " not counted"):
            st.caption(
                f"{ep['api']} format · model {safe.md(ep['model'])} · {safe.md(ep['base_url'])}"
            )
            config = {c: SECONDS for c in ("TTFT", "first reasoning", "first visible", "total")}
            config |= {"list cost": USD6, "reported cost": USD6}
            st.dataframe(_runs_frame(e["runs"]), hide_index=True, column_config=config)
            _distributions(s)
            pricing = e["pricing"] or {}
            if pricing.get("model_id"):
                st.caption(
                    f"Costs: list price of {safe.md(pricing['model_id'])} in price version "
                    f"{pricing.get('version')} (in force today)."
                )
            if pricing.get("note"):
                st.caption(safe.md(pricing["note"], limit=200))
            for err in {
                r["error"]["message"]: r["error"] for r in e["runs"] if r["error"]
            }.values():
                text = f"{safe.md(err['message'], limit=300)}  \n{err['next_step']}"
                st.warning(text, icon=":material/report:")
            headers = next((r["headers"] for r in reversed(e["runs"]) if r["headers"]), {})
            if headers:
                st.caption("Rate-limit headers and request ids of the last run")
                table = pd.DataFrame(sorted(headers.items()), columns=["header", "value"])
                st.dataframe(table, hide_index=True)
            answer = next((r for r in e["runs"] if r["error"] is None), None)
            if answer is not None:
                st.caption("Start of an answer")
                st.text(str(answer.get("text") or "(no text)"))


def cache_probe(result: dict[str, Any]) -> None:
    """Each endpoint's probe verdict, the usage fields that prove it, and the carry button."""
    relative = any(x["endpoint"]["baseline"] and x["cache_probe"] for x in result["endpoints"])
    for e in result["endpoints"]:
        probe, ep = e["cache_probe"], e["endpoint"]
        if probe is None:
            continue
        st.markdown(f"**{safe.md(ep['label'])}:** {safe.md(probe['verdict'], limit=300)}")
        for note in probe["notes"]:
            st.caption(safe.md(note, limit=300))
        with st.popover("Usage fields that prove it"):
            st.json({"first call": probe["first_usage"], "second call": probe["second_usage"]})
        share, option = probe["cache_effectiveness"], ep["option"]
        if share is not None and option:
            st.button(
                f"Use {display.pct(share)} as {option}'s cache effectiveness in the calculator",
                key=f"tc_carry_{ep['label']}",
                on_click=_carry,
                args=(option, share),
                help="The share of cacheable tokens read from cache through this option"
                + (" (relative to the direct baseline)" if relative else ""),
            )
        if probe.get("cached") is not None and option:
            rating = "yes" if probe["cached"] else "no"
            vendor = _VENDOR_OF_API.get(ep["api"]) if option == "direct" else None
            day = str(result.get("started_at", ""))[:10]
            st.button(
                f"Record in the scorecard: prompt caching through {option} — {rating} (measured)",
                key=f"tc_record_{ep['label']}",
                on_click=_record,
                args=(
                    option,
                    vendor,
                    rating,
                    f"measured by a test call on {day}: " + probe["verdict"],
                ),
                help="Your rating of 'Prompt caching passed through' for this option, marked "
                "as yours in the scorecard, the report and the share link.",
            )
    carried = st.session_state[ts.CARRIED]
    if carried:
        said = ", ".join(f"{k} reads {display.pct(v)}" for k, v in carried.items())
        st.success(f"In the calculator's scenario: {said} of cacheable tokens from cache.")
        widgets.page_link("calculator", "Open the cost calculator", ":material/calculate:")
    recorded = st.session_state[ts.RECORDED]
    if recorded:
        said = ", ".join(f"{k}: {v}" for k, v in recorded.items())
        st.success(f"Recorded as your ratings of prompt caching in the scorecard: {said}.")
        widgets.page_link("scorecard", "Open the scorecard", ":material/balance:")


#: A direct endpoint's vendor, for a rating of one vendor of the ``direct`` option.
_VENDOR_OF_API = {"anthropic": "anthropic", "openai": "openai", "gemini": "google"}
CRITERION = "prompt_caching"


def _record(option: str, vendor: str | None, rating: str, note: str) -> None:
    """Keep the probe's verdict as the user's rating (replacing an earlier one for the same
    option and vendor): the scorecard marks it as theirs."""
    ss.ensure_defaults()
    kept = [
        o
        for o in ss.scenario().get("overrides", [])
        if not (o["option"] == option and o["criterion"] == CRITERION and o.get("vendor") == vendor)
    ]
    entry = {"option": option, "criterion": CRITERION, "rating": rating, "note": note[:500]}
    ss.update(overrides=[*kept, {**entry, "vendor": vendor} if vendor else entry])
    st.session_state[ts.RECORDED] = {**st.session_state[ts.RECORDED], option: rating}


def _carry(option: str, share: float) -> None:
    ss.ensure_defaults()
    ss.set_option(option, cache_effectiveness=share)
    st.session_state[ts.CARRIED] = {**st.session_state[ts.CARRIED], option: share}


def drop_in(endpoints: list[Endpoint]) -> None:
    """Settings for coding tools, per endpoint — with a placeholder where the key goes."""
    usable = [(e, items) for e in endpoints if (items := snippets(e))]
    if not usable:
        st.caption("None of these endpoints speaks a format coding tools take (OpenAI, Anthropic).")
        return
    for tab, (_, items) in zip(st.tabs([e.label for e, _ in usable]), usable, strict=True):
        with tab:
            for item in items:
                st.markdown(f"**{item.tool}**")
                st.code(item.text, language=item.language)


def evidence_download() -> None:
    data = st.session_state[ts.EVIDENCE]
    if data is None:
        return
    st.text_input(
        "Where these calls ran from (kept in the evidence)",
        key=ts.VANTAGE,
        placeholder="e.g. eu-west-1, office network",
    )
    data = {**data, "vantage": st.session_state[ts.VANTAGE].strip()[:200]}
    st.download_button(
        "Download as dated evidence (JSON)",
        dumps(data),
        file_name=file_name(data),
        mime="application/json",
        icon=":material/download:",
    )
    st.caption(PROBE_FILE_HINT)
