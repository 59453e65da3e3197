"""The decision model: pure Python (no streamlit) in capability packages.

- :mod:`model.engine` — the cost engine: canonical usage frame, price arrays, costing under
  every option, option adjustments, totals, model-name normalization.
- :mod:`model.usage` — usage logs: readers of real exports, re-pricing (large files
  included), reconciliation against the bill, forecast, the upload page's tables, exports.
- :mod:`model.plan` — workload scenarios: projection, what-if, break-even, ranges and
  sensitivity, capacity of new accounts, currency; the calculator's charts.
- :mod:`model.catalog` — price data shaped for browsing: model tables, option facts, diffs.
- :mod:`model.cli` — ``python -m model …`` (DESIGN §5).
- :mod:`model.display` — colours shared by every figure; :mod:`model.paths` — bundled data.

Arrows point one way (``tests/test_architecture.py`` enforces them): the engine imports no
other package; usage, plan and catalog import the engine, not each other; only the CLI
imports the CLI.
"""
