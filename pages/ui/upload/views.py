"""Sections of the upload page about the usage files: what was understood, the totals under
every option (the verdict like with like), the breakdowns and the downloads. Numbers come
from pure functions in ``model/`` (tables, comparable, export); this module lays them out.
Text from a file (model names, warnings quoting cells) is shown as plain text or escaped.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.display import formula_safe
from model.engine.costing import Costing
from model.usage import tables as usage_tables
from model.usage.charts import cost_breakdown
from model.usage.export import repriced_csv, summary_json
from pages.ui import safe
from pages.ui.upload import loaders as ul
from pages.ui.upload import state as ustate

#: What an empty number cell says (Streamlit would print "None").
EMPTY = "—"


def money_column(values: pd.Series | pd.DataFrame) -> str:
    """A money column's display format: four decimals for cents, separators for big sums."""
    biggest = float(pd.DataFrame(values).abs().max().max()) if len(values) else 0.0
    return "dollar" if biggest >= 100 else "$%.4f"


def files_read(batch: ul.Batch) -> None:
    """With several files: what each one is, before anything else."""
    if len(batch.files) < 2:
        return
    rows = [
        {
            "File": f.name,
            "Read as": f.read.format if f.read else "—",
            "Rows": f.read.rows if f.read else 0,
            "Kind": "not read" if f.read is None else "cost only" if f.cost_only else "usage",
            "Billed (reported)": float(f.read.frame["reported_cost_usd"].sum(min_count=1))
            if f.read
            else None,
        }
        for f in batch.files
    ]
    st.subheader("Files read together")
    table = pd.DataFrame(rows)
    st.dataframe(
        table,
        hide_index=True,
        placeholder=EMPTY,
        column_config={"Billed (reported)": st.column_config.NumberColumn(format="$%.4f")},
    )


def understood(analysis: ul.Analysis) -> None:
    """Everything the reader assumed, before any number (issue #4)."""
    read, costing = analysis.read, analysis.by_date
    st.subheader("What we understood")
    facts = usage_tables.understood(read, costing)
    left, right = st.columns([2, 3])
    with left:
        st.markdown(
            "\n".join(f"- **{label}**: {safe.md(text, limit=None)}" for label, text in facts)
        )
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
        "above: an export not grouped by model has no model to price (export it again "
        "grouped by model); a model missing from the price catalogs is listed as unknown. "
        "If the model column is wrong, pick another one (Format → map the columns myself).",
        icon=":material/block:",
    )
    return True


def _totals_table(costing: Costing) -> None:
    table = usage_tables.options_table(costing)
    shown = pd.DataFrame(
        {
            "Option": [
                f"{n} (example)" if ex and "example" not in n.lower() else n
                for n, ex in zip(table["option"], table["example"], strict=True)
            ],
            "Rank": table["rank"].where(table["rank"] > 0),
            "Same rows": table["same_rows_usd"],
            "Token cost": table["token_cost_usd"],
            "Discount": table["discount_usd"],
            "Fees": table["fees_usd"],
            "Total": table["total_usd"],
            "Rows not sold": table["rows_not_priced"],
        }
    )
    number = st.column_config.NumberColumn
    fmt = money_column(shown["Total"])
    st.dataframe(
        shown.style.apply(
            lambda row: (
                ["background-color: #dcfce7; font-weight: 600" if row["Rank"] == 1 else ""]
                * len(row)
            ),
            axis=1,
        ),
        hide_index=True,
        placeholder=EMPTY,
        column_config={
            "Rank": number(format="%d", help="On the rows every option prices; 1 is cheapest"),
            "Same rows": number(
                format=fmt, help="Total on the rows every option prices (fees included)"
            ),
            "Token cost": number(format=fmt, help="After the option's discount"),
            "Discount": number(format=fmt, help="List price minus token cost"),
            "Fees": number(format=fmt, help="Credit-purchase and BYOK fees, per month"),
            "Total": number(format=fmt, help="Every row this option can price"),
            "Rows not sold": number(format="localized", help="Rows of models it does not sell"),
        },
    )


def totals(analysis: ul.Analysis) -> None:
    """The verdict on the same rows, then every option's totals by date and at today's."""
    st.subheader("Re-priced under every option")
    by_date, latest = analysis.by_date, analysis.latest
    st.markdown(safe.money(usage_tables.cheapest_sentence(by_date)))
    pooled = [o.option.name for o in by_date.options if o.option.example]
    if pooled:
        st.caption(
            f":orange-badge[example assumption] {', '.join(pooled)}: prices are a "
            f"{st.session_state[ustate.DISCOUNT]:g} % discount off list that you set above, "
            "not a published price."
        )
    # Tabs, not columns: eight columns need the full width to keep their headers whole.
    by_date_tab, today_tab = st.tabs(
        ["Priced by the version in force on each row's date", "The same usage at today's prices"]
    )
    with by_date_tab:
        _totals_table(by_date)
        st.caption(f"Pricing versions used: {usage_tables.versions_text(by_date, analysis.book)}")
    with today_tab:
        _totals_table(latest)
        st.caption(
            f"Pricing version: {usage_tables.versions_text(latest, analysis.book)}, "
            "the one in force today"
        )
    st.caption(
        "*Same rows*: the rows every option can price, where the verdict is made. *Total*: "
        "everything each option can price, so options that cannot sell some models cover "
        "fewer rows there."
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
                    name: st.column_config.NumberColumn(format=money_column(table))
                    for name in labels.values()
                },
            )
    st.caption("'not sold': the option does not sell that model. Fees are monthly, see the totals.")


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
        "empty where the option cannot price the row). Text cells a spreadsheet could read "
        "as a formula start with an apostrophe. No prompt or response text is kept. The "
        "summary is what `python -m model reprice --json` prints."
    )
