"""The upload page's projection: the next months per option (low/base/high) from the log's
pattern, with a what-if substitution, and how the projection was made (always stated)."""

from __future__ import annotations

import streamlit as st

from model.usage import tables as usage_tables
from model.usage.charts import projection_band
from pages.ui.upload import loaders as ul
from pages.ui.upload import state as ustate


def projection(analysis: ul.Analysis) -> None:
    """Next N months per option from the current month on, with a what-if substitution."""
    st.subheader("Projection")
    costing = analysis.by_date
    models = ul.tables(analysis).models
    months_col, src_col, dst_col, share_col = st.columns([1.2, 1, 1, 1])
    months = months_col.slider("Months ahead", 1, ul.MAX_MONTHS, key=ustate.MONTHS)
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
    forecast, labels_m, bands = ul.projection(analysis, months, subs)
    if bands.empty:
        st.info("Nothing to project: no priced rows.")
        return
    labels = {o.id: o.option.name for o in costing.options}
    kinds = {o.id: o.kind for o in costing.options}
    st.plotly_chart(
        projection_band(bands, labels_m, labels, kinds), key=f"{ustate.PREFIX}chart_projection"
    )
    totals = usage_tables.projection_totals(bands, labels)
    st.dataframe(
        totals.rename(columns={"option": "Option", "low": "Low", "base": "Base", "high": "High"}),
        hide_index=True,
        column_config={
            k: st.column_config.NumberColumn(format="dollar") for k in ("Low", "Base", "High")
        },
    )
    growth = forecast.growth_text()
    st.caption(
        f"Sum over {months} month(s) from {labels_m[0]} (this month), each priced by the "
        "version in force that month (scheduled price changes included). "
        + " ".join(forecast.notes)
        + (f" Drawn line: {growth}." if growth else "")
        + (" Batch substitutions use the direct vendors' batch prices." if subs else "")
    )
    for w in forecast.warnings:
        st.warning(w[:1].upper() + w[1:] + ".", icon=":material/trending_up:")
