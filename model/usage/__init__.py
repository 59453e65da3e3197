"""Usage logs: a real export in, its cost under every way of buying out.

- :mod:`~model.usage.readers` — :func:`~model.usage.readers.read_usage` (bytes + name →
  canonical frame) for every supported export, detection and column mapping.
- :mod:`~model.usage.reprice` — :func:`~model.usage.reprice.reprice_frame` and the
  ``reprice --json`` summary; :mod:`~model.usage.chunked` — the same for files on disk of
  any size: generic CSV, Parquet and Arrow summed into buckets by DuckDB
  (:mod:`~model.usage.columnar`), anything else by the readers, whole or in slices.
- :mod:`~model.usage.reconcile` — computed against the cost a log reports;
  :mod:`~model.usage.billed` — cost-only exports, and a usage log against the cost export
  of the same period (several files read together).
- :mod:`~model.usage.forecast` — daily volume projected from the current month (statsmodels'
  exponential smoothing, a stated flat pace under 14 days); :mod:`~model.usage.outlook` —
  that volume split by the recent mix, with what-if substitutions, as priced rows.
- :mod:`~model.usage.tables` — the upload page's tables and sentences (the verdict uses
  :func:`model.engine.comparable.comparable`); :mod:`~model.usage.charts` — its figures;
  :mod:`~model.usage.export` — the downloads (:func:`~model.usage.export.neutralize_formulas`
  on every text cell); :mod:`~model.usage.samples` — the bundled sample logs.

Imports the engine; never plan, catalog or the CLI.
"""
