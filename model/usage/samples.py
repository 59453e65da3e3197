"""The sample usage logs in ``data/samples/`` and where each came from (its README table),
so the upload page can offer them to a user with no log of their own, provenance shown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

EXTENSIONS = (".csv", ".tsv", ".json", ".jsonl", ".txt")
#: Files of the same period read together: a usage export with the cost export that billed
#: it (the real OpenAI pair: $2.99 billed against $2.05 re-priced for the same 7 days).
SETS = (("openai_usage_export__REAL_2025-10.tsv", "openai_cost_export__REAL_2025-10.tsv"),)
_ROW = re.compile(r"^\|\s*`([^`]+)`[^|]*\|\s*`?([^|`]*?)`?\s*\|([^|]*)\|([^|]*)\|\s*$")


@dataclass(frozen=True)
class Sample:
    """One sample file: its path relative to the samples folder and its README entry."""

    name: str  # relative path, e.g. "generic_small.csv" or "dir/file.csv"
    path: Path
    format: str
    source: str
    provenance: str
    parts: tuple[Path, ...] = ()  # a set of files read together (usage + cost export)

    @property
    def label(self) -> str:
        """Real exports first in the eye: the README's naming convention, spelled out."""
        kind = next(
            (k for k in ("REAL", "RECONSTRUCTED", "SYNTHETIC", "DOC_EXAMPLE") if k in self.name),
            "GENERATED",
        )
        return f"{self.name} · {kind.lower().replace('_', ' ')}"


def _readme_rows(readme: Path) -> dict[str, tuple[str, str, str]]:
    rows: dict[str, tuple[str, str, str]] = {}
    if not readme.is_file():
        return rows
    previous = ""
    for line in readme.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line.strip())
        if m:
            source = m.group(3).strip()
            # "same file and commit" refers to the row above: spell it out.
            source = previous if source.startswith("same ") and previous else source
            rows[m.group(1).strip()] = (m.group(2).strip(), source, m.group(4).strip())
            previous = source
    return rows


def list_samples(root: Path) -> list[Sample]:
    """Every sample file under ``root`` with its README provenance ("" when not listed).

    A folder of monthly files is listed in the README once (``dir/pattern``): each of its
    files gets that entry.
    """
    if not root.is_dir():
        return []
    rows = _readme_rows(root / "README.md")
    by_folder = {key.split("/", 1)[0]: value for key, value in rows.items() if "/" in key}
    out = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in EXTENSIONS:
            continue
        name = path.relative_to(root).as_posix()
        entry = rows.get(name) or by_folder.get(name.split("/", 1)[0]) or ("", "", "")
        out.append(Sample(name, path, *entry))
    by_name = {s.name: s for s in out}
    for names in SETS:
        if all(n in by_name for n in names):
            first = by_name[names[0]]
            out.append(
                Sample(
                    " + ".join(names),
                    first.path,
                    " + ".join(by_name[n].format for n in names),
                    first.source,
                    "usage and cost exports of the same period, read together",
                    tuple(by_name[n].path for n in names),
                )
            )
    # Generic and real exports first: they are the most useful first look.
    order = {"generic": 0, "REAL": 1}
    return sorted(
        out,
        key=lambda s: (
            min((v for k, v in order.items() if k in s.name), default=2),
            s.name,
        ),
    )
