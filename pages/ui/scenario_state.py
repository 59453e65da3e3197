"""Calculator state: the scenario lives in ``st.session_state`` as one plain dict (the
DESIGN §5 scenario, JSON-able), so it survives page switches; widgets are views on it.

Streamlit deletes a widget's state when its page is left, so every calculator widget is
re-seeded from the stored scenario (or stored preference) when its key is missing, and its
value is written back after it renders. Loading a preset replaces the scenario and clears
the widget keys so they re-seed. Only this module spells out the calculator's key strings.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from model.plan.presets import Preset, load_presets
from model.plan.scenario import Scenario, Workload, parse_scenario
from pages.ui import loaders
from pages.ui.scorecard import keys as score_keys

SCENARIO: Final = "calc_scenario"  # the scenario dict (source of truth)
PRESET: Final = "calc_preset"  # id of the preset last loaded (or None)
PREFS: Final = "calc_prefs"  # analysis settings that are not part of the scenario
EDITOR_GEN: Final = "calc_editor_gen"  # bumped to remount the workloads editor
UPLOAD: Final = "calc_upload"  # scenario YAML uploader
UPLOAD_DONE: Final = "calc_upload_done"  # the upload already loaded (not re-applied on reruns)
WIDGET_PREFIX: Final = "calc_w_"
#: The versions a share link priced each month with (a list per month), while the scenario
#: in use is that link's; None (or absent) prices with today's data. Any other scenario
#: loaded (a preset, a file, an archetype) drops it.
SHARE_PINS: Final = "share_pins"
#: What an opened link could not honour (shown while its scenario is in use).
SHARE_NOTES: Final = "share_notes"

# Widget keys (values mirror the scenario or PREFS) ----------------------------------------
VERSION: Final = WIDGET_PREFIX + "version"
START: Final = WIDGET_PREFIX + "start"
HORIZON: Final = WIDGET_PREFIX + "horizon"
GROWTH: Final = WIDGET_PREFIX + "growth"
PAYMENT: Final = WIDGET_PREFIX + "payment_"  # + option id
TOPUP: Final = WIDGET_PREFIX + "topup_"  # + option id
BYOK: Final = WIDGET_PREFIX + "byok_"  # + option id
BATCH_API: Final = WIDGET_PREFIX + "batch_api_"  # + option id (a beta batch API switch)
REGION: Final = WIDGET_PREFIX + "region_"  # + option id
DISCOUNT: Final = WIDGET_PREFIX + "discount_"  # + vendor
UNC_VOLUME: Final = WIDGET_PREFIX + "unc_volume"
UNC_TOKENS: Final = WIDGET_PREFIX + "unc_tokens"
SENS_STEP: Final = WIDGET_PREFIX + "sens_step"
PEAK: Final = WIDGET_PREFIX + "peak"
CURRENCY: Final = WIDGET_PREFIX + "currency"
FX_CUSTOM: Final = WIDGET_PREFIX + "fx_custom"
FX_RATE: Final = WIDGET_PREFIX + "fx_rate"
TORNADO_OPTION: Final = WIDGET_PREFIX + "tornado_option"

PREF_DEFAULTS: Final[dict[str, Any]] = {
    UNC_VOLUME: 25,
    UNC_TOKENS: 15,
    SENS_STEP: 20,
    PEAK: 3.0,
    FX_CUSTOM: False,
    FX_RATE: 1.0,
}
#: Preset loaded on a fresh session.
DEFAULT_PRESET: Final = "ide-coding-agent"
#: Columns of the workloads editor, in order (Workload fields).
EDITOR_COLUMNS: Final = (
    "name",
    "model",
    "requests_per_day",
    "input_tokens",
    "cache_read_tokens",
    "cache_write_5m_tokens",
    "cache_write_1h_tokens",
    "output_tokens",
    "batch_share",
)
FIELD_LABELS: Final = {
    "name": "name",
    "model": "model",
    "requests_per_day": "requests/day",
    "input_tokens": "uncached input",
    "cache_read_tokens": "cache read",
    "cache_write_5m_tokens": "cache write 5m",
    "cache_write_1h_tokens": "cache write 1h",
    "output_tokens": "output",
    "batch_share": "batch share",
}


def presets_dir() -> Path:
    return loaders.data_dir() / "scenarios" / "presets"


@st.cache_resource(show_spinner=False, max_entries=4)
def _presets(folder: str, fingerprint: str) -> tuple[Preset, ...]:  # noqa: ARG001 - cache key
    return load_presets(Path(folder))


def presets() -> tuple[Preset, ...]:
    folder = presets_dir()
    stamp = str(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.yaml")))
    return _presets(str(folder), stamp)


def _dump(scenario: Scenario) -> dict[str, Any]:
    return scenario.model_dump(mode="json")


def ensure_defaults() -> None:
    """Seed the scenario (the default preset) and preferences; never overwrites."""
    if SCENARIO not in st.session_state:
        preset = next((p for p in presets() if p.id == DEFAULT_PRESET), presets()[0])
        st.session_state[SCENARIO] = _dump(preset.scenario)
        st.session_state[PRESET] = preset.id
    st.session_state.setdefault(PREFS, copy.deepcopy(PREF_DEFAULTS))
    st.session_state.setdefault(EDITOR_GEN, 0)


def scenario() -> dict[str, Any]:
    """The stored scenario dict (mutate through :func:`update`)."""
    return st.session_state[SCENARIO]


def update(**changes: Any) -> None:
    st.session_state[SCENARIO] = {**scenario(), **changes}


def set_option(option_id: str, **changes: Any) -> None:
    """Change one option's assumptions (``None`` removes a key: the catalog default)."""
    options = copy.deepcopy(scenario().get("options", {}))
    entry = {**options.get(option_id, {}), **changes}
    options[option_id] = {k: v for k, v in entry.items() if v is not None}
    update(options=options)


def _clear_widgets() -> None:
    """Forget the widgets that view the scenario (calculator and scorecard), so they re-seed
    from the new one; a scenario from elsewhere also ends a share link's pinned prices."""
    views = (WIDGET_PREFIX, score_keys.PREFIX)
    for key in [k for k in st.session_state if str(k).startswith(views)]:
        del st.session_state[key]
    st.session_state.pop(SHARE_PINS, None)
    st.session_state.pop(SHARE_NOTES, None)


def load_preset(preset_id: str) -> None:
    """Button callback: replace the scenario by a preset (widgets re-seed from it)."""
    preset = next(p for p in presets() if p.id == preset_id)
    # A preset describes traffic, not how it is shown: the display currency stays.
    shown = scenario().get("currency", "USD") if SCENARIO in st.session_state else "USD"
    st.session_state[SCENARIO] = {**_dump(preset.scenario), "currency": shown}
    st.session_state[PRESET] = preset.id
    st.session_state[EDITOR_GEN] = st.session_state.get(EDITOR_GEN, 0) + 1
    prefs = st.session_state.get(PREFS, {})
    _clear_widgets()
    st.session_state[PREFS] = prefs


def load_scenario_dict(data: dict[str, Any]) -> None:
    """Replace the scenario by an uploaded/validated one."""
    st.session_state[SCENARIO] = data
    st.session_state[PRESET] = None
    st.session_state[EDITOR_GEN] = st.session_state.get(EDITOR_GEN, 0) + 1
    _clear_widgets()


def seed(key: str, value: Any) -> None:
    """Before a widget renders: restore its value when Streamlit has dropped it."""
    if key not in st.session_state:
        st.session_state[key] = value


def pref(key: str) -> Any:
    """An analysis preference, seeding its widget key (call before the widget)."""
    prefs = st.session_state[PREFS]
    seed(key, prefs.get(key, PREF_DEFAULTS.get(key)))
    return st.session_state[key]


def remember(key: str) -> None:
    """After a widget renders: keep its value beyond this page."""
    st.session_state[PREFS][key] = st.session_state[key]


# --- the workloads editor ------------------------------------------------------------------


def editor_key() -> str:
    return f"calc_workloads_{st.session_state.get(EDITOR_GEN, 0)}"


def editor_base() -> pd.DataFrame:
    """The table the editor starts from: the stored workloads. Kept fixed while the editor
    is mounted (its edit state is relative to it); refreshed when the editor's state is gone
    (first visit, a page switch, a preset)."""
    base_key = editor_key() + "_base"
    if editor_key() not in st.session_state or base_key not in st.session_state:
        rows = [{c: w.get(c) for c in EDITOR_COLUMNS} for w in scenario()["workloads"]]
        st.session_state[base_key] = rows
    return pd.DataFrame(st.session_state[base_key], columns=list(EDITOR_COLUMNS))


def check_rows(
    frame: pd.DataFrame, known_models: Sequence[str], version: str
) -> tuple[list[dict[str, Any]], list[str]]:
    """Valid workload rows, and one message per problem naming the row and the field.
    Invalid rows are left out of the totals (and said so), never a traceback."""
    valid, problems = [], []
    known = set(known_models)
    for i, raw in enumerate(frame.to_dict("records")):
        row = {k: (None if pd.isna(v) else v) for k, v in raw.items()}
        # The name is the user's text inside our markdown message: escaped (DESIGN §6).
        label = f"Row {i + 1}" + (f" ({row['name']})" if row.get("name") else "")
        if all(row.get(c) in (None, "") for c in EDITOR_COLUMNS):
            continue  # an empty row the user just added
        data = {k: v for k, v in row.items() if v is not None and k in EDITOR_COLUMNS}
        data.setdefault("name", f"workload {i + 1}")
        try:
            workload = Workload.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                field = FIELD_LABELS.get(str(err["loc"][0]), str(err["loc"][0]))
                msg = "is required" if err["type"] == "missing" else err["msg"].lower()
                problems.append(f"{label}, {field}: {msg}")
            continue
        if workload.model not in known:
            problems.append(
                f"{label}, model: {workload.model!r} is not in pricing version {version}"
            )
            continue
        valid.append(workload.model_dump(mode="json"))
    return valid, problems


def current_scenario(workloads: list[dict[str, Any]]) -> Scenario:
    """The stored scenario with these (validated) workloads, as a Scenario; raises
    ``ScenarioError`` naming the key for anything else that is invalid."""
    return parse_scenario({**scenario(), "workloads": workloads}, origin="calculator")


def current_start() -> dt.date:
    """First day of the stored start month."""
    return dt.date.fromisoformat(str(scenario()["start_month"]) + "-01")
