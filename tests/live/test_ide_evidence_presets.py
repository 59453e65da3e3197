"""IDE drop-in settings (never the key), presets per option, and the evidence file format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from model.live.call import Endpoint
from model.live.evidence import (
    FORMAT,
    EvidenceError,
    evidence,
    file_name,
    read_evidence,
    write_evidence,
)
from model.live.ide import KEY_PLACEHOLDER, snippets
from model.live.presets import PRESETS, baseline_for, endpoint_from, model_name_for, preset
from model.live.session import RunConfig, run_session
from tests.live.fixtures import KEY
from tests.live.server import LoopbackServer
from tests.live.test_loopback import endpoint


def test_openai_format_snippets() -> None:
    ep = endpoint_from("openrouter", "anthropic/claude-sonnet-4.5")
    tools = {s.tool: s.text for s in snippets(ep)}
    assert set(tools) == {"Cursor", "Cline", "Roo Code"}
    for text in tools.values():
        assert "https://openrouter.ai/api/v1" in text and "anthropic/claude-sonnet-4.5" in text
        assert KEY_PLACEHOLDER in text
    assert "OpenAI Compatible" in tools["Cline"] and "Override OpenAI Base URL" in tools["Cursor"]


def test_claude_code_through_a_gateway() -> None:
    ep = endpoint_from("openrouter-anthropic", "anthropic/claude-sonnet-4.5")
    (claude,) = [s for s in snippets(ep) if s.tool == "Claude Code"]
    assert 'ANTHROPIC_BASE_URL="https://openrouter.ai/api"' in claude.text
    assert f'ANTHROPIC_AUTH_TOKEN="{KEY_PLACEHOLDER}"' in claude.text
    assert 'ANTHROPIC_API_KEY=""' in claude.text
    assert 'ANTHROPIC_MODEL="anthropic/claude-sonnet-4.5"' in claude.text


def test_claude_code_direct_needs_no_base_url() -> None:
    (claude,) = [
        s
        for s in snippets(endpoint_from("anthropic", "claude-sonnet-4-5"))
        if s.tool == "Claude Code"
    ]
    assert "ANTHROPIC_BASE_URL" not in claude.text and "ANTHROPIC_API_KEY" in claude.text


def test_gemini_native_has_no_drop_in() -> None:
    assert snippets(endpoint_from("google", "gemini-2.5-pro")) == []


def test_presets_cover_every_option() -> None:
    assert {p.option for p in PRESETS} == {"direct", "openrouter", "pooled", None}
    assert {p.api for p in PRESETS} == {"openai", "anthropic", "gemini"}
    for p in PRESETS:
        assert not p.base_url or p.base_url.startswith("https://")
    assert preset("pooled-anthropic").base_url == ""  # the user's quote, the user's URL
    with pytest.raises(ValueError, match="unknown preset"):
        preset("nope")


def test_model_names_per_endpoint(bundled_book: Any) -> None:
    model = next(m for m in bundled_book.latest.models if m.model_id == "claude-sonnet-4-5")
    assert (
        model_name_for(preset("openrouter"), "claude-sonnet-4-5", model)
        == "anthropic/claude-sonnet-4.5"
    )
    assert model_name_for(preset("anthropic"), "claude-sonnet-4-5", model) == model.vendor_model_id
    base = baseline_for("anthropic", "claude-sonnet-4-5", model)
    assert (
        base is not None and base.baseline and base.option == "direct" and base.api == "anthropic"
    )
    assert baseline_for("acme", "x") is None


def test_evidence_round_trip(loopback: LoopbackServer, tmp_path: Path, bundled_book: Any) -> None:
    a = endpoint(loopback, "anthropic", "Anthropic direct")
    a = Endpoint(a.label, a.api, a.base_url, a.model, "direct", "anthropic", True)
    b = endpoint(loopback, "openrouter", "OpenRouter")
    b = Endpoint(b.label, b.api, b.base_url, b.model, "openrouter", "openrouter")
    session = run_session(
        [a, b],
        {a.label: KEY, b.label: KEY},
        RunConfig(prompt="secret plan", runs=2, warmups=0, cache_probe=True, probe_tokens=1100),
        book=bundled_book,
    )
    data = evidence(session, "eu-west laptop")
    path = write_evidence(data, tmp_path / file_name(data))
    assert path.name.startswith(data["date"]) and path.name.endswith(
        "-anthropic-direct-openrouter.json"
    )
    back = read_evidence(path)
    assert back["format"] == FORMAT and back["vantage"] == "eu-west laptop"
    assert "secret plan" not in path.read_text() and not back["config"]["prompt_is_default"]
    by_option = {e["option"]: e for e in back["endpoints"]}
    assert (
        by_option["direct"]["baseline"]
        and by_option["direct"]["cache"]["cache_effectiveness"] == 1.0
    )
    assert by_option["openrouter"]["cache"]["cached"] is True
    assert by_option["openrouter"]["served_providers"] == ["Anthropic"]
    assert by_option["direct"]["latency"]["n"] == 2 and by_option["direct"]["receipts"]
    assert by_option["openrouter"]["cost"]["reported_cost_usd_mean"] > 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not JSON"),
        (json.dumps({"format": "other"}), "format"),
        (json.dumps({"format": FORMAT, "format_version": 9}), "format_version"),
        (
            json.dumps(
                {"format": FORMAT, "format_version": 1, "date": "yesterday", "endpoints": []}
            ),
            "date",
        ),
        (
            json.dumps(
                {"format": FORMAT, "format_version": 1, "date": "2026-11-30", "endpoints": [{}]}
            ),
            "endpoints.0.label",
        ),
    ],
)
def test_bad_evidence_files_name_the_key(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "e.json"
    path.write_text(content)
    with pytest.raises(EvidenceError, match=message) as info:
        read_evidence(path)
    assert str(path) in str(info.value)
