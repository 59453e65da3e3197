"""Usage-export readers: bytes + file name → canonical usage frame (DESIGN §3, §6).

    read_usage(data, filename, fmt="auto") -> UsageRead
    read_usage_path(path, fmt="auto") -> UsageRead

Every failure a user can cause raises :class:`UsageFormatError` with a one-line message
naming the file and what to do; nothing else escapes for bad input.

The names are loaded on first use (PEP 562): importing a helper module of this package
(header fingerprints, the error class) must not import pandas, which the columnar path
(:mod:`model.usage.columnar`) does without.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pricing.lazy import exports

if TYPE_CHECKING:
    from model.usage.readers.base import Probe, Reader, UsageRead
    from model.usage.readers.entry import COLUMNAR, read_usage, read_usage_path
    from model.usage.readers.errors import UsageFormatError
    from model.usage.readers.registry import FORMATS

__all__ = [
    "COLUMNAR",
    "FORMATS",
    "Probe",
    "Reader",
    "UsageFormatError",
    "UsageRead",
    "read_usage",
    "read_usage_path",
]

_WHERE = {
    "COLUMNAR": "entry",
    "FORMATS": "registry",
    "Probe": "base",
    "Reader": "base",
    "UsageFormatError": "errors",
    "UsageRead": "base",
    "read_usage": "entry",
    "read_usage_path": "entry",
    "DEFAULT_MAX_BYTES": "entry",
}


__getattr__ = exports(__name__, _WHERE)
