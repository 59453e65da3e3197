"""Usage logs: a real export in, its cost under every way of buying out.

- :mod:`~model.usage.readers` — :func:`~model.usage.readers.read_usage` (bytes + name →
  canonical frame) for every supported export, detection and column mapping.
- :mod:`~model.usage.reprice` — :func:`~model.usage.reprice.reprice_frame` and the
  ``reprice --json`` summary; :mod:`~model.usage.chunked` — the same for a file on disk,
  in slices when it is large.
- :mod:`~model.usage.reconcile` — computed against billed cost; :mod:`~model.usage.forecast`
  — the log projected forward; :mod:`~model.usage.tables` — the upload page's tables and
  sentences; :mod:`~model.usage.charts` — its figures; :mod:`~model.usage.export` — the
  downloads; :mod:`~model.usage.samples` — the bundled sample logs.

Imports the engine; never plan, catalog or the CLI.
"""
