"""The scorecard's inputs: archetype scenarios, group weights, must-haves, the user's rating
overrides and the cost basis. Each writes into the shared scenario (``scenario_state``) from a
callback, so only a user's action changes it and the calculator sees the same scenario."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from model.plan.scenario import RATINGS, Override, Scenario, ScenarioError, parse_scenario
from model.scorecard.costs import CostsError, costs_from_reprice
from model.scorecard.evidence import CriteriaBook
from model.scorecard.ratings import CostBasis
from pages.ui import safe
from pages.ui import scenario_state as ss
from pages.ui.scorecard import data
from pages.ui.scorecard import keys as k

MAX_SUMMARY_BYTES = 2_000_000  # a reprice summary is a few KB


def scenario_or_stop() -> Scenario:
    """The shared scenario, validated; an error naming the key ends the page."""
    try:
        return parse_scenario(ss.scenario(), origin="scenario")
    except ScenarioError as exc:
        st.error(str(exc))
        st.stop()
        raise


def _load_archetype(stem: str, scenario: Scenario) -> None:
    ss.load_scenario_dict(scenario.model_dump(mode="json"))
    st.session_state[k.ARCHETYPE] = stem
    for key in [key for key in st.session_state if str(key).startswith(k.PREFIX)]:
        del st.session_state[key]


def archetype_picker() -> None:
    """One click loads one of the founding article's three archetypes into the scenario."""
    found = data.archetypes()
    if not found:
        return
    st.caption("Start from an archetype of the comparison article, or score your own scenario:")
    cols = st.columns(len(found))
    for col, (stem, scenario) in zip(cols, found, strict=True):
        col.button(
            scenario.name,
            key=f"score_arch_{stem}",
            on_click=_load_archetype,
            args=(stem, scenario),
            type="primary" if st.session_state.get(k.ARCHETYPE) == stem else "secondary",
            width="stretch",
        )


def _write_weights(criteria: CriteriaBook) -> None:
    w = {g.id: float(st.session_state[k.weight_key(g.id)]) for g in criteria.groups}
    ss.update(weights=w if any(w.values()) else {})  # all zero: back to the defaults


def weights(criteria: CriteriaBook, scenario: Scenario) -> None:
    """A 0–100 slider per group; shares shown as the normalized weight."""
    given = scenario.weights or criteria.default_weights
    total = sum(given.values()) or 1.0
    cols = st.columns(len(criteria.groups))
    for col, g in zip(cols, criteria.groups, strict=True):
        key = k.weight_key(g.id)
        ss.seed(key, round(100 * given.get(g.id, 0.0) / total))
        col.slider(
            g.label, 0, 100, step=1, key=key, on_change=_write_weights, args=(criteria,),
            help="Relative importance; the weights are scaled to sum to 100 %.",
        )  # fmt: skip
    shown = {g.id: st.session_state[k.weight_key(g.id)] for g in criteria.groups}
    if not any(shown.values()):
        st.warning("Every weight is 0: the default weights are used until you raise one.")
        return
    norm = sum(shown.values())
    st.caption(
        "Weights used: "
        + ", ".join(f"{g.label.lower()} {100 * shown[g.id] / norm:.0f} %" for g in criteria.groups)
    )


def _write_musts(criteria: CriteriaBook) -> None:
    ss.update(
        requirements=[
            c.id
            for c in criteria.criteria
            if not c.numeric and st.session_state.get(k.must_key(c.id))
        ]
    )


def must_haves(criteria: CriteriaBook, scenario: Scenario) -> None:
    """A checkbox per rated criterion, by group: a must-have filters before weights."""
    chosen = set(scenario.requirements)
    groups = [g for g in criteria.groups if any(not c.numeric for c in criteria.in_group(g.id))]
    cols = st.columns(len(groups))
    for col, g in zip(cols, groups, strict=True):
        col.markdown(f"**{g.label}**")
        for c in criteria.in_group(g.id):
            if c.numeric:
                continue
            key = k.must_key(c.id)
            ss.seed(key, c.id in chosen)
            col.checkbox(
                c.label, key=key, on_change=_write_musts, args=(criteria,), help=c.question
            )


_COLUMNS = ("option", "vendor", "criterion", "rating", "note")


def overrides(criteria: CriteriaBook, scenario: Scenario, option_ids: list[str]) -> None:
    """Your own ratings, replacing the sourced ones (marked as yours everywhere)."""
    labels = {c.id: c.label for c in criteria.criteria if not c.numeric}
    by_label = {v: key for key, v in labels.items()}
    if k.OVERRIDES not in st.session_state or k.OVERRIDES_BASE not in st.session_state:
        st.session_state[k.OVERRIDES_BASE] = [
            {**o.model_dump(), "criterion": labels.get(o.criterion, o.criterion),
             "vendor": o.vendor or ""}
            for o in scenario.overrides
        ]  # fmt: skip
    base = pd.DataFrame(st.session_state[k.OVERRIDES_BASE], columns=list(_COLUMNS))
    col = st.column_config
    edited = st.data_editor(
        base,
        key=k.OVERRIDES,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "option": col.SelectboxColumn("Option", options=option_ids, required=True),
            "vendor": col.SelectboxColumn(
                "Vendor (direct only)", options=["", "anthropic", "openai", "google"]
            ),
            "criterion": col.SelectboxColumn("Criterion", options=list(by_label), required=True),
            "rating": col.SelectboxColumn("Your rating", options=list(RATINGS), required=True),
            "note": col.TextColumn("Why (your note)", max_chars=500),
        },
    )
    rows, problems = [], []
    for i, raw in enumerate(edited.to_dict("records")):
        row = {c: (None if pd.isna(raw.get(c)) else raw.get(c)) for c in _COLUMNS}
        if all(row[c] in (None, "") for c in _COLUMNS):
            continue
        try:
            o = Override(
                option=row["option"] or "",
                criterion=by_label.get(row["criterion"] or "", row["criterion"] or ""),
                rating=row["rating"] or "",
                vendor=row["vendor"] or None,
                note=row["note"] or "",
            )
        except ValidationError as exc:
            field = str(exc.errors()[0]["loc"][0])
            problems.append(f"Override row {i + 1}, {field}: choose a valid value")
            continue
        rows.append(o.model_dump())
    for p in problems:
        st.error(safe.md(p, limit=None) + " — this row is left out.")
    if rows != [o.model_dump() for o in scenario.overrides]:
        try:
            parse_scenario({**ss.scenario(), "overrides": rows}, origin="overrides")
        except ScenarioError as exc:
            st.error(safe.md(str(exc), limit=300))
            return
        ss.update(overrides=rows)
        st.rerun()


def cost_basis() -> CostBasis | None:
    """The calculator's projection by default; a re-price summary (JSON) on request."""
    upload = st.file_uploader(
        "Cost from a re-priced log instead: the summary (JSON) the Re-price page downloads",
        type=["json"],
        key=k.COSTS,
    )
    if upload is None:
        return None
    if upload.size > MAX_SUMMARY_BYTES:
        st.error(safe.md(f"{upload.name}: {upload.size:,} bytes is too large for a summary."))
        return None
    try:
        summary: Any = json.loads(upload.getvalue())
        return costs_from_reprice(summary, origin=upload.name)
    except (ValueError, CostsError) as exc:
        st.error(safe.md(" ".join(str(exc).split()), limit=300))
        return None
