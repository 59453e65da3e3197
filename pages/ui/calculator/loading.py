"""Where the calculator's scenario comes from: a preset, an uploaded scenario file (read by
the CLI's reader, so a hostile file gets the same one-line refusal; shared with the
scorecard and report pages), a share link, or a fresh start."""

from __future__ import annotations

import streamlit as st

from pages.ui import scenario_files
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
    """Load a scenario YAML (e.g. one the CLI ran): see :func:`scenario_files.upload`."""
    scenario_files.upload(book)


def reset_button() -> None:
    """A way out of any state the page cannot price: back to the default preset."""
    st.button("Start again from the default preset", on_click=ss.load_preset,
              args=(ss.DEFAULT_PRESET,), key="calc_reset")  # fmt: skip
