"""Real vendor calls — opt-in only: ``GATEWISE_LIVE=1`` plus the vendor's key variable.

These are the only tests that leave loopback; they temporarily lift the suite's network
guard. Each asks for a few tokens (well under a cent) and checks what the loopback tests
cannot: that the real wire formats still parse.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import pytest

from model.live.presets import endpoint_from
from model.live.session import RunConfig, run_session
from tests import conftest

VENDORS = [
    # (preset, model, key variable)
    ("openai", "gpt-4o-mini", "OPENAI_API_KEY"),
    ("anthropic", "claude-haiku-4-5", "ANTHROPIC_API_KEY"),
    ("google", "gemini-2.5-flash", "GEMINI_API_KEY"),
    ("google-openai", "gemini-2.5-flash", "GEMINI_API_KEY"),
    ("openrouter", "anthropic/claude-haiku-4.5", "OPENROUTER_API_KEY"),
]


@pytest.fixture
def real_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket.socket, "connect", conftest._real_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", conftest._real_connect_ex)
    yield


@pytest.mark.live
@pytest.mark.parametrize(("preset_id", "model", "key_env"), VENDORS)
def test_real_vendor(
    preset_id: str, model: str, key_env: str, request: pytest.FixtureRequest, bundled_book: object
) -> None:
    if os.environ.get("GATEWISE_LIVE") != "1" or not os.environ.get(key_env):
        pytest.skip(f"real vendor call: set GATEWISE_LIVE=1 and {key_env} to run it")
    request.getfixturevalue("real_network")
    ep = endpoint_from(preset_id, model)
    session = run_session(
        [ep],
        {ep.label: os.environ[key_env]},
        RunConfig(runs=2, warmups=1, max_tokens=40),
        book=bundled_book,
    )
    (rep,) = session.reports
    for run in rep.runs:
        assert run.ok, run.error
        assert run.ttft_s is not None and 0 < run.ttft_s <= run.total_s
        assert run.tokens is not None and run.tokens.output > 0 and run.tokens.input > 0
    assert rep.pricing is not None and rep.pricing.model_id is not None
