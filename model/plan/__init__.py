"""Workload plans: a scenario of expected traffic in, monthly spend per option out.

- :mod:`~model.plan.scenario` — the scenario schema (DESIGN §5), loaded and dumped as YAML;
  :mod:`~model.plan.presets` — the calculator's presets.
- :mod:`~model.plan.projection` — :func:`~model.plan.projection.project`, month by month
  through the engine (what ``python -m model project`` prints).
- :mod:`~model.plan.whatif` — the fast evaluator; :mod:`~model.plan.breakeven` — break-evens
  and the cheapest option; :mod:`~model.plan.analysis` — ranges, sensitivity, itemized table.
- :mod:`~model.plan.capacity` — new direct accounts' tiers and caps (the 429 argument);
  :mod:`~model.plan.currency` — dated exchange rates; :mod:`~model.plan.charts` — figures.

Imports the engine; never usage, catalog or the CLI.
"""
