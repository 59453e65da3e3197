"""The key exists only for the call (DESIGN §6): it never appears in logs, results, JSON,
evidence, error messages, exceptions or CLI output — even when an endpoint echoes it."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from model.cli import text as cli_text
from model.live.evidence import dumps, evidence
from model.live.session import RunConfig, run_session
from tests.conftest import ROOT
from tests.live.fixtures import KEY
from tests.live.server import LoopbackServer
from tests.live.test_loopback import FORMATS, endpoint

BEHAVIOURS = [
    {},
    {"status": 401, "echo_key": True},
    {"status": 429, "headers": {"retry-after": "1"}, "echo_key": True},
    {"error_midstream": True},
    {"malformed": True},
    {"no_usage": True},
    {"redirect_to": "https://evil.example/"},
]


@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_key_never_in_logs_results_or_evidence(
    loopback: LoopbackServer,
    behaviour: dict,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    bundled_book: object,
) -> None:
    caplog.set_level(logging.DEBUG)  # httpx and httpcore log every request at DEBUG
    for name in FORMATS:
        loopback.behave(FORMATS[name][2], **behaviour)
    eps = [endpoint(loopback, name) for name in FORMATS]
    session = run_session(
        eps,
        {e.label: KEY for e in eps},
        RunConfig(runs=1, warmups=1, cache_probe=True, probe_tokens=1100),
        book=bundled_book,
    )
    outputs = [
        json.dumps(session.to_json()),
        dumps(evidence(session, "test")),
        repr(session),
        caplog.text,
        "\n".join(r.getMessage() for r in caplog.records),
        *capsys.readouterr(),
    ]
    from model.cli.testcall import result_json

    for rep in session.reports:
        outputs.append(
            cli_text.testcall_text(
                {
                    **result_json(type(session)(session.config, "", "", [rep])),
                    "endpoint": rep.endpoint.to_json(),
                }
            )
        )
    assert "httpx" in caplog.text or caplog.records  # the logs were captured at all
    for text in outputs:
        assert KEY not in text
    if behaviour.get("echo_key"):
        messages = [r.error.message for rep in session.reports for r in rep.runs if r.error]
        assert messages and all("[key]" in m for m in messages)  # the echo was scrubbed


def test_missing_keys_are_refused_before_any_call(loopback: LoopbackServer) -> None:
    ep = endpoint(loopback, "openai")
    with pytest.raises(ValueError, match="no key for") as info:
        run_session([ep], {ep.label: ""}, RunConfig(runs=1))
    assert loopback.requests == [] and KEY not in str(info.value)


def test_cli_never_prints_the_key(loopback: LoopbackServer, tmp_path: Path) -> None:
    loopback.behave("claude-sonnet-4-5", status=401, echo_key=True)
    env = {**os.environ, "GATEWISE_ALLOW_PRIVATE_ENDPOINTS": "1", "MY_KEY": KEY}
    for extra in ([], ["--json"]):
        done = subprocess.run(
            [sys.executable, "-m", "model", "testcall", "--base-url", loopback.url("/anthropic"), "--api", "anthropic",
             "--model", "claude-sonnet-4-5", "--runs", "1", "--key-env", "MY_KEY", "--evidence-out", str(tmp_path), *extra],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 1, done.stderr
        assert KEY not in done.stdout + done.stderr
        assert "[key]" in done.stdout
    (saved,) = tmp_path.glob("*.json")
    assert KEY not in saved.read_text()
