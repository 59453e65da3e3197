"""The scenario as a file (DESIGN §5 YAML), on every page that edits it: the calculator, the
scorecard and the report. An upload is read by the CLI's reader (at most 256,000 bytes; a
hostile file gets the same one-line refusal) and checked against the price data before it
replaces the scenario in use, so a bad file never leaves the session broken; requirements,
weights and overrides travel with it both ways."""

from __future__ import annotations

import streamlit as st

from model.plan.calendar import pricing_calendar
from model.plan.projection import check_scenario
from model.plan.scenario import Scenario, ScenarioError, dump_scenario, read_scenario_bytes
from pages.ui import safe
from pages.ui import scenario_state as ss
from pricing import PriceBook


def upload(book: PriceBook, key: str = ss.UPLOAD) -> None:
    """A scenario YAML uploader (in an expander) that replaces the scenario in use."""
    with st.expander("Load a scenario file (YAML)"):
        file = st.file_uploader("Scenario YAML", type=["yaml", "yml"], key=key)
        if file is None:
            return
        stamp = f"{key}:{file.name}:{file.size}:{file.file_id}"
        if st.session_state.get(ss.UPLOAD_DONE) == stamp:
            st.caption(f"Loaded {safe.md(file.name)}.")
            return
        try:
            scenario = read_scenario_bytes(file.getvalue(), origin=file.name)
            try:  # what this price data cannot price (a version, a model, a region)
                check_scenario(scenario, pricing_calendar(scenario, book))
            except ScenarioError as exc:
                raise ScenarioError(f"{file.name}: {exc}") from None
        except ScenarioError as exc:
            st.error(safe.md(exc, limit=400), icon=":material/error:")
            return
        ss.load_scenario_dict(scenario.model_dump(mode="json"))
        st.session_state[ss.UPLOAD_DONE] = stamp
        st.rerun()


def download(
    scenario: Scenario,
    *,
    key: str,
    label: str,
    help: str,  # noqa: A002 - Streamlit's name for it
    width: str = "content",
) -> None:
    """The scenario in use as a YAML file (what ``project``, ``score`` and ``report`` read)."""
    st.download_button(
        label,
        data=dump_scenario(scenario),
        file_name="scenario.yaml",
        mime="application/x-yaml",
        on_click="ignore",
        key=key,
        help=help,
        width=width,  # type: ignore[arg-type]
    )
