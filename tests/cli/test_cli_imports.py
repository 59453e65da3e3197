"""Every command's module is loaded by ``python -m model``: none may pull in a heavy stack at
import time, or `reprice` pays for the report's (issue 13's speed budget is ~1 s in all)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pandas", "numpy", "pydantic", "duckdb", "httpx", "jinja2", "plotly", "statsmodels")
OTHER_CAPABILITIES = ("model.report", "model.live", "model.scorecard", "model.plan", "model.share")


# `report` is left out: its --format choices come from the report package, loaded on demand.
@pytest.mark.parametrize("command", ["reprice", "project", "score", "share", "testcall"])
def test_parsing_a_command_loads_no_heavy_module(command: str) -> None:
    probe = (
        "import sys\n"
        "from model.cli.main import build_parser\n"
        f"build_parser([{command!r}, 'x'])\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY]
    assert heavy == [], f"{command}: {heavy[:5]}"
    if command == "reprice":
        others = [m for m in loaded if m.startswith(OTHER_CAPABILITIES)]
        assert others == []
