"""Registered formats, in detection order: specific fingerprints first, generic last."""

from __future__ import annotations

from model.readers import generic_csv
from model.readers.base import Reader

_ORDER: tuple[Reader, ...] = (generic_csv.READER,)

FORMATS: dict[str, Reader] = {r.name: r for r in _ORDER}
