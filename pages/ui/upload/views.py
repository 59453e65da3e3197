"""Sections of the upload page: controls that return plain values and renderers of an
:class:`~pages.ui.upload.loaders.Analysis`. Numbers come from pure functions in
``model/`` (tables, reconcile, export); this module only lays them out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from model.display import formula_safe
from model.engine.costing import Costing
from model.usage import tables as usage_tables
from model.usage.charts import cost_breakdown
from model.usage.export import repriced_csv, summary_json
from model.usage.readers import FORMATS, UsageFormatError
from model.usage.readers.mapping import FIELDS, file_columns, guess_mapping
from model.usage.reconcile import billing_kind
from pages.ui import formatting, safe
from pages.ui.upload import loaders as ul
from pages.ui.upload import state as ustate

EXTENSIONS = ["csv", "tsv", "json", "jsonl", "txt"]
NOT_IN_FILE = "— not in the file —"
MONEY = "$%.4f"  # log totals are often cents: four decimals keep them readable


def money_format(values: pd.Series | pd.DataFrame) -> str:
    """Column format: cents need four decimals, big amounts need thousands separators."""
    biggest = float(pd.DataFrame(values).abs().max().max()) if len(values) else 0.0
    return "dollar" if biggest >= 100 else MONEY


def money(value: float | None) -> str:
    """``$1,234.56`` above a dollar, ``$0.0123`` below (a small log costs cents)."""
    if value is None or pd.isna(value):
        return "—"
    return formatting.usd(value, digits=2 if abs(value) >= 1 else 4)


# --- input -----------------------------------------------------------------------------------


def source_picker() -> ul.Source | None:
    """Upload a file, or pick a bundled sample; None until there is something to read."""
    choice = st.segmented_control(
        "Usage log", [ustate.UPLOAD, ustate.SAMPLE_CHOICE], key=ustate.SOURCE, required=True
    )
    if choice == ustate.SAMPLE_CHOICE:
        samples = ul.samples()
        if not samples:
            st.info("No sample logs are bundled with this installation.")
            return None
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
        return ul.sample_source(by_name[name])
    upload = st.file_uploader(
        f"Usage export (CSV, TSV, JSON or JSONL · up to {ul.MAX_UPLOAD_MB} MB)",
        type=EXTENSIONS,
        key=ustate.FILE,
        max_upload_size=ul.MAX_UPLOAD_MB,
        help="Read in memory only, never stored. Prompt and response text columns, if the "
        "export has them, are dropped on read.",
    )
    return ul.uploaded_source(upload) if upload is not None else None


def provenance(source: ul.Source | None) -> None:
    """Where a bundled sample comes from (below the controls, so they stay aligned)."""
    sample = source.sample if source is not None else None
    if sample is not None:
        st.caption(
            f"**Sample** {sample.name} · **Format** {sample.format or 'unknown'} · "
            f"**Source** {sample.source or '—'} · **Provenance** {sample.provenance or '—'}"
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


def mapping_step(source: ul.Source) -> ul.Mapping | None:
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
    # The message quotes the file (its name, header names, cells): escaped, never markdown.
    if isinstance(exc, UsageFormatError):
        st.error(f"**Cannot read this file.** {safe.md(exc, limit=None)}", icon=":material/error:")
    else:
        st.error(
            f"**Something went wrong reading {safe.md(name)}** "
            f"({type(exc).__name__}: {safe.md(exc, limit=200)}). "
            "The file was not stored. Try forcing its format or the generic CSV.",
            icon=":material/error:",
        )


# --- what we understood --------------------------------------------------------------------


def understood(analysis: ul.Analysis) -> None:
    """Everything the reader assumed, before any number (issue #4)."""
    read, costing = analysis.read, analysis.by_date
    st.subheader("What we understood")
    facts = usage_tables.understood(read, costing)
    left, right = st.columns([2, 3])
    with left:
        st.markdown("\n".join(f"- **{label}**: {text}" for label, text in facts))
    with right:
        mapping = ul.tables(analysis).mapping
        st.dataframe(
            # Names from the file: cells are plain text, and the table's CSV download must
            # not hand a spreadsheet a formula.
            mapping.assign(
                model_raw=mapping["model_raw"].map(formula_safe),
                model=mapping["model"].map(formula_safe),
            ),
            hide_index=True,
            height=min(35 * (len(mapping) + 1) + 3, 280),
            column_config={
                "model_raw": "Model in the file",
                "model": "Priced as",
                "rows": st.column_config.NumberColumn("Rows", format="localized"),
                "priced": st.column_config.CheckboxColumn("Known"),
            },
        )
    if costing.unpriced:
        names = safe.md(usage_tables.unmapped_text(costing.unpriced), limit=600)
        st.warning(
            "**Unknown models, not priced by any option** (left out of every total, never "
            f"counted as \\$0): {names}.",
            icon=":material/help:",
        )
    warnings = [*read.warnings, *costing.warnings]
    # Open when short: assumptions belong before the numbers; a long list stays folded.
    with st.expander(
        f"Assumptions and rows left out ({len(warnings)})", expanded=len(warnings) <= 4
    ):
        if warnings:
            # Warnings quote the file (header names, ragged lines, model names): escaped.
            st.markdown("\n".join(f"- {safe.md(w, limit=500)}" for w in warnings))
        else:
            st.markdown("No assumptions were needed: every value was explicit.")


def nothing_priced(analysis: ul.Analysis) -> bool:
    """True (and says so) when no row could be priced: every number would be a fake $0."""
    if analysis.by_date.priced.any():
        return False
    st.warning(
        "**No row could be priced**, so there is no cost to compare. The reasons are listed "
        "above: a cost-only export carries no token counts; an export not grouped by model "
        "has no model to price (export it again grouped by model); a model missing from the "
        "price catalogs is listed as unknown. If the model column is wrong, pick another one "
        "(Format → map the columns myself).",
        icon=":material/block:",
    )
    return True


# --- re-priced totals ----------------------------------------------------------------------


def _highlight_cheapest(frame: pd.DataFrame) -> Any:
    def style(row: pd.Series) -> list[str]:
        on = "background-color: #dcfce7; font-weight: 600" if row["Cheapest"] else ""
        return [on] * len(row)

    return frame.style.apply(style, axis=1)


def _totals_table(costing: Costing) -> None:
    table = usage_tables.options_table(costing)
    shown = pd.DataFrame(
        {
            "Option": [
                f"{n} (example)" if ex and "example" not in n.lower() else n
                for n, ex in zip(table["option"], table["example"], strict=True)
            ],
            "Token cost": table["token_cost_usd"],
            "Discount": table["discount_usd"],
            "Fees": table["fees_usd"],
            "Total": table["total_usd"],
            "Rows not priced": table["rows_not_priced"],
            "Cheapest": table["cheapest"],
        }
    )
    money_col = st.column_config.NumberColumn
    fmt = money_format(shown["Total"])
    st.dataframe(
        _highlight_cheapest(shown),
        hide_index=True,
        column_config={
            "Token cost": money_col(format=fmt, help="After the option's discount"),
            "Discount": money_col(format=fmt, help="List price minus token cost"),
            "Fees": money_col(format=fmt, help="Credit-purchase and BYOK fees, per month"),
            "Total": money_col(format=fmt),
            "Rows not priced": money_col(
                format="localized", help="Rows of models this option does not sell"
            ),
            "Cheapest": st.column_config.CheckboxColumn(),
        },
    )


def totals(analysis: ul.Analysis) -> None:
    """Every option's cost, priced by date and at today's prices, side by side."""
    st.subheader("Re-priced under every option")
    by_date, latest = analysis.by_date, analysis.latest
    st.markdown(usage_tables.cheapest_sentence(by_date))
    pooled = [o.option.name for o in by_date.options if o.option.example]
    if pooled:
        st.caption(
            f":orange-badge[example assumption] {', '.join(pooled)}: prices are a "
            f"{st.session_state[ustate.DISCOUNT]:g} % discount off list that you set above, "
            "not a published price."
        )
    left, right = st.columns(2)
    with left:
        st.markdown("**Priced by the version in force on each row's date**")
        _totals_table(by_date)
        st.caption(f"Pricing versions used: {usage_tables.versions_text(by_date, analysis.book)}")
    with right:
        st.markdown("**The same usage at today's prices**")
        _totals_table(latest)
        st.caption(
            f"Pricing version: {usage_tables.versions_text(latest, analysis.book)}, "
            "the one in force today"
        )


def breakdowns(analysis: ul.Analysis) -> None:
    """Token cost per option by model, day and month (tabs), with a chart each."""
    costing = analysis.by_date
    labels = {o.id: o.option.name for o in costing.options}
    kinds = {o.id: o.kind for o in costing.options}
    tabs = st.tabs(["Per model", "Per day", "Per month"])
    for tab, by in zip(tabs, ("model", "day", "month"), strict=True):
        with tab:
            table = ul.tables(analysis).breakdowns[by]
            if table.empty:
                st.info("No priced rows to break down.")
                continue
            st.plotly_chart(
                cost_breakdown(table, labels, kinds, title=f"Token cost per {by}"),
                key=f"{ustate.PREFIX}chart_{by}",
            )
            st.dataframe(
                table.rename(columns=labels),
                placeholder="not sold",
                column_config={
                    name: st.column_config.NumberColumn(format=money_format(table))
                    for name in labels.values()
                },
            )
    st.caption("'not sold': the option does not sell that model. Fees are monthly, see the totals.")


# --- reconciliation --------------------------------------------------------------------------


def reconciliation(analysis: ul.Analysis) -> None:
    """Computed vs reported cost per model and day; hidden when nothing is reported."""
    st.subheader("Reconciliation against the bill")
    costing, fmt = analysis.by_date, analysis.read.format
    rec = ul.tables(analysis).reconciliation
    if rec is None:
        st.info(
            "This export reports no cost, so there is nothing to reconcile against: the "
            "totals above are computed from list prices only.",
            icon=":material/info:",
        )
        return
    option = costing.option(rec.option_id)
    kind = billing_kind(fmt)
    st.markdown(usage_tables.reconciliation_sentence(rec, option.option.name))
    st.caption(
        f"Compared with the {option.option.name} option ({kind}), the channel that billed "
        "this export. Tolerance: 0.5 % or one cent per model and day. Differences come from "
        "discounts, credits, rounding or prices that changed."
    )
    table = rec.table.assign(model=rec.table["model"].map(formula_safe))  # names from the file
    table = table.rename(
        columns={
            "reported_usd": "Reported",
            "computed_usd": "Computed",
            "diff_usd": "Difference",
            "diff_pct": "Difference %",
            "flagged": "Beyond tolerance",
        }
    )

    def style(row: pd.Series) -> list[str]:
        return ["background-color: #fee2e2" if row["Beyond tolerance"] else ""] * len(row)

    fmt = money_format(table["Reported"])
    st.dataframe(
        table.style.apply(style, axis=1),
        hide_index=True,
        column_config={
            "Reported": st.column_config.NumberColumn(format=fmt),
            "Computed": st.column_config.NumberColumn(format=fmt),
            "Difference": st.column_config.NumberColumn(format=MONEY),
            "Difference %": st.column_config.NumberColumn(format="%+.3f %%"),
        },
    )


# --- projection ------------------------------------------------------------------------------


def projection(analysis: ul.Analysis) -> None:
    """Next N months per option (low/base/high) with a what-if substitution."""
    from model.plan.charts import range_band  # plotly import only when the section renders

    st.subheader("Projection")
    costing = analysis.by_date
    models = ul.tables(analysis).models
    months_col, src_col, dst_col, share_col = st.columns([1.2, 1, 1, 1])
    months = months_col.slider("Months ahead", 1, 24, key=ustate.MONTHS)
    source = src_col.selectbox(
        "What if: move traffic of", [None, *models], key=ustate.SUB_SOURCE,
        format_func=lambda v: "— no change —" if v is None else v,
    )  # fmt: skip
    target = dst_col.selectbox(
        "to", ["batch", *models], key=ustate.SUB_TARGET,
        format_func=lambda v: "its batch API" if v == "batch" else v,
        disabled=source is None,
    )  # fmt: skip
    share = share_col.slider("Share moved, %", 0, 100, step=5, key=ustate.SUB_SHARE,
                             disabled=source is None)  # fmt: skip
    subs = ((source, target, share / 100),) if source and share and source != target else ()
    trend, labels_m, bands = ul.projection(analysis, months, subs)
    if bands.empty:
        st.info("Nothing to project: no priced rows.")
        return
    labels = {o.id: o.option.name for o in costing.options}
    kinds = {o.id: o.kind for o in costing.options}
    st.plotly_chart(
        range_band(bands, labels_m, labels, kinds), key=f"{ustate.PREFIX}chart_projection"
    )
    totals = usage_tables.projection_totals(bands, labels)
    st.dataframe(
        totals.rename(columns={"option": "Option", "low": "Low", "base": "Base", "high": "High"}),
        hide_index=True,
        column_config={
            k: st.column_config.NumberColumn(format="dollar") for k in ("Low", "Base", "High")
        },
    )
    growth = trend.monthly_growth * 100
    st.caption(
        f"Sum over {months} month(s), each priced by the version in force that month "
        f"(scheduled price changes included). Trend from {trend.days} days of "
        f"history: {growth:+.1f} % per month, weekly pattern "
        f"{'fitted' if trend.weekday_index.std() > 0 else 'not fitted'}; band "
        f"×{trend.low_ratio:.2f}–×{trend.high_ratio:.2f} of the base."
        + (" Batch substitutions use the direct vendors' batch prices." if subs else "")
    )
    for w in trend.warnings:
        st.warning(w, icon=":material/trending_up:")


# --- downloads -------------------------------------------------------------------------------


def downloads(analysis: ul.Analysis) -> None:
    """Re-priced rows (CSV) and the summary (JSON, the CLI's contract)."""
    st.subheader("Download")
    stem = analysis.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    left, right, _ = st.columns([1, 1, 2])
    costing = analysis.by_date
    with left:
        st.download_button(
            "Re-priced rows (CSV)",
            data=lambda: repriced_csv(costing),
            file_name=f"{stem}__repriced.csv",
            mime="text/csv",
            key=ustate.DOWNLOAD_CSV,
            on_click="ignore",
            icon=":material/download:",
        )
    with right:
        st.download_button(
            "Summary (JSON)",
            data=summary_json(analysis.summary),
            file_name=f"{stem}__summary.json",
            mime="application/json",
            key=ustate.DOWNLOAD_JSON,
            on_click="ignore",
            icon=":material/data_object:",
        )
    st.caption(
        "One row per usage row with a cost column per option (token cost after discount; "
        "empty where the option cannot price the row). No prompt or response text is kept."
    )
