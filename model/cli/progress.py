"""Progress of long steps on a terminal: one line on stderr, redrawn in place.

Shown only when stderr is a terminal and a step has run for a second (a short re-price
prints nothing), and never on stdout, which carries only the JSON (DESIGN §5).
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

_AFTER_S = 1.0
_EVERY_S = 0.2


class TerminalProgress:
    """``progress(step, share_done)`` callback that draws ``step … 42%`` on a terminal."""

    def __init__(self, stream: TextIO | None = None, *, force: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.enabled = force or self.stream.isatty()
        self.start = time.monotonic()
        self.last = 0.0
        self.drawn = 0
        self.lock = threading.Lock()  # DuckDB's progress comes from a polling thread

    def __call__(self, step: str, done: float) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.start < _AFTER_S or now - self.last < _EVERY_S:
            return
        with self.lock:
            self.last = now
            line = f"{step[:60]} … {min(max(done, 0.0), 1.0):.0%}"
            self.stream.write("\r" + line.ljust(self.drawn))
            self.stream.flush()
            self.drawn = len(line)

    def close(self) -> None:
        """Erase the line (the result follows on stdout, errors on stderr)."""
        with self.lock:
            if self.drawn:
                self.stream.write("\r" + " " * self.drawn + "\r")
                self.stream.flush()
                self.drawn = 0
