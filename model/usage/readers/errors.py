"""The one exception readers raise for files they cannot use (DESIGN §5/§6), and
:func:`clip`, which keeps every piece of file content quoted in a message short."""

from __future__ import annotations

#: Longest piece of file content (a header name, a cell, a line) quoted in a message or a
#: warning: one line means a short line, even for a 50 MB file without a newline.
MAX_QUOTE = 120
#: Longest problem text, and longest file name, in a :class:`UsageFormatError`.
MAX_PROBLEM = 400
MAX_NAME = 120


def clip(text: object, limit: int = MAX_QUOTE) -> str:
    """``text`` on one line (runs of white space folded), cut to ``limit`` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class UsageFormatError(ValueError):
    """A usage file that cannot be read.

    The message is one short line that names the file, where the problem is (row or
    column) and what the user can do about it; the CLI prints it as is and exits 2, the
    upload page shows it and keeps working. Every part is clipped, so file content quoted
    in ``problem`` can never make it long.
    """

    def __init__(self, filename: str, problem: str, fix: str = "") -> None:
        self.filename = clip(filename, MAX_NAME)
        self.problem = clip(problem, MAX_PROBLEM)
        self.fix = clip(fix, MAX_PROBLEM)
        text = f"{self.filename}: {self.problem}"
        if self.fix:
            text += f" — {self.fix}"
        super().__init__(text)
