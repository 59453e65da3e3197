"""The upload page's controls: each returns plain values (the files to read, the format,
the column mapping, the pooled discount); failures are shown as one line, never a
traceback."""

from __future__ import annotations

import streamlit as st

from model.usage.readers import FORMATS, UsageFormatError
from model.usage.readers.mapping import FIELDS, file_columns, guess_mapping
from pages.ui import safe
from pages.ui.upload import loaders as ul
from pages.ui.upload import sources as src
from pages.ui.upload import state as ustate

EXTENSIONS = ["csv", "tsv", "json", "jsonl", "txt", "parquet", "arrow", "arrows", "feather"]
NOT_IN_FILE = "— not in the file —"


# --- input -----------------------------------------------------------------------------------


def source_picker() -> list[src.Source]:
    """Upload files (several at once: a usage export with the cost export of the same
    period), or pick a bundled sample; empty until there is something to read."""
    choice = st.segmented_control(
        "Usage log", [ustate.UPLOAD, ustate.SAMPLE_CHOICE], key=ustate.SOURCE, required=True
    )
    if choice == ustate.SAMPLE_CHOICE:
        samples = src.samples()
        if not samples:
            st.info("No sample logs are bundled with this installation.")
            return []
        names = [s.name for s in samples]
        by_name = {s.name: s for s in samples}
        name = st.selectbox(
            "Sample log",
            names,
            key=ustate.SAMPLE,
            format_func=lambda n: by_name[n].label,
            help="Real exports are unchanged public files; reconstructed ones follow the "
            "documented schema with invented values (data/samples/README.md).",
        )
        return src.sample_sources(by_name[name])
    uploads = st.file_uploader(
        f"Usage and cost exports (CSV, TSV, JSON, JSONL, Parquet or Arrow · up to "
        f"{src.limit_text()} per file)",
        type=EXTENSIONS,
        key=ustate.FILE,
        accept_multiple_files=True,
        max_upload_size=src.MAX_UPLOAD_MB,
        help="Several files at once are read together: a usage export with the cost export "
        "of the same period is reconciled against it. Parquet and Arrow files hold the "
        "generic columns (timestamp, model, input_tokens, output_tokens, …). Read in memory "
        "only, never stored; prompt and response text columns are dropped on read.",
    )
    return src.uploaded_sources(list(uploads or []))


def provenance(sources: list[src.Source]) -> None:
    """Where a bundled sample comes from (below the controls, so they stay aligned)."""
    for sample in (s.sample for s in sources if s.sample is not None):
        st.caption(
            f"**Sample** {safe.md(sample.name)} · **Format** {safe.md(sample.format or 'unknown')}"
            f" · **Source** {safe.md(sample.source or '—', limit=None)} · "
            f"**Provenance** {safe.md(sample.provenance or '—', limit=None)}"
        )


def format_picker() -> str:
    """``auto``, a reader name, or MAP_COLUMNS (the column-mapping step)."""
    choices = ["auto", *FORMATS, ustate.MAP_COLUMNS]
    described = {name: f"{name} — {r.description}" for name, r in FORMATS.items()}
    described["auto"] = "auto-detect (recommended)"
    described[ustate.MAP_COLUMNS] = "none of these: map the columns myself (CSV/TSV)"
    return st.selectbox(
        "Format",
        choices,
        key=ustate.FORMAT,
        format_func=lambda n: described.get(n, n),
        help="Detected from the header or JSON keys; override when detection is wrong.",
    )


def mapping_step(source: src.Source) -> ul.Mapping | None:
    """Let the user say which column is which; None if the file has no columns to map."""
    try:
        columns = file_columns(source.data, source.name)
    except UsageFormatError as exc:
        st.error(safe.md(exc, limit=None))  # quotes the file: plain text, never markdown
        return None
    guess = guess_mapping(columns)
    with st.container(border=True):
        st.markdown("**Map the columns** — which column of the file holds each value?")
        st.caption(
            "Tokens are counts (not thousands); cost is in US dollars. Rows with impossible "
            "values are left out and listed."
        )
        # A text sentinel, not None: a selectbox shows None as an empty "Choose an option".
        choices = [NOT_IN_FILE, *columns]
        mapping: list[tuple[str, str | None]] = []
        grid = st.columns(4)
        for i, field in enumerate(FIELDS):
            key = ustate.mapping_key(source.digest, field.column)
            if key not in st.session_state:
                st.session_state[key] = guess.get(field.column) or NOT_IN_FILE
            picked = grid[i % 4].selectbox(
                field.label + (" *" if field.required else ""), choices, key=key
            )
            mapping.append((field.column, None if picked == NOT_IN_FILE else picked))
        st.checkbox(
            "The input column includes the cached tokens (OpenAI, OpenRouter, Gemini style)",
            key=ustate.CACHED_IN_INPUT,
            help="Then cached tokens are subtracted from input so each token is priced once.",
        )
    return tuple(mapping)


def discount_input() -> float:
    return st.number_input(
        "Pooled gateway discount off list, % (example assumption)",
        min_value=0.0,
        max_value=90.0,
        step=1.0,
        key=ustate.DISCOUNT,
        help="Pooled gateways publish no prices: enter your quote. The default is the "
        "bundled example scenario's, not a published number.",
    )


def show_failure(name: str, exc: Exception) -> None:
    """A bad file's one-line message, or a friendly box for a bug; never a traceback."""
    if isinstance(exc, UsageFormatError):
        # The message names the file (and the row); it may quote the file: plain text.
        st.error(f"**Cannot read this file.** {safe.md(exc, limit=400)}", icon=":material/error:")
    else:
        st.error(
            f"**Something went wrong reading {safe.md(name)}** "
            f"({type(exc).__name__}: {safe.md(exc)}). The file was not stored.",
            icon=":material/error:",
        )


def failures(batch: ul.Batch) -> None:
    """One line per file that could not be read; the other files go on."""
    for f in batch.failures:
        if f.error is not None:
            show_failure(f.name, f.error)
