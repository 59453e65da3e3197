"""Price data shaped for browsing (the Pricing tables page and the home page):
:mod:`~model.catalog.view` — the models table, option facts, diffs between versions.

Imports :mod:`pricing` and the engine only.
"""
