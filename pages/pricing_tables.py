"""Pricing tables: browse one price version (models and buying options); compare two."""

import streamlit as st

from model.catalog import view as catalog_view
from pages.ui import layout, loaders, state, widgets
from pages.ui.pricing_tables import views

# The page may run without app.py (deep link after a server start, AppTest): set its own frame.
layout.configure_page()
state.ensure_defaults()

st.title("Pricing tables")
book = loaders.price_book_or_stop()
version = widgets.pricing_version_picker(book)
catalog = book.get(version)

models_tab, options_tab, compare_tab = st.tabs(["Models", "Buying options", "Compare versions"])

with models_tab:
    vendor_col, search_col = st.columns([1, 2])
    vendors = vendor_col.multiselect(
        "Vendor",
        catalog_view.vendors(book.catalogs),
        key=state.PRICING_VENDORS,
        placeholder="All vendors",
    )
    query = search_col.text_input(
        "Search models", key=state.PRICING_SEARCH, placeholder="id, name or OpenRouter slug"
    )
    shown = catalog_view.filter_models(loaders.models_frame(version), vendors, query)
    st.markdown(views.provenance(catalog, len(shown)))
    if shown.empty:
        st.info("No model matches this vendor filter and search.")
    else:
        views.freshness(shown)
        views.models_table(shown)

with options_tab:
    st.markdown(views.provenance(catalog))
    for column, option in zip(st.columns(len(catalog.options) or 1), catalog.options, strict=False):
        with column:
            views.option_card(option)

with compare_tab:
    if len(book.versions) < 2:
        st.info(f"Only one pricing version ({version}) exists, so there is nothing to compare.")
    else:
        old, new = views.version_pair_picker(book)
        changes = loaders.diff_frame(old, new)
        terms = loaders.option_diff_frame(old, new)
        if old == new:
            st.info("Pick two different versions to see what changed.")
        elif changes.empty and terms.empty:
            st.success(f"No price changes between {old} and {new}.")
        else:
            st.markdown(views.diff_summary(old, new, catalog_view.diff_counts(changes)))
            if not changes.empty:
                views.diff_table(changes)
            if not terms.empty:
                st.markdown("**Buying option terms**")
                st.dataframe(terms, hide_index=True)
