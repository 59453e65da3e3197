"""The one exception readers raise for files they cannot use (DESIGN §5/§6)."""

from __future__ import annotations


class UsageFormatError(ValueError):
    """A usage file that cannot be read.

    The message is one line that names the file, where the problem is (row or column)
    and what the user can do about it; the CLI prints it as is and exits 2, the upload
    page shows it and keeps working.
    """

    def __init__(self, filename: str, problem: str, fix: str = "") -> None:
        self.filename = filename
        self.problem = problem
        self.fix = fix
        text = f"{filename}: {problem}"
        if fix:
            text += f" — {fix}"
        # One line, always: a multi-line message would break the CLI's stderr contract.
        super().__init__(" ".join(text.split()))
