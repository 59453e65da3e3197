"""The cost engine (DESIGN §3–§4): every other capability prices through it.

- :mod:`~model.engine.columns` and :mod:`~model.engine.frame` — the canonical usage frame.
- :mod:`~model.engine.normalize` — raw model names onto catalog ids.
- :mod:`~model.engine.prices` — a catalog's prices as float64 arrays per option.
- :mod:`~model.engine.pricer` — rows grouped by (month, version × model, regime) and priced.
- :mod:`~model.engine.costing` — :func:`~model.engine.costing.cost_usage`, the entry point:
  a frame in, a :class:`~model.engine.costing.Costing` (per row, month, model, option) out.
- :mod:`~model.engine.adjustments` — discounts, purchase fees, BYOK, uplift (itemized).
- :mod:`~model.engine.totals` — mergeable totals (the ``reprice --json`` numbers);
  :mod:`~model.engine.comparable` — options compared on the rows every option prices
  (:func:`~model.engine.comparable.comparable`, what every "cheapest" verdict uses).

Imports only :mod:`pricing`, numpy and pandas: never another model package.
"""
