"""A validated-catalog cache keyed by the content hash of the price data.

Folding the dated history into versions and validating it costs ~0.3 s per run (YAML in
pure Python, pydantic); a re-price of a million rows takes about as long. The folded,
validated catalogs are therefore kept as JSON, in a file named by the SHA-256 of every
byte the catalogs come from (the pricing folder's files and the schema's own source).

Never trusted blindly: the file is used only when its recorded source hash equals the hash
just computed from the data, and the hash of its payload equals the one recorded beside it;
the payload is then still validated by the schema (each distinct model and option once —
versions repeat most of them — then every catalog's own checks: ~20 ms). Anything else —
a missing, stale, truncated or edited file, a folder that cannot be written — falls back
to the full load, which writes a fresh file.
Only price data is cached, never results: every run reads and prices its log.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic and the schema load only when a book is (not for the hash)
    from pricing.versions import PriceBook

#: Source files of the code that turns the data into catalogs: a change to any of them
#: changes what a cached catalog would be, so they are part of the key.
_CODE = ("schema.py", "history.py", "loader.py", "versions.py", "cache.py")
_FORMAT = b"gatewise-pricebook-cache 2\n"
_KEEP = 8
_PARTS = ("models", "options", "unpriced")
_SCALARS = ("version", "effective_from", "description")


def _adapters() -> dict[str, Any]:
    """Versions repeat most models and every option: each distinct one is stored (and
    validated on load) once, and a catalog lists the indexes of its parts."""
    from pydantic import TypeAdapter

    from pricing.schema import ModelPrice, Option, UnpricedModel

    kinds = {"models": ModelPrice, "options": Option, "unpriced": UnpricedModel}
    return {part: TypeAdapter(list[kinds[part]]) for part in _PARTS}


def _dump(book: PriceBook) -> bytes:
    parts: dict[str, list[object]] = {k: [] for k in _PARTS}
    index: dict[str, dict[str, int]] = {k: {} for k in _PARTS}
    catalogs = []
    for k in book.catalogs:
        entry: dict[str, object] = {f: getattr(k, f) for f in _SCALARS}
        entry["effective_from"] = k.effective_from.isoformat()
        for part in _PARTS:
            refs = []
            for item in getattr(k, part):
                key = item.model_dump_json()
                if key not in index[part]:
                    index[part][key] = len(parts[part])
                    parts[part].append(json.loads(key))
                refs.append(index[part][key])
            entry[part] = refs
        catalogs.append(entry)
    return json.dumps({**parts, "catalogs": catalogs}).encode()


def _load(payload: bytes) -> PriceBook:
    from pricing.schema import Catalog
    from pricing.versions import PriceBook

    data = json.loads(payload)
    parts = {k: adapter.validate_python(data[k]) for k, adapter in _adapters().items()}
    # Parts are validated instances: the catalog reuses them (pydantic does not validate an
    # instance again) and runs its own checks (unique ids, version = date).
    return PriceBook(
        tuple(
            Catalog.model_validate(
                {
                    **{f: entry[f] for f in _SCALARS},
                    **{p: tuple(parts[p][i] for i in entry[p]) for p in _PARTS},
                }
            )
            for entry in data["catalogs"]
        )
    )


def cache_dir() -> Path:
    """``$GATEWISE_CACHE_DIR``, else ``$XDG_CACHE_HOME/gatewise``, else ``~/.cache/gatewise``."""
    explicit = os.environ.get("GATEWISE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "gatewise"


def source_digest(root: Path) -> str:
    """SHA-256 over every file of the pricing folder (relative path and bytes, in order)
    and the source of the code that folds and validates it."""
    h = hashlib.sha256(_FORMAT)
    here = Path(__file__).resolve().parent
    for name in _CODE:
        h.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
    for p in files:
        h.update(str(p.relative_to(root)).encode() + b"\0")
        h.update(p.read_bytes() + b"\0")
    return h.hexdigest()


def _path(digest: str) -> Path:
    return cache_dir() / f"pricebook-{digest[:32]}.json"


def _meta(head: bytes, digest: str) -> dict[str, object] | None:
    try:
        meta = json.loads(head)
    except ValueError:
        return None
    return meta if isinstance(meta, dict) and meta.get("source_sha256") == digest else None


def cached_thresholds(root: Path) -> tuple[float, ...] | None:
    """The long-context thresholds of the price data, from the cache's first line when it
    matches the data (None otherwise): enough to start reading a log while the catalogs are
    validated. Callers check them against the loaded book before trusting a result."""
    digest = source_digest(Path(root))
    try:
        with _path(digest).open("rb") as fh:
            meta = _meta(fh.readline(), digest)
    except OSError:
        return None
    tiers = meta.get("thresholds") if meta else None
    if not isinstance(tiers, list) or not all(isinstance(t, int | float) for t in tiers):
        return None
    return tuple(float(t) for t in tiers)


def _read(path: Path, digest: str) -> PriceBook | None:
    from pydantic import ValidationError

    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head, _, payload = blob.partition(b"\n")
    try:
        meta = _meta(head, digest)
        if meta is None:
            return None
        if hashlib.sha256(payload).hexdigest() != meta.get("payload_sha256"):
            return None
        return _load(payload)
    except (ValueError, ValidationError, AttributeError, KeyError, TypeError, IndexError):
        return None


def _write(path: Path, digest: str, book: PriceBook) -> None:
    payload = _dump(book)
    head = json.dumps(
        {
            "source_sha256": digest,
            "payload_sha256": hashlib.sha256(payload).hexdigest(),
            "thresholds": list(book.tier_thresholds()),
        }
    ).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".pricebook-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(head + b"\n" + payload)
        os.replace(tmp, path)  # atomic: a reader sees the old file or the whole new one
        # Each change of the data leaves a file: keep the newest few (several checkouts of
        # different data may share the folder).
        older = sorted(path.parent.glob("pricebook-*.json"), key=lambda p: p.stat().st_mtime)
        for stale in older[:-_KEEP]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home or full disk only costs the next run the full load


def load_cached(root: Path) -> PriceBook:
    """Every version under ``root``, from the cache when it matches the data exactly,
    else loaded in full (errors name the file, as :meth:`PriceBook.load`) and cached."""
    from pricing.versions import PriceBook

    root = Path(root)
    if not root.is_dir():
        return PriceBook.load(root)  # the loader's own message
    digest = source_digest(root)
    path = _path(digest)
    book = _read(path, digest)
    if book is None:
        book = PriceBook.load(root)
        _write(path, digest, book)
    return PriceBook(book.catalogs, root)
