"""Where the calculator's scenario comes from: a preset, an uploaded scenario file (read by
the CLI's reader, so a hostile file gets the same one-line refusal), or a fresh start."""

from __future__ import annotations

import streamlit as st

from model.plan.calendar import pricing_calendar
from model.plan.projection import check_scenario
from model.plan.scenario import ScenarioError, read_scenario_bytes
from pages.ui import safe
from pages.ui import scenario_state as ss
from pricing import PriceBook


def preset_picker() -> None:
    """One button per preset, and what the loaded preset assumes."""
    presets = ss.presets()
    st.markdown("**Start from a preset**")
    for column, preset in zip(st.columns(len(presets)), presets, strict=True):
        column.button(
            preset.title,
            key=f"calc_preset_{preset.id}",
            on_click=ss.load_preset,
            args=(preset.id,),
            type="primary" if st.session_state.get(ss.PRESET) == preset.id else "secondary",
            width="stretch",
            help=preset.description,
        )
    loaded = next((p for p in presets if p.id == st.session_state.get(ss.PRESET)), None)
    if loaded is not None:
        with st.expander(f"Assumptions of the preset “{loaded.title}”"):
            st.markdown(loaded.description)
            st.markdown("\n".join(f"- {a}" for a in loaded.assumptions))


def scenario_upload(book: PriceBook) -> None:
    """Load a scenario YAML (e.g. one the CLI ran) with the CLI's reader: errors name the
    file and the key. A scenario is stored only once the price data can price it, so a bad
    upload never leaves the session broken (removing it brings nothing back)."""
    with st.expander("Load a scenario file (YAML)"):
        upload = st.file_uploader("Scenario YAML", type=["yaml", "yml"], key=ss.UPLOAD)
        if upload is None:
            return
        stamp = f"{upload.name}:{upload.size}:{upload.file_id}"
        if st.session_state.get(ss.UPLOAD_DONE) == stamp:
            st.caption(f"Loaded {safe.md(upload.name)}.")
            return
        try:
            scenario = read_scenario_bytes(upload.getvalue(), origin=upload.name)
            try:  # what this price data cannot price (a version, a model, a region)
                check_scenario(scenario, pricing_calendar(scenario, book))
            except ScenarioError as exc:
                raise ScenarioError(f"{upload.name}: {exc}") from None
        except ScenarioError as exc:
            st.error(safe.md(exc, limit=400), icon=":material/error:")
            return
        ss.load_scenario_dict(scenario.model_dump(mode="json"))
        st.session_state[ss.UPLOAD_DONE] = stamp
        st.rerun()


def reset_button() -> None:
    """A way out of any state the page cannot price: back to the default preset."""
    st.button("Start again from the default preset", on_click=ss.load_preset,
              args=(ss.DEFAULT_PRESET,), key="calc_reset")  # fmt: skip
