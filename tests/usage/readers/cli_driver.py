"""Run ``python -m model reprice FILE --json`` for many files in ONE process.

    python -m tests.usage.readers.cli_driver FILE...

Prints a JSON list of ``{"file", "code", "stdout", "stderr"}``: what each run would have
exited with and written, via the same ``main()`` that ``python -m model`` calls. One
process instead of one per file saves ~1 s of imports per file in the hostile sweep; the
issue's reproductions also run as separate processes in ``tests/cli/test_hostile_cli.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import warnings


def run(path: str) -> dict[str, object]:
    from model.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        # As in a fresh interpreter: warnings are shown (once per place), not swallowed.
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            try:
                code = main(["reprice", path, "--json"])
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 1
    return {"file": path, "code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


if __name__ == "__main__":
    json.dump([run(p) for p in sys.argv[1:]], sys.stdout)
