"""Streamlit helpers of the pages (legacy ``pages/`` discovery skips this folder).

Shared: :mod:`~pages.ui.state` (key strings and defaults), :mod:`~pages.ui.layout` (page
frame), :mod:`~pages.ui.loaders` (cached loaders), :mod:`~pages.ui.widgets` (shared
controls), :mod:`~pages.ui.scenario_state` (the scenario the calculator edits),
:mod:`~pages.ui.formatting` (pure). One folder per page for the rest.
"""
