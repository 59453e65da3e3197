"""Upload page state: the only module that spells out the upload page's key strings.

Uploaded bytes are never copied into session state (Streamlit already holds the upload;
a second 200 MB copy per session would be waste): only small values live here, such as the
content hash of each upload, so a 200 MB file is hashed once, not on every rerun.
"""

from __future__ import annotations

import copy
from typing import Any, Final

import streamlit as st

PREFIX: Final = "upload_"

SOURCE: Final = PREFIX + "source"  # "Upload a file" | "Try a sample"
FILE: Final = PREFIX + "file"  # the st.file_uploader
SAMPLE: Final = PREFIX + "sample"  # sample name (relative path under data/samples)
FORMAT: Final = PREFIX + "format"  # "auto", a reader name, or MAP_COLUMNS
CACHED_IN_INPUT: Final = PREFIX + "cached_in_input"
DISCOUNT: Final = PREFIX + "pooled_discount"  # percent off list, the pooled example
MONTHS: Final = PREFIX + "months"
SUB_SOURCE: Final = PREFIX + "sub_source"
SUB_TARGET: Final = PREFIX + "sub_target"
SUB_SHARE: Final = PREFIX + "sub_share"
DOWNLOAD_CSV: Final = PREFIX + "download_csv"
DOWNLOAD_JSON: Final = PREFIX + "download_json"
#: {upload file_id: content digest} — memo so the bytes are hashed once per upload.
DIGESTS: Final = PREFIX + "digests"
#: digests already analysed in this session (their progress box is not shown again).
DONE: Final = PREFIX + "done"

UPLOAD: Final = "Upload a file"
SAMPLE_CHOICE: Final = "Try a sample"
MAP_COLUMNS: Final = "map columns…"


def mapping_key(digest: str, column: str) -> str:
    """Key of one column-mapping selectbox: per file, so a new file starts from its guess."""
    return f"{PREFIX}map_{digest[:12]}_{column}"


DEFAULTS: Final[dict[str, Any]] = {
    SOURCE: UPLOAD,
    FORMAT: "auto",
    CACHED_IN_INPUT: False,
    MONTHS: 6,
    SUB_SHARE: 0,
    DIGESTS: {},
    DONE: [],
}


def ensure_defaults(pooled_discount_pct: float) -> None:
    """Set every missing key (idempotent); the pooled discount comes from the scenario."""
    for key, value in {**DEFAULTS, DISCOUNT: pooled_discount_pct}.items():
        if key not in st.session_state:
            st.session_state[key] = copy.deepcopy(value)
