"""What was billed: the reconciliation of a log's own reported cost, a usage log against the
cost export of the same period, and a cost export on its own (issue 8 item 4)."""

from __future__ import annotations

import streamlit as st

from model.display import formula_safe, money
from model.usage import tables as usage_tables
from model.usage.billed import LACKS, billed_by_day, billed_by_day_and_model
from model.usage.charts import billed_bars
from model.usage.reconcile import billing_kind
from model.usage.tables import calendar_days
from pages.ui import safe
from pages.ui.upload import loaders as ul
from pages.ui.upload.views import EMPTY, money_column


def reconciliation(analysis: ul.Analysis) -> None:
    """Against the cost files read with the log, else the log's own reported cost."""
    st.subheader("Reconciliation against the bill")
    if analysis.bills:
        bill_against_usage(analysis)
        return
    costing, fmt = analysis.by_date, analysis.read.format
    rec = ul.tables(analysis).reconciliation
    if rec is None:
        st.info(
            "This export reports no cost, so there is nothing to reconcile against: the "
            "totals above are computed from list prices only. Upload the cost export of the "
            "same period together with it to compare against the bill.",
            icon=":material/info:",
        )
        return
    option = costing.option(rec.option_id)
    st.markdown(safe.money(usage_tables.reconciliation_sentence(rec, option.option.name)))
    st.caption(
        f"Compared with the {option.option.name} option ({billing_kind(fmt)}), the channel "
        "that billed this export. Tolerance: 0.5 % or one cent per model and day. "
        "Differences come from discounts, credits, rounding or prices that changed."
    )
    table = rec.table.assign(model=rec.table["model"].map(formula_safe))  # names from the file
    table = table.rename(
        columns={
            "model": "Model",
            "day": "Day",
            "rows": "Rows",
            "reported_usd": "Reported",
            "computed_usd": "Computed",
            "diff_usd": "Difference",
            "diff_pct": "Difference %",
            "flagged": "Beyond tolerance",
        }
    )
    fmt_money = money_column(table["Reported"])
    st.dataframe(
        table.style.apply(
            lambda row: ["background-color: #fee2e2" if row["Beyond tolerance"] else ""] * len(row),
            axis=1,
        ),
        hide_index=True,
        placeholder=EMPTY,  # no billed amount: no percentage (never "None")
        column_config={
            "Reported": st.column_config.NumberColumn(format=fmt_money),
            "Computed": st.column_config.NumberColumn(format=fmt_money),
            "Difference": st.column_config.NumberColumn(format="$%.4f"),
            "Difference %": st.column_config.NumberColumn(format="%+.3f %%"),
        },
    )


def bill_against_usage(analysis: ul.Analysis) -> None:
    """The cost files' bill against the same days of usage re-priced: the gap is the finding."""
    bill = ul.tables(analysis).bill
    if bill is None:
        st.warning(
            "The cost export and the usage log share no day, so they cannot be compared: "
            "export both for the same period.",
            icon=":material/event_busy:",
        )
        return
    option = analysis.by_date.option(bill.option_id).option.name
    gap = bill.gap_usd
    share = f" ({gap / bill.repriced_usd:+.0%} of the re-priced cost)" if bill.repriced_usd else ""
    st.markdown(
        safe.money(
            f"Billed **{money(bill.billed_usd)}** against **{money(bill.repriced_usd)}** "
            f"re-priced ({option}, list prices) for the same {bill.days} days, "
            f"{bill.start} → {bill.end}: the bill is **{money(abs(gap))} "
            f"{'above' if gap >= 0 else 'below'}** the usage{share}."
        )
    )
    st.caption(
        "That gap is the finding. Usual causes: days the usage export leaves out or dates "
        "differently (see the days below), line items a usage export does not carry (tools, "
        "images, fine-tuning, other projects), credits, and prices that changed since "
        "(a log older than the oldest price version is priced at that version's prices)."
        + (
            f" {bill.unpriced_rows:,} usage row(s) of unknown models are not in the re-priced cost."
            if bill.unpriced_rows
            else ""
        )
    )
    table = bill.table.rename(
        columns={
            "day": "Day",
            "billed_usd": "Billed",
            "repriced_usd": "Re-priced",
            "diff_usd": "Billed − re-priced",
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        placeholder=EMPTY,
        column_config={
            k: st.column_config.NumberColumn(format="$%.4f")
            for k in ("Billed", "Re-priced", "Billed − re-priced")
        },
    )


def cost_only(files: list[ul.FileRead]) -> None:
    """Cost exports read without a usage log: the bill by day and model, and what they lack."""
    for f in files:
        if f.read is None:
            continue
        frame = f.read.frame
        st.subheader(f"What was billed: {f.name}" if len(files) > 1 else "What was billed")
        stamps = frame["timestamp"]
        st.markdown(
            safe.money(
                f"- **Format**: {safe.md(f.read.format)}\n"
                f"- **Rows read**: {f.read.rows:,}\n"
                f"- **Period**: {stamps.min():%Y-%m-%d} → {stamps.max():%Y-%m-%d} "
                f"({calendar_days(stamps)} calendar days)\n"
                f"- **Billed**: {money(float(frame['reported_cost_usd'].sum()))}"
            )
        )
        st.info(LACKS, icon=":material/receipt_long:")
        by_day = billed_by_day(frame)
        st.plotly_chart(billed_bars(by_day), key=f"upload_billed_{f.name}")
        by_model = billed_by_day_and_model(frame).pivot_table(
            index="day", columns="model", values="billed_usd", aggfunc="sum"
        )
        # Model names from the file head the columns: the table's CSV download must not
        # hand a spreadsheet a formula.
        by_model = by_model.rename(columns=lambda name: formula_safe(str(name)))
        st.dataframe(
            by_model,
            placeholder=EMPTY,
            column_config={
                str(col): st.column_config.NumberColumn(format="$%.2f") for col in by_model.columns
            },
        )
        if f.read.warnings:
            with st.expander(f"Notes on this file ({len(f.read.warnings)})"):
                st.markdown("\n".join(f"- {safe.md(w, limit=400)}" for w in f.read.warnings))
