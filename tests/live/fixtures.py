"""Fixtures of the test-call tests (live, CLI, AppTest, browser), loaded by tests/conftest.py:
the loopback server (started once on 127.0.0.1) and the opt-in that lets calls reach it
(``GATEWISE_ALLOW_PRIVATE_ENDPOINTS=1``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.live.server import LoopbackServer

KEY = "sk-test-LOOPBACK-9f2c7e41d0"


@pytest.fixture(scope="session")
def _loopback_session() -> Iterator[LoopbackServer]:
    with LoopbackServer(KEY) as server:
        yield server


@pytest.fixture
def loopback(_loopback_session: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> LoopbackServer:
    """The loopback server with no scripted behaviour, reachable (private endpoints allowed)."""
    monkeypatch.setenv("GATEWISE_ALLOW_PRIVATE_ENDPOINTS", "1")
    _loopback_session.reset()
    return _loopback_session
