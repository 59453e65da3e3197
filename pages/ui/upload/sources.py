"""Where the upload page's files come from: the uploader (several files at once) or a
bundled sample (one file, or a set read together), as :class:`Source` objects holding the
bytes in memory and their content hash. Nothing is written to disk (DESIGN §6)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from model.usage.samples import Sample, list_samples
from pages.ui import loaders
from pages.ui.upload import state as ustate

#: Same number as ``server.maxUploadSize`` in .streamlit/config.toml (MB, Streamlit's MiB).
#: 1024 MiB is what the drop zone writes as "1GB" and the label as "1 GB": one limit, said
#: the same way twice (512 MiB was labelled "512 MB" but shown as "1GB" by the drop zone).
MAX_UPLOAD_MB = 1024
MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """A file to analyse: its name, its bytes (in memory only) and their content hash."""

    name: str
    data: bytes | memoryview  # an upload is a view on Streamlit's own buffer (no copy)
    digest: str
    sample: Sample | None = None


def limit_text() -> str:
    """The per-file upload limit as people read it (``1 GB``)."""
    return f"{MAX_UPLOAD_MB // 1024} GB" if MAX_UPLOAD_MB % 1024 == 0 else f"{MAX_UPLOAD_MB} MB"


def file_size(n: int) -> str:
    """``13.3 KB``, ``212.4 MB``."""
    return f"{n / 1e6:,.1f} MB" if n >= 1e6 else f"{n / 1e3:,.1f} KB"


def digest(data: bytes | memoryview) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def uploaded_sources(uploads: list[Any]) -> list[Source]:
    """Sources for ``UploadedFile`` objects; each is hashed once per upload (memo by id)."""
    memo: dict[str, str] = st.session_state[ustate.DIGESTS]
    ids = [str(getattr(u, "file_id", "") or u.name) for u in uploads]
    for stale in set(memo) - set(ids):  # files removed from the uploader
        del memo[stale]
    sources = []
    for upload, file_id in zip(uploads, ids, strict=True):
        # getbuffer(), not getvalue(): getvalue() copies the whole file on every rerun.
        data = upload.getbuffer()
        if file_id not in memo:
            memo[file_id] = digest(data)
        sources.append(Source(upload.name, data, memo[file_id]))
    return sources


@st.cache_data(show_spinner=False, ttl=300)
def _samples(root: str) -> list[Sample]:
    return list_samples(Path(root))


def samples() -> list[Sample]:
    """The bundled sample logs, with their provenance (data/samples/README.md)."""
    return _samples(str(loaders.data_dir() / "samples"))


def sample_sources(sample: Sample) -> list[Source]:
    """The file(s) of a bundled sample (a set is several files read together)."""
    sources = []
    for path in sample.parts or (sample.path,):
        data = path.read_bytes()
        sources.append(
            Source(path.name if sample.parts else sample.name, data, digest(data), sample)
        )
    return sources
