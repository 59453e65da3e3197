"""Which model is tested and through which endpoints: a row per endpoint (preset, base URL,
format, model id as that endpoint spells it), the direct baseline offered first."""

from __future__ import annotations

from typing import Any

import streamlit as st

from model.live.apis import API_FORMATS
from model.live.call import Endpoint
from model.live.presets import BY_ID, DIRECT_FOR, PRESETS, endpoint_from, model_name_for, preset
from pages.ui.test_call import state as ts
from pricing import PriceBook
from pricing.versions import today as today_utc

VENDORS = ("anthropic", "openai", "google")
DEFAULT_MODEL = "claude-sonnet-4-6"  # current (4-5 retired on 2026-11-30)
MAX_ROWS = 6


def catalog_models(book: PriceBook) -> dict[str, Any]:
    """Today's list-priced models of the three vendors, by id."""
    catalog = book.in_force(today_utc())
    return {
        m.model_id: m
        for m in sorted(catalog.models, key=lambda m: m.model_id)
        if m.provider in VENDORS
    }


def _row_for(preset_id: str, model_id: str | None, models: dict[str, Any]) -> dict[str, str]:
    p = preset(preset_id)
    name = model_name_for(p, model_id, models.get(model_id)) if model_id else ""
    return {"preset": p.id, "base_url": p.base_url, "api": p.api, "model": name}


def _seed(row_id: int, row: dict[str, str]) -> None:
    for prefix, field in (
        (ts.W_PRESET, "preset"),
        (ts.W_URL, "base_url"),
        (ts.W_API, "api"),
        (ts.W_MODEL, "model"),
    ):
        st.session_state[f"{prefix}{row_id}"] = row[field]


def _retarget(models: dict[str, Any]) -> None:
    """The tested model changed: respell it in every row that is not custom."""
    model_id = st.session_state[ts.MODEL]
    for row_id, row in ts.rows().items():
        if row["preset"] != "custom":
            name = model_name_for(preset(row["preset"]), model_id, models.get(model_id))
            ts.update_row(row_id, model=name)
            st.session_state[f"{ts.W_MODEL}{row_id}"] = name


def _on_preset(row_id: int, models: dict[str, Any]) -> None:
    """A row's preset changed: its base URL, format and model spelling follow."""
    chosen = st.session_state[f"{ts.W_PRESET}{row_id}"]
    row = _row_for(chosen, st.session_state[ts.MODEL], models)
    if not row["base_url"]:  # a gateway or custom endpoint: keep what the user typed
        row["base_url"] = (
            ts.rows()[row_id].get("base_url", "")
            if not BY_ID[ts.rows()[row_id]["preset"]].base_url
            else ""
        )
    ts.update_row(row_id, **row)
    _seed(row_id, ts.rows()[row_id])


def model_picker(models: dict[str, Any]) -> Any:
    """The catalog model under test (its price data prices every call)."""
    ids = list(models)
    if st.session_state[ts.MODEL] not in models:
        st.session_state[ts.MODEL] = DEFAULT_MODEL if DEFAULT_MODEL in models else ids[0]
    st.columns([1, 2])[0].selectbox(
        "Model to test",
        ids,
        key=ts.MODEL,
        on_change=_retarget,
        args=(models,),
        help="Each endpoint spells it its own way (OpenRouter: vendor/model); edit it per row.",
    )
    model = models[st.session_state[ts.MODEL]]
    if not ts.rows():  # a fresh page: the direct baseline and OpenRouter side by side
        ts.add_row(**_row_for(DIRECT_FOR[model.provider], model.model_id, models))
        ts.add_row(**_row_for("openrouter", model.model_id, models))
    return model


def _add(preset_id: str, models: dict[str, Any]) -> None:
    ts.add_row(**_row_for(preset_id, st.session_state[ts.MODEL], models))


def rows_editor(models: dict[str, Any], model: Any) -> list[tuple[int, Endpoint]]:
    """One line of widgets per endpoint; returns the endpoints with a base URL and model."""
    ids = [p.id for p in PRESETS]
    out: list[tuple[int, Endpoint]] = []
    titles: dict[str, int] = {}
    for row_id, row in list(ts.rows().items()):
        if f"{ts.W_PRESET}{row_id}" not in st.session_state:
            _seed(row_id, row)  # the widgets were dropped (page switch): restore them
        c_preset, c_url, c_api, c_model, c_remove = st.columns(
            [2.4, 3.2, 1.2, 2.6, 0.5], vertical_alignment="bottom"
        )
        chosen = c_preset.selectbox(
            "Endpoint", ids, format_func=lambda i: BY_ID[i].title, key=f"{ts.W_PRESET}{row_id}",
            on_change=_on_preset, args=(row_id, models),
        )  # fmt: skip
        url = c_url.text_input(
            "Base URL", key=f"{ts.W_URL}{row_id}", placeholder="https://your-gateway.example/v1"
        )
        api = c_api.selectbox(
            "Format", API_FORMATS, key=f"{ts.W_API}{row_id}", disabled=chosen != "custom"
        )
        name = c_model.text_input("Model id at this endpoint", key=f"{ts.W_MODEL}{row_id}")
        c_remove.button(
            ":material/close:",
            key=f"tc_remove_{row_id}",
            on_click=ts.remove_row,
            args=(row_id,),
            help="Remove this endpoint",
        )
        ts.update_row(row_id, preset=chosen, base_url=url, api=api, model=name)
        title = BY_ID[chosen].title
        titles[title] = titles.get(title, 0) + 1
        label = title if titles[title] == 1 else f"{title} #{titles[title]}"
        if url.strip() and name.strip():
            out.append((row_id, endpoint_from(chosen, name, base_url=url, api=api, label=label)))
    left, right = st.columns(2)
    if len(ts.rows()) < MAX_ROWS:
        left.button(
            "Add an endpoint", icon=":material/add:", on_click=_add, args=("pooled-openai", models)
        )
    direct = DIRECT_FOR.get(model.provider)
    if direct and not any(r["preset"] == direct for r in ts.rows().values()):
        right.button(
            f"Add the direct baseline ({BY_ID[direct].title})", icon=":material/flag:",
            on_click=_add, args=(direct, models),
            help="A direct-to-vendor row lets a gateway read as overhead.",
        )  # fmt: skip
    return out
