"""``python -m model``: the headless CLI (see model/cli/main.py)."""

import os
import sys

from model.cli.main import main

code = main()
# Everything is written and closed by now: leave without the interpreter's teardown (freeing
# every module's objects — numpy, pydantic, DuckDB — costs ~0.1 s of a one-second command).
for stream in (sys.stdout, sys.stderr):
    try:
        stream.flush()
    except OSError:  # a closed pipe (`… | head`): nothing more can be said there
        pass
os._exit(code)
