"""``python -m model``: the headless CLI (see model/cli/main.py)."""

import os
import sys

# numpy's OpenBLAS starts a thread per core at import, and they spin for a while: on a
# two-core machine they take CPU from DuckDB's readers (~8 % of a million-row re-price, see
# `make bench`). No command does matrix algebra large enough to gain from them. A value the
# user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from model.cli.main import main  # after the environment above

code = main()
# Everything is written and closed by now: leave without the interpreter's teardown (freeing
# every module's objects — numpy, pydantic, DuckDB — costs ~0.1 s of a one-second command).
for stream in (sys.stdout, sys.stderr):
    try:
        stream.flush()
    except OSError:  # a closed pipe (`… | head`): nothing more can be said there
        pass
os._exit(code)
