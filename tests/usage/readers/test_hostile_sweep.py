"""Every file of the bad-input corpus through the reader and through the CLI
(``python -m model reprice FILE --json``'s ``main``, in a separate process, see
``cli_driver.py``): exit 0 with a finite JSON document, or exit 2 with ONE short line on
stderr naming the file and nothing on stdout. The reader and the CLI must agree on which
files are refused (DESIGN §5, §6)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from model.usage.readers import UsageFormatError, read_usage_path
from tests.usage.readers.bad.make_corpus import generated
from tests.usage.readers.sanity import MAX_MESSAGE, assert_one_short_line, assert_sane

ROOT = Path(__file__).resolve().parents[3]
BAD = Path(__file__).parent / "bad"
COMMITTED = sorted(p.name for p in BAD.iterdir() if p.suffix != ".py" and p.is_file())
GENERATED = sorted(generated())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every corpus file by name: the committed ones and the large generated ones."""
    folder = tmp_path_factory.mktemp("hostile")
    paths = {name: BAD / name for name in COMMITTED}
    for name, data in generated().items():
        (folder / name).write_bytes(data)
        paths[name] = folder / name
    return paths


@pytest.fixture(scope="module")
def cli_runs(corpus: dict[str, Path]) -> dict[str, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.usage.readers.cli_driver", *map(str, corpus.values())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    runs = json.loads(done.stdout)
    return dict(zip(corpus, runs, strict=True))


def _reject_constant(name: str) -> float:
    raise AssertionError(f"non-finite number in the JSON: {name}")


@pytest.mark.parametrize("name", [*COMMITTED, *GENERATED])
def test_cli_and_reader_agree_and_keep_the_contract(name, corpus, cli_runs):
    done = SimpleNamespace(**cli_runs[name])
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    try:
        read = read_usage_path(corpus[name])
    except UsageFormatError as exc:
        assert_one_short_line(exc, name)
        refused = True
    else:
        assert_sane(read)
        refused = False
    if refused:
        assert done.code == 2, (done.code, done.stderr[:500])
        assert done.stdout == ""
        lines = done.stderr.splitlines()
        assert len(lines) == 1, done.stderr[:2000]
        assert lines[0].startswith(f"error: {name}: ")
        assert len(lines[0]) <= len("error: ") + MAX_MESSAGE
    else:
        assert done.code == 0, done.stderr[:500]
        assert done.stderr == ""
        result = json.loads(done.stdout, parse_constant=_reject_constant)
        assert result["rows"] == read.rows
        assert all(o["total_usd"] >= 0 for o in result["options"])
